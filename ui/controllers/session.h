#pragma once
// The window's open dataset and loaded model, kept consistent: a dataset opens with its
// workspace's journal (read-only when the workspace cannot be written; the GUI thread's
// connection waits at most 30 ms for another writer's lock), a model loads on the inference
// thread and is refused when its classes are not the dataset's, and one model's predictions
// are never mixed with another's. Lives on the GUI thread.

#include <QObject>
#include <QString>
#include <QStringList>

#include "sdd/labels/label_store.h"
#include "workers/inference_worker.h"

class QUndoStack;

namespace sddui {

class DatasetModel;
class InferenceController;
class RelabelController;

class Session : public QObject {
  Q_OBJECT
 public:
  /// All pointers outlive the session (they belong to the window).
  Session(DatasetModel* model, RelabelController* relabels, QUndoStack* undo,
          InferenceController* inference, const QString& device, QObject* parent = nullptr);

  /// Scans `folder` off the GUI thread with the journal of `workspace` (empty: the dataset's
  /// default workspace); ends with datasetOpened, datasetFailed or classListNeeded. A
  /// `classes` list (the user's answer to classListNeeded) is saved in the workspace first.
  void openDataset(const QString& folder, const QString& workspace = {},
                   const QStringList& classes = {});
  bool scanning() const { return scanning_; }
  QString workspace() const { return workspace_; }

  /// Loads `file` (refused with modelRefused when its classes are not the open dataset's).
  bool loadModel(const QString& file);
  bool modelLoaded() const { return modelOk_; }
  bool modelPending() const { return !pendingModel_.isEmpty(); }
  const ModelInfo& model() const { return modelInfo_; }
  /// True without a dataset, or when the model was trained on the dataset's classes.
  bool modelMatchesDataset() const;
  /// The shipped models and the models trained in the workspace, for comparisons.
  QStringList workspaceModels() const;

  static QString defaultWorkspace(const QString& datasetFolder);

 Q_SIGNALS:
  void scanProgress(int done, int total);
  void datasetOpened(const QString& folder, const sdd::AppliedLabels& applied);
  void datasetFailed(const QString& folder, const QString& reason);
  /// The images of `folder` name no classes and none are known (`reason` says so): ask for
  /// a class list and open it again with it.
  void classListNeeded(const QString& folder, const QString& workspace, const QString& reason);
  void modelLoading(const QString& file);
  void modelReady(const sddui::ModelInfo& info);
  void modelFailed(const QString& file, const QString& reason);
  void modelRefused(const QString& reason);

 private:
  DatasetModel* model_;
  RelabelController* relabels_;
  QUndoStack* undo_;
  InferenceController* inference_;
  QString device_;
  QString workspace_;
  bool scanning_ = false;
  ModelInfo modelInfo_;
  bool modelOk_ = false;
  QString pendingModel_;
};

}  // namespace sddui
