#include "widgets/browser_view.h"

#include <QKeyEvent>
#include <QPainter>

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

void BrowserView::paintEvent(QPaintEvent* e) {
  QListView::paintEvent(e);
  if (!model() || model()->rowCount() > 0) return;
  // An empty grid says why instead of staying blank.
  QPainter p(viewport());
  p.setPen(palette().placeholderText().color());
  p.drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap,
             tr("No image matches the filters.\nChoose “All classes” and “All images”, or clear "
                "the search."));
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
