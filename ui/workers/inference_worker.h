#pragma once
// Runs sdd::Predictor on its own QThread. The GUI talks to it only through queued signals
// and slots, so classification never blocks the event loop.

#include <QImage>
#include <QObject>
#include <QPoint>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <limits>
#include <memory>

#include "sdd/metrics/calibration.h"

namespace sdd {
class Predictor;
}

namespace sddui {

/// One classified (or rejected) image.
struct ClassifyResult {
  QString file;
  int classIndex = -1;  ///< -1: not classified, see error
  QVector<float> probabilities;
  /// The model's confidence rule applied (sdd/metrics/calibration.h): accept, review or
  /// unknown; accept for a model without a rule.
  sdd::Decision decision = sdd::Decision::Accept;
  float calibrated = 0;  ///< the top class's calibrated probability
  /// NaN where it was not computed; 0 for a model without an unknown detector.
  double unknownScore = std::numeric_limits<double>::quiet_NaN();
  QString unknownReason;  ///< why it is outside the model's trained image sizes; empty if not
  double totalMs = 0;     ///< file read -> decision
  QString error;
  bool ok() const { return error.isEmpty(); }
};

/// A Grad-CAM heat map ready to draw over the image.
struct Explained {
  QString file;
  int classIndex = -1;     ///< the class explained
  QImage overlay;          ///< ARGB32, the image's size: colour = heat, alpha grows with heat
  QPoint peak{-1, -1};     ///< heat maximum, in image pixels
  bool defectMap = false;  ///< the model's defect map, not Grad-CAM
  QList<QRect> regions;    ///< defect map only: the defects it found, best first
  QString error;
};

/// Where scored probabilities are kept: the workspace's predictions file, for `model` (the
/// model file's fingerprint), by journal path (one per file scored, in order). An empty
/// file keeps nothing.
struct ScoreTarget {
  QString predictionsFile;
  QString model;
  QStringList classes;
  QStringList journalPaths;
};

/// What a model file holds, as the GUI shows it.
struct ModelInfo {
  QString file;
  QStringList classes;
  QString architecture;
  QString device;
  QString engine;  ///< Predictor::engine(): native, torch or opencv
  long long parameters = 0;
  QString metricsSummary;
  /// The model's confidence rule (none: every decision accepted).
  sdd::ConfidenceRule rule;
  bool defectMap = false;                     ///< the model has a defect map (ModelSpec::defectMap)
  std::vector<std::uint64_t> trainingImages;  ///< ModelMetadata::trainingImages
};

class InferenceWorker : public QObject {
  Q_OBJECT
 public:
  InferenceWorker();
  ~InferenceWorker() override;

  /// Asks a running classify() to stop after the current image (any thread).
  void cancel() { cancel_ = true; }

 public Q_SLOTS:
  /// Loads a model (device: auto | cpu | cuda). Emits modelLoaded or modelFailed.
  void loadModel(const QString& file, const QString& device);
  /// Classifies `files` one at a time (the paper's timing), emitting result() per file and
  /// batchFinished() at the end. `batchId` is echoed back.
  void classify(const QStringList& files, int batchId);
  /// Scores `files` in batches (decoded in parallel, 64 images a forward pass: a dataset's
  /// suggestions), keeping each chunk's probabilities in `target` before emitting result()
  /// for its files (totalMs: the chunk's time per image), then batchFinished().
  void score(const QStringList& files, const sddui::ScoreTarget& target, int batchId);
  /// Grad-CAM of `file` for `targetClass` (-1: the predicted class), or with `defectMap` the
  /// model's defect map. Emits explained().
  void explain(const QString& file, int targetClass, bool defectMap);

 Q_SIGNALS:
  void modelLoaded(const sddui::ModelInfo& info);
  void modelFailed(const QString& file, const QString& reason);
  void result(int batchId, const sddui::ClassifyResult& r);
  void batchFinished(int batchId, int classified, int failed, double seconds, bool cancelled);
  void explained(const sddui::Explained& e);

 private:
  /// Applies the loaded model's confidence rule to a classified result.
  void setDecision(ClassifyResult& r, const std::vector<float>& probabilities, int width,
                   int height, double unknownScore) const;
  std::unique_ptr<sdd::Predictor> predictor_;
  std::atomic<bool> cancel_{false};
};

}  // namespace sddui

Q_DECLARE_METATYPE(sddui::ClassifyResult)
Q_DECLARE_METATYPE(sddui::ModelInfo)
Q_DECLARE_METATYPE(sddui::Explained)
Q_DECLARE_METATYPE(sddui::ScoreTarget)
