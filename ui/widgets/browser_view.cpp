#include "widgets/browser_view.h"

#include <QKeyEvent>

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

void BrowserView::keyPressEvent(QKeyEvent* e) {
  const QString text = e->text();
  const bool plain = !(e->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
  if (plain && !text.isEmpty() && text.at(0).isPrint() && !text.at(0).isSpace() &&
      !text.at(0).isDigit()) {
    Q_EMIT typed(text);
    return;
  }
  QListView::keyPressEvent(e);
}

}  // namespace sddui
