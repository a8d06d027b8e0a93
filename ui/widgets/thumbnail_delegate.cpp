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
  // Room for the class and two lines of file name (NEU's "rolled-in_scale_281.jpg" whole).
  return {DatasetModel::kThumbSize + 16, DatasetModel::kThumbSize + 3 * line + 20};
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
  // The model's suggestion along the thumbnail's foot: a bar as long as its confidence, in
  // the suggested class's colour, with the class and the confidence in per cent.
  const int predicted = index.data(R::PredictedRole).toInt();
  if (predicted >= 0) {
    const double confidence = index.data(R::ConfidenceRole).toDouble();
    const QFontMetrics& f = opt.fontMetrics;
    const QRect strip(thumbRect.left(), thumbRect.bottom() - f.height() - 1, thumbRect.width(),
                      f.height() + 2);
    p->fillRect(strip, QColor(0, 0, 0, 150));
    QColor bar = classColor(predicted);
    bar.setAlpha(210);
    p->fillRect(QRect(strip.left(), strip.bottom() - 3, int(strip.width() * confidence), 4), bar);
    p->setPen(Qt::white);
    const QString pct = QStringLiteral(" %1 %").arg(qRound(confidence * 100));
    const QString text = f.elidedText(classes_.value(predicted), Qt::ElideRight,
                                      strip.width() - 6 - f.horizontalAdvance(pct)) +
                         pct;
    p->drawText(strip.adjusted(3, 0, -3, -3), Qt::AlignLeft | Qt::AlignVCenter, text);
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
  // "identical to": in DejaVu Sans, which Debian installs (no font here had the ⧉ used
  // before: it drew as an empty box).
  if (index.data(R::DuplicateRole).toBool()) marks += QStringLiteral(" ≡");
  QFont bold = opt.font;
  bold.setBold(true);
  p->setFont(bold);
  p->drawText(chip.adjusted(14, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
              QFontMetrics(bold).elidedText(cls + marks, Qt::ElideMiddle, chip.width() - 14));
  p->setFont(opt.font);
  const QRect name(cell.left() + 6, y1 + fm.height() + 1, cell.width() - 12, 2 * fm.height());
  p->setPen(selected ? pal.highlightedText().color() : pal.placeholderText().color());
  // Two lines, broken anywhere; only a name longer than that loses its middle.
  const QString file = fm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle,
                                     2 * name.width() - fm.averageCharWidth() * 3);
  p->drawText(name, Qt::AlignLeft | Qt::AlignTop | Qt::TextWrapAnywhere, file);
  p->restore();
}

}  // namespace sddui
