#include "panels/evaluate_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "panels/calibration_view.h"
#include "plots.h"
#include "qcp.h"
#include "sdd/metrics/metrics.h"

namespace sddui {

using sddreport::confusionCellAt;
using sddreport::drawConfusion;
using sddreport::drawRoc;
namespace {

QTableWidget* makeTable(const QStringList& headers) {
  auto* t = new QTableWidget(0, headers.size());
  t->setHorizontalHeaderLabels(headers);
  t->verticalHeader()->hide();
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->horizontalHeader()->setStretchLastSection(false);
  t->setAlternatingRowColors(true);
  t->resizeColumnsToContents();  // headers readable before any row (Korean ones are longer)
  return t;
}

QTableWidgetItem* cell(const QString& text, bool number = false) {
  auto* it = new QTableWidgetItem(text);
  if (number) it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return it;
}

QTableWidgetItem* num(double v, int decimals) {
  return cell(QString::number(v, 'f', decimals), true);
}

QString fmtCount(std::int64_t n) {
  if (n >= 1000000) return QStringLiteral("%1M").arg(double(n) / 1e6, 0, 'f', 2);
  if (n >= 1000) return QStringLiteral("%1k").arg(double(n) / 1e3, 0, 'f', 1);
  return QString::number(n);
}

}  // namespace

EvaluatePanel::EvaluatePanel(QWidget* parent) : QWidget(parent) {
  auto* lay = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  split_ = new QComboBox;
  split_->addItem(tr("Validation split"), QStringLiteral("validation"));
  split_->addItem(tr("Train split"), QStringLiteral("train"));
  split_->addItem(tr("All images"), QStringLiteral("all"));
  evaluate_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Evaluate Model"));
  evaluate_->setToolTip(
      tr("Classify every image of the split with the loaded model, one at a time, timed from file "
         "read to decision"));
  summary_ = new QLabel;
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);
  top->addWidget(new QLabel(tr("Evaluate on")));
  top->addWidget(split_);
  top->addWidget(evaluate_);
  top->addStretch(1);
  lay->addLayout(top);
  summary_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  lay->addWidget(summary_);
  connect(evaluate_, &QPushButton::clicked, this, [this] { Q_EMIT evaluateRequested(split()); });
  connect(split_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this] { Q_EMIT splitChanged(split()); });

  confusion_ = new QCustomPlot;
  confusion_->setMinimumSize(360, 300);
  confusion_->installEventFilter(this);
  confusion_->setCursor(Qt::PointingHandCursor);
  confusion_->setToolTip(tr("Click a cell to show its images in the browser"));
  auto* confBox = new QWidget;
  auto* cl = new QVBoxLayout(confBox);
  cl->setContentsMargins(0, 0, 0, 0);
  auto* confTitle =
      new QLabel(tr("<b>Confusion matrix</b> (rows: true class; counts and row %; click a cell to "
                    "see its images)"));
  confTitle->setWordWrap(true);
  cl->addWidget(confTitle);
  cl->addWidget(confusion_, 1);

  roc_ = new QCustomPlot;
  roc_->setMinimumSize(320, 300);
  auto* rocBox = new QWidget;
  auto* rl = new QVBoxLayout(rocBox);
  rl->setContentsMargins(0, 0, 0, 0);
  auto* rocTitle =
      new QLabel(tr("<b>ROC curves</b>, one class against the rest (wheel: zoom, drag: pan, "
                    "double-click: reset)"));
  rocTitle->setWordWrap(true);
  rl->addWidget(rocTitle);
  rl->addWidget(roc_, 1);
  connect(roc_, &QCustomPlot::mouseDoubleClick, this, [this] {
    roc_->xAxis->setRange(-0.01, 1.01);
    roc_->yAxis->setRange(-0.01, 1.01);
    roc_->replot();
  });

  auto* plots = new QSplitter(Qt::Horizontal);
  plots->addWidget(confBox);
  plots->addWidget(rocBox);

  table_ =
      makeTable({tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("AUC"), tr("Support")});
  pairs_ =
      makeTable({tr("True class"), tr("Predicted as"), tr("Images"), tr("Share of the class")});
  losses_ = makeTable({tr("Image"), tr("Label"), tr("Predicted"), tr("P(label)"), tr("Loss")});
  compare_ = makeTable({tr("Model"), tr("Layers"), tr("Weights"), tr("MACs"), tr("Macro F1"),
                        tr("Min AUC"), tr("ms/image"), tr("Architecture")});
  connect(pairs_, &QTableWidget::cellClicked, this, [this](int r, int) {
    const QTableWidgetItem* it = pairs_->item(r, 0);
    if (it)
      Q_EMIT cellActivated(it->data(Qt::UserRole).toInt(), it->data(Qt::UserRole + 1).toInt());
  });
  connect(losses_, &QTableWidget::cellClicked, this, [this](int r, int) {
    const QTableWidgetItem* it = losses_->item(r, 0);
    if (it) Q_EMIT imageActivated(it->data(Qt::UserRole).toInt());
  });

  auto* compareBox = new QWidget;
  auto* cb = new QVBoxLayout(compareBox);
  auto* cbTop = new QHBoxLayout;
  auto* compareBtn = new QPushButton(tr("Compare Models"));
  compareBtn->setToolTip(tr(
      "Evaluate the shipped model and every model trained in this workspace on the chosen split"));
  compareStatus_ = new QLabel(
      tr("Ours: measured here on the chosen split. The paper's rows are its reported figures."));
  compareStatus_->setWordWrap(true);
  cbTop->addWidget(compareBtn);
  cbTop->addWidget(compareStatus_, 1);
  cb->addLayout(cbTop);
  cb->addWidget(compare_, 1);
  connect(compareBtn, &QPushButton::clicked, this, &EvaluatePanel::compareRequested);

  pointing_ = makeTable({tr("Class"), tr("Images with boxes"), tr("Grad-CAM peak in a box"),
                         tr("Image centre in a box (baseline)")});
  auto* pointBox = new QWidget;
  auto* pb = new QVBoxLayout(pointBox);
  auto* pbTop = new QHBoxLayout;
  auto* pointBtn = new QPushButton(tr("Run Pointing Game"));
  pointBtn->setToolTip(
      tr("For every image of the split with VOC defect boxes: is the Grad-CAM peak for its "
         "labelled class inside a box?"));
  pointingStatus_ =
      new QLabel(tr("Needs a dataset with Pascal VOC boxes (NEU-DET has them). The image centre is "
                    "shown as a baseline."));
  pointingStatus_->setWordWrap(true);
  pbTop->addWidget(pointBtn);
  pbTop->addWidget(pointingStatus_, 1);
  pb->addLayout(pbTop);
  pb->addWidget(pointing_, 1);
  connect(pointBtn, &QPushButton::clicked, this, &EvaluatePanel::pointingGameRequested);

  suspects_ = makeTable(
      {tr("Image"), tr("Label"), tr("Out-of-fold P(label)"), tr("Suggested"), tr("P(suggested)")});
  connect(suspects_, &QTableWidget::cellClicked, this, [this](int r, int) {
    const QTableWidgetItem* it = suspects_->item(r, 0);
    if (it) Q_EMIT imageActivated(it->data(Qt::UserRole).toInt());
  });
  auto* suspectBox = new QWidget;
  auto* sb = new QVBoxLayout(suspectBox);
  auto* sbTop = new QHBoxLayout;
  folds_ = new QSpinBox;
  folds_->setRange(2, 20);
  folds_->setValue(5);
  folds_->setPrefix(tr("folds: "));
  cvEpochs_ = new QSpinBox;
  cvEpochs_->setRange(1, 1000);
  cvEpochs_->setValue(15);
  cvEpochs_->setPrefix(tr("epochs: "));
  suspectsFind_ = new QPushButton(tr("Find Suspected Label Errors"));
  suspectsFind_->setToolTip(
      tr("Train one model per fold on the other folds (the Train tab's settings) and score every "
         "image "
         "with the model that never saw it; list images whose label gets a low probability"));
  suspectsStop_ = new QPushButton(tr("Stop"));
  suspectsStop_->setEnabled(false);
  suspectsStatus_ = new QLabel(
      tr("k-fold cross-validation over all images; each is scored by a model that never saw it."));
  suspectsStatus_->setWordWrap(true);
  sbTop->addWidget(folds_);
  sbTop->addWidget(cvEpochs_);
  sbTop->addWidget(suspectsFind_);
  sbTop->addWidget(suspectsStop_);
  sbTop->addWidget(suspectsStatus_, 1);
  sb->addLayout(sbTop);
  sb->addWidget(suspects_, 1);
  connect(suspectsFind_, &QPushButton::clicked, this,
          [this] { Q_EMIT suspectsRequested(folds_->value(), cvEpochs_->value()); });
  connect(suspectsStop_, &QPushButton::clicked, this, &EvaluatePanel::suspectsCancelRequested);

  calibration_ = new CalibrationView;
  connect(calibration_, &CalibrationView::saveRuleRequested, this,
          &EvaluatePanel::saveRuleRequested);

  lists_ = new QTabWidget;
  lists_->addTab(table_, tr("Table IV: per-class metrics"));
  lists_->addTab(pairs_, tr("Most confused pairs"));
  lists_->addTab(losses_, tr("Top losses"));
  lists_->addTab(compareBox, tr("Model comparison (Table V)"));
  lists_->addTab(suspectBox, tr("Suspected label errors"));
  lists_->addTab(pointBox, tr("Explain: pointing game"));
  lists_->addTab(calibration_, tr("Calibration and review"));
  auto* vs = new QSplitter(Qt::Vertical);
  connect(lists_, &QTabWidget::currentChanged, this, [this, vs] {
    if (lists_->currentWidget() != calibration_) return;
    // Two plots with legends need more height than the tables: the lower part gets 3/5.
    const int h = vs->height();
    if (vs->sizes().value(1) < h / 2) vs->setSizes({h * 2 / 5, h * 3 / 5});
  });

  vs->addWidget(plots);
  vs->addWidget(lists_);
  vs->setStretchFactor(0, 3);
  vs->setStretchFactor(1, 2);
  lay->addWidget(vs, 1);
  setResults({}, {}, 0);
  setComparison({});
}

