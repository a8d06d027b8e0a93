#pragma once
// Evening out an imbalanced training set (TrainConfig::balance): loss weights or
// class-balanced batches, and the order of each epoch's images. Internal to the trainer.
// Thread-safety: plain functions over values.

#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sdd/training/train_config.h"

namespace sdd::training {

struct ClassBalance {
  std::string how;  ///< the balance used: none | weights | sqrt | sampling ("auto" resolved)
  std::vector<long> counts;  ///< training images per class
  /// weights / sqrt: per-class loss weights, averaging 1 over the training images.
  torch::Tensor lossWeights;
  /// sampling: the training images of each class that has any.
  std::vector<std::vector<std::int64_t>> imagesByClass;
  /// "classes evened out (sampling): the training classes have 8 to 240 images"
  std::string describe() const;
};

/// The balance `config` asks for (TrainConfig::balanceFor resolves "auto") for training labels
/// `y` (int64, 0..classes-1).
ClassBalance balanceClasses(const torch::Tensor& y, int classes, const TrainConfig& config);

/// The order of one epoch's `n` training images: a shuffle of 0..n-1, or with `byClass` (the
/// images of each class, none empty) n class-balanced draws: a class uniformly, then one of
/// its images (with replacement).
std::vector<std::int64_t> epochOrder(long n, const std::vector<std::vector<std::int64_t>>& byClass,
                                     std::mt19937_64& rng);

}  // namespace sdd::training
