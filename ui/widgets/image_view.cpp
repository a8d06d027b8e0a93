#include "widgets/image_view.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainterPath>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

namespace sddui {

namespace {

/// How near (screen pixels) the pointer must be to an edge to grab it.
constexpr double kGrab = 6;
/// A drawn box smaller than this (image pixels, either side) is a click, not a box.
constexpr int kMinSide = 3;

const QColor kBoxColor(255, 60, 60);
const QColor kSelectedColor(255, 200, 0);

}  // namespace

ImageView::ImageView(QWidget* parent) : QGraphicsView(parent) {
  setScene(new QGraphicsScene(this));
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setRenderHint(QPainter::SmoothPixmapTransform);
  setBackgroundBrush(QColor(45, 45, 48));
  setMinimumSize(220, 220);
  setMouseTracking(true);
}

void ImageView::setImage(const QImage& image) {
  scene()->clear();
  boxItems_.clear();
  boxes_.clear();
  selected_ = -1;
  dragging_ = false;
  overlay_ = nullptr;
  mask_ = nullptr;
  peak_.clear();
  pixmap_ = scene()->addPixmap(QPixmap::fromImage(image));
  scene()->setSceneRect(pixmap_->boundingRect());
  fitted_ = true;
  fitToView();
}

ViewBox ViewBox::movedTo(const QRect& to) const {
  ViewBox out = *this;
  out.rect = to;
  // Pixel edges: the box spans [left, right + 1) of the image.
  const double sx = double(to.width()) / std::max(1, rect.width()),
               sy = double(to.height()) / std::max(1, rect.height());
  for (QPolygonF& polygon : out.outline)
    for (QPointF& p : polygon)
      p = QPointF(to.left() + (p.x() + 0.5 - rect.left()) * sx - 0.5,
                  to.top() + (p.y() + 0.5 - rect.top()) * sy - 0.5);
  return out;
}

void ImageView::setBoxes(const QList<ViewBox>& boxes) {
  boxes_ = boxes;
  dragging_ = false;
  if (selected_ >= boxes_.size()) {
    selected_ = -1;
    Q_EMIT selectionChanged(-1);
  }
  redrawBoxes();
}

void ImageView::redrawBoxes() {
  for (auto* b : boxItems_) scene()->removeItem(b), delete b;
  boxItems_.clear();
  for (int i = 0; i < boxes_.size(); ++i) {
    const bool selected = editing_ && i == selected_;
    const QColor color = selected ? kSelectedColor : kBoxColor;
    const QRect& r = boxes_[i].rect;
    // Cosmetic pens: 1 px (2 px selected) at any zoom. QRect's right() is the last pixel.
    auto* rect = scene()->addRect(QRectF(r.topLeft(), QSizeF(r.width(), r.height())),
                                  QPen(color, selected ? 2 : 0));
    rect->setZValue(3);
    auto* text = scene()->addSimpleText(boxes_[i].name);
    text->setBrush(selected ? kSelectedColor : QColor(255, 90, 90));
    text->setPos(r.topLeft() + QPointF(2, 1));
    text->setFlag(QGraphicsItem::ItemIgnoresTransformations);
    text->setZValue(3);
    boxItems_ << rect << text;
    if (!boxes_[i].outline.isEmpty()) {
      // One path, filled odd-even as the core fills a region: a polygon inside another is a
      // hole. Pixel centres: an outline point (x, y) is the middle of pixel (x, y).
      QPainterPath path;
      for (const QPolygonF& polygon : boxes_[i].outline) {
        path.addPolygon(polygon.translated(0.5, 0.5));
        path.closeSubpath();
      }
      QColor fill = color;
      fill.setAlpha(50);
      auto* shape = scene()->addPath(path, QPen(color, 0), fill);
      shape->setZValue(3);
      boxItems_ << shape;
    }
    if (!selected) continue;
    // Corner handles, a constant size on screen.
    for (const QPointF& c :
         {QPointF(r.left(), r.top()), QPointF(r.right() + 1, r.top()),
          QPointF(r.left(), r.bottom() + 1), QPointF(r.right() + 1, r.bottom() + 1)}) {
      auto* h = scene()->addRect(QRectF(-3, -3, 6, 6), QPen(Qt::black, 0), kSelectedColor);
      h->setFlag(QGraphicsItem::ItemIgnoresTransformations);
      h->setPos(c);
      h->setZValue(4);
      boxItems_ << h;
    }
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
  for (auto* b : boxItems_) b->setVisible(on || editing_);
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

void ImageView::setEditing(bool on) {
  editing_ = on;
  dragging_ = false;
  setDragMode(on ? QGraphicsView::NoDrag : QGraphicsView::ScrollHandDrag);
  viewport()->setCursor(on ? Qt::CrossCursor : Qt::OpenHandCursor);
  if (on) setFocus();
  redrawBoxes();
}

void ImageView::selectBox(int index) {
  index = index >= 0 && index < boxes_.size() ? index : -1;
  if (index == selected_) return;
  selected_ = index;
  redrawBoxes();
  Q_EMIT selectionChanged(index);
}

QRect ImageView::imageRect() const { return pixmap_ ? pixmap_->boundingRect().toRect() : QRect(); }

int ImageView::boxAt(const QPointF& p) const {
  // The smallest box under the pointer: a box drawn inside another stays reachable.
  int best = -1;
  for (int i = 0; i < boxes_.size(); ++i) {
    const QRectF r(boxes_[i].rect.topLeft(),
                   QSizeF(boxes_[i].rect.width(), boxes_[i].rect.height()));
    if (r.contains(p) && (best < 0 || boxes_[i].rect.width() * boxes_[i].rect.height() <
                                          boxes_[best].rect.width() * boxes_[best].rect.height()))
      best = i;
  }
  return best;
}

int ImageView::edgesAt(const QPointF& p) const {
  if (selected_ < 0) return 0;
  const double tol = kGrab / std::max(1e-6, transform().m11());  // screen pixels in the image
  const QRect& r = boxes_[selected_].rect;
  const double left = r.left(), right = r.right() + 1, top = r.top(), bottom = r.bottom() + 1;
  if (p.x() < left - tol || p.x() > right + tol || p.y() < top - tol || p.y() > bottom + tol)
    return 0;
  int edges = 0;
  if (std::abs(p.x() - left) <= tol) edges |= Left;
  if (std::abs(p.x() - right) <= tol) edges |= Right;
  if (std::abs(p.y() - top) <= tol) edges |= Top;
  if (std::abs(p.y() - bottom) <= tol) edges |= Bottom;
  return edges;
}

void ImageView::finishEdit(const QList<ViewBox>& boxes, const QString& what) {
  Q_EMIT boxesEdited(boxes, what);
}

void ImageView::mousePressEvent(QMouseEvent* e) {
  if (!editing_ || e->button() != Qt::LeftButton || !pixmap_) {
    QGraphicsView::mousePressEvent(e);
    return;
  }
  setFocus();
  const QPointF p = mapToScene(e->position().toPoint());
  dragStart_ = p;
  dragging_ = true;
  if (int edges = edgesAt(p)) {
    dragEdges_ = edges;
  } else if (const int hit = boxAt(p); hit >= 0) {
    selectBox(hit);
    dragEdges_ = Whole;
  } else if (imageRect().contains(p.toPoint())) {
    selectBox(-1);
    dragEdges_ = 0;  // a new box
    boxes_.append({QRect(p.toPoint(), QSize(1, 1)), newClass_});
    selected_ = int(boxes_.size()) - 1;
  } else {
    dragging_ = false;
    selectBox(-1);
    return;
  }
  if (selected_ >= 0) dragFrom_ = boxes_[selected_];
  e->accept();
}

void ImageView::mouseMoveEvent(QMouseEvent* e) {
  if (!editing_) {
    QGraphicsView::mouseMoveEvent(e);
    return;
  }
  const QPointF p = mapToScene(e->position().toPoint());
  if (!dragging_ || selected_ < 0) {
    // The cursor says what a press here would do.
    const int edges = edgesAt(p);
    const bool h = edges & (Left | Right), v = edges & (Top | Bottom);
    viewport()->setCursor(h && v          ? (((edges & Left) != 0) == ((edges & Top) != 0)
                                                 ? Qt::SizeFDiagCursor
                                                 : Qt::SizeBDiagCursor)
                          : h             ? Qt::SizeHorCursor
                          : v             ? Qt::SizeVerCursor
                          : boxAt(p) >= 0 ? Qt::SizeAllCursor
                                          : Qt::CrossCursor);
    return;
  }
  const QRect img = imageRect();
  const QPoint at(std::clamp(int(std::floor(p.x())), img.left(), img.right()),
                  std::clamp(int(std::floor(p.y())), img.top(), img.bottom()));
  QRect r = dragFrom_.rect;
  if (dragEdges_ == 0) {
    r = QRect(dragStart_.toPoint(), at).normalized();
  } else if (dragEdges_ == Whole) {
    const QPoint d = (p - dragStart_).toPoint();
    r.translate(std::clamp(d.x(), img.left() - r.left(), img.right() - r.right()),
                std::clamp(d.y(), img.top() - r.top(), img.bottom() - r.bottom()));
  } else {
    if (dragEdges_ & Left) r.setLeft(at.x());
    if (dragEdges_ & Right) r.setRight(at.x());
    if (dragEdges_ & Top) r.setTop(at.y());
    if (dragEdges_ & Bottom) r.setBottom(at.y());
    r = r.normalized();
  }
  boxes_[selected_] = dragFrom_.movedTo(r);
  redrawBoxes();
  e->accept();
}

void ImageView::mouseReleaseEvent(QMouseEvent* e) {
  if (!editing_ || !dragging_ || e->button() != Qt::LeftButton) {
    QGraphicsView::mouseReleaseEvent(e);
    return;
  }
  dragging_ = false;
  e->accept();
  if (selected_ < 0) return;
  const ViewBox box = boxes_[selected_];
  if (dragEdges_ == 0) {
    if (box.rect.width() < kMinSide || box.rect.height() < kMinSide) {
      boxes_.removeAt(selected_);  // a click on empty image: deselect only
      selected_ = -1;
      redrawBoxes();
      Q_EMIT selectionChanged(-1);
      return;
    }
    Q_EMIT selectionChanged(selected_);
    finishEdit(boxes_, tr("added %1").arg(box.name));
  } else if (box.rect != dragFrom_.rect) {
    finishEdit(boxes_,
               dragEdges_ == Whole ? tr("moved %1").arg(box.name) : tr("resized %1").arg(box.name));
  }
}

void ImageView::deleteSelected() {
  if (selected_ < 0) return;
  QList<ViewBox> boxes = boxes_;
  const QString name = boxes.takeAt(selected_).name;
  selectBox(-1);
  finishEdit(boxes, tr("deleted %1").arg(name));
}

void ImageView::reclassSelected(const QString& name) {
  if (selected_ < 0 || name.isEmpty() || boxes_[selected_].name == name) return;
  QList<ViewBox> boxes = boxes_;
  const QString old = boxes[selected_].name;
  boxes[selected_].name = name;
  finishEdit(boxes, tr("%1 box made %2").arg(old, name));
}

bool ImageView::focusNextPrevChild(bool next) {
  return editing_ ? false : QGraphicsView::focusNextPrevChild(next);  // Tab picks a box
}

void ImageView::keyPressEvent(QKeyEvent* e) {
  if (!editing_) {
    QGraphicsView::keyPressEvent(e);
    return;
  }
  switch (e->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
      deleteSelected();
      break;
    case Qt::Key_Escape:
      selectBox(-1);
      break;
    case Qt::Key_Tab:
      if (!boxes_.isEmpty()) selectBox((selected_ + 1) % int(boxes_.size()));
      break;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
      if (selected_ < 0) break;
      const int step = e->modifiers() & Qt::ShiftModifier ? 10 : 1;
      const QRect img = imageRect();
      QRect r = boxes_[selected_].rect;
      const int dx = e->key() == Qt::Key_Left ? -step : e->key() == Qt::Key_Right ? step : 0;
      const int dy = e->key() == Qt::Key_Up ? -step : e->key() == Qt::Key_Down ? step : 0;
      r.translate(std::clamp(dx, img.left() - r.left(), img.right() - r.right()),
                  std::clamp(dy, img.top() - r.top(), img.bottom() - r.bottom()));
      if (r == boxes_[selected_].rect) break;
      QList<ViewBox> boxes = boxes_;
      boxes[selected_] = boxes[selected_].movedTo(r);
      finishEdit(boxes, tr("moved %1").arg(boxes[selected_].name));
      break;
    }
    default:
      QGraphicsView::keyPressEvent(e);
      return;
  }
  e->accept();
}

}  // namespace sddui