QString EvaluatePanel::split() const { return split_->currentData().toString(); }

void EvaluatePanel::setSplit(const QString& split) {
  const int i = split_->findData(split);
  if (i >= 0) split_->setCurrentIndex(i);
}

void EvaluatePanel::setCanEvaluate(bool can, const QString& why) {
  evaluate_->setEnabled(can);
  evaluate_->setToolTip(can ? tr("Classify every image of the split with the loaded model, one at "
                                 "a time, timed from file read to decision")
                            : why);
}

QPoint EvaluatePanel::cellCenter(int truth, int predicted) const {
  return QPoint(int(confusion_->xAxis->coordToPixel(predicted)),
                int(confusion_->yAxis->coordToPixel(truth)));
}

bool EvaluatePanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == confusion_ && event->type() == QEvent::MouseButtonRelease && eval_) {
    const auto* me = static_cast<QMouseEvent*>(event);
    const auto [t, p] = confusionCellAt(confusion_, me->position(), eval_->confusion.size());
    if (t >= 0) Q_EMIT cellActivated(t, p);
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void EvaluatePanel::setResults(const QStringList& classes, const Predictions& predictions,
                               int expected) {
  const QVector<int>& rows = predictions.rows;
  const QStringList& names = predictions.names;
  const std::vector<int>& truth = predictions.truth;
  const std::vector<std::vector<float>>& probs = predictions.probs;
  const QVector<double>& ms = predictions.ms;
  table_->setRowCount(0);
  pairs_->setRowCount(0);
  losses_->setRowCount(0);
  calibration_->setResults(probs, truth, split(), classes);
  if (rows.isEmpty()) {
    eval_.reset();
    confusion_->clearPlottables();
    confusion_->clearItems();
    confusion_->replot();
    roc_->clearPlottables();
    roc_->clearItems();
    roc_->replot();
    summary_->setText(
        expected > 0
            ? tr("No image of this split has been classified yet: press <b>Evaluate Model</b>.")
            : tr("Open a dataset and a model with the same classes, then press <b>Evaluate "
                 "Model</b>."));
    return;
  }
  std::vector<std::string> cls;
  for (const QString& c : classes) cls.push_back(c.toStdString());
  eval_ = std::make_unique<sdd::Evaluation>(sdd::evaluate(truth, probs, cls));
  const sdd::Evaluation& ev = *eval_;

  double minAuc = 1;
  QString minAucClass;
  for (const auto& c : ev.perClass)
    if (!std::isnan(c.auc) && c.auc <= minAuc) {
      minAuc = c.auc;
      minAucClass = QString::fromStdString(c.name);
    }
  const double median = sdd::percentile(std::vector<double>(ms.begin(), ms.end()), 0.5);
  summary_->setText(tr("<b>%1</b> of %2 images · accuracy <b>%3</b> · macro F1 <b>%4</b> · macro "
                       "AUC %5 · lowest AUC %6 (%7) · "
                       "median %8 ms/image, file read to decision")
                        .arg(rows.size())
                        .arg(expected)
                        .arg(ev.accuracy, 0, 'f', 4)
                        .arg(ev.macroF1, 0, 'f', 4)
                        .arg(ev.macroAuc, 0, 'f', 4)
                        .arg(minAuc, 0, 'f', 4)
                        .arg(minAucClass)
                        .arg(median, 0, 'f', 2) +
                    (predictions.overlap.overlapping
                         ? tr("<br><b style='color:#d50000'>Warning:</b> %1 of %2 of these images "
                              "(%3 %) are images this model was trained on (the same files): "
                              "the figures overstate how it does on new images.")
                               .arg(predictions.overlap.overlapping)
                               .arg(predictions.overlap.images)
                               .arg(100.0 * predictions.overlap.share(), 0, 'f', 1)
                         : QString()));

  drawConfusion(confusion_, ev);
  drawRoc(roc_, ev);

  // Table IV with the macro average.
  table_->setRowCount(int(ev.perClass.size()) + 1);
  for (int r = 0; r < int(ev.perClass.size()); ++r) {
    const auto& c = ev.perClass[r];
    table_->setItem(r, 0, cell(QString::fromStdString(c.name)));
    table_->setItem(r, 1, num(c.precision, 4));
    table_->setItem(r, 2, num(c.recall, 4));
    table_->setItem(r, 3, num(c.f1, 4));
    table_->setItem(r, 4, std::isnan(c.auc) ? cell(tr("n/a"), true) : num(c.auc, 4));
    table_->setItem(r, 5, cell(QString::number(c.support), true));
  }
  const int m = int(ev.perClass.size());
  QFont bold = table_->font();
  bold.setBold(true);
  table_->setItem(m, 0, cell(tr("macro average")));
  table_->setItem(m, 1, num(ev.macroPrecision, 4));
  table_->setItem(m, 2, num(ev.macroRecall, 4));
  table_->setItem(m, 3, num(ev.macroF1, 4));
  table_->setItem(m, 4, num(ev.macroAuc, 4));
  table_->setItem(m, 5, cell(QString::number(ev.confusion.total()), true));
  for (int c = 0; c < table_->columnCount(); ++c) table_->item(m, c)->setFont(bold);
  table_->resizeColumnsToContents();

  // Off-diagonal cells, largest first.
  struct Pair {
    int t, p;
    std::int64_t n;
  };
  std::vector<Pair> pairs;
  const int n = ev.confusion.size();
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p)
      if (t != p && ev.confusion.count(t, p) > 0) pairs.push_back({t, p, ev.confusion.count(t, p)});
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const Pair& a, const Pair& b) { return a.n > b.n; });
  pairs_->setRowCount(int(pairs.size()));
  for (int r = 0; r < int(pairs.size()); ++r) {
    auto* first = cell(classes[pairs[r].t]);
    first->setData(Qt::UserRole, pairs[r].t);
    first->setData(Qt::UserRole + 1, pairs[r].p);
    pairs_->setItem(r, 0, first);
    pairs_->setItem(r, 1, cell(classes[pairs[r].p]));
    pairs_->setItem(r, 2, cell(QString::number(pairs[r].n), true));
    pairs_->setItem(
        r, 3,
        cell(QStringLiteral("%1%").arg(
                 100.0 * double(pairs[r].n) / double(ev.confusion.support(pairs[r].t)), 0, 'f', 1),
             true));
  }
  pairs_->resizeColumnsToContents();

  // Top losses: the images whose label gets the lowest probability.
  std::vector<int> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  auto pLabel = [&](int k) { return probs[std::size_t(k)][std::size_t(truth[std::size_t(k)])]; };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return pLabel(a) < pLabel(b); });
  const int shown = std::min<int>(int(order.size()), 50);
  losses_->setRowCount(shown);
  for (int r = 0; r < shown; ++r) {
    const int k = order[r];
    const auto& p = probs[std::size_t(k)];
    const int pred = int(std::max_element(p.begin(), p.end()) - p.begin());
    auto* first = cell(names.value(k));
    first->setData(Qt::UserRole, rows[k]);
    losses_->setItem(r, 0, first);
    losses_->setItem(r, 1, cell(classes[truth[std::size_t(k)]]));
    auto* predItem = cell(classes[pred]);
    if (pred != truth[std::size_t(k)]) predItem->setForeground(QColor(200, 0, 0));
    losses_->setItem(r, 2, predItem);
    losses_->setItem(r, 3, num(pLabel(k), 4));
    losses_->setItem(r, 4, num(-std::log(std::max(1e-12, double(pLabel(k)))), 3));
  }
  losses_->resizeColumnsToContents();
}

