#pragma once
// The Dataset tab's grid of thumbnails: icon mode, laid out in batches so that 20,000 images
// open and scroll without stalls, several images selectable at once. It has no type-ahead
// search: typed letters would move the current image, and a digit after them (the "1" of
// "scratches_1") would then relabel the wrong one. Text typed in the grid goes to typed()
// (the file-name search box takes it); digits stay the label keys.

#include <QListView>

namespace sddui {

class BrowserView : public QListView {
  Q_OBJECT
 public:
  /// Shows `model` (the filtered dataset) with `delegate` (ThumbnailDelegate).
  BrowserView(QAbstractItemModel* model, QAbstractItemDelegate* delegate,
              QWidget* parent = nullptr);

  void keyboardSearch(const QString&) override {}

 Q_SIGNALS:
  /// Printable text other than digits typed while the grid has focus.
  void typed(const QString& text);

 protected:
  void keyPressEvent(QKeyEvent* e) override;
  void paintEvent(QPaintEvent* e) override;
};

}  // namespace sddui
