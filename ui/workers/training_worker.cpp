#include "workers/training_worker.h"

#include <QStringList>
#include <chrono>

namespace sddui {

void TrainingWorker::run(const TrainJob& job) {
  cancel_ = false;
  running_ = true;
  TrainOutcome out;
  out.outDir = job.outDir;
  try {
    sdd::Trainer trainer(*job.dataset, job.spec, job.config, job.outDir.toStdString());
    trainer.setCancelFlag(&cancel_);
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    trainer.onProgress = [this, &last](const sdd::TrainProgress& p) {
      // At most ~8 updates a second, plus the last batch of each epoch.
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(120) && p.batch != p.batches) return;
      last = now;
      Q_EMIT progress(p);
    };
    trainer.onEpoch = [this](const sdd::EpochStats& s) { Q_EMIT epochDone(s); };
    trainer.onMessage = [this](const std::string& m) { Q_EMIT message(QString::fromStdString(m)); };
    const sdd::TrainResult r = trainer.run(job.resume);
    out.cancelled = r.cancelled;
    out.earlyStopped = r.earlyStopped;
    out.epochs = int(r.history.size());
    out.bestEpoch = r.bestEpoch;
    out.bestMacroF1 = r.bestMacroF1;
    out.seconds = r.seconds;
    out.modelFile = QString::fromStdString(r.modelFile.string());
    QStringList recall;
    const auto& classes = job.dataset->classes();
    const auto images = job.dataset->classCounts(sdd::Split::Validation);
    for (std::size_t c = 0; c < r.perClassRecall.size() && c < classes.size(); ++c)
      recall << QStringLiteral("%1 %2")
                    .arg(QString::fromStdString(classes[c]))
                    .arg(c < images.size() && images[c] == 0  // 0 would read as "never found"
                             ? QStringLiteral("—")
                             : QString::number(r.perClassRecall[c], 'f', 2));
    out.recall = recall.join(QStringLiteral(", "));
  } catch (const std::exception& e) {
    out.error = QString::fromStdString(e.what());
  }
  running_ = false;
  Q_EMIT finished(out);
}

}  // namespace sddui