void EvaluatePanel::setComparisonBusy(const QString& text) { compareStatus_->setText(text); }

int EvaluatePanel::suspectFolds() const { return folds_->value(); }
int EvaluatePanel::suspectEpochs() const { return cvEpochs_->value(); }

void EvaluatePanel::setSuspectsBusy(bool busy, const QString& text) {
  suspectsFind_->setEnabled(!busy);
  suspectsStop_->setEnabled(busy);
  folds_->setEnabled(!busy);
  cvEpochs_->setEnabled(!busy);
  suspectsStatus_->setText(text);
}

void EvaluatePanel::setSuspects(const sdd::Dataset& dataset,
                                const std::vector<sdd::SuspectedLabel>& list, int scored) {
  const auto& classes = dataset.classes();
  suspects_->setRowCount(int(list.size()));
  for (int r = 0; r < int(list.size()); ++r) {
    const sdd::SuspectedLabel& s = list[std::size_t(r)];
    auto* first =
        cell(QString::fromStdString(dataset.samples()[s.sample].path.filename().string()));
    first->setData(Qt::UserRole, int(s.sample));  // rows are dataset indices
    first->setToolTip(tr("Click to show it in the browser, then press a class number to relabel"));
    suspects_->setItem(r, 0, first);
    suspects_->setItem(r, 1, cell(QString::fromStdString(classes.at(std::size_t(s.label)))));
    suspects_->setItem(r, 2, num(s.labelProbability, 4));
    suspects_->setItem(r, 3, cell(QString::fromStdString(classes.at(std::size_t(s.suggested)))));
    suspects_->setItem(r, 4, num(s.suggestedProbability, 4));
  }
  suspects_->resizeColumnsToContents();
  setSuspectsBusy(false, tr("%1 of %2 images scored out of fold have a label the models doubt "
                            "(P(label) < 0.5, another class "
                            "more probable), lowest first. Click one to inspect and relabel it.")
                             .arg(list.size())
                             .arg(scored));
}

