#include "panels/inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsPixmapItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "display_image.h"
#include "models/dataset_model.h"
#include "plots.h"
#include "workers/inference_worker.h"

namespace sddui {

using sddreport::classColor;
using sddreport::loadDisplayImage;
using sddreport::loadMaskOverlay;

ImageView::ImageView(QWidget* parent) : QGraphicsView(parent) {
  setScene(new QGraphicsScene(this));
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setRenderHint(QPainter::SmoothPixmapTransform);
  setBackgroundBrush(QColor(45, 45, 48));
  setMinimumSize(220, 220);
}

void ImageView::setImage(const QImage& image) {
  scene()->clear();
  boxes_.clear();
  overlay_ = nullptr;
  mask_ = nullptr;
  peak_.clear();
  pixmap_ = scene()->addPixmap(QPixmap::fromImage(image));
  scene()->setSceneRect(pixmap_->boundingRect());
  fitted_ = true;
  fitToView();
}

void ImageView::setBoxes(const QList<QPair<QRect, QString>>& boxes) {
  for (auto* b : boxes_) scene()->removeItem(b), delete b;
  boxes_.clear();
  for (const auto& [r, name] : boxes) {
    auto* rect = scene()->addRect(r, QPen(QColor(255, 60, 60), 2));
    rect->setPen(QPen(QColor(255, 60, 60), 0));  // cosmetic: 1 px at any zoom
    auto* text = scene()->addSimpleText(name);
    text->setBrush(QColor(255, 90, 90));
    text->setPos(r.topLeft() + QPointF(2, 1));
    text->setFlag(QGraphicsItem::ItemIgnoresTransformations);
    boxes_ << rect << text;
  }
  setBoxesVisible(boxesVisible_);
}

void ImageView::setOverlay(const QImage& overlay, const QPoint& peak, const QList<QRect>& regions) {
  if (overlay_) scene()->removeItem(overlay_), delete overlay_;
  for (auto* p : peak_) scene()->removeItem(p), delete p;
  overlay_ = nullptr;
  peak_.clear();
  if (overlay.isNull()) return;
  overlay_ = scene()->addPixmap(QPixmap::fromImage(overlay));
  overlay_->setOpacity(overlayOpacity_);
  overlay_->setZValue(1);
  if (peak.x() >= 0) {
    const QPen pen(Qt::white, 0);
    const int r = std::max(4, overlay.width() / 30);
    peak_ << scene()->addLine(peak.x() - r, peak.y(), peak.x() + r, peak.y(), pen)
          << scene()->addLine(peak.x(), peak.y() - r, peak.x(), peak.y() + r, pen);
  }
  for (const QRect& r : regions) {
    QPen pen(QColor(255, 235, 59), 0, Qt::DashLine);  // cosmetic, dashed: found, not annotated
    peak_ << scene()->addRect(r, pen);
  }
  for (auto* p : peak_) p->setZValue(2);
}

void ImageView::setOverlayOpacity(double opacity) {
  overlayOpacity_ = opacity;
  if (overlay_) overlay_->setOpacity(opacity);
}

void ImageView::setMask(const QImage& overlay) {
  if (mask_) scene()->removeItem(mask_), delete mask_;
  mask_ = nullptr;
  if (overlay.isNull()) return;
  mask_ = scene()->addPixmap(QPixmap::fromImage(overlay));
  mask_->setZValue(0.5);
  mask_->setOpacity(maskOpacity_);
  mask_->setVisible(maskVisible_);
}

void ImageView::setMaskVisible(bool on) {
  maskVisible_ = on;
  if (mask_) mask_->setVisible(on);
}

void ImageView::setMaskOpacity(double opacity) {
  maskOpacity_ = opacity;
  if (mask_) mask_->setOpacity(opacity);
}

void ImageView::setBoxesVisible(bool on) {
  boxesVisible_ = on;
  for (auto* b : boxes_) b->setVisible(on);
}

void ImageView::zoomBy(double factor) {
  fitted_ = false;
  scale(factor, factor);
}

void ImageView::fitToView() {
  if (!pixmap_) return;
  fitted_ = true;
  fitInView(pixmap_, Qt::KeepAspectRatio);
}

void ImageView::wheelEvent(QWheelEvent* e) {
  zoomBy(e->angleDelta().y() > 0 ? 1.25 : 0.8);
  e->accept();
}

void ImageView::resizeEvent(QResizeEvent* e) {
  QGraphicsView::resizeEvent(e);
  if (fitted_) fitToView();
}

Inspector::Inspector(DatasetModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      view_(new ImageView),
      showBoxes_(new QCheckBox(tr("Defect boxes"))),
      showMask_(new QCheckBox(tr("Mask"))),
      maskOpacity_(new QSlider(Qt::Horizontal)),
      showHeat_(new QCheckBox(tr("Grad-CAM"))),
      explainWith_(new QComboBox),
      opacity_(new QSlider(Qt::Horizontal)),
      heatInfo_(new QLabel),
      title_(new QLabel),
      facts_(new QLabel),
      history_(new QTreeWidget) {
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(6, 6, 6, 6);
  title_->setTextFormat(Qt::RichText);
  title_->setWordWrap(true);
  lay->addWidget(title_);
  lay->addWidget(view_, 3);

  auto* tools = new QHBoxLayout;
  auto button = [&](const QString& text, const QString& tip, auto fn) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    connect(b, &QToolButton::clicked, this, fn);
    tools->addWidget(b);
  };
  button(QStringLiteral("+"), tr("Zoom in"), [this] { view_->zoomBy(1.25); });
  button(QStringLiteral("−"), tr("Zoom out"), [this] { view_->zoomBy(0.8); });
  button(tr("Fit"), tr("Fit the image to the view"), [this] { view_->fitToView(); });
  button(tr("1:1"), tr("Actual pixels"), [this] {
    view_->resetTransform();
    view_->zoomBy(1.0);
  });
  tools->addStretch();
  showBoxes_->setChecked(true);
  showBoxes_->setToolTip(tr("Show the Pascal VOC defect regions of the dataset"));
  connect(showBoxes_, &QCheckBox::toggled, view_, &ImageView::setBoxesVisible);
  tools->addWidget(showBoxes_);
  showMask_->setChecked(true);
  showMask_->setToolTip(tr("Show the image's pixel mask from the dataset (the defect's pixels)"));
  connect(showMask_, &QCheckBox::toggled, view_, &ImageView::setMaskVisible);
  maskOpacity_->setRange(0, 100);
  maskOpacity_->setValue(80);
  maskOpacity_->setToolTip(tr("Mask opacity"));
  maskOpacity_->setMaximumWidth(80);
  maskOpacity_->setMinimumWidth(40);
  connect(maskOpacity_, &QSlider::valueChanged, this,
          [this](int v) { view_->setMaskOpacity(v / 100.0); });
  lay->addLayout(tools);
  auto* heat = new QHBoxLayout;
  showHeat_->setToolTip(
      tr("Grad-CAM heat map of the predicted class: where the network looked (computed on the "
         "worker thread)"));
  opacity_->setRange(0, 100);
  opacity_->setValue(55);
  opacity_->setToolTip(tr("Heat map opacity"));
  opacity_->setMaximumWidth(120);
  opacity_->setMinimumWidth(40);
  heatInfo_->setWordWrap(true);
  connect(opacity_, &QSlider::valueChanged, this,
          [this](int v) { view_->setOverlayOpacity(v / 100.0); });
  connect(showHeat_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) {
      requestHeat();
    } else {
      view_->setOverlay({}, {});
      heatShown_ = false;
      heatInfo_->clear();
    }
  });
  // The overlays, each with its opacity: the dataset's mask, the model's heat map.
  heat->addWidget(showMask_);
  heat->addWidget(maskOpacity_);
  heat->addSpacing(8);
  heat->addWidget(showHeat_);
  explainWith_->addItem(tr("Defect map"));
  explainWith_->addItem(tr("Grad-CAM"));
  explainWith_->setToolTip(
      tr("Defect map: where the model, trained on the dataset's masks or boxes, finds defects "
         "(dashed: the regions it finds). Grad-CAM: where the classifier looked."));
  explainWith_->setVisible(false);
  connect(explainWith_, &QComboBox::currentIndexChanged, this, [this] {
    if (showHeat_->isChecked()) requestHeat();
  });
  heat->addWidget(explainWith_);
  heat->addWidget(opacity_);
  heat->addStretch();
  lay->addLayout(heat);
  lay->addWidget(heatInfo_);

  facts_->setTextFormat(Qt::RichText);
  facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  facts_->setWordWrap(true);
  lay->addWidget(facts_);
  auto* hl = new QLabel(tr("<b>Label history</b>"));
  lay->addWidget(hl);
  history_->setHeaderLabels({tr("When (UTC)"), tr("Change"), tr("How"), tr("By"), tr("Note")});
  history_->setRootIsDecorated(false);
  history_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  history_->setMinimumHeight(90);
  // Row numbers of a newly opened dataset mean other images.
  connect(model_, &QAbstractItemModel::modelReset, this, [this] { imageRow_ = -1; });
  lay->addWidget(history_, 1);
  showRow(-1);
}

