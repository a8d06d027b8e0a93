#pragma once
// Core-internal: cv::Mat <-> tensor conversion shared by training and inference.
#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <vector>

#include "sdd/model/model_spec.h"

namespace sdd {

/// Stacks equally sized CV_8UC1/CV_8UC3 images into a uint8 tensor [N, C, H, W], one copy.
torch::Tensor imagesToTensorU8(const std::vector<cv::Mat>& images);

/// uint8 [N,C,H,W] -> float, scaled to [0,1], normalized, on `device`, optionally channels-last.
/// Grey images held as one channel ([N,1,H,W]) for a model of more channels come out with
/// the channel repeated, as the model expects.
torch::Tensor normalizeBatch(const torch::Tensor& u8, const Normalization& norm,
                             const torch::Device& device, bool channelsLast);

}  // namespace sdd
