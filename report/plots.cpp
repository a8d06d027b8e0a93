#include "plots.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "qcp.h"
#include "sdd/metrics/calibration.h"
#include "sdd/metrics/metrics.h"
#include "sdd/training/labeling_simulation.h"
#include "sdd/training/trainer.h"

namespace sddreport {

QColor seriesColor(int i) {
  static const QColor kColors[] = {QColor(0, 114, 178),   QColor(213, 94, 0),  QColor(0, 158, 115),
                                   QColor(204, 121, 167), QColor(230, 159, 0), QColor(86, 180, 233),
                                   QColor(90, 90, 90)};
  return kColors[i % 7];
}

void drawConfusion(QCustomPlot* plot, const sdd::Evaluation& eval) {
  plot->clearPlottables();
  plot->clearItems();
  plot->plotLayout()->clear();
  auto* rect = new QCPAxisRect(plot);
  plot->plotLayout()->addElement(0, 0, rect);
  plot->xAxis = rect->axis(QCPAxis::atBottom);
  plot->yAxis = rect->axis(QCPAxis::atLeft);
  plot->xAxis2 = rect->axis(QCPAxis::atTop);
  plot->yAxis2 = rect->axis(QCPAxis::atRight);
  const int n = eval.confusion.size();
  QStringList names;
  for (const auto& c : eval.classes) names << QString::fromStdString(c);

  auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
  map->data()->setSize(n, n);
  map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
  for (int t = 0; t < n; ++t) {
    const double support = double(eval.confusion.support(t));
    for (int p = 0; p < n; ++p) {
      const double share = support > 0 ? double(eval.confusion.count(t, p)) / support : 0.0;
      map->data()->setCell(p, t, share);
    }
  }
  QCPColorGradient g;
  g.setColorStopAt(0.0, QColor(255, 255, 255));
  g.setColorStopAt(0.05, QColor(222, 235, 247));
  g.setColorStopAt(1.0, QColor(8, 69, 148));
  map->setGradient(g);
  map->setDataRange(QCPRange(0, 1));
  map->setInterpolate(false);

  QFont small = plot->font();
  small.setPointSizeF(small.pointSizeF() * (n > 8 ? 0.7 : 0.9));
  for (int t = 0; t < n; ++t) {
    const double support = double(eval.confusion.support(t));
    for (int p = 0; p < n; ++p) {
      const auto c = eval.confusion.count(t, p);
      const double share = support > 0 ? double(c) / support : 0.0;
      auto* text = new QCPItemText(plot);
      text->position->setCoords(p, t);
      text->setText(support > 0 ? QStringLiteral("%1\n%2%").arg(c).arg(100.0 * share, 0, 'f',
                                                                       share < 0.1 && c ? 1 : 0)
                                : QStringLiteral("0"));
      text->setFont(small);
      text->setColor(share > 0.5 ? Qt::white : (c ? QColor(20, 20, 20) : QColor(170, 170, 170)));
    }
  }
  QSharedPointer<QCPAxisTickerText> xt(new QCPAxisTickerText), yt(new QCPAxisTickerText);
  for (int k = 0; k < n; ++k) {
    xt->addTick(k, names[k]);
    yt->addTick(k, names[k]);
  }
  plot->xAxis->setTicker(xt);
  plot->yAxis->setTicker(yt);
  plot->xAxis->setTickLabelRotation(n > 4 ? 30 : 0);
  plot->xAxis->setRange(-0.5, n - 0.5);
  plot->yAxis->setRange(-0.5, n - 0.5);
  plot->yAxis->setRangeReversed(true);
  plot->xAxis->grid()->setVisible(false);
  plot->yAxis->grid()->setVisible(false);
  plot->xAxis->setLabel(QObject::tr("predicted class"));
  plot->yAxis->setLabel(QObject::tr("true class"));
  plot->setInteractions({});
  plot->replot();
}

QPair<int, int> confusionCellAt(QCustomPlot* plot, const QPointF& pos, int classes) {
  if (!plot->xAxis || !plot->axisRect() || !plot->axisRect()->rect().contains(pos.toPoint()))
    return {-1, -1};
  const int p = int(std::lround(plot->xAxis->pixelToCoord(pos.x())));
  const int t = int(std::lround(plot->yAxis->pixelToCoord(pos.y())));
  if (p < 0 || t < 0 || p >= classes || t >= classes) return {-1, -1};
  return {t, p};
}

void drawRoc(QCustomPlot* plot, const sdd::Evaluation& eval) {
  plot->clearPlottables();
  plot->clearItems();
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), plot->font().pointSize() - 1));
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  for (std::size_t c = 0; c < eval.roc.size(); ++c) {
    const auto& curve = eval.roc[c];
    if (curve.points.empty()) continue;
    QVector<double> x, y;
    for (const auto& p : curve.points) {
      x << p.fpr;
      y << p.tpr;
    }
    auto* g = plot->addGraph();
    g->setData(x, y, true);
    g->setPen(QPen(seriesColor(int(c)), 2));
    g->setName(QStringLiteral("%1  AUC %2")
                   .arg(QString::fromStdString(eval.classes[c]))
                   .arg(curve.auc, 0, 'f', 4));
  }
  auto* chance = plot->addGraph();
  chance->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
  chance->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  chance->removeFromLegend();
  plot->xAxis->setLabel(QObject::tr("false positive rate"));
  plot->yAxis->setLabel(QObject::tr("true positive rate"));
  plot->xAxis->setRange(-0.01, 1.01);
  plot->yAxis->setRange(-0.01, 1.01);
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->replot();
}

