#include "widgets/status_labels.h"

#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

#include "workers/inference_worker.h"

namespace sddui {

StatusLabels::StatusLabels(QStatusBar* bar)
    : QObject(bar),
      progress_(new QProgressBar),
      dataset_(new QLabel),
      model_(new QLabel),
      device_(new QLabel) {
  progress_->setMaximumWidth(180);
  progress_->hide();
  for (QWidget* w : std::initializer_list<QWidget*>{progress_, dataset_, model_, device_})
    bar->addPermanentWidget(w);
}

void StatusLabels::setDataset(const QString& root, const QString& workspace) {
  if (root.isEmpty()) {
    dataset_->setText(tr("No dataset"));
    return;
  }
  dataset_->setText(tr("Dataset: %1").arg(QFileInfo(root).fileName()));
  dataset_->setToolTip(tr("%1\nWorkspace (label journal): %2").arg(root, workspace));
}

void StatusLabels::setModelLoading() { model_->setText(tr("Loading model…")); }

void StatusLabels::setNoModel() { model_->setText(tr("No model")); }

void StatusLabels::setModel(const ModelInfo& info, bool matchesDataset) {
  model_->setText(tr("Model: %1").arg(QFileInfo(info.file).fileName()) +
                  (matchesDataset ? QString() : tr(" (other classes)")));
  model_->setToolTip(tr("%1\n%2, %3 parameters\nclasses: %4\n%5")
                         .arg(info.file, info.architecture)
                         .arg(info.parameters)
                         .arg(info.classes.join(QStringLiteral(", ")), info.metricsSummary));
  device_->setText(tr("Device: %1, %2 engine").arg(info.device.toUpper(), info.engine));
}

}  // namespace sddui
