#include "workers/inference_worker.h"

#include <QElapsedTimer>
#include <exception>

#include "display_image.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/prediction_store.h"
#include "sdd/labels/prelabel.h"

namespace sddui {

InferenceWorker::InferenceWorker() {
  qRegisterMetaType<sddui::ClassifyResult>();
  qRegisterMetaType<sddui::ModelInfo>();
  qRegisterMetaType<sddui::Explained>();
  qRegisterMetaType<sddui::ScoreTarget>();
}

void InferenceWorker::explain(const QString& file, int targetClass, bool defectMap) {
  Explained out;
  out.file = file;
  out.defectMap = defectMap;
  try {
    if (!predictor_) throw std::runtime_error(tr("no model loaded").toStdString());
    const sdd::DecodedImage d = sdd::loadImage(file.toStdString());
    if (!d.ok()) throw std::runtime_error(d.error);
    const sdd::Explanation e = predictor_->explain(
        d.image, targetClass, defectMap ? sdd::CamMethod::DefectMap : sdd::CamMethod::GradCam);
    for (const cv::Rect& r : e.shownRegions())
      out.regions.append(QRect(r.x, r.y, r.width, r.height));
    out.classIndex = e.classIndex;
    out.peak = QPoint(e.peak.x, e.peak.y);
    out.overlay = sddreport::heatOverlay(e.heatmap);
  } catch (const std::exception& e) {
    out.error = QString::fromStdString(e.what());
  }
  Q_EMIT explained(out);
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
    info.engine = QString::fromStdString(p->engine());
    info.parameters = meta.spec.parameterCount();
    info.defectMap = meta.spec.defectMap;
    info.trainingImages = meta.trainingImages;
    info.rule = meta.confidenceRule.value_or(sdd::ConfidenceRule{});
    if (meta.metrics.contains("val_macro_f1")) {
      info.metricsSummary =
          tr("macro F1 %1 on %2")
              .arg(meta.metrics["val_macro_f1"].get<double>(), 0, 'f', 4)
              .arg(QString::fromStdString(meta.metrics.value("data", std::string("?"))));
    }
    // The first forward pass sets up the CPU kernels (~10 ms): done now, so that the first
    // batch reports the steady per-image time.
    const int size = meta.spec.inputSize;
    p->predictImages({cv::Mat(size, size, CV_8UC3, cv::Scalar(128, 128, 128))});
    predictor_ = std::move(p);
    Q_EMIT modelLoaded(info);
  } catch (const std::exception& e) {
    Q_EMIT modelFailed(file, QString::fromStdString(e.what()));
  }
}

void InferenceWorker::setDecision(ClassifyResult& r, const std::vector<float>& probabilities,
                                  int width, int height, double unknownScore) const {
  static const sdd::ConfidenceRule none;
  const auto& rule = predictor_->metadata().confidenceRule;
  const sdd::Decided d =
      sdd::decide(probabilities, rule ? *rule : none, unknownScore, width, height);
  r.decision = d.decision;
  r.unknownReason = QString::fromStdString(d.outside);
  r.calibrated = d.calibrated;
  r.unknownScore = unknownScore;
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
      if (p.ok()) setDecision(r, p.probabilities, p.width, p.height, p.unknownScore);
    }
    (r.ok() ? ok : failed)++;
    Q_EMIT result(batchId, r);
  }
  Q_EMIT batchFinished(batchId, ok, failed, timer.elapsed() / 1000.0, cancel_.load());
}

void InferenceWorker::score(const QStringList& files, const ScoreTarget& target, int batchId) {
  cancel_ = false;
  QElapsedTimer timer;
  timer.start();
  int ok = 0, failed = 0;
  auto fail = [&](const QString& why, int from) {
    for (int i = from; i < files.size(); ++i) {
      ClassifyResult r;
      r.file = files[i];
      r.error = why;
      ++failed;
      Q_EMIT result(batchId, r);
    }
  };
  if (!predictor_) {
    fail(tr("no model loaded"), 0);
    Q_EMIT batchFinished(batchId, ok, failed, timer.elapsed() / 1000.0, false);
    return;
  }
  std::vector<std::filesystem::path> paths;
  for (const QString& f : files) paths.push_back(f.toStdString());
  int done = 0;
  try {
    std::unique_ptr<sdd::PredictionStore> store;
    if (!target.predictionsFile.isEmpty())
      store = std::make_unique<sdd::PredictionStore>(target.predictionsFile.toStdString());
    std::vector<std::string> classes;
    for (const QString& c : target.classes) classes.push_back(c.toStdString());
    QElapsedTimer chunkTimer;
    chunkTimer.start();
    sdd::scoreImages(
        *predictor_, paths,
        [&](const std::vector<sdd::ScoredImage>& part) {
          std::vector<std::pair<std::string, std::vector<float>>> rows;
          std::vector<double> scores;
          for (const sdd::ScoredImage& s : part)
            if (s.error.empty() && int(s.index) < target.journalPaths.size()) {
              rows.emplace_back(target.journalPaths[int(s.index)].toStdString(), s.probabilities);
              scores.push_back(s.unknownScore);
            }
          if (store && !rows.empty()) store->put(target.model.toStdString(), classes, rows, scores);
          const double ms =
              chunkTimer.nsecsElapsed() / 1e6 / double(std::max<std::size_t>(1, part.size()));
          chunkTimer.restart();
          for (const sdd::ScoredImage& s : part) {
            ClassifyResult r;
            r.file = files[int(s.index)];
            r.error = QString::fromStdString(s.error);
            r.probabilities = QVector<float>(s.probabilities.begin(), s.probabilities.end());
            if (!s.probabilities.empty()) {
              r.classIndex = int(std::max_element(s.probabilities.begin(), s.probabilities.end()) -
                                 s.probabilities.begin());
              setDecision(r, s.probabilities, s.width, s.height, s.unknownScore);
            }
            r.totalMs = ms;
            (r.ok() ? ok : failed)++;
            Q_EMIT result(batchId, r);
          }
          done += int(part.size());
        },
        &cancel_);
  } catch (const std::exception& e) {
    // The predictions file could not be written (disk full, ...): the rest is not scored.
    fail(tr("not scored: %1").arg(QString::fromStdString(e.what())), done);
  }
  Q_EMIT batchFinished(batchId, ok, failed, timer.elapsed() / 1000.0, cancel_.load());
}

}  // namespace sddui
