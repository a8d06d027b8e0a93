#include "widgets/thumbnail_delegate.h"

#include <QApplication>
#include <QPainter>

#include "models/dataset_model.h"
#include "plots.h"

namespace sddui {

using sddreport::classColor;

ThumbnailDelegate::ThumbnailDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem& opt, const QModelIndex&) const {
  const int line = opt.fontMetrics.height();
  return {DatasetModel::kThumbSize + 16, DatasetModel::kThumbSize + 2 * line + 20};
}

void ThumbnailDelegate::paint(QPainter* p, const QStyleOptionViewItem& opt,
                              const QModelIndex& index) const {
  using R = DatasetModel::Role;
  p->save();
  p->setRenderHint(QPainter::Antialiasing);
  const QRect cell = opt.rect.adjusted(3, 3, -3, -3);
  const bool selected = opt.state & QStyle::State_Selected;
  const QPalette& pal = opt.palette;
  p->setPen(Qt::NoPen);
  p->setBrush(selected ? pal.highlight().color().lighter(150) : pal.base().color());
  p->drawRoundedRect(cell, 5, 5);
  if (selected) {
    p->setPen(QPen(pal.highlight().color(), 2));
    p->setBrush(Qt::NoBrush);
    p->drawRoundedRect(cell, 5, 5);
  }

  const int ts = DatasetModel::kThumbSize;
  const QRect thumbRect(cell.left() + (cell.width() - ts) / 2, cell.top() + 5, ts, ts);
  const QImage img = index.data(Qt::DecorationRole).value<QImage>();
  if (img.isNull()) {
    p->fillRect(thumbRect, pal.window().color().darker(105));
  } else {
    const QSize s = img.size().scaled(thumbRect.size(), Qt::KeepAspectRatio);
    const QRect r(thumbRect.left() + (ts - s.width()) / 2, thumbRect.top() + (ts - s.height()) / 2,
                  s.width(), s.height());
    p->drawImage(r, img);
  }
  if (index.data(R::MisclassifiedRole).toBool()) {
    p->setPen(QPen(QColor(213, 0, 0), 3));
    p->setBrush(Qt::NoBrush);
    p->drawRect(thumbRect.adjusted(1, 1, -1, -1));
  }

  const int label = index.data(R::LabelRole).toInt();
  const QFontMetrics& fm = opt.fontMetrics;
  const int y1 = thumbRect.bottom() + 4;
  // Class chip: colour dot + name.
  const QRect chip(cell.left() + 6, y1, cell.width() - 12, fm.height());
  p->setPen(Qt::NoPen);
  p->setBrush(classColor(label));
  p->drawEllipse(QRect(chip.left(), chip.top() + (fm.height() - 10) / 2, 10, 10));
  p->setPen(selected ? pal.highlightedText().color() : pal.text().color());
  QString cls = label >= 0 && label < classes_.size() ? classes_[label] : tr("unlabeled");
  QString marks;
  if (index.data(R::RelabeledRole).toBool()) marks += QStringLiteral(" ✎");
  if (index.data(R::DuplicateRole).toBool()) marks += QStringLiteral(" ⧉");
  QFont bold = opt.font;
  bold.setBold(true);
  p->setFont(bold);
  p->drawText(chip.adjusted(14, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
              QFontMetrics(bold).elidedText(cls + marks, Qt::ElideMiddle, chip.width() - 14));
  p->setFont(opt.font);
  const QRect name(cell.left() + 6, y1 + fm.height() + 1, cell.width() - 12, fm.height());
  p->setPen(selected ? pal.highlightedText().color() : pal.placeholderText().color());
  p->drawText(name, Qt::AlignLeft | Qt::AlignVCenter,
              fm.elidedText(index.data(R::FileNameRole).toString(), Qt::ElideMiddle, name.width()));
  p->restore();
}

}  // namespace sddui