bool Inspector::maskShown() const { return hasMask_ && showMask_->isChecked(); }

bool Inspector::heatmapOn() const { return showHeat_->isChecked(); }
void Inspector::setHeatmapOn(bool on) { showHeat_->setChecked(on); }

void Inspector::requestHeat() {
  if (row_ < 0 || model_->isEmpty() || row_ >= model_->rowCount()) return;
  heatInfo_->setText(tr("computing…"));
  Q_EMIT explainRequested(QString::fromStdString(model_->sample(row_).path.string()),
                          explainWith_->isVisible() && explainWith_->currentIndex() == 0);
}

void Inspector::setModelHasMap(bool hasMap) {
  explainWith_->setVisible(hasMap);
  showHeat_->setText(hasMap ? QString() : tr("Grad-CAM"));  // the combo names it
}

void Inspector::setExplanation(const Explained& e, const QString& className) {
  if (!showHeat_->isChecked() || row_ < 0 || row_ >= model_->rowCount() ||
      QString::fromStdString(model_->sample(row_).path.string()) != e.file)
    return;  // a late answer for an image no longer shown
  if (!e.error.isEmpty()) {
    heatInfo_->setText(tr("no heat map: %1").arg(e.error));
    return;
  }
  view_->setOverlay(e.overlay, e.peak, e.regions);
  heatShown_ = true;
  const QString what =
      e.defectMap ? tr("defect map (%1), %n region(s)", "", int(e.regions.size())).arg(className)
                  : tr("Grad-CAM of %1").arg(className);
  bool inBox = false;
  for (const auto& b : model_->sample(row_).boxes)
    inBox = inBox || QRect(QPoint(b.xmin, b.ymin), QPoint(b.xmax, b.ymax)).contains(e.peak);
  heatInfo_->setText(
      model_->sample(row_).boxes.empty()
          ? tr("%1; + marks the peak").arg(what)
          : tr("%1; peak (+) %2 a defect box").arg(what, inBox ? tr("inside") : tr("outside")));
}

