#pragma once
// Internal to the report layer: the PDF being written, laid out top to bottom on A4 pages
// (text, tables, plots, images), and the small text helpers the report's sections share.

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPdfWriter>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "qcp.h"
#include "sdd/util/atomic_file.h"

namespace sddreport {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline QString fixed(double v, int d = 4) {
  return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', d);
}

/// Lays out text, tables, plots and images top to bottom on A4 pages.
class Document {
 public:
  /// The PDF is drawn into memory and written by save(), all or nothing.
  explicit Document(const QString& file) : file_(file), writer_(&buffer_) {
    buffer_.open(QIODevice::WriteOnly);
    writer_.setPageSize(QPageSize(QPageSize::A4));
    writer_.setPageMargins(QMarginsF(16, 14, 16, 16), QPageLayout::Millimeter);
    writer_.setResolution(
        96);  // layout in screen pixels; text, plots and images stay vector/full size
    writer_.setTitle(QObject::tr("SDD Workbench evaluation report"));
    writer_.setCreator(QStringLiteral("SDD Workbench"));
    if (!painter_.begin(&writer_))
      throw std::runtime_error("cannot draw the report " + file.toStdString());
    painter_.setRenderHint(QPainter::Antialiasing);
    const QRect page = writer_.pageLayout().paintRectPixels(96);
    width_ = page.width();
    height_ = page.height() - 24;  // footer
    base_ = QFont(QStringLiteral("DejaVu Sans"));
    base_.setPointSizeF(8.5);
    painter_.setFont(base_);
    footer();
  }
  ~Document() {
    if (painter_.isActive()) painter_.end();
  }
  /// Finishes the PDF and writes it (sdd::writeFileAtomically; throws sdd::WriteError).
  void save() {
    if (!painter_.end())
      throw std::runtime_error("cannot finish the report " + file_.toStdString());
    const QByteArray& bytes = buffer_.data();
    sdd::writeFileAtomically(file_.toStdString(),
                             std::string_view(bytes.constData(), std::size_t(bytes.size())));
  }
  QCPPainter& painter() { return painter_; }
  int width() const { return width_; }
  int y() const { return y_; }
  void skip(int dy) { y_ += dy; }

  void newPage() {
    writer_.newPage();
    ++page_;
    y_ = 0;
    footer();
  }
  void ensure(int h) {
    if (y_ + h > height_ && y_ > 0) newPage();
  }
  void title(const QString& text, const QString& sub) {
    QFont f = base_;
    f.setPointSizeF(15);
    f.setBold(true);
    painter_.setFont(f);
    painter_.drawText(QRect(0, y_, width_, 34), Qt::AlignLeft | Qt::AlignVCenter, text);
    y_ += 36;
    painter_.setFont(base_);
    painter_.setPen(QColor(90, 90, 90));
    painter_.drawText(QRect(0, y_, width_, 18), Qt::AlignLeft | Qt::AlignVCenter, sub);
    painter_.setPen(Qt::black);
    y_ += 26;
  }
  /// `keep`: room needed below the heading for what belongs to it (no orphan headings).
  void heading(const QString& text, int keep = 60) {
    ensure(30 + keep);
    y_ += 6;
    QFont f = base_;
    f.setPointSizeF(12.5);
    f.setBold(true);
    painter_.setFont(f);
    painter_.setPen(QColor(0, 70, 130));
    painter_.drawText(QRect(0, y_, width_, 22), Qt::AlignLeft | Qt::AlignVCenter, text);
    painter_.setPen(QPen(QColor(0, 70, 130), 1));
    painter_.drawLine(QLineF(0, y_ + 23, width_, y_ + 23));
    painter_.setPen(Qt::black);
    painter_.setFont(base_);
    y_ += 30;
  }
  void paragraph(const QString& text, bool small = false) {
    QFont f = base_;
    if (small) f.setPointSizeF(7.5);
    painter_.setFont(f);
    const QRect box =
        painter_.fontMetrics().boundingRect(QRect(0, 0, width_, 10000), Qt::TextWordWrap, text);
    ensure(box.height() + 4);
    painter_.drawText(QRect(0, y_, width_, box.height()), Qt::TextWordWrap, text);
    y_ += box.height() + 6;
    painter_.setFont(base_);
  }
  /// `widths` are fractions of the page width; columns from `rightFrom` on are right aligned.
  void table(const QStringList& headers, const QList<QStringList>& rows,
             const QVector<double>& widths, int rightFrom = 1, const QVector<int>& boldRows = {},
             const QVector<int>& greyRows = {}) {
    painter_.setFont(base_);
    const int rh = painter_.fontMetrics().height() + 6;
    auto drawRow = [&](const QStringList& cells, bool header, bool bold, bool grey, bool shade) {
      if (shade || header)
        painter_.fillRect(QRect(0, y_, width_, rh),
                          header ? QColor(225, 232, 240) : QColor(246, 247, 249));
      QFont f = base_;
      f.setBold(header || bold);
      painter_.setFont(f);
      painter_.setPen(grey ? QColor(110, 110, 110) : Qt::black);
      double x = 0;
      for (int c = 0; c < cells.size() && c < widths.size(); ++c) {
        const int w = int(widths[c] * width_);
        const Qt::Alignment a =
            (c >= rightFrom ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
        const QString text = painter_.fontMetrics().elidedText(cells[c], Qt::ElideMiddle, w - 8);
        painter_.drawText(QRect(int(x) + 4, y_, w - 8, rh), a, text);
        x += w;
      }
      painter_.setPen(Qt::black);
      y_ += rh;
    };
    ensure(rh * std::min<int>(int(rows.size()) + 1, 4));
    drawRow(headers, true, false, false, false);
    for (int r = 0; r < rows.size(); ++r) {
      if (y_ + rh > height_) {
        newPage();
        drawRow(headers, true, false, false, false);
      }
      drawRow(rows[r], false, boldRows.contains(r), greyRows.contains(r), r % 2 == 1);
    }
    painter_.setFont(base_);
    y_ += 8;
  }
  void plot(QCustomPlot* p, int w, int h) {
    ensure(h);
    painter_.save();
    painter_.translate((width_ - w) / 2, y_);
    p->toPainter(&painter_, w, h);
    painter_.restore();
    y_ += h + 8;
  }

 private:
  void footer() {
    painter_.save();
    QFont f = base_;
    f.setPointSizeF(7);
    painter_.setFont(f);
    painter_.setPen(QColor(120, 120, 120));
    painter_.drawText(QRect(0, height_ + 6, width_, 16), Qt::AlignLeft | Qt::AlignVCenter,
                      QObject::tr("SDD Workbench evaluation report"));
    painter_.drawText(QRect(0, height_ + 6, width_, 16), Qt::AlignRight | Qt::AlignVCenter,
                      QObject::tr("page %1").arg(page_));
    painter_.restore();
  }

  QString file_;
  QBuffer buffer_;
  QPdfWriter writer_;
  QCPPainter painter_;
  QFont base_;
  int width_ = 0, height_ = 0, y_ = 0, page_ = 1;
};

}  // namespace sddreport
