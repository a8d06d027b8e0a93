#include "widgets/browser_view.h"

namespace sddui {

BrowserView::BrowserView(QAbstractItemModel* model, QAbstractItemDelegate* delegate,
                         QWidget* parent)
    : QListView(parent) {
  setModel(model);
  setItemDelegate(delegate);
  setViewMode(QListView::IconMode);
  setResizeMode(QListView::Adjust);
  setMovement(QListView::Static);
  setUniformItemSizes(true);
  setLayoutMode(QListView::Batched);
  setBatchSize(200);
  setSpacing(2);
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  setContextMenuPolicy(Qt::CustomContextMenu);
}

}  // namespace sddui
