#include "panels/train_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <fstream>

#include "panels/reduction_dialog.h"
#include "panels/train_form.h"
#include "plots.h"
#include "qcp.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/workspace/workspace.h"

namespace sddui {

using sddreport::addRunCurves;
using sddreport::CurveKind;
using sddreport::markBestEpoch;
using sddreport::seriesColor;
using sddreport::setupCurvePlot;
namespace {

QString formatSeconds(double s) {
  if (s < 0 || !std::isfinite(s)) return QStringLiteral("—");
  const int t = int(s + 0.5);
  if (t >= 3600)
    return QStringLiteral("%1 h %2 min")
        .arg(t / 3600)
        .arg((t % 3600) / 60, 2, 10, QLatin1Char('0'));
  if (t >= 60)
    return QStringLiteral("%1 min %2 s").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1 s").arg(t);
}

/// A run's history for a list or a plot; a damaged log gives an empty history and `error`.
std::vector<sdd::EpochStats> readLog(const QString& dir, QString* error = nullptr) {
  try {
    return sdd::RunFolder(dir.toStdString()).readLog();
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return {};
  }
}

}  // namespace

TrainPanel::TrainPanel(QWidget* parent) : QWidget(parent) {
  form_ = new TrainForm;
  train_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Train"));
  stop_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
  resume_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Resume"));
  resume_->setToolTip(tr("Continue the selected run from its last completed epoch"));
  useModel_ = new QPushButton(tr("Use Model"));
  useModel_->setToolTip(tr("Load the selected run's model in the workbench"));
  stop_->setEnabled(false);
  resume_->setEnabled(false);
  useModel_->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(train_);
  buttons->addWidget(stop_);
  buttons->addWidget(resume_);
  reduce_ = new QPushButton(tr("Reduce Model (Fig. 3)…"));
  reduce_->setToolTip(tr("The paper's model-reduction search, starting from this network"));
  auto* buttons2 = new QHBoxLayout;
  buttons2->addWidget(useModel_);
  buttons2->addWidget(reduce_);
  buttons2->addStretch();

  runs_ = new QListWidget;
  runs_->setToolTip(
      tr("Runs kept in this workspace. Tick runs to overlay their curves; select one to see it."));

  auto* form = new QWidget;
  auto* fl = new QVBoxLayout(form);
  fl->addWidget(form_);
  fl->addWidget(new QLabel(tr("<b>Runs in this workspace</b>")));
  fl->addWidget(runs_, 1);
  auto* scroll = new QScrollArea;
  scroll->setWidget(form);
  scroll->setWidgetResizable(true);
  // As wide as the form needs next to the vertical scroll bar, so no horizontal one appears.
  const int needed = form->minimumSizeHint().width() +
                     scroll->verticalScrollBar()->sizeHint().width() + 2 * scroll->frameWidth();
  scroll->setMinimumWidth(std::clamp(needed, 330, 480));
  scroll->setMaximumWidth(std::max(420, scroll->minimumWidth()));
  // The buttons stay in sight above the form, whatever the window's height.
  auto* left = new QWidget;
  auto* ll = new QVBoxLayout(left);
  ll->setContentsMargins(0, 0, 0, 0);
  ll->addLayout(buttons);
  ll->addLayout(buttons2);
  ll->addWidget(scroll, 1);
  left->setMaximumWidth(scroll->maximumWidth());

  // Curves, progress, log.
  loss_ = new QCustomPlot;
  acc_ = new QCustomPlot;
  for (QCustomPlot* p : {loss_, acc_}) p->setMinimumHeight(220);
  setupCurvePlot(loss_, CurveKind::Loss);
  setupCurvePlot(acc_, CurveKind::Accuracy);
  loss_->replot();
  acc_->replot();
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  progress_->setFormat(QString());
  status_ = new QLabel(tr("Open a dataset to train on it."));
  status_->setWordWrap(true);
  log_ = new QTableWidget(0, 9);
  log_->setHorizontalHeaderLabels({tr("Epoch"), tr("Train loss"), tr("Train acc"), tr("Val loss"),
                                   tr("Val acc"), tr("Val macro F1"), tr("LR"), tr("Seconds"),
                                   tr("Best")});
  log_->verticalHeader()->hide();
  log_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  log_->horizontalHeader()->setStretchLastSection(true);

  auto* plots = new QSplitter(Qt::Horizontal);
  plots->addWidget(loss_);
  plots->addWidget(acc_);
  auto* right = new QWidget;
  auto* rl = new QVBoxLayout(right);
  rl->setContentsMargins(0, 0, 0, 0);
  auto* vs = new QSplitter(Qt::Vertical);
  vs->addWidget(plots);
  vs->addWidget(log_);
  vs->setStretchFactor(0, 3);
  vs->setStretchFactor(1, 1);
  rl->addWidget(status_);
  rl->addWidget(progress_);
  rl->addWidget(vs, 1);

  auto* lay = new QHBoxLayout(this);
  lay->addWidget(left);
  lay->addWidget(right, 1);

  connect(form_, &TrainForm::changed, this, [this] {
    updateButtons();
    if (!training_ && dataset_) status_->setText(readyText());
  });
  connect(train_, &QPushButton::clicked, this, &TrainPanel::startTraining);
  connect(stop_, &QPushButton::clicked, this, &TrainPanel::stopTraining);
  connect(resume_, &QPushButton::clicked, this, &TrainPanel::resumeTraining);
  connect(reduce_, &QPushButton::clicked, this, [this] {
    if (ReductionDialog* d = openReduction()) d->show();
  });
  connect(useModel_, &QPushButton::clicked, this, [this] {
    if (!runDir_.isEmpty())
      Q_EMIT useModelRequested(
          QString::fromStdString(sdd::RunFolder(runDir_.toStdString()).modelFile().string()));
  });
  connect(runs_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* it) {
    if (it && !training_) showRun(it->data(Qt::UserRole).toString());
  });
  connect(runs_, &QListWidget::itemChanged, this, [this] {
    if (!training_) showRun(runDir_);
  });

