#pragma once
/// The LibTorch module built from a ModelSpec, and model-file save/load.
/// Includes <torch/torch.h>: use only from core .cpp files and tests, never from Qt headers.

#include <torch/torch.h>

#include <filesystem>

#include "sdd/model/model_spec.h"

namespace sdd {

class DetectorNetImpl : public torch::nn::Module {
 public:
  explicit DetectorNetImpl(const ModelSpec& spec);
  /// Logits, shape [N, numClasses].
  torch::Tensor forward(torch::Tensor x);
  /// Output of the last conv block (before the head), for Grad-CAM.
  torch::Tensor features(torch::Tensor x);
  /// Head applied to features().
  torch::Tensor classify(torch::Tensor features);
  /// Logits and the descriptor for the unknown score ([N, spec().descriptorSize()]: the
  /// spatial mean of every conv block's output), from one forward pass. With `length` >= 0 only
  /// the parts that hold the first `length` values are computed (the unknown score needs the
  /// first two: the later blocks' moments cost a batch-1 prediction ~15 %).
  std::pair<torch::Tensor, torch::Tensor> forwardWithDescriptor(torch::Tensor x, int length = -1);
  /// Logits and the defect map's logits ([N, spec().mapChannels(), spec().mapSize(),
  /// spec().mapSize()]; channels 1-4 are log distances, ModelSpec::mapBoxes), from one
  /// forward pass; only for a spec with defectMap.
  std::pair<torch::Tensor, torch::Tensor> forwardWithMap(torch::Tensor x);
  const ModelSpec& spec() const { return spec_; }
  // The layers, for exporters (ONNX).
  torch::nn::Sequential blocks() const { return blocks_; }
  torch::nn::Linear hidden() const { return hidden_; }  ///< null when spec().fcWidth == 0
  torch::nn::Linear output() const { return output_; }
  /// The defect map's 1×1 convs, one per block from the second on; empty without a map.
  torch::nn::ModuleList mapConvs() const { return mapConvs_; }
  /// With ModelSpec::mapBoxes, the tower after the 1×1 convs' sum (ReLU, 3×3 conv, …, ReLU,
  /// 1×1 conv to the map's channels); null without.
  torch::nn::Sequential mapHead() const { return mapHead_; }

 private:
  ModelSpec spec_;
  torch::nn::Sequential blocks_{nullptr};
  torch::nn::Linear hidden_{nullptr};
  torch::nn::Linear output_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::ModuleList mapConvs_{nullptr};
  torch::nn::Sequential mapHead_{nullptr};
};
TORCH_MODULE(DetectorNet);

/// A defect map's planes ([C, m, m]: the defect's, then with ModelSpec::mapBoxes the distances
/// to its box's left, top, right and bottom edges, then any others) as those of their image
/// mirrored left-right (`flipX`), top-bottom (`flipY`), then turned `turns` quarter turns from
/// rows towards columns (torch's rot90 over the two spatial dims): the distances trade places
/// as the directions do. The one home of that rule: training turns its targets with it,
/// the explanation turns the map of a turned image back.
torch::Tensor turnMapPlanes(torch::Tensor planes, bool flipX, bool flipY, int turns);

/// Converts all 4-D parameters/buffers to channels-last (LibTorch 1.13 has no Module::to(format)).
void toChannelsLast(torch::nn::Module& module);

struct LoadedModel {
  ModelMetadata metadata;
  DetectorNet net{nullptr};
};

/// Writes weights + metadata atomically (temp file, then rename).
void saveModelFile(const std::filesystem::path& file, DetectorNet& net, const ModelMetadata& meta);
/// Loads a model file (version 2, or version 1: a LibTorch archive, read by our own code);
/// throws ModelError naming the file and the reason.
LoadedModel loadModelFile(const std::filesystem::path& file,
                          const torch::Device& device = torch::kCPU);

}  // namespace sdd
