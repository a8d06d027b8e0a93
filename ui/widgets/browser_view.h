#pragma once
// The Dataset tab's grid of thumbnails: icon mode, laid out in batches so that 20,000 images
// open and scroll without stalls, several images selectable at once.

#include <QListView>

namespace sddui {

class BrowserView : public QListView {
  Q_OBJECT
 public:
  /// Shows `model` (the filtered dataset) with `delegate` (ThumbnailDelegate).
  BrowserView(QAbstractItemModel* model, QAbstractItemDelegate* delegate,
              QWidget* parent = nullptr);
};

}  // namespace sddui
