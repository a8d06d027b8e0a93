#pragma once
// The selected image, large: zoom (wheel, +/-), pan (drag), VOC defect boxes (toggle),
// file facts and the label history from the journal.

#include <QGraphicsView>
#include <QWidget>

class QCheckBox;
class QGraphicsPixmapItem;
class QLabel;
class QTreeWidget;

namespace sddui {

class DatasetModel;

class ImageView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit ImageView(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  void setBoxes(const QList<QPair<QRect, QString>>& boxes);
  void setBoxesVisible(bool on);
  void zoomBy(double factor);
  void fitToView();

 protected:
  void wheelEvent(QWheelEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  QGraphicsPixmapItem* pixmap_ = nullptr;
  QList<QGraphicsItem*> boxes_;
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

 private:
  DatasetModel* model_;
  int row_ = -1;
  int imageRow_ = -1;  ///< row whose image the view holds
  QString imageError_;
  ImageView* view_;
  QCheckBox* showBoxes_;
  QLabel* title_;
  QLabel* facts_;
  QTreeWidget* history_;
};

}  // namespace sddui
