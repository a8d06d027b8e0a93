#include "panels/classify_panel.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextStream>
#include <QVBoxLayout>
#include <cmath>

#include "display_image.h"
#include "plots.h"
#include "qcp.h"
#include "sdd/util/csv.h"
#include "widgets/decision_badge.h"

namespace sddui {

using sddreport::classColor;
using sddreport::loadDisplayImage;

namespace {

QString csv(const QString& s) { return QString::fromStdString(sdd::csvField(s.toStdString())); }

}  // namespace

void ResultsModel::setClasses(const QStringList& classes) {
  beginResetModel();
  classes_ = classes;
  endResetModel();
}

void ResultsModel::clear() {
  beginResetModel();
  rows_.clear();
  endResetModel();
}

void ResultsModel::append(const QVector<ClassifiedImage>& rows) {
  if (rows.isEmpty()) return;
  beginInsertRows({}, rows_.size(), rows_.size() + rows.size() - 1);
  rows_ += rows;
  endInsertRows();
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const ClassifiedImage& c = rows_[index.row()];
  const ClassifyResult& r = c.result;
  const bool known = c.trueLabel >= 0;
  if (role == Qt::UserRole) return index.row();
  if (role == Qt::ForegroundRole && index.column() == Match && known && r.ok())
    return QColor(r.classIndex == c.trueLabel ? QColor(0, 130, 60) : QColor(213, 0, 0));
  if (role == Qt::DecorationRole && index.column() == Predicted && r.ok())
    return classColor(r.classIndex);
  if (index.column() == Decision && r.ok()) {
    if (role == Qt::ForegroundRole) return QColor(Qt::white);
    if (role == Qt::BackgroundRole) return decisionColor(r.decision);
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignCenter);
    if (role == Qt::ToolTipRole)
      return tr("calibrated probability %1, unknown score %2")
                 .arg(r.calibrated, 0, 'f', 3)
                 .arg(std::isnan(r.unknownScore) ? tr("n/a")
                                                 : QString::number(r.unknownScore, 'f', 2)) +
             (r.unknownReason.isEmpty() ? QString() : QStringLiteral("\n") + r.unknownReason);
  }
  if (role == Qt::TextAlignmentRole && (index.column() == Confidence || index.column() == Ms))
    return int(Qt::AlignRight | Qt::AlignVCenter);
  const bool sort = role == Qt::EditRole;
  if (role != Qt::DisplayRole && !sort) return {};
  switch (index.column()) {
    case File:
      return QFileInfo(r.file).fileName();
    case Predicted:
      return r.ok() ? classes_.value(r.classIndex) : tr("— %1").arg(r.error);
    case Confidence:
      if (!r.ok()) return {};
      return sort ? QVariant(r.probabilities[r.classIndex])
                  : QVariant(QString::number(r.probabilities[r.classIndex], 'f', 3));
    case Decision:
      if (!r.ok()) return {};
      return sort ? QVariant(int(r.decision)) : QVariant(decisionText(r.decision));
    case TrueLabel:
      return known ? classes_.value(c.trueLabel) : QString();
    case Match:
      return known && r.ok() ? (r.classIndex == c.trueLabel ? tr("✓") : tr("✗ differs"))
                             : QString();
    case Ms:
      return r.ok() ? (sort ? QVariant(r.totalMs) : QVariant(QString::number(r.totalMs, 'f', 2)))
                    : QVariant();
  }
  return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case File:
      return tr("File");
    case Predicted:
      return tr("Predicted");
    case Confidence:
      return tr("Probability");
    case Decision:
      return tr("Decision");
    case TrueLabel:
      return tr("Label");
    case Match:
      return tr("Match");
    case Ms:
      return tr("ms");
  }
  return {};
}

