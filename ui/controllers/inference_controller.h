#pragma once
// The inference worker's thread and the GUI's side of it: loading a model, classifying a
// batch of files one at a time, Grad-CAM on request. Results reach the GUI in bursts every
// 100 ms rather than one by one (one-by-one updates stalled the event loop 60-130 ms during a
// 360-image batch). Lives on the GUI thread; the worker lives on its own.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVector>

#include "workers/inference_worker.h"

namespace sddui {

class InferenceController : public QObject {
  Q_OBJECT
 public:
  explicit InferenceController(QObject* parent = nullptr);
  ~InferenceController() override;

  /// Loads `file` on `device` (auto | cpu | cuda); ends with modelLoaded or modelFailed.
  void loadModel(const QString& file, const QString& device);
  /// Starts classifying `files`; false when a batch is still running.
  bool classify(const QStringList& files);
  /// Starts scoring `files` in batches, keeping the probabilities in `target`; false when a
  /// batch is still running. Results and the end arrive as for classify().
  bool score(const QStringList& files, const ScoreTarget& target);
  /// Stops the running batch after the current image.
  void cancel();
  bool busy() const { return active_ >= 0; }
  /// Grad-CAM of the predicted class of `file`, or the model's defect map; ends with explained.
  void explain(const QString& file, bool defectMap);

 Q_SIGNALS:
  void modelLoaded(const sddui::ModelInfo& info);
  void modelFailed(const QString& file, const QString& reason);
  /// Results of the running batch that arrived since the last burst.
  void results(const QVector<sddui::ClassifyResult>& burst);
  void batchFinished(int classified, int failed, double seconds, bool cancelled);
  void explained(const sddui::Explained& e);

  // to the worker
  void requestLoadModel(const QString& file, const QString& device);
  void requestClassify(const QStringList& files, int batchId);
  void requestScore(const QStringList& files, const sddui::ScoreTarget& target, int batchId);
  void requestExplain(const QString& file, int targetClass, bool defectMap);

 private:
  void flush();

  QThread thread_;
  InferenceWorker* worker_;
  QTimer flushTimer_;
  QVector<ClassifyResult> pending_;
  int active_ = -1, next_ = 0;
};

}  // namespace sddui
