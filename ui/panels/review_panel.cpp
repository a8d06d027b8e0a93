#include "panels/review_panel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include "plots.h"
#include "widgets/decision_badge.h"

namespace sddui {

ReviewPanel::ReviewPanel(QWidget* parent) : QWidget(parent) {
  order_ = new QComboBox;
  order_->addItem(tr("Least confident first"), int(sdd::ReviewOrder::LeastConfident));
  order_->addItem(tr("Likely label errors first"), int(sdd::ReviewOrder::LikelyErrors));
  order_->addItem(tr("File order"), int(sdd::ReviewOrder::FileOrder));
  order_->addItem(tr("Model's doubts first (unknown, review)"), int(sdd::ReviewOrder::DoubtsFirst));
  // As wide as the usual names, not the longest (the window must fit 1360 px).
  order_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  order_->setMinimumContentsLength(20);
  auto* score = new QPushButton(tr("Score Unlabeled Images"));
  score->setToolTip(
      tr("Classify the images without a class with the loaded model; the suggestions are "
         "kept in the workspace"));
  auto* bulk = new QPushButton(tr("Accept Confident Suggestions…"));
  auto* retrain = new QPushButton(tr("Train && Re-score"));
  retrain->setToolTip(
      tr("Train on the labeled images with the Train tab's settings, then score the "
         "unlabeled ones with the new model"));
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Order")));
  top->addWidget(order_);
  top->addStretch();
  top->addWidget(score);
  top->addWidget(bulk);
  top->addWidget(retrain);

  image_ = new QLabel;
  image_->setAlignment(Qt::AlignCenter);
  image_->setMinimumSize(240, 240);
  image_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);  // no resize feedback loop
  title_ = new QLabel;
  title_->setWordWrap(true);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QLabel;
  progress_->setWordWrap(true);

  auto* side = new QWidget;
  auto* sl = new QVBoxLayout(side);
  sl->addWidget(title_);
  auto* barsBox = new QWidget;
  bars_ = new QGridLayout(barsBox);
  bars_->setContentsMargins(0, 0, 0, 0);
  sl->addWidget(barsBox);
  accept_ = new QPushButton(tr("Accept Suggestion  (Enter)"));
  unsure_ = new QPushButton(tr("Unsure  (U)"));
  undo_ = new QPushButton(tr("Undo  (Backspace)"));
  sl->addWidget(accept_);
  classButtons_ = new QWidget;
  new QGridLayout(classButtons_);
  sl->addWidget(classButtons_);
  sl->addWidget(unsure_);
  sl->addWidget(undo_);
  sl->addStretch();
  side->setMinimumWidth(300);
  side->setMaximumWidth(420);

  auto* middle = new QHBoxLayout;
  middle->addWidget(image_, 1);
  middle->addWidget(side);
  auto* lay = new QVBoxLayout(this);
  lay->addLayout(top);
  lay->addWidget(progress_);
  lay->addLayout(middle, 1);

  connect(order_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          &ReviewPanel::orderChanged);
  connect(score, &QPushButton::clicked, this, &ReviewPanel::scoreRequested);
  connect(bulk, &QPushButton::clicked, this, &ReviewPanel::bulkRequested);
  connect(retrain, &QPushButton::clicked, this, &ReviewPanel::trainAndRescoreRequested);
  connect(accept_, &QPushButton::clicked, this, &ReviewPanel::acceptRequested);
  connect(unsure_, &QPushButton::clicked, this, &ReviewPanel::unsureRequested);
  connect(undo_, &QPushButton::clicked, this, &ReviewPanel::undoRequested);
  // The keys work while the tab is shown, whatever has focus inside it.
  auto key = [this](const QKeySequence& k, auto signal) {
    auto* s = new QShortcut(k, this);
    s->setContext(Qt::WidgetWithChildrenShortcut);
    connect(s, &QShortcut::activated, this, signal);
  };
  key(QKeySequence(Qt::Key_Return), &ReviewPanel::acceptRequested);
  key(QKeySequence(Qt::Key_Enter), &ReviewPanel::acceptRequested);
  key(QKeySequence(Qt::Key_U), &ReviewPanel::unsureRequested);
  key(QKeySequence(Qt::Key_Backspace), &ReviewPanel::undoRequested);
  for (int k = 0; k < 9; ++k) {
    auto* s = new QShortcut(QKeySequence(Qt::Key_1 + k), this);
    s->setContext(Qt::WidgetWithChildrenShortcut);
    connect(s, &QShortcut::activated, this, [this, k] {
      if (k < classes_.size()) Q_EMIT classRequested(k);
    });
  }
  setFocusPolicy(Qt::StrongFocus);
  showMessage(tr("Open a dataset and load a model to review its images."));
}

