#pragma once
// Shared by the libFuzzer targets that read model files: the seed model's metadata and the
// load-and-run check.
#include <cstdint>
#include <filesystem>

#include "fuzz_support.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/model_spec.h"

namespace sdd::fuzz {

/// The metadata of the smallest model worth saving (16 px, one conv block of 4, BN, GAP,
/// 2 classes): the seed model file and the frame fuzz_model_metadata writes around its input.
inline sdd::ModelMetadata tinyModelMetadata() {
  sdd::ModelMetadata meta;
  meta.spec.inputSize = 16;
  meta.spec.inputChannels = 3;
  meta.spec.convChannels = {4};
  meta.spec.head = sdd::HeadType::GlobalAvgPool;
  meta.spec.fcWidth = 0;
  meta.spec.batchNorm = true;
  meta.spec.numClasses = 2;
  meta.classes = {"crazing", "patches"};
  meta.normalization.mean = {0.5f, 0.5f, 0.5f};
  meta.normalization.std = {0.25f, 0.25f, 0.25f};
  return meta;
}

/// Loads a model file; the only acceptable failure is a ModelError, and a model that loads
/// must run and answer one probability per class.
inline void loadAndRunModel(const std::filesystem::path& file) {
  try {
    sdd::LoadedModel m = sdd::loadModelFile(file);
    const auto& spec = m.metadata.spec;
    if (spec.inputSize <= 256) {
      torch::NoGradGuard guard;
      const auto out =
          m.net->forward(torch::zeros({1, spec.inputChannels, spec.inputSize, spec.inputSize}));
      if (out.size(1) != static_cast<std::int64_t>(m.metadata.classes.size()))
        fail("model output width differs from its class list");
    }
  } catch (const sdd::ModelError&) {
  }
}

}  // namespace sdd::fuzz
