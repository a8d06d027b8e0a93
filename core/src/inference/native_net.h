#pragma once
/// The classifier path of a DetectorNet (conv blocks, head, SoftMax and the unknown score's
/// descriptor) in plain C++, one image at a time: the "native" inference engine. At batch 1
/// the network is a few million multiply-adds, which LibTorch's and OpenCV DNN's per-layer
/// machinery outweighs (issue 22: 0.25 ms in OpenCV DNN for 2.6 M MACs); here each block
/// is one loop nest over buffers allocated once. BatchNorm is folded into the convolutions,
/// and a grey image for a 3-channel model whose channels are normalized alike goes through
/// the first convolution as one channel (its weights summed), which is exact.

#include <opencv2/core.hpp>
#include <vector>

#include "sdd/model/model_spec.h"

namespace sdd {

class DetectorNetImpl;

class NativeNet {
 public:
  /// Copies the weights of `net` (taken in evaluation mode). Throws ModelError for a
  /// network it cannot run (see supports()).
  NativeNet(DetectorNetImpl& net, const Normalization& normalization);
  /// Whether a spec can run here: any ModelSpec the project builds (odd kernel sizes).
  static bool supports(const ModelSpec& spec);

  /// One image made by toModelInput (inputSize square, the model's channels or 1): the
  /// SoftMax probabilities and, when `descriptor` is given, the descriptor
  /// (DetectorNet::forwardWithDescriptor), only the parts holding its first `length` values
  /// when `length` >= 0. Thread-safe (the buffers are per thread).
  void run(const cv::Mat& input, std::vector<float>& probabilities,
           std::vector<float>* descriptor = nullptr, int length = -1) const;

 private:
  struct Conv {
    int cin = 0, cout = 0;
    std::vector<float> weights;  ///< [k][k][cin][cout], BatchNorm folded in
    std::vector<float> bias;
  };
  struct Dense {
    int in = 0, out = 0;
    std::vector<float> weights;  ///< [out][in]
    std::vector<float> bias;
  };
  ModelSpec spec_;
  Normalization norm_;
  std::vector<Conv> convs_;
  Conv greyFirst_;  ///< the first conv for a grey image (cin 1); cin 0 when not foldable
  Dense hidden_, output_;
};

}  // namespace sdd