void drawReliability(QCustomPlot* plot, const std::vector<std::vector<float>>& probs,
                     const std::vector<int>& truth, double temperature) {
  plot->clearPlottables();
  plot->clearItems();
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), plot->font().pointSize() - 1));
  auto* ideal = plot->addGraph();
  ideal->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
  ideal->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  ideal->setName(QObject::tr("perfectly calibrated"));
  const auto add = [&](const std::vector<std::vector<float>>& p, const QString& name, int color) {
    QVector<double> x, y;
    for (const sdd::ReliabilityBin& b : sdd::reliabilityBins(p, truth))
      if (b.images > 0) {
        x << b.confidence;
        y << b.accuracy;
      }
    auto* g = plot->addGraph();
    g->setData(x, y, true);
    g->setPen(QPen(seriesColor(color), 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    g->setName(QStringLiteral("%1  ECE %2")
                   .arg(name)
                   .arg(sdd::expectedCalibrationError(p, truth), 0, 'f', 4));
  };
  add(probs, QObject::tr("as trained"), 0);
  if (temperature != 1)
    add(sdd::withTemperature(probs, temperature),
        QObject::tr("at temperature %1").arg(temperature, 0, 'f', 3), 1);
  // The legend in the corner the bins leave freer: an over-confident model's bins lie bottom
  // right, an under-confident one's top left, and a fixed corner hid some of them. Bottom right
  // when both hold as many (a calibrated model's bins lie on the diagonal, away from both).
  int bottomRight = 0, topLeft = 0;
  for (int i = 1; i < plot->graphCount(); ++i)
    for (auto it = plot->graph(i)->data()->begin(); it != plot->graph(i)->data()->end(); ++it) {
      bottomRight += it->key > 0.45 && it->value < 0.45;
      topLeft += it->key < 0.55 && it->value > 0.55;
    }
  plot->axisRect()->insetLayout()->setInsetAlignment(
      0, topLeft < bottomRight ? Qt::AlignTop | Qt::AlignLeft : Qt::AlignBottom | Qt::AlignRight);
  plot->xAxis->setLabel(QObject::tr("top probability (bin mean)"));
  plot->yAxis->setLabel(QObject::tr("share classified right"));
  plot->xAxis->setRange(-0.01, 1.01);
  plot->yAxis->setRange(-0.01, 1.01);
  plot->replot();
}

void drawRiskCoverage(QCustomPlot* plot, const std::vector<sdd::RiskCoveragePoint>& curve,
                      const sdd::RiskCoveragePoint& chosen, double maxRisk) {
  plot->clearPlottables();
  plot->clearItems();
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), plot->font().pointSize() - 1));
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  QVector<double> x, y;
  double top = maxRisk;
  for (const sdd::RiskCoveragePoint& p : curve) {
    x << 100 * p.coverage;
    y << 100 * p.risk;
    top = std::max(top, p.risk);
  }
  auto* g = plot->addGraph();
  g->setData(x, y, true);
  g->setPen(QPen(seriesColor(0), 2));
  g->setName(QObject::tr("errors among accepted"));
  auto* target = plot->addGraph();
  target->setData(QVector<double>{0, 100}, QVector<double>{100 * maxRisk, 100 * maxRisk});
  target->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  target->setName(QObject::tr("target %1 %").arg(100 * maxRisk, 0, 'g', 3));
  auto* point = plot->addGraph();
  point->setData(QVector<double>{100 * chosen.coverage}, QVector<double>{100 * chosen.risk});
  point->setLineStyle(QCPGraph::lsNone);
  point->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(213, 0, 0), 9));
  point->setName(QObject::tr("operating point: %1 % accepted above %2")
                     .arg(100 * chosen.coverage, 0, 'f', 1)
                     .arg(chosen.threshold, 0, 'f', 3));
  plot->xAxis->setLabel(QObject::tr("share accepted automatically (%)"));
  plot->yAxis->setLabel(QObject::tr("error rate among accepted (%)"));
  plot->xAxis->setRange(0, 101);
  plot->yAxis->setRange(0, 100 * top * 1.1 + 0.05);
  plot->replot();
}

