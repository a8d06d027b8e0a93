#pragma once
/// How to train: the training settings, the named recipes (the CLI's --preset and the Train
/// tab's presets), and what training reports per epoch and per batch. Plain data, no
/// LibTorch. Thread-safety: plain values.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sdd/model/model_spec.h"

namespace sdd {

struct TrainConfig {
  int epochs = 60;
  /// > 0: a training set too small to give this many optimizer steps in `epochs` epochs gets
  /// more epochs (at most kMaxAutoEpochs): 80 epochs of 20 images are 80 updates, too few to
  /// train from scratch. Larger sets keep `epochs`. The default recipe's 3,600 are its 80
  /// epochs on NEU's 1,440 training images.
  int minSteps = 0;
  static constexpr int kMaxAutoEpochs = 2000;
  int batchSize = 32;
  double learningRate = 1e-3;
  std::string optimizer = "adam";  ///< adam | adamw | sgd
  double weightDecay = 0.0;
  double momentum = 0.9;            ///< sgd only
  std::string schedule = "cosine";  ///< none | cosine | step
  int stepSize = 20;                ///< step schedule: epochs between decays
  double gamma = 0.1;               ///< step schedule: decay factor
  int patience = 0;                 ///< early stopping on validation macro F1; 0 = off
  bool augment = true;              ///< flips, 90° rotations, brightness/contrast
  double brightness = 0.1;          ///< max additive shift, in [0,1] pixel units
  double contrast = 0.1;            ///< max relative contrast change
  double noise = 0.0;  ///< max Gaussian noise sigma, [0,1] pixel units (0.04 ~ 10 grey levels)
  double blur = 0.0;   ///< max Gaussian blur sigma in pixels, applied to half the images
  /// How an imbalanced training set is evened out: "none"; "weights": loss weights inverse to
  /// the class frequency; "sqrt": inverse to its square root (tempered); "sampling": batches
  /// drawn with each class equally likely (with replacement); "auto": "sampling" when the
  /// largest class has at least kImbalanced times the images of the smallest, else "none".
  /// Sampling rather than weights: as good on a 30:1 NEU (mean macro F1 of 3 seeds 0.911 vs
  /// 0.913; square root 0.901), and its gradients do not grow with the imbalance ratio.
  /// docs/performance.md ("The default recipe on other datasets") measures them.
  std::string balance = "none";
  static constexpr double kImbalanced = 3.0;
  double labelSmoothing = 0.0;  ///< cross-entropy label smoothing, [0, 1)
  /// Train a defect map (ModelSpec::defectMap) when training images have masks or boxes;
  /// its per-cell binary cross-entropy is added to the classification loss with `mapWeight`.
  bool defectMap = true;
  double mapWeight = 1.0;
  /// Exponential moving average of the weights (decay per batch, e.g. 0.999; 0 = off). The
  /// averaged weights are what is validated and saved.
  double ema = 0.0;
  std::string keep = "last";  ///< which epoch becomes model.sddm: last | best
  std::uint64_t seed = 42;
  int threads = 0;  ///< 0 = all cores or one, measured (ThreadTuner); N = fixed, repeatable
  /// A split whose decoded images would take more than this many MB is kept in a file in the
  /// run folder that the system pages in and out (datasets larger than memory), or decoded
  /// from its files for each batch when that folder has no room; 0 = half of this machine's
  /// memory.
  int dataMemoryMb = 0;
  /// Decode the images from their files for each batch, whatever their size (nothing held).
  bool streamImages = false;
  std::string device = "auto";  ///< auto | cpu | cuda | cuda:N
  bool channelsLast = true;     ///< measured ~1.3x faster on CPU for this CNN

  /// Throws std::invalid_argument naming the bad field.
  void validate() const;
  /// Exactly `n` epochs, whatever the training set's size (no step minimum).
  void fixEpochs(int n) {
    epochs = n;
    minSteps = 0;
  }
  /// The epochs a run on `trainImages` images takes (see minSteps).
  int epochsFor(long trainImages) const;
  /// The balancing a run uses for these per-class image counts ("auto" resolved).
  std::string balanceFor(const std::vector<long>& classCounts) const;
};
void to_json(nlohmann::json& j, const TrainConfig& c);
void from_json(const nlohmann::json& j, TrainConfig& c);

/// A named recipe: the network and how to train it. The CLI's --preset and the Train tab's
/// presets are these (docs/performance.md measures them).
struct TrainRecipe {
  std::string name;
  ModelSpec spec;
  TrainConfig config;
};
/// "default": ModelSpec::recommended(), Adam lr 0.003 with cosine decay over 80 epochs and a
/// weight average (ema 0.999). "tableII": the paper's network, lr 0.001, 60 epochs.
/// "tableII-bn": the same with BatchNorm. Throws std::invalid_argument for other names.
TrainRecipe trainRecipe(const std::string& name, int numClasses = 6);
/// The names trainRecipe accepts, the default first.
std::vector<std::string> trainRecipeNames();

struct EpochStats {
  int epoch = 0;   ///< 1-based
  int epochs = 0;  ///< the run's: a small training set's are more than configured (minSteps)
  double trainLoss = 0, trainAccuracy = 0;
  double valLoss = 0, valAccuracy = 0, valMacroF1 = 0;
  /// False when there were no validation images: the val figures were not measured (they are
  /// 0 here and shown as not measured, never as a score of 0).
  bool validated = true;
  double learningRate = 0;
  double seconds = 0;
  bool best = false;
};

void to_json(nlohmann::json& j, const EpochStats& s);
void from_json(const nlohmann::json& j, EpochStats& s);

struct TrainProgress {
  int epoch = 0, epochs = 0;
  std::size_t batch = 0, batches = 0;
  double runningLoss = 0;
  double elapsedSeconds = 0, etaSeconds = 0;
};

}  // namespace sdd