void EvaluatePanel::setPointingGameBusy(const QString& text) { pointingStatus_->setText(text); }

void EvaluatePanel::setPointingGame(const sdd::PointingGame& g) {
  pointing_->setRowCount(int(g.classes.size()) + 1);
  auto pct = [](int hits, int n) {
    return n ? QStringLiteral("%1 / %2  (%3%)").arg(hits).arg(n).arg(100.0 * hits / n, 0, 'f', 1)
             : QStringLiteral("—");
  };
  for (int c = 0; c < int(g.classes.size()); ++c) {
    pointing_->setItem(c, 0, cell(QString::fromStdString(g.classes[c])));
    pointing_->setItem(c, 1, cell(QString::number(g.images[c]), true));
    pointing_->setItem(c, 2, cell(pct(g.hits[c], g.images[c]), true));
    pointing_->setItem(c, 3, cell(pct(g.centreHits[c], g.images[c]), true));
  }
  const int m = int(g.classes.size());
  pointing_->setItem(m, 0, cell(tr("all")));
  pointing_->setItem(m, 1, cell(QString::number(g.totalImages()), true));
  pointing_->setItem(m, 2, cell(pct(g.totalHits(), g.totalImages()), true));
  pointing_->setItem(m, 3, cell(pct(g.totalCentreHits(), g.totalImages()), true));
  QFont bold = pointing_->font();
  bold.setBold(true);
  for (int c = 0; c < 4; ++c) pointing_->item(m, c)->setFont(bold);
  pointing_->resizeColumnsToContents();
  pointingStatus_->setText(
      g.totalImages() == 0
          ? tr("No image of this split has defect boxes.")
          : tr("%1 images with boxes%2. Peak: the Grad-CAM maximum for the labelled class.")
                .arg(g.totalImages())
                .arg(g.withoutBoxes ? tr(", %1 without boxes left out").arg(g.withoutBoxes)
                                    : QString()));
}

