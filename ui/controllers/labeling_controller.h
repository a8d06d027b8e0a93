#pragma once
// Labeling with the model's help in the workbench: the suggestions kept in the workspace for
// the loaded model (shown again after a restart), scoring the images without a class, the
// review queue of the Review tab (accept, give a class, mark unsure, undo; how far and how
// long), bulk acceptance with a preview, and Train & Re-score (train on the labeled images,
// load the new model, score the unlabeled ones with it). Every label goes through the
// RelabelController: journal first, one undo step per decision or per bulk acceptance.
// Lives on the GUI thread.

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <functional>
#include <vector>

#include "sdd/labels/label_store.h"
#include "workers/inference_worker.h"

class QWidget;

namespace sddui {

class DatasetModel;
class InferenceController;
class RelabelController;
class ReviewPanel;
class Session;
class TrainPanel;
struct TrainOutcome;

class LabelingController : public QObject {
  Q_OBJECT
 public:
  /// `classify(files)` starts classifying dataset files as the window does (progress, the
  /// Classify tab); the rest must outlive the controller.
  LabelingController(DatasetModel* model, Session* session, RelabelController* relabels,
                     ReviewPanel* review, TrainPanel* train, InferenceController* inference,
                     QWidget* window, std::function<void(const QStringList&)> classify,
                     QObject* parent = nullptr);

  /// Where scoring `files` (dataset files) keeps their probabilities: the workspace's
  /// predictions file for the loaded model (nothing when there is no workspace or model).
  ScoreTarget scoreTarget(const QStringList& files) const;
  /// Shows the probabilities kept in the workspace for the loaded model; returns how many.
  int restoreSuggestions();
  /// Scores the images without a class (all of them when `all`).
  void scoreUnlabeled(bool all = false);
  /// Rebuilds the review queue in the panel's order and shows its first image.
  void restartReview();
  /// Asks for a threshold, previews it and accepts the suggestions at least that confident
  /// among `rows` (empty: every image without a class; never those marked unsure), as one
  /// undo step.
  void bulkAccept(const QVector<int>& rows = {});
  /// The same without asking (scripts, tests): returns how many images it labels.
  int acceptAbove(double threshold, const QVector<int>& rows = {});
  /// Trains with the Train tab's settings; when that finishes, loads the new model and
  /// scores the images without a class with it.
  void trainAndRescore();
  /// The fingerprint of the loaded model file (empty without one).
  QString modelFingerprint() const { return fingerprint_; }
  /// The queue left, for tests: dataset rows.
  const std::vector<std::size_t>& queue() const { return queue_; }
  std::size_t position() const { return pos_; }

 Q_SIGNALS:
  /// Train & Re-score is done: the new model scored the images (or `error` says why not).
  void rescored(const QString& modelFile, const QString& error);

 private:
  void showCurrent();
  void decide(int cls, const char* method);
  void markUnsure();
  void undo();
  void updateProgress();
  sdd::LabelSource source(const std::string& method) const;
  /// The rows of `rows` (empty: all) a bulk acceptance may label: not marked unsure and not
  /// called unknown by the model.
  std::vector<std::size_t> bulkCandidates(const QVector<int>& rows) const;

  DatasetModel* model_;
  Session* session_;
  RelabelController* relabels_;
  ReviewPanel* review_;
  TrainPanel* train_;
  QWidget* window_;
  std::function<void(const QStringList&)> classify_;
  QString fingerprint_;
  std::vector<std::size_t> queue_;
  std::size_t pos_ = 0;
  struct Decision {
    int row;
    bool unsure;  ///< marked unsure (not a label)
  };
  std::vector<Decision> decided_;  ///< this review's decisions, in order (for undo)
  QElapsedTimer pace_;
  int paceDecisions_ = 0;
  bool rescoreAfterTraining_ = false, rescoreAfterLoad_ = false, rescoring_ = false;
};

}  // namespace sddui
