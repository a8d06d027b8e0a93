#include "panels/reduction_dialog.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <fstream>

Q_DECLARE_METATYPE(sdd::ReductionStep)

namespace sddui {

ReductionDialog::ReductionDialog(std::shared_ptr<const sdd::Dataset> dataset,
                                 const sdd::ModelSpec& base, const sdd::TrainConfig& training,
                                 const QString& outDir, QWidget* parent)
    : QDialog(parent),
      dataset_(std::move(dataset)),
      base_(base),
      training_(training),
      outDir_(outDir) {
  qRegisterMetaType<sdd::ReductionStep>();
  setWindowTitle(tr("Model reduction (paper Fig. 3)"));
  resize(980, 520);
  auto* lay = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Starting from <b>%1</b> (%2 weights): train briefly, then try "
                              "smaller variants (drop the last conv "
                              "stage, halve the conv widths, halve or drop the hidden FC), fewest "
                              "weights first, keeping the "
                              "first whose validation macro F1 stays within the tolerance of the "
                              "base network's; repeat; then train the chosen "
                              "network longer. Runs go to %3.")
                               .arg(QString::fromStdString(base.describe()))
                               .arg(base.parameterCount())
                               .arg(outDir));
  intro->setWordWrap(true);
  lay->addWidget(intro);
  auto* form = new QFormLayout;
  tolerance_ = new QDoubleSpinBox;
  tolerance_->setRange(0, 1);
  tolerance_->setDecimals(3);
  tolerance_->setSingleStep(0.005);
  tolerance_->setValue(0.01);
  brief_ = new QSpinBox;
  brief_->setRange(1, 10000);
  brief_->setValue(20);
  final_ = new QSpinBox;
  final_->setRange(1, 10000);
  final_->setValue(std::max(training.epochs, 1));
  form->addRow(tr("Tolerance: F1 a smaller model may lose against the base"), tolerance_);
  form->addRow(tr("Epochs per candidate"), brief_);
  form->addRow(tr("Epochs for the chosen network"), final_);
  lay->addLayout(form);
  auto* buttons = new QHBoxLayout;
  start_ = new QPushButton(tr("Start"));
  stop_ = new QPushButton(tr("Stop"));
  use_ = new QPushButton(tr("Use Final Model"));
  stop_->setEnabled(false);
  use_->setEnabled(false);
  status_ = new QLabel;
  status_->setWordWrap(true);
  buttons->addWidget(start_);
  buttons->addWidget(stop_);
  buttons->addWidget(use_);
  buttons->addWidget(status_, 1);
  lay->addLayout(buttons);
  table_ = new QTableWidget(0, 9);
  table_->setHorizontalHeaderLabels({tr("Step"), tr("Change"), tr("Kept"), tr("Layers"),
                                     tr("Weights"), tr("MACs"), tr("Macro F1"), tr("Min AUC"),
                                     tr("ms/image")});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  lay->addWidget(table_, 1);
  connect(start_, &QPushButton::clicked, this, &ReductionDialog::start);
  connect(stop_, &QPushButton::clicked, this, &ReductionDialog::stop);
  connect(use_, &QPushButton::clicked, this, [this] {
    Q_EMIT useModelRequested(QDir(outDir_).filePath(QStringLiteral("final/model.sddm")));
  });
}

ReductionDialog::~ReductionDialog() {
  if (cancel_) *cancel_ = true;
}

void ReductionDialog::addRow(const sdd::ReductionStep& s, bool final) {
  const int r = table_->rowCount();
  table_->insertRow(r);
  const QStringList cells = {final ? tr("final") : QString::number(s.step),
                             QString::fromStdString(s.change),
                             s.accepted ? tr("yes") : tr("no"),
                             QString::number(s.summary.layers),
                             QString::number(s.summary.weights),
                             QString::number(s.summary.macs),
                             QString::number(s.summary.macroF1, 'f', 4),
                             QString::number(s.summary.minAuc, 'f', 4),
                             QString::number(s.summary.medianMs, 'f', 2)};
  for (int c = 0; c < cells.size(); ++c) {
    auto* it = new QTableWidgetItem(cells[c]);
    if (c >= 3) it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    it->setToolTip(QString::fromStdString(s.summary.architecture));
    table_->setItem(r, c, it);
  }
  table_->resizeColumnsToContents();
}

void ReductionDialog::start() {
  if (running_) return;
  sdd::ReductionConfig rc;
  rc.base = base_;
  rc.brief = training_;
  rc.brief.fixEpochs(brief_->value());  // the dialog's epochs, not the recipe's step minimum
  rc.brief.patience = 0;
  rc.extra = training_;
  rc.extra.fixEpochs(final_->value());
  rc.tolerance = tolerance_->value();
  table_->setRowCount(0);
  running_ = true;
  start_->setEnabled(false);
  stop_->setEnabled(true);
  use_->setEnabled(false);
  status_->setText(tr("Training the base network…"));
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  QPointer<ReductionDialog> self(this);
  auto dataset = dataset_;
  auto cancel = cancel_;
  const std::string out = outDir_.toStdString();
  auto error = std::make_shared<QString>();
  auto* watcher = new QFutureWatcher<sdd::ReductionResult>(this);
  connect(watcher, &QFutureWatcher<sdd::ReductionResult>::finished, this, [this, watcher, error] {
    watcher->deleteLater();
    running_ = false;
    start_->setEnabled(true);
    stop_->setEnabled(false);
    const sdd::ReductionResult r = watcher->result();
    const bool ok = error->isEmpty() && !r.cancelled;
    if (!error->isEmpty())
      status_->setText(tr("Failed: %1").arg(*error));
    else if (r.cancelled)
      status_->setText(tr("Stopped. The models trained so far are kept in %1.").arg(outDir_));
    else
      status_->setText(tr("Chosen: %1 (%2 weights). Table V is also written as %3 and %4.")
                           .arg(QString::fromStdString(r.chosen.describe()))
                           .arg(r.chosen.parameterCount())
                           .arg(QDir(outDir_).filePath(QStringLiteral("table-v.csv")),
                                QDir(outDir_).filePath(QStringLiteral("table-v.md"))));
    use_->setEnabled(ok);
    if (ok) {
      std::ofstream(QDir(outDir_).filePath(QStringLiteral("table-v.csv")).toStdString())
          << sdd::reductionCsv(r);
      std::ofstream(QDir(outDir_).filePath(QStringLiteral("table-v.md")).toStdString())
          << sdd::reductionMarkdown(r);
    }
    Q_EMIT finished(ok);
  });
  watcher->setFuture(QtConcurrent::run([dataset, rc, out, cancel, self, error] {
    try {
      return sdd::reduceModel(
          *dataset, rc, out,
          [self](const sdd::ReductionStep& s) {
            QMetaObject::invokeMethod(
                self,
                [self, s] {
                  if (!self) return;
                  self->addRow(s, s.change.rfind("extra training", 0) == 0);
                  Q_EMIT self->stepDone(s.step);
                },
                Qt::QueuedConnection);
          },
          [self](const std::string& m) {
            const QString text = QString::fromStdString(m);
            QMetaObject::invokeMethod(
                self,
                [self, text] {
                  if (self) self->status_->setText(text);
                },
                Qt::QueuedConnection);
          },
          cancel.get());
    } catch (const std::exception& e) {
      *error = QString::fromStdString(e.what());
      return sdd::ReductionResult{};
    }
  }));
}

void ReductionDialog::stop() {
  if (cancel_) *cancel_ = true;
  status_->setText(tr("Stopping after the current batch…"));
}

}  // namespace sddui
