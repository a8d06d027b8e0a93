#include "controllers/inference_controller.h"

namespace sddui {

InferenceController::InferenceController(QObject* parent)
    : QObject(parent), worker_(new InferenceWorker) {
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(this, &InferenceController::requestLoadModel, worker_, &InferenceWorker::loadModel);
  connect(this, &InferenceController::requestClassify, worker_, &InferenceWorker::classify);
  connect(this, &InferenceController::requestExplain, worker_, &InferenceWorker::explain);
  connect(this, &InferenceController::requestScore, worker_, &InferenceWorker::score);
  connect(worker_, &InferenceWorker::modelLoaded, this, &InferenceController::modelLoaded);
  connect(worker_, &InferenceWorker::modelFailed, this, &InferenceController::modelFailed);
  connect(worker_, &InferenceWorker::explained, this, &InferenceController::explained);
  connect(worker_, &InferenceWorker::result, this, [this](int batch, const ClassifyResult& r) {
    if (batch != active_) return;  // a cancelled batch's stragglers
    pending_.append(r);
    if (!flushTimer_.isActive()) flushTimer_.start();
  });
  connect(worker_, &InferenceWorker::batchFinished, this,
          [this](int batch, int ok, int failed, double seconds, bool cancelled) {
            if (batch != active_) return;
            flushTimer_.stop();
            flush();
            active_ = -1;
            Q_EMIT batchFinished(ok, failed, seconds, cancelled);
          });
  flushTimer_.setSingleShot(true);
  flushTimer_.setInterval(100);
  connect(&flushTimer_, &QTimer::timeout, this, &InferenceController::flush);
  thread_.start();
}

InferenceController::~InferenceController() {
  worker_->cancel();
  thread_.quit();
  thread_.wait();
}

void InferenceController::loadModel(const QString& file, const QString& device) {
  Q_EMIT requestLoadModel(file, device);
}

bool InferenceController::classify(const QStringList& files) {
  if (busy()) return false;
  active_ = next_++;
  Q_EMIT requestClassify(files, active_);
  return true;
}

bool InferenceController::score(const QStringList& files, const ScoreTarget& target) {
  if (busy()) return false;
  active_ = next_++;
  Q_EMIT requestScore(files, target, active_);
  return true;
}

void InferenceController::cancel() { worker_->cancel(); }

void InferenceController::explain(const QString& file, bool defectMap) {
  Q_EMIT requestExplain(file, -1, defectMap);
}

void InferenceController::flush() {
  if (pending_.isEmpty()) return;
  const QVector<ClassifyResult> burst = std::move(pending_);
  pending_.clear();
  Q_EMIT results(burst);
}

}  // namespace sddui
