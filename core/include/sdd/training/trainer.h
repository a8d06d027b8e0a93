#pragma once
/// The training loop: epochs, optimizer, LR schedule, early stopping, checkpoints,
/// resume, cancellation and progress callbacks. LibTorch stays inside the .cpp.
/// Thread-safety: run() blocks the calling thread; callbacks are invoked on that thread.
/// The cancel flag may be set from any thread.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/model/model_spec.h"
#include "sdd/training/run_folder.h"
#include "sdd/training/train_config.h"
#include "sdd/util/atomic_file.h"

namespace sdd {

/// An epoch could not be saved (disk full, ...), so the run stopped there. `resumable()`:
/// the checkpoint of the epoch before is intact and the run can be resumed from it.
class EpochNotSaved : public WriteError {
 public:
  EpochNotSaved(const std::string& what, bool resumable)
      : WriteError(what), resumable_(resumable) {}
  bool resumable() const { return resumable_; }

 private:
  bool resumable_;
};

/// A run cannot be resumed from its checkpoint (missing, damaged, another network, classes
/// or split). The message says which, in words that name no command-line flag.
class ResumeError : public ModelError {
 public:
  using ModelError::ModelError;
};

struct TrainResult {
  std::vector<EpochStats> history;  ///< including epochs from a resumed run
  /// The epoch of the best validation macro F1; without validation images the last (nothing
  /// better is known), so keeping "best" keeps the last.
  int bestEpoch = 0;
  double bestMacroF1 = 0;
  bool cancelled = false;
  bool earlyStopped = false;
  /// The kept model's validation recall per class (empty: not known, e.g. cancelled).
  std::vector<double> perClassRecall;
  std::filesystem::path modelFile;  ///< the kept model (model.sddm)
  std::filesystem::path bestFile;   ///< best.sddm
  double seconds = 0;
};

class Trainer {
 public:
  /// `outDir` is the run's folder (RunFolder: run.json, the models, the checkpoint, the
  /// logs). Created if missing.
  Trainer(Dataset dataset, ModelSpec spec, TrainConfig config, std::filesystem::path outDir);
  ~Trainer();

  std::function<void(const TrainProgress&)> onProgress;
  std::function<void(const EpochStats&)> onEpoch;
  std::function<void(const std::string&)> onMessage;

  /// When *flag becomes true, training stops after the current batch and saves.
  void setCancelFlag(const std::atomic<bool>* flag) { cancel_ = flag; }

  /// Runs to completion, early stop, or cancellation. With resume = true, continues from
  /// the run folder's checkpoint (throws ResumeError when it is missing, damaged or from
  /// another setup). An epoch that cannot be saved ends the run with EpochNotSaved. A network or
  /// batch too big for the machine is std::invalid_argument.
  TrainResult run(bool resume = false);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace sdd
