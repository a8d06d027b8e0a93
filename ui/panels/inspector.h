#pragma once
// The selected image, large: zoom (wheel, +/-), pan (drag), its defect boxes (toggle; edited
// with "Edit boxes": the mouse and keys of ImageView, saved to the journal through the
// window, never to the annotation files), its pixel mask (toggle, opacity), file facts and
// the history of its label and boxes from the journal.

#include <QWidget>
#include <vector>

#include "sdd/dataset/dataset.h"

class QCheckBox;
class QComboBox;
class QSlider;
class QGraphicsPixmapItem;
class QLabel;
class QTreeWidget;
class QToolButton;

namespace sddui {

class DatasetModel;
class ImageView;
struct Explained;

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
  /// Box editing on the image on display (the "Edit boxes" button).
  void setEditingBoxes(bool on);
  bool editingBoxes() const;
  ImageView* imageView() const { return view_; }

 Q_SIGNALS:
  /// The heat map is switched on and the image changed: compute one for `file` (the model's
  /// defect map, or Grad-CAM).
  void explainRequested(const QString& file, bool defectMap);
  /// The user edited the boxes of dataset row `row`: save `boxes` as its boxes; `what` names
  /// the step ("moved scratches"). The view shows the saved boxes again when the model's
  /// boxesChanged() comes (at once, unless the journal is busy).
  void boxesEditRequested(int row, const std::vector<sdd::BoundingBox>& boxes, const QString& what);

 private:
  DatasetModel* model_;
  int row_ = -1;
  int imageRow_ = -1;  ///< row whose image the view holds
  QString imageError_;
  ImageView* view_;
  QCheckBox* showBoxes_;
  QToolButton* editBoxes_;
  QComboBox* boxClass_;  ///< the class of new boxes, and of the selected one
  QToolButton* deleteBox_;
  QWidget* boxEditRow_;  ///< the class and delete, shown while editing
  QCheckBox* showMask_;
  QSlider* maskOpacity_;
  bool hasMask_ = false;
  QCheckBox* showHeat_;
  QComboBox* explainWith_;  ///< defect map or Grad-CAM; shown for a model with a map
  QSlider* opacity_;
  QLabel* heatInfo_;
  bool heatShown_ = false;
  void requestHeat();
  void showBoxes();  ///< the model's current boxes of the row on display
  void fillBoxClasses();
  QLabel* title_;
  QLabel* facts_;
  QTreeWidget* history_;
};

}  // namespace sddui