void ReviewPanel::setClasses(const QStringList& classes) {
  classes_ = classes;
  qDeleteAll(buttons_);
  buttons_.clear();
  qDeleteAll(barList_);
  barList_.clear();
  while (QLayoutItem* it = bars_->takeAt(0)) {
    delete it->widget();
    delete it;
  }
  auto* grid = static_cast<QGridLayout*>(classButtons_->layout());
  for (int k = 0; k < classes.size(); ++k) {
    auto* b =
        new QPushButton(k < 9 ? QStringLiteral("%1  %2").arg(k + 1).arg(classes[k]) : classes[k]);
    QPixmap dot(10, 10);
    dot.fill(sddreport::classColor(k));
    b->setIcon(QIcon(dot));
    connect(b, &QPushButton::clicked, this, [this, k] { Q_EMIT classRequested(k); });
    grid->addWidget(b, k / 2, k % 2);
    buttons_ << b;
    auto* name = new QLabel(classes[k]);
    auto* bar = new QProgressBar;
    bar->setRange(0, 1000);
    bar->setFormat(QString());
    bar->setMaximumHeight(16);
    bars_->addWidget(name, k, 0);
    bars_->addWidget(bar, k, 1);
    barList_ << bar;
  }
}

sdd::ReviewOrder ReviewPanel::order() const {
  return static_cast<sdd::ReviewOrder>(order_->currentData().toInt());
}

void ReviewPanel::showItem(const ReviewItem& item) {
  QImageReader reader(item.file);
  reader.setAutoTransform(true);
  pixmap_ = QPixmap::fromImage(reader.read());
  image_->setPixmap(pixmap_.isNull() ? QPixmap()
                                     : pixmap_.scaled(image_->size(), Qt::KeepAspectRatio,
                                                      Qt::SmoothTransformation));
  if (pixmap_.isNull()) image_->setText(tr("Cannot show %1").arg(item.name));
  const QString now = item.label >= 0 ? classes_.value(item.label) : tr("no class yet");
  QString sug = item.suggestion >= 0
                    ? tr("suggestion: <b>%1</b> (%2 %)")
                          .arg(classes_.value(item.suggestion))
                          .arg(qRound(item.probabilities.value(item.suggestion) * 100))
                    : tr("not scored yet");
  if (item.decision >= 0) {
    const auto d = sdd::Decision(item.decision);
    sug += QStringLiteral(" &nbsp;") + decisionBadgeHtml(d) +
           decisionWhyHtml(d, item.calibrated, item.unknownScore, item.outside);
  }
  title_->setText(QStringLiteral("<b>%1</b><br>%2<br>%3").arg(item.name.toHtmlEscaped(), now, sug));
  for (int k = 0; k < barList_.size(); ++k) {
    const float p = item.probabilities.value(k);
    barList_[k]->setValue(qRound(p * 1000));
    barList_[k]->setFormat(QStringLiteral("%1 %").arg(p * 100, 0, 'f', 1));
    barList_[k]->setStyleSheet(k == item.suggestion
                                   ? QStringLiteral("QProgressBar::chunk{background:%1}")
                                         .arg(sddreport::classColor(k).name())
                                   : QString());
  }
  accept_->setEnabled(item.suggestion >= 0);
  unsure_->setEnabled(true);
  for (QPushButton* b : buttons_) b->setEnabled(true);
}

void ReviewPanel::showMessage(const QString& message) {
  pixmap_ = QPixmap();
  image_->setPixmap(QPixmap());
  image_->setText(message);
  title_->clear();
  for (QProgressBar* b : barList_) b->setValue(0);
  accept_->setEnabled(false);
  unsure_->setEnabled(false);
  for (QPushButton* b : buttons_) b->setEnabled(false);
}

void ReviewPanel::setProgress(const QString& line) { progress_->setText(line); }

void ReviewPanel::resizeEvent(QResizeEvent* e) {
  QWidget::resizeEvent(e);
  if (!pixmap_.isNull())
    image_->setPixmap(
        pixmap_.scaled(image_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

}  // namespace sddui