  redrawTimer_ = new QTimer(this);
  redrawTimer_->setInterval(250);  // coalesce: at most four redraws a second
  connect(redrawTimer_, &QTimer::timeout, this, [this] {
    if (dirty_) redraw();
  });

  worker_ = new TrainingWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &TrainingWorker::epochDone, this, &TrainPanel::onEpoch);
  connect(worker_, &TrainingWorker::progress, this, &TrainPanel::onProgress);
  connect(worker_, &TrainingWorker::finished, this, &TrainPanel::onFinished);
  connect(worker_, &TrainingWorker::message, this,
          [this](const QString& m) { status_->setText(m); });
  thread_.start();
  setRunning(false);
}

TrainPanel::~TrainPanel() {
  if (worker_) worker_->cancel();
  thread_.quit();
  thread_.wait();
}

sdd::ModelSpec TrainPanel::spec() const { return form_->spec(); }
sdd::TrainConfig TrainPanel::config() const { return form_->config(); }
QSpinBox* TrainPanel::epochsBox() const { return form_->epochsBox(); }

void TrainPanel::updateButtons() {
  train_->setEnabled(form_->error().isEmpty() && dataset_ && !training_);
}

void TrainPanel::setDataset(const sdd::Dataset* dataset, const QString& workspace) {
  if (workspace != workspace_ && !training_) {  // another dataset: its own runs
    runDir_.clear();
    history_.clear();
  }
  dataset_ = dataset;
  workspace_ = workspace;
  if (dataset) form_->setClassCount(int(dataset->classes().size()));
  if (!training_) status_->setText(readyText());
  updateButtons();
  refreshRuns();
}

// What Train would do with these settings on this dataset: a small set's extra epochs and an
// imbalanced one's balance are said before the run, not found in its log after.
QString TrainPanel::readyText() const {
  if (!dataset_) return tr("Open a dataset to train on it.");
  QString plan;
  try {
    const sdd::TrainConfig c = form_->config();
    std::vector<long> counts(dataset_->classes().size(), 0);
    long images = 0;
    for (const std::size_t i : dataset_->indices(sdd::Split::Train)) {
      const int label = dataset_->samples()[i].label;
      if (label < 0 || label >= int(counts.size())) continue;  // not a training image
      ++counts[std::size_t(label)];
      ++images;
    }
    if (const int epochs = c.epochsFor(images); epochs != c.epochs)
      plan += tr(" %1 training images: %2 epochs instead of %3, for at least %4 optimizer steps.")
                  .arg(images)
                  .arg(epochs)
                  .arg(c.epochs)
                  .arg(c.minSteps);
    const std::string how = c.balanceFor(counts);
    if (how != "none") {
      const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
      plan += tr(" Classes evened out (%1): %2 to %3 training images per class.")
                  .arg(TrainForm::balanceName(QString::fromStdString(how)))
                  .arg(*lo)
                  .arg(*hi);
    }
  } catch (const std::exception&) {
    // Invalid settings: the form says why under it.
  }
  return tr("Ready to train on %1 (%2 images).%3 Runs are kept in %4.")
      .arg(QString::fromStdString(dataset_->root().string()))
      .arg(dataset_->samples().size())
      .arg(plan)
      .arg(runsFolder());
}

