#include "controllers/session.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QUndoStack>

#include "commands/relabel_controller.h"
#include "controllers/dataset_opener.h"
#include "controllers/inference_controller.h"
#include "models/dataset_model.h"
#include "sdd/dataset/file_walk.h"
#include "sdd/model/model_spec.h"
#include "sdd/util/runtime.h"
#include "sdd/workspace/workspace.h"

namespace sddui {

Session::Session(DatasetModel* model, RelabelController* relabels, QUndoStack* undo,
                 InferenceController* inference, const QString& device, QObject* parent)
    : QObject(parent),
      model_(model),
      relabels_(relabels),
      undo_(undo),
      inference_(inference),
      device_(device) {
  connect(inference_, &InferenceController::modelLoaded, this, [this](const ModelInfo& info) {
    if (modelOk_ && info.file != modelInfo_.file)
      model_->clearPredictions();  // never mix two models' outputs
    modelInfo_ = info;
    modelOk_ = true;
    model_->setConfidenceRule(info.rule);
    model_->setTrainingImages(info.trainingImages);
    pendingModel_.clear();
    Q_EMIT modelReady(info);
  });
  connect(inference_, &InferenceController::modelFailed, this,
          [this](const QString& file, const QString& reason) {
            pendingModel_.clear();
            Q_EMIT modelFailed(file, reason);
          });
}

namespace {

// The folder on disk that `folder` names: Qt writes bytes of a name that are not UTF-8 as
// U+FFFD (sdd::findByShownName finds the folder anyway); `folder` as given when none matches.
std::string onDisk(const QString& folder) {
  const std::filesystem::path found = sdd::findByShownName(folder.toStdString());
  return found.empty() ? folder.toStdString() : found.string();
}

// The base folder from Qt (it follows the platform and the tests' QStandardPaths test mode);
// the naming from the core, which the CLI shares.
QString workspaceFor(const std::string& root) {
  const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  return QString::fromStdString(sdd::Workspace::defaultFor(root, base.toStdString()).string());
}

}  // namespace

QString Session::defaultWorkspace(const QString& datasetFolder) {
  return workspaceFor(onDisk(datasetFolder));
}

void Session::openDataset(const QString& folder, const QString& workspace,
                          const QStringList& classes) {
  if (scanning_) return;
  const std::string root = onDisk(folder);
  const QString ws = workspace.isEmpty() ? workspaceFor(root) : workspace;
  if (!classes.isEmpty()) {
    try {
      sdd::requireWorkspaceOutsideDataset(ws.toStdString(), root);
      std::vector<std::string> list;
      for (const QString& c : classes) list.push_back(c.trimmed().toStdString());
      sdd::Workspace(ws.toStdString()).saveClassList(list);
    } catch (const std::exception& e) {
      Q_EMIT datasetFailed(folder, QString::fromStdString(e.what()));
      return;
    }
  }
  // When the folders name no classes, the model's (loaded, or being loaded) are the classes.
  std::vector<std::string> modelClasses;
  for (const QString& c : modelInfo_.classes) modelClasses.push_back(c.toStdString());
  if (!pendingModel_.isEmpty()) {
    try {
      modelClasses = sdd::readModelMetadata(pendingModel_.toStdString()).classes;
    } catch (const std::exception&) {
      // It will fail to load and say why; the scan goes on without its classes.
    }
  }
  scanning_ = true;
  openDatasetInBackground(
      this, folder, root, ws, modelClasses,
      [this](int done, int total) { Q_EMIT scanProgress(done, total); },
      [this, folder, ws](OpenedDataset out) {
        scanning_ = false;
        if (!out.classListNeeded.isEmpty()) {
          Q_EMIT classListNeeded(folder, ws, out.classListNeeded);
          return;
        }
        relabels_->clear();
        undo_->clear();
        // One journal connection per thread: the scan thread's is closed; the GUI thread
        // opens its own, which waits at most 30 ms for another writer's lock
        // (RelabelController retries later rather than freezing the window).
        try {
          const auto access = out.readOnlyJournal ? sdd::LabelStore::Access::ReadOnly
                                                  : sdd::LabelStore::Access::ReadWrite;
          auto store = std::make_unique<sdd::LabelStore>(
              sdd::LabelStore::journalFile(ws.toStdString()), access);
          store->setBusyTimeout(30);
          model_->reset(std::move(*out.dataset), std::move(store), out.journalRow);
        } catch (const std::exception& e) {
          Q_EMIT datasetFailed(folder, QString::fromStdString(e.what()));
          return;
        }
        workspace_ = ws;
        Q_EMIT datasetOpened(folder, out.applied);
      },
      [this, folder](const QString& reason) {
        scanning_ = false;
        Q_EMIT datasetFailed(folder, reason);
      });
}

bool Session::modelMatchesDataset() const {
  return model_->isEmpty() || modelInfo_.classes == model_->classes();
}

bool Session::loadModel(const QString& file) {
  if (!model_->isEmpty()) {
    try {
      const sdd::ModelMetadata meta = sdd::readModelMetadata(file.toStdString());
      sdd::requireSameClasses(meta.classes, model_->dataset()->classes(), file.toStdString());
    } catch (const std::exception& e) {
      Q_EMIT modelRefused(QString::fromStdString(e.what()));
      return false;
    }
  }
  pendingModel_ = file;
  Q_EMIT modelLoading(file);
  inference_->loadModel(file, device_);
  return true;
}

QStringList Session::workspaceModels() const {
  QStringList out;
  for (const auto& file : sdd::shippedModelFiles())
    if (QFileInfo::exists(QString::fromStdString(file.string())))
      out << QString::fromStdString(file.string());
  if (!workspace_.isEmpty())
    for (const auto& file : sdd::Workspace(workspace_.toStdString()).trainedModels())
      out << QString::fromStdString(file.string());
  return out;
}

}  // namespace sddui
