#pragma once
// The selected image, large: zoom (wheel, +/-), pan (drag), VOC defect boxes (toggle), its
// pixel mask (toggle, opacity), file facts and the label history from the journal.

#include <QGraphicsView>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QSlider;
class QGraphicsPixmapItem;
class QLabel;
class QTreeWidget;

namespace sddui {

class DatasetModel;
struct Explained;

class ImageView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit ImageView(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  void setBoxes(const QList<QPair<QRect, QString>>& boxes);
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

 protected:
  void wheelEvent(QWheelEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  QGraphicsPixmapItem* pixmap_ = nullptr;
  QList<QGraphicsItem*> boxes_;
  QGraphicsPixmapItem* overlay_ = nullptr;
  QList<QGraphicsItem*> peak_;
  QGraphicsPixmapItem* mask_ = nullptr;
  double maskOpacity_ = 0.8;
  bool maskVisible_ = true;
  double overlayOpacity_ = 0.55;
  bool boxesVisible_ = true;
  bool fitted_ = true;
};

class Inspector : public QWidget {
  Q_OBJECT
 public:
  explicit Inspector(DatasetModel* model, QWidget* parent = nullptr);
  /// Shows dataset row `row` (-1 clears). Showing the same row again refreshes the facts and
  /// history but keeps the decoded image, its zoom and pan.
  void showRow(int row);
  int row() const { return row_; }
  /// Shows a Grad-CAM result or a defect map if it belongs to the image on display;
  /// `className`: the class explained.
  void setExplanation(const Explained& e, const QString& className);
  /// A model with a defect map explains with it by default; Grad-CAM stays a choice.
  void setModelHasMap(bool hasMap);
  bool heatmapOn() const;
  void setHeatmapOn(bool on);
  bool heatmapShown() const { return heatShown_; }
  /// Whether the image on display has a mask, and whether it is drawn.
  bool maskShown() const;

 Q_SIGNALS:
  /// The heat map is switched on and the image changed: compute one for `file` (the model's
  /// defect map, or Grad-CAM).
  void explainRequested(const QString& file, bool defectMap);

 private:
  DatasetModel* model_;
  int row_ = -1;
  int imageRow_ = -1;  ///< row whose image the view holds
  QString imageError_;
  ImageView* view_;
  QCheckBox* showBoxes_;
  QCheckBox* showMask_;
  QSlider* maskOpacity_;
  bool hasMask_ = false;
  QCheckBox* showHeat_;
  QComboBox* explainWith_;  ///< defect map or Grad-CAM; shown for a model with a map
  QSlider* opacity_;
  QLabel* heatInfo_;
  bool heatShown_ = false;
  void requestHeat();
  QLabel* title_;
  QLabel* facts_;
  QTreeWidget* history_;
};

}  // namespace sddui