void setupCurvePlot(QCustomPlot* plot, CurveKind kind) {
  plot->clearPlottables();
  plot->clearItems();
  plot->legend->setVisible(false);  // shown once a curve is added (an empty legend is a stray box)
  plot->legend->setFont(QFont(plot->font().family(), plot->font().pointSize() - 1));
  plot->axisRect()->insetLayout()->setInsetAlignment(0, kind == CurveKind::Loss
                                                            ? (Qt::AlignTop | Qt::AlignRight)
                                                            : (Qt::AlignBottom | Qt::AlignRight));
  plot->xAxis->setLabel(QObject::tr("epoch"));
  plot->yAxis->setLabel(kind == CurveKind::Loss ? QObject::tr("cross-entropy loss")
                                                : QObject::tr("accuracy / macro F1"));
  plot->xAxis->setRange(0, 10);
  plot->yAxis->setRange(kind == CurveKind::Loss ? QCPRange(0, 2) : QCPRange(0, 1.02));
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

QVector<QCPGraph*> addRunCurves(QCustomPlot* plot, CurveKind kind,
                                const std::vector<sdd::EpochStats>& history, const QString& name,
                                bool faded) {
  struct Series {
    QString label;
    double sdd::EpochStats::*field;
    QColor color;
    Qt::PenStyle style;
  };
  QVector<Series> series;
  if (kind == CurveKind::Loss) {
    series.append(
        {QObject::tr("train loss"), &sdd::EpochStats::trainLoss, seriesColor(0), Qt::SolidLine});
    series.append(
        {QObject::tr("validation loss"), &sdd::EpochStats::valLoss, seriesColor(1), Qt::SolidLine});
  } else {
    series.append({QObject::tr("train accuracy"), &sdd::EpochStats::trainAccuracy, seriesColor(0),
                   Qt::SolidLine});
    series.append({QObject::tr("validation accuracy"), &sdd::EpochStats::valAccuracy,
                   seriesColor(1), Qt::SolidLine});
    series.append({QObject::tr("validation macro F1"), &sdd::EpochStats::valMacroF1, seriesColor(2),
                   Qt::DashLine});
  }
  QVector<QCPGraph*> out;
  if (history.empty()) return out;
  plot->legend->setVisible(true);
  for (const Series& s : series) {
    QVector<double> x, y;
    const bool validation =
        s.field != &sdd::EpochStats::trainLoss && s.field != &sdd::EpochStats::trainAccuracy;
    for (const auto& e : history) {
      if (validation && !e.validated) continue;  // not measured: no point at 0
      x << e.epoch;
      y << e.*(s.field);
    }
    if (x.isEmpty()) continue;
    auto* g = plot->addGraph();
    g->setData(x, y, true);
    QColor c = s.color;
    if (faded) c.setAlpha(110);
    g->setPen(QPen(c, faded ? 1.0 : 2.0, s.style));
    g->setName(name.isEmpty() ? s.label : QStringLiteral("%1: %2").arg(name, s.label));
    out << g;
  }
  double maxX = 1, maxY = kind == CurveKind::Loss ? 0.1 : 1.0;
  for (int i = 0; i < plot->graphCount(); ++i) {
    bool ok = false;
    const QCPRange kr = plot->graph(i)->getKeyRange(ok);
    if (ok) maxX = std::max(maxX, kr.upper);
    const QCPRange vr = plot->graph(i)->getValueRange(ok);
    if (ok && kind == CurveKind::Loss) maxY = std::max(maxY, vr.upper);
  }
  plot->xAxis->setRange(0, maxX + 0.5);
  plot->yAxis->setRange(0, kind == CurveKind::Loss ? maxY * 1.08 : 1.02);
  return out;
}

void markBestEpoch(QCustomPlot* plot, int epoch, double f1) {
  auto* line = new QCPItemStraightLine(plot);
  line->point1->setCoords(epoch, 0);
  line->point2->setCoords(epoch, 1);
  line->setPen(QPen(QColor(0, 158, 115), 1, Qt::DotLine));
  auto* label = new QCPItemText(plot);
  label->position->setType(QCPItemPosition::ptPlotCoords);
  // Half-way up: the legends sit in a corner (loss: top right, accuracy: bottom right) and the
  // settled curves run along the bottom (loss) or the top (accuracy), so the middle is free.
  label->position->setCoords(epoch, plot->yAxis->range().lower + 0.5 * plot->yAxis->range().size());
  // Left of the line when it is near the right edge, so the label stays inside the plot.
  const bool rightHalf = epoch > plot->xAxis->range().center();
  label->setPositionAlignment(Qt::AlignVCenter | (rightHalf ? Qt::AlignRight : Qt::AlignLeft));
  label->setText(QObject::tr(" best: epoch %1, F1 %2 ").arg(epoch).arg(f1, 0, 'f', 4));
  label->setColor(QColor(0, 120, 90));
}

void drawLabelingCurves(QCustomPlot* plot, const std::vector<sdd::SimulationRow>& rows) {
  plot->clearPlottables();
  plot->clearItems();
  plot->xAxis->setLabel(QObject::tr("labels given (training images)"));
  plot->yAxis->setLabel(QObject::tr("validation macro F1"));
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), plot->font().pointSize() - 1));
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  // By strategy, then seed: the points in the order of labels.
  std::map<std::string, std::map<std::uint64_t, std::map<int, double>>> curves;
  std::vector<double> full;
  double maxX = 1, minY = 1;
  for (const sdd::SimulationRow& r : rows) {
    if (r.strategy == sdd::kAllLabels) {
      full.push_back(r.point.macroF1);
      continue;
    }
    curves[r.strategy][r.seed][r.point.labels] = r.point.macroF1;
    maxX = std::max(maxX, double(r.point.labels));
    minY = std::min(minY, r.point.macroF1);
  }
  int colour = 0;
  for (const auto& [strategy, seeds] : curves) {
    const QColor c = seriesColor(colour++);
    std::map<int, std::pair<double, int>> mean;  // labels -> (sum, count)
    for (const auto& [seed, points] : seeds) {
      QVector<double> x, y;
      for (const auto& [labels, f1] : points) {
        x << labels;
        y << f1;
        mean[labels].first += f1;
        ++mean[labels].second;
      }
      auto* g = plot->addGraph();
      g->setData(x, y, true);
      QColor faded = c;
      faded.setAlpha(90);
      g->setPen(QPen(faded, 1.0));
      g->removeFromLegend();
    }
    QVector<double> x, y;
    for (const auto& [labels, sum] : mean) {
      x << labels;
      y << sum.first / sum.second;
    }
    auto* g = plot->addGraph();
    g->setData(x, y, true);
    g->setPen(QPen(c, 2.5));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 6));
    g->setName(QObject::tr("%1 (mean of %2 seeds)")
                   .arg(QString::fromStdString(strategy))
                   .arg(seeds.size()));
  }
  if (!full.empty()) {
    const double median = sdd::percentile(full, 0.5);
    for (const double level : {median, median - 0.01}) {
      auto* g = plot->addGraph();
      g->setData(QVector<double>{0, maxX}, QVector<double>{level, level}, true);
      g->setPen(QPen(QColor(90, 90, 90), 1.2, level == median ? Qt::DashLine : Qt::DotLine));
      g->setName(level == median ? QObject::tr("all labels (median %1)").arg(median, 0, 'f', 4)
                                 : QObject::tr("0.01 below all labels"));
    }
  }
  plot->xAxis->setRange(0, maxX * 1.03);
  plot->yAxis->setRange(std::max(0.0, std::floor(minY * 20) / 20 - 0.02), 1.005);
}

QColor classColor(int cls) {
  static const QColor kColors[] = {QColor(0, 114, 178),   QColor(230, 159, 0),  QColor(0, 158, 115),
                                   QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                   QColor(240, 228, 66),  QColor(120, 120, 120)};
  if (cls < 0) return QColor(160, 160, 160);
  if (cls < 8) return kColors[cls];
  return QColor::fromHsv((cls * 47) % 360, 160, 200);
}

}  // namespace sddreport
