#pragma once
// Paints one dataset image in the browser grid: thumbnail, file name, a class-colour chip,
// and marks for relabeled, misclassified and duplicate images.

#include <QColor>
#include <QStringList>
#include <QStyledItemDelegate>

namespace sddui {

class ThumbnailDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  explicit ThumbnailDelegate(QObject* parent = nullptr);
  void setClasses(const QStringList& classes) { classes_ = classes; }
  void paint(QPainter* p, const QStyleOptionViewItem& opt, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& opt, const QModelIndex& index) const override;

 private:
  QStringList classes_;
};

}  // namespace sddui
