#pragma once
/// Out-of-fold probabilities by k-fold cross-validation, and the images whose given label
/// gets a low out-of-sample probability ("suspected label errors"). Every image is scored by
/// a model that never saw it, so a wrong label cannot have been memorised.
/// Thread-safety: run on one thread; `cancel` may be set from any thread.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/model/model_spec.h"
#include "sdd/training/trainer.h"

namespace sdd {

struct OutOfFold {
  int folds = 0;
  std::vector<int> fold;                  ///< per sample: the fold it was held out in
  std::vector<std::vector<float>> probs;  ///< per sample; empty when it could not be scored
  bool cancelled = false;
};

struct CrossValidationProgress {
  int fold = 0, folds = 0;  ///< 1-based fold being trained
  int epoch = 0, epochs = 0;
  std::string message;
};

/// Splits all samples (both splits) into `folds` stratified folds (seeded by config.seed),
/// trains one model per fold on the others in `workDir/fold-<i>`, and scores the held-out
/// fold. Throws std::invalid_argument for folds < 2 or a class with fewer images than folds.
OutOfFold outOfFoldProbabilities(
    const Dataset& dataset, const ModelSpec& spec, const TrainConfig& config, int folds,
    const std::filesystem::path& workDir,
    const std::function<void(const CrossValidationProgress&)>& progress = {},
    const std::atomic<bool>* cancel = nullptr);

struct SuspectedLabel {
  std::size_t sample = 0;  ///< Dataset::samples() index
  int label = -1;          ///< the current label
  int suggested = -1;      ///< the most probable class out of sample
  float labelProbability = 0, suggestedProbability = 0;
};

/// Images whose label's out-of-fold probability is below `threshold` and is not the most
/// probable class, lowest first.
std::vector<SuspectedLabel> suspectedLabels(const Dataset& dataset, const OutOfFold& oof,
                                            double threshold = 0.5);

}  // namespace sdd