void Inspector::showRow(int row) {
  row_ = row;
  history_->clear();
  if (row < 0 || model_->isEmpty() || row >= model_->rowCount()) {
    title_->setText(tr("<i>Select an image to inspect it.</i>"));
    facts_->clear();
    view_->setImage(QImage());
    imageRow_ = -1;
    heatShown_ = false;
    heatInfo_->clear();
    showBoxes_->setEnabled(false);
    hasMask_ = false;
    showMask_->setEnabled(false);
    maskOpacity_->setEnabled(false);
    return;
  }
  const sdd::Sample& s = model_->sample(row);
  const QStringList classes = model_->classes();
  if (row != imageRow_) {
    imageError_.clear();
    view_->setImage(loadDisplayImage(s.path, 0, &imageError_));
    imageRow_ = row;
    QList<QPair<QRect, QString>> boxes;
    for (const auto& b : s.boxes)
      boxes.append(
          {QRect(QPoint(b.xmin, b.ymin), QPoint(b.xmax, b.ymax)), QString::fromStdString(b.name)});
    view_->setBoxes(boxes);
    QString maskError;
    const QImage mask =
        s.mask.empty() ? QImage() : loadMaskOverlay(s.mask, QColor(0, 200, 255), 0, &maskError);
    view_->setMask(mask);
    hasMask_ = !mask.isNull();
    showMask_->setEnabled(hasMask_);
    maskOpacity_->setEnabled(hasMask_);
    showMask_->setText(s.mask.empty() ? tr("No mask")
                       : hasMask_     ? tr("Mask")
                                      : tr("Mask unreadable"));
    showMask_->setToolTip(
        maskError.isEmpty()
            ? tr("Show the image's pixel mask from the dataset (the defect's "
                 "pixels)")
            : QStringLiteral("%1: %2").arg(QString::fromStdString(s.mask.string()), maskError));
    heatShown_ = false;
    heatInfo_->clear();
    if (showHeat_->isChecked()) requestHeat();
    showBoxes_->setEnabled(!boxes.isEmpty());
    showBoxes_->setText(boxes.isEmpty() ? tr("No defect boxes")
                                        : tr("Defect boxes (%1)").arg(boxes.size()));
  }
  const QString& error = imageError_;

  const QModelIndex idx = model_->index(row);
  const int pred = idx.data(DatasetModel::PredictedRole).toInt();
  auto chip = [&](int c) {
    return QStringLiteral("<span style='color:%1'>●</span> %2")
        .arg(classColor(c).name(),
             c == sdd::kUnlabeled ? tr("unlabeled") : classes.value(c).toHtmlEscaped());
  };
  title_->setText(QStringLiteral("<b>%1</b>")
                      .arg(QString::fromStdString(s.path.filename().string()).toHtmlEscaped()));
  QString f = QStringLiteral("<table cellspacing=2>");
  auto rowHtml = [&](const QString& k, const QString& v) {
    f += QStringLiteral("<tr><td style='color:gray'>%1&nbsp;</td><td>%2</td></tr>").arg(k, v);
  };
  rowHtml(tr("Label"),
          chip(s.label) + (s.label != s.originalLabel ? tr(" (was %1)").arg(chip(s.originalLabel))
                                                      : QString()));
  if (pred >= 0) {
    const float conf = idx.data(DatasetModel::ConfidenceRole).toFloat();
    // For an image without a class the prediction is a suggestion, not a disagreement.
    rowHtml(s.label == sdd::kUnlabeled ? tr("Suggestion") : tr("Predicted"),
            chip(pred) + QStringLiteral(" %1").arg(conf, 0, 'f', 3) +
                (pred != s.label && s.label != sdd::kUnlabeled
                     ? tr(" <b style='color:#d50000'>≠ label</b>")
                     : QString()));
  }
  rowHtml(tr("Split"), s.split == sdd::Split::Train ? tr("train") : tr("validation"));
  rowHtml(tr("Size"), tr("%1 × %2, %3 channel(s)").arg(s.width).arg(s.height).arg(s.channels));
  if (!s.mask.empty())
    rowHtml(tr("Mask"), QString::fromStdString(s.mask.filename().string()).toHtmlEscaped());
  if (idx.data(DatasetModel::DuplicateRole).toBool())
    rowHtml(tr("Duplicate"), tr("byte-identical to another image"));
  if (!error.isEmpty()) rowHtml(tr("Error"), error.toHtmlEscaped());
  rowHtml(tr("File"), QString::fromStdString(s.path.string()).toHtmlEscaped());
  facts_->setText(f + QStringLiteral("</table>"));

  if (auto* store = model_->store()) {
    try {
      for (const auto& c : store->history(model_->journalPath(row).toStdString())) {
        auto* item = new QTreeWidgetItem(history_);
        item->setText(0, QString::fromStdString(c.time).left(19).replace('T', ' '));
        const QString none = tr("(no class)");
        item->setText(1, QStringLiteral("%1 → %2").arg(
                             c.oldLabel.empty() ? none : QString::fromStdString(c.oldLabel),
                             c.newLabel.empty() ? none : QString::fromStdString(c.newLabel)));
        // How: the action, and how the label was chosen (an accepted suggestion, a bulk
        // acceptance with its threshold); by whom, and which model suggested it.
        const QString how = QString::fromStdString(c.action) +
                            (c.method.empty() || c.method == "manual"
                                 ? QString()
                                 : QStringLiteral(", ") + QString::fromStdString(c.method));
        const QString by =
            QString::fromStdString(c.user) +
            (c.model.empty() ? QString()
                             : tr(" (model %1)").arg(QString::fromStdString(c.model).left(8)));
        item->setText(2, how);
        item->setText(3, by);
        item->setText(4, QString::fromStdString(c.note));
        const QString all = QStringLiteral("%1\n%2\n%3\n%4\n%5")
                                .arg(item->text(0), item->text(1), how, by, item->text(4));
        for (int col = 0; col < 5; ++col) item->setToolTip(col, all);
      }
    } catch (const std::exception& e) {
      (new QTreeWidgetItem(history_))->setText(1, QString::fromStdString(e.what()));
    }
  }
  if (history_->topLevelItemCount() == 0)
    (new QTreeWidgetItem(history_))->setText(1, tr("no label given here yet"));
}

}  // namespace sddui