QString ResultsModel::exportCsv(const QString& file) const {
  QFile f(file);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
    return tr("cannot write %1: %2").arg(file, f.errorString());
  QTextStream out(&f);
  out << "file,predicted,decision,calibrated_probability,unknown_score,label,ms";
  for (const QString& c : classes_) out << ",p_" << csv(c);
  out << ",error\n";
  for (const ClassifiedImage& c : rows_) {
    const ClassifyResult& r = c.result;
    out << csv(r.file) << ',' << (r.ok() ? csv(classes_.value(r.classIndex)) : QString()) << ','
        << (r.ok() ? QString::fromLatin1(sdd::toString(r.decision)) : QString()) << ','
        << (r.ok() ? QString::number(r.calibrated, 'g', 6) : QString()) << ','
        << (r.ok() ? QString::number(r.unknownScore, 'g', 6) : QString()) << ','
        << (c.trueLabel >= 0 ? csv(classes_.value(c.trueLabel)) : QString()) << ','
        << (r.ok() ? QString::number(r.totalMs, 'f', 3) : QString());
    for (int k = 0; k < classes_.size(); ++k)
      out << ','
          << (k < r.probabilities.size() ? QString::number(r.probabilities[k], 'g', 6) : QString());
    out << ',' << csv(r.error) << '\n';
  }
  out.flush();
  return f.error() == QFile::NoError ? QString() : f.errorString();
}

ProbabilityChart::ProbabilityChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot) {
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(0, 0, 0, 0);
  lay->addWidget(plot_);
  plot_->setMinimumHeight(200);
  plot_->xAxis->setRange(0, 1.0);
  plot_->xAxis->setLabel(tr("SoftMax probability"));
  plot_->yAxis->setTicks(true);
  plot_->yAxis->grid()->setVisible(false);
  plot_->yAxis->setRangeReversed(true);  // first class on top, as in the paper
}

