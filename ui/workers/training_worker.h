#pragma once
// Runs sdd::Trainer on its own QThread. Stop is immediate through an atomic flag (the core
// stops after the current batch and saves a checkpoint); progress reaches the GUI as queued
// signals, throttled so a fast run cannot flood the event loop.

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "sdd/training/trainer.h"

namespace sddui {

struct TrainJob {
  std::shared_ptr<const sdd::Dataset> dataset;  ///< with the current labels
  sdd::ModelSpec spec;
  sdd::TrainConfig config;
  QString outDir;
  bool resume = false;
};

struct TrainOutcome {
  QString outDir;
  QString error;  ///< empty on success (including a stop)
  bool cancelled = false, earlyStopped = false;
  int epochs = 0, bestEpoch = 0;
  double bestMacroF1 = 0, seconds = 0;
  QString modelFile;
  /// The kept model's validation recall per class, "crazing 1.00, inclusion 0.73, …" (empty:
  /// not known).
  QString recall;
};

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  /// Asks a running job to stop after the current batch (any thread).
  void cancel() { cancel_ = true; }
  bool running() const { return running_; }

 public Q_SLOTS:
  void run(const sddui::TrainJob& job);

 Q_SIGNALS:
  void epochDone(const sdd::EpochStats& stats);
  void progress(const sdd::TrainProgress& p);
  void message(const QString& text);
  void finished(const sddui::TrainOutcome& outcome);

 private:
  std::atomic<bool> cancel_{false};
  std::atomic<bool> running_{false};
};

}  // namespace sddui

Q_DECLARE_METATYPE(sddui::TrainJob)
Q_DECLARE_METATYPE(sddui::TrainOutcome)
Q_DECLARE_METATYPE(sdd::EpochStats)
Q_DECLARE_METATYPE(sdd::TrainProgress)