QString TrainPanel::runsFolder() const {
  return workspace_.isEmpty() ? QString()
                              : QString::fromStdString(
                                    sdd::Workspace(workspace_.toStdString()).runsFolder().string());
}

QStringList TrainPanel::runFolders() const {
  QStringList out;
  if (workspace_.isEmpty()) return out;
  for (const sdd::RunFolder& run : sdd::Workspace(workspace_.toStdString()).runs())
    out << QString::fromStdString(run.path().string());
  return out;
}

QString TrainPanel::statusText() const { return status_->text(); }

void TrainPanel::refreshRuns() {
  QStringList checked;
  for (int i = 0; i < runs_->count(); ++i)
    if (runs_->item(i)->checkState() == Qt::Checked)
      checked << runs_->item(i)->data(Qt::UserRole).toString();
  const QSignalBlocker block(runs_);
  runs_->clear();
  overlays_.clear();  // logs may have grown
  for (const QString& dir : runFolders()) {
    QString problem;
    const std::vector<sdd::EpochStats> h = readLog(dir, &problem);
    std::optional<sdd::RunManifest> run;
    try {
      run = sdd::RunFolder(dir.toStdString()).readManifest();
    } catch (const std::exception& e) {
      problem = QString::fromStdString(e.what());
    }
    const int total = run ? run->config.epochs : 0;
    double best = -1;  // stays -1 when no epoch was validated: shown as "—"
    for (const auto& e : h)
      if (e.validated) best = std::max(best, e.valMacroF1);
    const bool done = total > 0 && int(h.size()) >= total;
    const bool running = training_ && dir == runDir_;
    auto* it = new QListWidgetItem(
        tr("%1   %2/%3 epochs%4   best F1 %5")
            .arg(QFileInfo(dir).fileName())
            .arg(h.size())
            .arg(total)
            .arg(running ? tr(" (training)")
                 : done  ? QString()
                         : tr(" (stopped)"))
            .arg(best < 0 ? QStringLiteral("—") : QString::number(best, 'f', 4)));
    it->setData(Qt::UserRole, dir);
    it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
    it->setCheckState(checked.contains(dir) ? Qt::Checked : Qt::Unchecked);
    it->setToolTip(problem.isEmpty()
                       ? QString::fromStdString(run ? run->architecture : std::string())
                       : problem);
    runs_->addItem(it);
    if (dir == runDir_) runs_->setCurrentItem(it);
  }
  if (runDir_.isEmpty() && runs_->count() > 0 && !training_) {
    runs_->setCurrentRow(0);
    showRun(runs_->item(0)->data(Qt::UserRole).toString());
  }
}

bool TrainPanel::startTraining() {
  if (training_) return false;
  if (!dataset_) {
    status_->setText(tr("Open a dataset first."));
    return false;
  }
  TrainJob job;
  try {
    job.spec = spec();
    job.config = config();
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot train: %1").arg(QString::fromStdString(e.what())));
    return false;
  }
  // Named like the CLI's runs, by the UTC start time, so the list orders both alike.
  const QString dir =
      QString::fromStdString(sdd::Workspace(workspace_.toStdString()).newRun().path().string());
  if (!QDir().mkpath(dir)) {
    status_->setText(tr("Cannot create the run folder %1 (is the workspace writable?)").arg(dir));
    return false;
  }
  job.outDir = dir;
  start(job, {});
  return true;
}

bool TrainPanel::resumeTraining() {
  if (training_ || !dataset_ || runDir_.isEmpty()) return false;
  TrainJob job;
  try {
    const auto run = sdd::RunFolder(runDir_.toStdString()).readManifest();
    if (!run) throw sdd::RunFolderError("it has no run.json");
    job.spec = run->spec;
    job.config = run->config;
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot resume %1: its run.json is unreadable (%2)")
                         .arg(runDir_, QString::fromStdString(e.what())));
    return false;
  }
  job.outDir = runDir_;
  job.resume = true;
  QString problem;
  const std::vector<sdd::EpochStats> previous = readLog(runDir_, &problem);
  if (!problem.isEmpty()) {
    // The curves would start empty; the checkpoint holds the history the run goes on with.
    status_->setText(tr("Resuming without the earlier curves: %1").arg(problem));
  }
  start(job, previous);
  return true;
}