void ProbabilityChart::show(const QStringList& classes, const QVector<float>& p, int predicted,
                            int trueLabel) {
  plot_->clearPlottables();
  plot_->clearItems();
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int k = 0; k < classes.size(); ++k)
    ticker->addTick(k, classes[k] + (k == trueLabel ? tr(" (label)") : QString()));
  plot_->yAxis->setTicker(ticker);
  plot_->yAxis->setRange(-0.7, classes.size() - 0.3);
  // One QCPBars per colour keeps the predicted class visibly different.
  auto* other = new QCPBars(plot_->yAxis, plot_->xAxis);
  auto* top = new QCPBars(plot_->yAxis, plot_->xAxis);
  other->setBrush(QColor(150, 160, 175));
  other->setPen(Qt::NoPen);
  top->setBrush(predicted == trueLabel || trueLabel < 0 ? QColor(0, 114, 178) : QColor(213, 0, 0));
  top->setPen(Qt::NoPen);
  other->setWidth(0.6);
  top->setWidth(0.6);
  for (int k = 0; k < p.size(); ++k) {
    (k == predicted ? top : other)->addData(k, p[k]);
    auto* label = new QCPItemText(plot_);
    // Long bars carry their value inside (white), short ones just after their end.
    const bool inside = p[k] > 0.6f;
    label->position->setCoords(inside ? p[k] - 0.02 : std::max(0.0f, p[k]) + 0.02, k);
    label->setPositionAlignment((inside ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (inside) label->setColor(Qt::white);
    label->setText(QString::number(p[k], 'f', 3));
    label->setFont(QFont(font().family(), font().pointSize() - 1));
  }
  plot_->replot();
}

ClassifyPanel::ClassifyPanel(QWidget* parent)
    : QWidget(parent),
      model_(new ResultsModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView),
      image_(new QLabel),
      verdict_(new QLabel),
      chart_(new ProbabilityChart),
      stats_(new QLabel),
      fov_(new QDoubleSpinBox),
      speed_(new QLabel),
      rejected_(new QListWidget),
      rejectedTitle_(new QLabel) {
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(Qt::EditRole);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // arrival order
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  // Fixed widths while a batch streams in: ResizeToContents would measure every row on
  // every insert (quadratic in the batch size, and it stalls the GUI thread).
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  table_->horizontalHeader()->setSectionResizeMode(ResultsModel::File, QHeaderView::Stretch);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  const int em = table_->fontMetrics().horizontalAdvance(QLatin1Char('M'));
  table_->setColumnWidth(ResultsModel::Predicted, 12 * em);
  table_->setColumnWidth(ResultsModel::Confidence, 8 * em);
  table_->setColumnWidth(ResultsModel::TrueLabel, 11 * em);
  table_->setColumnWidth(ResultsModel::Match, 6 * em);
  table_->setColumnWidth(ResultsModel::Ms, 5 * em);
  table_->setAlternatingRowColors(true);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& cur) {
            if (cur.isValid()) showDetail(proxy_->mapToSource(cur).row());
          });
  table_->setToolTip(tr("Double-click or Enter: show the image in the dataset"));
  connect(table_, &QTableView::activated, this, [this](const QModelIndex& i) {
    if (i.isValid()) Q_EMIT imageActivated(model_->at(proxy_->mapToSource(i).row()).result.file);
  });

  auto* top = new QHBoxLayout;
  auto* classify = new QPushButton(tr("Classify images…"));
  classify->setToolTip(tr("Choose image files to classify (or drop them anywhere on the window)"));
  connect(classify, &QPushButton::clicked, this, &ClassifyPanel::classifyRequested);
  auto* cancel = new QPushButton(tr("Stop"));
  connect(cancel, &QPushButton::clicked, this, &ClassifyPanel::cancelRequested);
  auto* exportCsv = new QPushButton(tr("Export CSV…"));
  connect(exportCsv, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getSaveFileName(
        this, tr("Export results"), QStringLiteral("classification.csv"), tr("CSV files (*.csv)"));
    if (f.isEmpty()) return;
    const QString err = model_->exportCsv(f);
    stats_->setText(err.isEmpty() ? tr("Results written to %1").arg(f) : err);
  });
  fov_->setRange(0.01, 100);
  fov_->setDecimals(2);
  fov_->setValue(0.5);
  fov_->setSuffix(tr(" m"));
  fov_->setToolTip(tr("Field of view of the camera along the strip (paper: 0.5 m)"));
  connect(fov_, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this,
          &ClassifyPanel::updateStats);
  top->addWidget(classify);
  top->addWidget(cancel);
  top->addWidget(exportCsv);
  top->addStretch(1);
  top->addWidget(new QLabel(tr("Field of view")));
  top->addWidget(fov_);
  top->addWidget(speed_);
  stats_->setWordWrap(true);
  stats_->setTextFormat(Qt::RichText);

  auto* left = new QWidget;
  auto* ll = new QVBoxLayout(left);
  ll->setContentsMargins(0, 0, 0, 0);
  ll->addWidget(table_, 1);
  rejectedTitle_->setText(tr("<b>Not classified</b>"));
  ll->addWidget(rejectedTitle_);
  rejected_->setMaximumHeight(110);
  ll->addWidget(rejected_);
  rejectedTitle_->hide();
  rejected_->hide();

  auto* right = new QWidget;
  auto* rl = new QVBoxLayout(right);
  rl->setContentsMargins(0, 0, 0, 0);
  image_->setAlignment(Qt::AlignCenter);
  image_->setMinimumSize(220, 220);
  image_->setStyleSheet(QStringLiteral("background:#2d2d30; border-radius:4px;"));
  verdict_->setTextFormat(Qt::RichText);
  verdict_->setWordWrap(true);
  verdict_->setAlignment(Qt::AlignCenter);
  rl->addWidget(image_, 3);
  rl->addWidget(verdict_);
  rl->addWidget(chart_, 2);

  auto* split = new QSplitter;
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* lay = new QVBoxLayout(this);
  lay->addLayout(top);
  lay->addWidget(stats_);
  lay->addWidget(split, 1);
  verdict_->setText(
      tr("<p style='color:gray'>Drop image files or folders anywhere on this window "
         "to classify them.</p>"));
  updateStats();
}

void ClassifyPanel::setClasses(const QStringList& classes) {
  classes_ = classes;
  model_->setClasses(classes);
}

void ClassifyPanel::beginBatch(int count) {
  model_->clear();
  rejected_->clear();
  rejected_->hide();
  rejectedTitle_->hide();
  expected_ = count;
  failed_ = 0;
  okCount_ = 0;
  reviews_ = unknowns_ = 0;
  sumMs_ = 0;
  wallSeconds_ = 0;
  updateStats();
}

void ClassifyPanel::addResults(const QVector<ClassifiedImage>& rows) {
  const int before = model_->rowCount();
  const int okBefore = okCount_;
  int firstOk = -1;
  for (int i = 0; i < rows.size(); ++i) {
    const ClassifiedImage& r = rows[i];
    if (!r.result.ok()) {
      ++failed_;
      rejected_->addItem(QStringLiteral("%1 — %2").arg(r.result.file, r.result.error));
      rejected_->show();
      rejectedTitle_->show();
    } else {
      ++okCount_;
      reviews_ += r.result.decision == sdd::Decision::Review;
      unknowns_ += r.result.decision == sdd::Decision::Unknown;
      sumMs_ += r.result.totalMs;
      if (firstOk < 0) firstOk = before + i;
    }
  }
  model_->append(rows);
  // Show the first classified image of the batch; later ones on request.
  if (okBefore == 0 && firstOk >= 0)
    selectResult(firstOk);
  else if (before == 0 && !rows.isEmpty() && firstOk < 0)
    selectResult(0);
  updateStats();
}

