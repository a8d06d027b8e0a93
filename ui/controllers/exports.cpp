#include "controllers/exports.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QWidget>
#include <memory>

#include "models/dataset_model.h"
#include "sdd/labels/label_store.h"
#include "sdd/model/onnx_export.h"
#include "workers/background_job.h"

namespace sddui {

Exports::Exports(QWidget* window, DatasetModel* model)
    : QObject(window), window_(window), model_(model) {}

void Exports::journal() {
  if (!model_->store()) return;
  const QString f =
      QFileDialog::getSaveFileName(window_, tr("Export label journal"),
                                   QStringLiteral("label-journal.csv"), tr("CSV files (*.csv)"));
  if (f.isEmpty()) return;
  try {
    model_->store()->exportCsv(f.toStdString());
    Q_EMIT written(tr("Label journal written to %1").arg(f));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void Exports::relabeledCopy() {
  if (model_->isEmpty()) return;
  const QString dir =
      QFileDialog::getExistingDirectory(window_, tr("Export relabeled copy to an empty folder"));
  if (dir.isEmpty()) return;
  auto dataset = std::make_shared<const sdd::Dataset>(*model_->dataset());
  runInBackground<std::size_t>(
      this, [dataset, dir] { return sdd::exportFolderPerClass(*dataset, dir.toStdString()); },
      [this, dir](std::size_t n) { Q_EMIT written(tr("%1 images copied to %2").arg(n).arg(dir)); },
      [this](const QString& reason) { Q_EMIT failed(reason); });
}

void Exports::manifest() {
  if (model_->isEmpty()) return;
  const QString f = QFileDialog::getSaveFileName(
      window_, tr("Export manifest"), QStringLiteral("manifest.csv"), tr("CSV files (*.csv)"));
  if (f.isEmpty()) return;
  try {
    sdd::exportManifest(*model_->dataset(), f.toStdString());
    Q_EMIT written(tr("Manifest written to %1").arg(f));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void Exports::onnx(const QString& modelFile) {
  if (modelFile.isEmpty()) {
    Q_EMIT failed(tr("No model is loaded."));
    return;
  }
  const QString f = QFileDialog::getSaveFileName(
      window_, tr("Export model as ONNX"),
      QFileInfo(modelFile).completeBaseName() + QStringLiteral(".onnx"),
      tr("ONNX models (*.onnx)"));
  if (f.isEmpty()) return;
  const std::string version = QCoreApplication::applicationVersion().toStdString();
  runInBackground<bool>(
      this,
      [modelFile, f, version] {
        sdd::exportOnnx(modelFile.toStdString(), f.toStdString(), version);
        return true;
      },
      [this, f](bool) {
        Q_EMIT written(
            tr("Model written to %1 (input \"image\": RGB / 255, NCHW; output \"probabilities\")")
                .arg(f));
      },
      [this](const QString& reason) { Q_EMIT failed(reason); });
}

}  // namespace sddui
