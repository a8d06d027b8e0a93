#include "inference_worker.h"

#include <QElapsedTimer>

#include <exception>

#include "sdd/inference/predictor.h"

namespace sddui {

InferenceWorker::InferenceWorker() {
  qRegisterMetaType<sddui::ClassifyResult>();
  qRegisterMetaType<sddui::ModelInfo>();
}

InferenceWorker::~InferenceWorker() = default;

void InferenceWorker::loadModel(const QString& file, const QString& device) {
  try {
    // One image at a time, one thread: as on a line, and it leaves a core to the GUI.
    auto p = std::make_unique<sdd::Predictor>(file.toStdString(), device.toStdString(), 1);
    const sdd::ModelMetadata& meta = p->metadata();
    ModelInfo info;
    info.file = file;
    for (const auto& c : meta.classes) info.classes << QString::fromStdString(c);
    info.architecture = QString::fromStdString(meta.spec.describe());
    info.device = QString::fromStdString(p->deviceName());
    info.parameters = meta.spec.parameterCount();
    if (meta.metrics.contains("val_macro_f1")) {
      info.metricsSummary = QStringLiteral("macro F1 %1 on %2")
                                .arg(meta.metrics["val_macro_f1"].get<double>(), 0, 'f', 4)
                                .arg(QString::fromStdString(meta.metrics.value("data", std::string("?"))));
    }
    predictor_ = std::move(p);
    Q_EMIT modelLoaded(info);
  } catch (const std::exception& e) {
    Q_EMIT modelFailed(file, QString::fromStdString(e.what()));
  }
}

void InferenceWorker::classify(const QStringList& files, int batchId) {
  cancel_ = false;
  QElapsedTimer timer;
  timer.start();
  int ok = 0, failed = 0;
  for (const QString& f : files) {
    if (cancel_) break;
    ClassifyResult r;
    r.file = f;
    if (!predictor_) {
      r.error = tr("no model loaded");
    } else {
      const sdd::Prediction p = predictor_->predictFile(f.toStdString());
      r.classIndex = p.classIndex;
      r.totalMs = p.totalMs;
      r.error = QString::fromStdString(p.error);
      r.probabilities = QVector<float>(p.probabilities.begin(), p.probabilities.end());
    }
    (r.ok() ? ok : failed)++;
    Q_EMIT result(batchId, r);
  }
  Q_EMIT batchFinished(batchId, ok, failed, timer.elapsed() / 1000.0, cancel_.load());
}

}  // namespace sddui