void ClassifyPanel::endBatch(int classified, int failed, double seconds, bool cancelled) {
  wallSeconds_ = seconds;
  updateStats();
  if (cancelled) stats_->setText(stats_->text() + tr(" — stopped"));
}

void ClassifyPanel::selectResult(int row) {
  const QModelIndex p = proxy_->mapFromSource(model_->index(row, 0));
  table_->setCurrentIndex(p);
  showDetail(row);
}

void ClassifyPanel::showDetail(int row) {
  if (row < 0 || row >= model_->rowCount()) return;
  const ClassifiedImage& c = model_->at(row);
  QImage img = loadDisplayImage(c.result.file.toStdString(), 360);
  if (!img.isNull()) img = img.scaled(360, 360, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  image_->setPixmap(img.isNull() ? QPixmap() : QPixmap::fromImage(img));
  if (!c.result.ok()) {
    verdict_->setText(tr("<b>%1</b><br><span style='color:#d50000'>not classified: %2</span>")
                          .arg(QFileInfo(c.result.file).fileName().toHtmlEscaped(),
                               c.result.error.toHtmlEscaped()));
    chart_->show(classes_, QVector<float>(classes_.size(), 0.f), -1, -1);
    return;
  }
  const QString cls = classes_.value(c.result.classIndex);
  QString v = tr("<b>%1</b><br><span style='font-size:15pt'>%2</span> &nbsp;%3")
                  .arg(QFileInfo(c.result.file).fileName().toHtmlEscaped(), cls.toHtmlEscaped())
                  .arg(c.result.probabilities[c.result.classIndex], 0, 'f', 3);
  v += QStringLiteral(" &nbsp;") + decisionBadgeHtml(c.result.decision) +
       decisionWhyHtml(c.result.decision, c.result.calibrated, c.result.unknownScore,
                       c.result.unknownReason);
  if (c.trueLabel >= 0) {
    v += c.trueLabel == c.result.classIndex
             ? tr("<br><span style='color:#00823c'>✓ matches its label</span>")
             : tr("<br><span style='color:#d50000'><b>✗ label is %1</b></span>")
                   .arg(classes_.value(c.trueLabel).toHtmlEscaped());
  }
  verdict_->setText(v);
  chart_->show(classes_, c.result.probabilities, c.result.classIndex, c.trueLabel);
}

void ClassifyPanel::updateStats() {
  const int done = model_->rowCount();
  if (done == 0 && expected_ == 0) {
    stats_->setText(tr("No images classified yet."));
    speed_->clear();
    return;
  }
  const double mean = okCount_ ? sumMs_ / okCount_ : 0;
  QString s = tr("%1 of %2 image(s)").arg(done).arg(expected_);
  if (okCount_) s += tr(" · %1 ms/image (file read → decision)").arg(mean, 0, 'f', 2);
  if (wallSeconds_ > 0 && okCount_)
    s += tr(" · %1 images/s").arg(okCount_ / wallSeconds_, 0, 'f', 1);
  if (okCount_)
    s += tr(" · <span style='color:%1'>%2 OK</span>, <span style='color:%3'>%4 review</span>, "
            "<span style='color:%5'>%6 unknown</span>")
             .arg(decisionColor(sdd::Decision::Accept).name())
             .arg(okCount_ - reviews_ - unknowns_)
             .arg(decisionColor(sdd::Decision::Review).name())
             .arg(reviews_)
             .arg(decisionColor(sdd::Decision::Unknown).name())
             .arg(unknowns_);
  if (failed_) s += tr(" · %1 not classified").arg(failed_);
  stats_->setText(s);
  speed_->setText(mean > 0
                      ? tr("→ line speed %1 m/s").arg(fov_->value() / (mean / 1000.0), 0, 'f', 1)
                      : QString());
}

}  // namespace sddui
