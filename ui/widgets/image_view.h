#pragma once
// One image, large, with what is drawn over it: zoom (wheel, +/-), pan (drag), the defect
// boxes, the pixel mask and a heat map with its peak and regions. With editing on, the boxes
// are edited with the mouse and keys:
//   drag on the image       draws a new box (of the class set by setNewBoxClass)
//   click a box             selects it (Tab: the next one)
//   drag a box / its edges  moves / resizes it (corners resize both ways)
//   arrows (Shift: 10 px)   move the selected box
//   Delete / Backspace      deletes it; Esc deselects
// The view only edits its own copy: every finished gesture is reported by boxesEdited() with
// the whole new list, and the owner saves it and sets the boxes back (setBoxes), so what is
// shown is always what was saved.

#include <QGraphicsView>
#include <QList>
#include <QPolygonF>
#include <QRect>
#include <QString>

class QGraphicsPixmapItem;

namespace sddui {

/// A defect box in image pixels: QRect's inclusive corners are VOC's xmin, ymin, xmax, ymax.
/// `outline`: the region's own shape where the annotation drew one (drawn inside the box, and
/// moved and stretched with it).
struct ViewBox {
  QRect rect;
  QString name;
  QList<QPolygonF> outline = {};
  bool operator==(const ViewBox& o) const {
    return rect == o.rect && name == o.name && outline == o.outline;
  }
  /// The box with its rectangle set to `to`, its outline moved and stretched along.
  ViewBox movedTo(const QRect& to) const;
};

class ImageView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit ImageView(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  /// The boxes to show (and edit); the selection is kept when its index still exists.
  void setBoxes(const QList<ViewBox>& boxes);
  const QList<ViewBox>& boxes() const { return boxes_; }
  void setBoxesVisible(bool on);
  /// The image's pixel mask as an overlay (null: none), under the heat map.
  void setMask(const QImage& overlay);
  void setMaskVisible(bool on);
  void setMaskOpacity(double opacity);
  /// A heat map drawn over the image (null: none), its peak marked with a cross and the
  /// regions found in it (a defect map's) outlined.
  void setOverlay(const QImage& overlay, const QPoint& peak, const QList<QRect>& regions = {});
  void setOverlayOpacity(double opacity);
  void zoomBy(double factor);
  void fitToView();

  /// Box editing with the mouse and keys (off: dragging pans).
  void setEditing(bool on);
  bool editing() const { return editing_; }
  /// The class a newly drawn box gets.
  void setNewBoxClass(const QString& name) { newClass_ = name; }
  /// The selected box's index, -1 when none.
  int selectedBox() const { return selected_; }
  void selectBox(int index);
  /// Deletes the selected box (reported by boxesEdited).
  void deleteSelected();
  /// Gives the selected box another class (reported by boxesEdited).
  void reclassSelected(const QString& name);

 Q_SIGNALS:
  /// A finished edit: the whole new list, and what was done ("added scratches", ...).
  void boxesEdited(const QList<ViewBox>& boxes, const QString& what);
  void selectionChanged(int index);

 protected:
  void wheelEvent(QWheelEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;
  bool focusNextPrevChild(bool next) override;

 private:
  /// Which edges a drag moves (all four: the whole box).
  enum Edge { Left = 1, Top = 2, Right = 4, Bottom = 8, Whole = 15 };
  void redrawBoxes();
  QRect imageRect() const;
  /// The edges of the selected box under `scenePos` (within a few screen pixels), 0: none.
  int edgesAt(const QPointF& scenePos) const;
  int boxAt(const QPointF& scenePos) const;
  void finishEdit(const QList<ViewBox>& boxes, const QString& what);

  QGraphicsPixmapItem* pixmap_ = nullptr;
  QList<ViewBox> boxes_;
  QList<QGraphicsItem*> boxItems_;
  QGraphicsPixmapItem* overlay_ = nullptr;
  QList<QGraphicsItem*> peak_;
  QGraphicsPixmapItem* mask_ = nullptr;
  double maskOpacity_ = 0.8;
  bool maskVisible_ = true;
  double overlayOpacity_ = 0.55;
  bool boxesVisible_ = true;
  bool fitted_ = true;

  bool editing_ = false;
  QString newClass_;
  int selected_ = -1;
  int dragEdges_ = 0;  ///< the edges the current drag moves; 0: drawing a new box
  bool dragging_ = false;
  QPointF dragStart_;
  ViewBox dragFrom_;  ///< the selected box when the drag started
};

}  // namespace sddui
