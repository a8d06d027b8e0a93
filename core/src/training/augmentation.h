#pragma once
// Internal: the training-time augmentation of a batch (TrainConfig: flips, 90° rotations of
// square images, brightness/contrast jitter, optional blur and Gaussian noise), drawn from
// the caller's seeded generator so that a run repeats for a given seed and thread count.

#include <torch/torch.h>

#include <random>

#include "sdd/training/train_config.h"

namespace sdd::training {

/// `x01`: float images [N,C,H,W] in [0,1]; returns an augmented copy, values kept in [0,1].
/// `target` (defect maps [N,1,m,m] or with boxes [N,6,m,m], may be null): flipped and rotated
/// as its image, in place, the box distances swapped to follow; it draws nothing from `rng`,
/// so a run's augmentation is the same with or without a map.
torch::Tensor augmentBatch(torch::Tensor x01, const TrainConfig& config, std::mt19937_64& rng,
                           torch::Tensor* target = nullptr);

}  // namespace sdd::training
