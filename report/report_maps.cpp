#include "report_maps.h"

#include <QPainter>

#include "display_image.h"
#include "pdf_document.h"

namespace sddreport {
namespace {

// One image: the map in colour, the annotations in red (mask or boxes and their outlines), the
// regions the map finds dashed yellow, its peak as a white cross; the file and the verdict below.
void drawMapExample(Document& doc, int x, int side, const sdd::ReportData& d,
                    const sdd::ReportData::MapExample& m) {
  QCPPainter& p = doc.painter();
  const sdd::Sample& s = d.dataset->samples()[m.sample];
  const int y = doc.y();
  const QRect target(x, y, side, side);
  p.drawImage(target, loadDisplayImage(s.path));
  p.setOpacity(0.55);
  p.drawImage(target, heatOverlay(m.map.heatmap));
  p.setOpacity(1.0);
  const double sx = double(side) / std::max(1, s.width), sy = double(side) / std::max(1, s.height);
  auto scaled = [&](const QRect& r) {
    return QRectF(x + r.x() * sx, y + r.y() * sy, r.width() * sx, r.height() * sy);
  };
  if (!s.mask.empty()) p.drawImage(target, loadMaskOverlay(s.mask, QColor(230, 30, 30)));
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(QColor(230, 30, 30), 1.2));
  for (const auto& b : s.boxes) {
    p.drawRect(scaled(QRect(QPoint(b.xmin, b.ymin), QPoint(b.xmax, b.ymax))));
    for (const auto& outline : b.outline) {  // the region's own shape, inside its box
      QPolygonF polygon;
      for (const sdd::OutlinePoint& pt : outline)
        polygon << QPointF(x + (pt.x + 0.5) * sx, y + (pt.y + 0.5) * sy);
      p.drawPolygon(polygon);
    }
  }
  p.setPen(QPen(QColor(255, 215, 0), 1.2, Qt::DashLine));
  const std::vector<cv::Rect> shown = m.map.shownRegions();
  for (const cv::Rect& r : shown) p.drawRect(scaled(QRect(r.x, r.y, r.width, r.height)));
  const QPointF peak(x + (m.map.peak.x + 0.5) * sx, y + (m.map.peak.y + 0.5) * sy);
  p.setPen(QPen(Qt::white, 1.5));
  p.drawLine(peak - QPointF(5, 0), peak + QPointF(5, 0));
  p.drawLine(peak - QPointF(0, 5), peak + QPointF(0, 5));
  QFont small = p.font();
  small.setPointSizeF(7);
  const QFont before = p.font();
  p.setFont(small);
  p.setPen(Qt::black);
  const QString name = qs(s.path.filename().string()) + QStringLiteral(" · ") +
                       qs(d.dataset->classes()[std::size_t(s.label)]);
  p.drawText(QRect(x, y + side + 2, side, 12), Qt::AlignLeft | Qt::AlignVCenter,
             p.fontMetrics().elidedText(name, Qt::ElideMiddle, side));
  p.drawText(QRect(x, y + side + 14, side, 12), Qt::AlignLeft | Qt::AlignVCenter,
             QObject::tr("%n region(s) found", "", int(shown.size())));
  p.setFont(before);
}

}  // namespace

void drawDefectMapSection(Document& doc, const sdd::ReportData& d) {
  if (!d.mapPointing) return;
  const sdd::PointingGame& g = *d.mapPointing;
  doc.newPage();
  doc.heading(QObject::tr("Where the defects are: the model's defect map"));
  const double n = std::max(1, g.totalImages());
  doc.paragraph(
      QObject::tr("The model has a defect map, trained beside the classifier on the dataset's "
                  "masks or boxes. On the %1 split, its peak falls inside an annotated region for "
                  "%2 % of the %3 images that have one (the image centre: %4 %). The %7 reach "
                  "a box AP at IoU 0.5 of %5 (mean over classes), and the map ≥ 0.5 a pixel "
                  "IoU of %6 with the annotations. Below, one image per class: the map in "
                  "colour, the annotations in red, the regions found dashed in yellow, the "
                  "peak as a white cross.")
          .arg(qs(d.options.split))
          .arg(fixed(100.0 * g.totalHits() / n, 1))
          .arg(g.totalImages())
          .arg(fixed(100.0 * g.totalCentreHits() / n, 1))
          .arg(fixed(g.map50(), 3))
          .arg(fixed(g.pixelIoU, 3))
          .arg(d.mapBoxes ? QObject::tr("boxes it finds (one per cell of the map, overlaps "
                                        "suppressed; those scored at least 0.5 shown)")
                          : QObject::tr("regions it finds (map ≥ 0.5, connected components)")));
  QList<QStringList> rows;
  for (std::size_t c = 0; c < g.classes.size(); ++c) {
    const double m = std::max(1, g.images[c]);
    rows.append({qs(g.classes[c]), QString::number(g.images[c]),
                 fixed(100.0 * g.hits[c] / m, 1) + QStringLiteral(" %"),
                 fixed(100.0 * g.centreHits[c] / m, 1) + QStringLiteral(" %"),
                 g.ap50.size() > c && g.ap50[c] >= 0 ? fixed(g.ap50[c], 3) : QStringLiteral("n/a"),
                 g.pixelIoUs.size() > c && g.pixelIoUs[c] >= 0 ? fixed(g.pixelIoUs[c], 3)
                                                               : QStringLiteral("n/a")});
  }
  doc.table(
      {QObject::tr("Class"), QObject::tr("Images"), QObject::tr("Peak in a region"),
       QObject::tr("Centre in a region"), QObject::tr("Box AP@0.5"), QObject::tr("Pixel IoU")},
      rows, {0.22, 0.1, 0.18, 0.2, 0.15, 0.15}, 1);
  const int perRow = 3, gap = 12;
  const int side = (doc.width() - gap * (perRow - 1)) / perRow;
  for (std::size_t i = 0; i < d.mapExamples.size(); i += perRow) {
    doc.ensure(side + 32);
    for (std::size_t k = i; k < std::min(d.mapExamples.size(), i + perRow); ++k)
      drawMapExample(doc, int(k - i) * (side + gap), side, d, d.mapExamples[k]);
    doc.skip(side + 32);
  }
}

}  // namespace sddreport