void TrainPanel::start(const TrainJob& jobIn, const std::vector<sdd::EpochStats>& previous) {
  TrainJob job = jobIn;
  datasetCopy_ = std::make_shared<const sdd::Dataset>(*dataset_);
  job.dataset = datasetCopy_;
  runDir_ = job.outDir;
  history_ = previous;
  statusEpoch_ = 0;
  batchX_.clear();
  batchY_.clear();
  log_->setRowCount(0);
  for (const auto& s : history_) appendLogRow(s);
  setRunning(true);
  status_->setText(tr("Training %1 for %2 epochs in %3…")
                       .arg(QString::fromStdString(job.spec.describe()))
                       .arg(job.config.epochs)
                       .arg(runDir_));
  refreshRuns();
  redraw();
  redrawTimer_->start();
  QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(sddui::TrainJob, job));
  Q_EMIT trainingStarted(runDir_);
}

void TrainPanel::stopTraining() {
  if (!training_) return;
  worker_->cancel();
  stop_->setEnabled(false);
  status_->setText(tr("Stopping after the current batch; the checkpoint is kept for Resume…"));
}

bool TrainPanel::isTraining() const { return training_; }

ReductionDialog* TrainPanel::openReduction() {
  if (!dataset_) {
    status_->setText(tr("Open a dataset first."));
    return nullptr;
  }
  sdd::ModelSpec s;
  sdd::TrainConfig c;
  try {
    s = spec();
    c = config();
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot start the reduction: %1").arg(QString::fromStdString(e.what())));
    return nullptr;
  }
  const QString dir = QString::fromStdString(sdd::Workspace(workspace_.toStdString())
                                                 .newRun(QStringLiteral("reduce-").toStdString())
                                                 .path()
                                                 .string());
  auto* d = new ReductionDialog(std::make_shared<const sdd::Dataset>(*dataset_), s, c, dir, this);
  d->setAttribute(Qt::WA_DeleteOnClose);
  connect(d, &ReductionDialog::useModelRequested, this, &TrainPanel::useModelRequested);
  return d;
}

void TrainPanel::setRunning(bool running) {
  training_ = running;
  stop_->setEnabled(running);
  const sdd::RunFolder run(runDir_.toStdString());
  const bool hasCheckpoint = !runDir_.isEmpty() && !run.findCheckpoint().empty();
  int planned = 0;
  try {
    if (const auto m = runDir_.isEmpty() ? std::nullopt : run.readManifest())
      planned = m->config.epochs;
  } catch (const sdd::RunFolderError&) {
    // Resume then says why it cannot read it.
  }
  const bool unfinished = planned == 0 || int(history_.size()) < planned;
  resume_->setEnabled(!running && hasCheckpoint && unfinished && dataset_);
  useModel_->setEnabled(!running && !runDir_.isEmpty() &&
                        QFileInfo::exists(QString::fromStdString(run.modelFile().string())));
  form_->setEditable(!running);
  updateButtons();
}

void TrainPanel::appendLogRow(const sdd::EpochStats& s) {
  const int r = log_->rowCount();
  log_->insertRow(r);
  const auto val = [&](double v) {  // "—": not measured (no validation images)
    return s.validated ? QString::number(v, 'f', 4) : QStringLiteral("—");
  };
  const QStringList cells = {QString::number(s.epoch),
                             QString::number(s.trainLoss, 'f', 4),
                             QString::number(s.trainAccuracy, 'f', 4),
                             val(s.valLoss),
                             val(s.valAccuracy),
                             val(s.valMacroF1),
                             QString::number(s.learningRate, 'g', 3),
                             QString::number(s.seconds, 'f', 1),
                             s.best && s.validated ? QStringLiteral("★") : QString()};
  for (int c = 0; c < cells.size(); ++c) {
    auto* it = new QTableWidgetItem(cells[c]);
    it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    log_->setItem(r, c, it);
  }
  log_->scrollToBottom();
}

void TrainPanel::onEpoch(const sdd::EpochStats& s) {
  history_.push_back(s);
  appendLogRow(s);
  if (history_.size() == 1 || s.epoch == 1) refreshRuns();  // run.json exists by now
  dirty_ = true;
  Q_EMIT epochFinished(s.epoch);
}

