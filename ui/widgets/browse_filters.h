#pragma once
// The browser's left dock: the classes with their counts and the filters (current or
// original label, split, relabeled / misclassified / duplicates / not classified, predicted
// class, sort order, file-name search), all applied to the SampleFilter. Lives on the GUI
// thread.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace sddui {

class BrowserView;
class DatasetModel;
class SampleFilter;

class BrowseFilters : public QWidget {
  Q_OBJECT
 public:
  /// `model` and `filter` must outlive the widget.
  /// Restores the last session's split, show, sort, label-kind and search settings; the
  /// destructor keeps them.
  BrowseFilters(DatasetModel* model, SampleFilter* filter, QWidget* parent = nullptr);
  ~BrowseFilters() override;

  /// After a dataset was opened: its classes in the lists.
  void setClasses();
  /// After labels changed: the counts.
  void refreshCounts();
  /// Exactly the images of confusion cell (truth, predicted) of `split` (current labels).
  void showConfusionCell(int truth, int predicted, const QString& split);
  /// Every image: all filters cleared.
  void showAll();
  /// Ctrl+F (anywhere in `window`) and text typed in `grid` go to the file-name search box;
  /// Escape there gives the focus back to the grid.
  void attachGrid(BrowserView* grid, QWidget* window);

 private:
  void applyClassFilter();

  DatasetModel* model_;
  SampleFilter* filter_;
  QListWidget* classList_;
  QComboBox* labelKind_;
  QComboBox* split_;
  QComboBox* status_;
  QComboBox* predicted_;
  QComboBox* sort_;
  QLineEdit* search_;
  QLabel* shown_;  ///< "N of M images shown"
};

}  // namespace sddui