void EvaluatePanel::setComparison(const sdd::ModelComparison& comparison) {
  const std::vector<sdd::ModelSummary>& rows = comparison.rows;
  QStringList notes;
  for (const auto& m : comparison.skipped)
    notes << QStringLiteral("%1 (%2)").arg(QString::fromStdString(sdd::modelLabel(m.file)),
                                           QString::fromStdString(m.reason));
  compareStatus_->setText(
      tr("%1 model(s) measured on the %2 split, one image at a time from file read to decision. "
         "Grey rows: the paper's reported figures.%3")
          .arg(rows.size())
          .arg(split())
          .arg(notes.isEmpty() ? QString()
                               : tr(" Skipped: %1").arg(notes.join(QStringLiteral("; ")))));
  const auto& paper = sdd::paperTableV();
  compare_->setRowCount(int(rows.size() + paper.size()));
  int r = 0;
  for (const auto& s : rows) {
    compare_->setItem(r, 0, cell(QString::fromStdString(s.name)));
    compare_->item(r, 0)->setToolTip(QString::fromStdString(s.file.string()));
    compare_->setItem(r, 1, cell(QString::number(s.layers), true));
    compare_->setItem(
        r, 2, cell(QStringLiteral("%1 (%2)").arg(s.weights).arg(fmtCount(s.weights)), true));
    compare_->setItem(r, 3, cell(fmtCount(s.macs), true));
    compare_->setItem(r, 4, num(s.macroF1, 4));
    compare_->setItem(r, 5,
                      cell(QStringLiteral("%1 (%2)")
                               .arg(s.minAuc, 0, 'f', 4)
                               .arg(QString::fromStdString(s.minAucClass)),
                           true));
    compare_->setItem(r, 6, num(s.medianMs, 2));
    compare_->setItem(r, 7, cell(QString::fromStdString(s.architecture)));
    ++r;
  }
  for (const auto& p : paper) {
    const QColor grey(110, 110, 110);
    compare_->setItem(r, 0,
                      cell(tr("%1 — reported by the paper").arg(QString::fromStdString(p.model))));
    compare_->setItem(r, 1, cell(QString::fromStdString(p.layers), true));
    compare_->setItem(r, 2, cell(QString::fromStdString(p.weights), true));
    compare_->setItem(r, 3, cell(QStringLiteral("—"), true));
    compare_->setItem(r, 4, cell(QString::fromStdString(p.f1), true));
    compare_->setItem(r, 5, cell(QStringLiteral("—"), true));
    compare_->setItem(r, 6, cell(QStringLiteral("—"), true));
    compare_->setItem(r, 7, cell(tr("not measured here")));
    for (int c = 0; c < compare_->columnCount(); ++c) compare_->item(r, c)->setForeground(grey);
    ++r;
  }
  compare_->resizeColumnsToContents();
}

void EvaluatePanel::showCalibration() { lists_->setCurrentWidget(calibration_); }

}  // namespace sddui