void TrainPanel::onProgress(const sdd::TrainProgress& p) {
  const double x = (p.epoch - 1) + double(p.batch) / double(std::max<std::size_t>(1, p.batches));
  batchX_ << x;
  batchY_ << p.runningLoss;
  progress_->setValue(int(1000.0 * x / std::max(1, p.epochs)));
  if (p.epoch != statusEpoch_) {  // the loading message is over once batches run
    statusEpoch_ = p.epoch;
    status_->setText(tr("Training in %1: epoch %2 of %3…").arg(runDir_).arg(p.epoch).arg(p.epochs));
  }
  progress_->setFormat(tr("epoch %1/%2 · batch %3/%4 · %5 elapsed · about %6 left")
                           .arg(p.epoch)
                           .arg(p.epochs)
                           .arg(p.batch)
                           .arg(p.batches)
                           .arg(formatSeconds(p.elapsedSeconds))
                           .arg(formatSeconds(p.etaSeconds)));
  dirty_ = true;
}

void TrainPanel::onFinished(const TrainOutcome& o) {
  redrawTimer_->stop();
  if (!o.error.isEmpty()) {
    status_->setText(tr("Training failed: %1").arg(o.error));
  } else if (o.cancelled) {
    status_->setText(
        tr("Stopped after %1 epochs (%2). Resume continues from the last completed epoch.")
            .arg(o.epochs)
            .arg(formatSeconds(o.seconds)));
  } else {
    // A resumed run: its earlier epochs count too (history_ holds them all).
    double seconds = 0;
    for (const auto& e : history_) seconds += e.seconds;
    const bool validated = !history_.empty() && history_.back().validated;
    status_->setText(
        (validated
             ? tr("Finished %1 epochs in %2%3: best validation macro F1 %4 at epoch %5. Model: %6")
                   .arg(std::max<int>(o.epochs, int(history_.size())))
                   .arg(formatSeconds(std::max(o.seconds, seconds)))
                   .arg(o.earlyStopped ? tr(" (early stop)") : QString())
                   .arg(o.bestMacroF1, 0, 'f', 4)
                   .arg(o.bestEpoch)
             : tr("Finished %1 epochs in %2, not validated (no validation images: label more "
                  "images, or give a validation split). Model: %3")
                   .arg(std::max<int>(o.epochs, int(history_.size())))
                   .arg(formatSeconds(std::max(o.seconds, seconds))))
            .arg(o.modelFile));
    if (!o.recall.isEmpty())
      status_->setText(status_->text() + QLatin1Char('\n') +
                       tr("Validation recall per class: %1").arg(o.recall));
    progress_->setValue(progress_->maximum());
  }
  setRunning(false);
  refreshRuns();
  redraw();
  Q_EMIT trainingFinished(o);
}

void TrainPanel::showRun(const QString& dir) {
  runDir_ = dir;
  if (!dir.isEmpty()) {
    QString problem;
    history_ = readLog(dir, &problem);
    if (!problem.isEmpty()) status_->setText(problem);
  }
  batchX_.clear();
  batchY_.clear();
  log_->setRowCount(0);
  for (const auto& s : history_) appendLogRow(s);
  setRunning(false);
  redraw();
}

void TrainPanel::redraw() {
  dirty_ = false;
  for (auto [plot, kind] :
       {std::pair{loss_, CurveKind::Loss}, std::pair{acc_, CurveKind::Accuracy}}) {
    setupCurvePlot(plot, kind);
    // Overlaid runs first, faded.
    int k = 0;
    for (int i = 0; i < runs_->count(); ++i) {
      const QListWidgetItem* it = runs_->item(i);
      const QString dir = it->data(Qt::UserRole).toString();
      if (it->checkState() != Qt::Checked || dir == runDir_) continue;
      // Read each overlaid run's log once, not at every redraw while a run trains.
      // A damaged log shows no curve; the run list's tooltip says why.
      if (!overlays_.contains(dir)) overlays_.insert(dir, readLog(dir));
      addRunCurves(plot, kind, overlays_.value(dir), QFileInfo(dir).fileName(), true);
      ++k;
    }
    addRunCurves(plot, kind, history_);
    if (kind == CurveKind::Loss && !batchX_.isEmpty()) {
      auto* g = plot->addGraph();
      g->setData(batchX_, batchY_, true);
      QColor c = seriesColor(0);
      c.setAlpha(120);
      g->setPen(QPen(c, 1));
      g->setName(tr("train loss, running mean this epoch"));
      plot->legend->setVisible(true);
      plot->xAxis->setRange(0, std::max(plot->xAxis->range().upper, batchX_.last() + 0.5));
    }
    const auto best =
        std::max_element(history_.begin(), history_.end(),
                         [](const auto& a, const auto& b) { return a.valMacroF1 < b.valMacroF1; });
    if (best != history_.end() && best->validated)
      markBestEpoch(plot, best->epoch, best->valMacroF1);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

}  // namespace sddui
