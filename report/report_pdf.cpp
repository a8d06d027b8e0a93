#include "report_pdf.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "display_image.h"
#include "pdf_document.h"
#include "plots.h"
#include "qcp.h"
#include "report_maps.h"
#include "sdd/metrics/calibration.h"
#include "sdd/util/atomic_file.h"

namespace sddreport {

using sdd::ReportData;
namespace {

/// Fig. 8 style: the image, the decision and a bar per class probability.
void drawExample(Document& doc, int x, int w, const ReportData& d, std::size_t k) {
  QCPPainter& p = doc.painter();
  const auto& ev = d.evaluation;
  const sdd::Sample& s = d.dataset->samples()[ev.samples[k]];
  const int truth = ev.truth[k];
  const int pred = ev.predicted(k);
  const auto& classes = d.dataset->classes();
  const int thumb = 100;
  const int y = doc.y();
  const QImage img = loadDisplayImage(s.path, thumb * 2);
  if (!img.isNull()) p.drawImage(QRect(x, y, thumb, thumb), img);
  p.setPen(QPen(pred == truth ? QColor(0, 120, 60) : QColor(200, 0, 0), 2));
  p.drawRect(QRect(x, y, thumb, thumb));
  QFont f = p.font();
  QFont small = f;
  small.setPointSizeF(7);
  p.setFont(small);
  p.setPen(Qt::black);
  const int tx = x + thumb + 8;
  const int tw = w - thumb - 12;
  p.drawText(QRect(tx, y, tw, 12), Qt::AlignLeft | Qt::AlignVCenter,
             p.fontMetrics().elidedText(qs(s.path.filename().string()), Qt::ElideMiddle, tw));
  p.setPen(pred == truth ? QColor(0, 120, 60) : QColor(200, 0, 0));
  // The decision must be read whole ("(wrong)" included): long class names get a smaller
  // font, down to 5 pt, and only then are elided.
  const QString decision = pred == truth
                               ? QObject::tr("label %1 · predicted %1").arg(qs(classes[truth]))
                               : QObject::tr("label %1 · predicted %2 (wrong)")
                                     .arg(qs(classes[truth]), qs(classes[pred]));
  QFont fitted = small;
  while (QFontMetrics(fitted, p.device()).horizontalAdvance(decision) > tw &&
         fitted.pointSizeF() > 5)
    fitted.setPointSizeF(fitted.pointSizeF() - 0.5);
  p.setFont(fitted);
  p.drawText(QRect(tx, y + 12, tw, 12), Qt::AlignLeft | Qt::AlignVCenter,
             p.fontMetrics().elidedText(decision, Qt::ElideMiddle, tw));
  p.setFont(small);
  p.setPen(Qt::black);
  const int n = int(classes.size());
  const int barTop = y + 28;
  const int rowH = std::max(8, std::min(12, (thumb - 28) / std::max(1, n)));
  // Class names as wide as the widest needs (NEU's "rolled-in_scale"), at most half the row.
  int labelW = 0;
  for (const auto& c : classes)
    labelW = std::max(labelW, p.fontMetrics().horizontalAdvance(qs(c)) + 4);
  labelW = std::min(labelW, tw / 2);
  const int barW = tw - labelW - 36;
  for (int c = 0; c < n; ++c) {
    const double v = ev.probs[k][std::size_t(c)];
    const int ry = barTop + c * rowH;
    p.drawText(QRect(tx, ry, labelW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(qs(classes[std::size_t(c)]), Qt::ElideRight, labelW));
    p.fillRect(QRect(tx + labelW, ry + 2, std::max(1, int(v * barW)), rowH - 3),
               c == pred ? (pred == truth ? QColor(0, 114, 178) : QColor(213, 0, 0))
                         : QColor(160, 168, 180));
    p.drawText(QRect(tx + labelW + barW + 2, ry, 34, rowH), Qt::AlignLeft | Qt::AlignVCenter,
               QString::number(v, 'f', 3));
  }
  p.setFont(f);
}

}  // namespace

void writeReportPdf(const ReportData& d, const QString& pdfFile) {
  const auto& ev = d.evaluation;
  const sdd::Evaluation& e = ev.eval;
  const sdd::Dataset& ds = *d.dataset;
  const sdd::ModelMetadata& meta = ev.metadata;
  const auto& classes = ds.classes();
  Document doc(pdfFile);

  doc.title(
      QObject::tr("Steel surface defect detection — evaluation report"),
      QObject::tr("SDD Workbench %1 · %2 · model %3 on %4")
          .arg(qs(d.options.version), qs(d.date), QFileInfo(qs(ev.modelFile.string())).fileName(),
               qs(ds.root().filename().string())));

  // Summary block first: what a reader wants on page one.
  double minAuc = 1;
  QString minAucClass;
  for (const auto& c : e.perClass)
    if (!std::isnan(c.auc) && c.auc <= minAuc) {
      minAuc = c.auc;
      minAucClass = qs(c.name);
    }
  doc.heading(QObject::tr("Summary"));
  doc.table(
      {QObject::tr("Measure"), QObject::tr("Value")},
      {{QObject::tr("Images evaluated (%1 split)").arg(qs(ev.split)),
        QString::number(ev.samples.size())},
       {QObject::tr("Accuracy"), fixed(e.accuracy)},
       {QObject::tr("Macro F1"), fixed(e.macroF1)},
       {QObject::tr("Macro AUC"), fixed(e.macroAuc)},
       {QObject::tr("Lowest class AUC"), QStringLiteral("%1 (%2)").arg(fixed(minAuc), minAucClass)},
       {QObject::tr("Median time per image, file read to decision"),
        QObject::tr("%1 ms").arg(fixed(ev.medianMs, 2))}},
      {0.6, 0.4});
  const sdd::TrainingOverlap& overlap = ev.trainingOverlap;
  if (overlap.overlapping)
    doc.paragraph(QObject::tr("Warning: %1 of %2 evaluated images (%3 %) are images this model "
                              "was trained on (the same files): the figures above overstate how "
                              "it does on new images.")
                      .arg(overlap.overlapping)
                      .arg(overlap.images)
                      .arg(100.0 * overlap.share(), 0, 'f', 1));

  // 1. Dataset.
  doc.heading(QObject::tr("1. Dataset"));
  const auto trainCounts = ds.classCounts(sdd::Split::Train);
  const auto valCounts = ds.classCounts(sdd::Split::Validation);
  doc.paragraph(QObject::tr("Folder: %1\nLayout: %2 · %3 classes · %4 images (%5 train, %6 "
                            "validation; %7) · %8 files skipped while "
                            "scanning · %9 duplicate groups.")
                    .arg(qs(ds.root().string()), qs(sdd::toString(ds.layout())))
                    .arg(classes.size())
                    .arg(ds.samples().size())
                    .arg(ds.indices(sdd::Split::Train).size())
                    .arg(ds.indices(sdd::Split::Validation).size())
                    .arg(ds.hasOwnSplit() ? QObject::tr("the dataset's own split")
                                          : QObject::tr("seeded stratified split"))
                    .arg(ds.skipped().size())
                    .arg(ds.duplicates().size()));
  QList<QStringList> rows;
  for (std::size_t c = 0; c < classes.size(); ++c)
    rows << QStringList{qs(classes[c]), QString::number(trainCounts[c]),
                        QString::number(valCounts[c]),
                        QString::number(trainCounts[c] + valCounts[c])};
  doc.table(
      {QObject::tr("Class"), QObject::tr("Train"), QObject::tr("Validation"), QObject::tr("Total")},
      rows, {0.4, 0.2, 0.2, 0.2});
  doc.paragraph(QObject::tr("Relabels: %1 images carry a label different from their folder's; %2 "
                            "journal entries since %3.")
                    .arg(d.relabelsTotal)
                    .arg(d.relabelsSinceLastReport)
                    .arg(d.lastReportDate.empty()
                             ? QObject::tr("the workspace was created (no earlier report)")
                             : QObject::tr("the last report (%1)").arg(qs(d.lastReportDate))));

  // 2. Model.
  doc.heading(QObject::tr("2. Model"));
  const sdd::ModelSpec& spec = meta.spec;
  QList<QStringList> arch;
  int size = spec.inputSize;
  int ch = spec.inputChannels;
  for (std::size_t i = 0; i < spec.convChannels.size(); ++i) {
    const int out = spec.convChannels[i];
    const long long w = (long long)spec.kernelSize * spec.kernelSize * ch * out + out;
    arch << QStringList{QObject::tr("conv %1×%1 + ReLU%2 + max-pool 2×2")
                            .arg(spec.kernelSize)
                            .arg(spec.batchNorm ? QObject::tr(" + BN") : QString()),
                        QStringLiteral("%1×%1×%2").arg(size).arg(ch),
                        QStringLiteral("%1×%1×%2").arg(size / 2).arg(out), QString::number(w)};
    size /= 2;
    ch = out;
  }
  const long long features = spec.head == sdd::HeadType::Flatten ? (long long)size * size * ch : ch;
  if (spec.fcWidth > 0)
    arch << QStringList{
        QObject::tr("%1 + FC + ReLU")
            .arg(spec.head == sdd::HeadType::Flatten ? QObject::tr("flatten")
                                                     : QObject::tr("global average pool")),
        QString::number(features), QString::number(spec.fcWidth),
        QString::number(features * spec.fcWidth + spec.fcWidth)};
  const long long lastIn = spec.fcWidth > 0 ? spec.fcWidth : features;
  arch << QStringList{QObject::tr("FC + SoftMax"), QString::number(lastIn),
                      QString::number(spec.numClasses),
                      QString::number(lastIn * spec.numClasses + spec.numClasses)};
  doc.table({QObject::tr("Layer"), QObject::tr("Input"), QObject::tr("Output"),
             QObject::tr("Weights (incl. bias)")},
            arch, {0.42, 0.17, 0.17, 0.24});
  doc.paragraph(QObject::tr("%1 · %2 weight layers · %3 weights in total (incl. BatchNorm) · %4 "
                            "multiply-accumulates per image · "
                            "file %5 (created %6).")
                    .arg(qs(spec.describe()))
                    .arg(sdd::weightLayers(spec))
                    .arg(spec.parameterCount())
                    .arg(spec.macs())
                    .arg(qs(ev.modelFile.string()), qs(meta.createdAt)));

  // 3. Training.
  doc.heading(QObject::tr("3. Training"));
  if (!meta.trainConfig.empty()) {
    QStringList parts;
    for (auto it = meta.trainConfig.begin(); it != meta.trainConfig.end(); ++it)
      parts << QStringLiteral("%1 = %2").arg(
          qs(it.key()),
          qs(it.value().is_string() ? it.value().get<std::string>() : it.value().dump()));
    doc.paragraph(QObject::tr("Settings: %1").arg(parts.join(QStringLiteral(" · "))), true);
  } else {
    doc.paragraph(QObject::tr("The model file records no training settings."));
  }
  if (!d.history.empty()) {
    const auto best =
        std::max_element(d.history.begin(), d.history.end(),
                         [](const auto& a, const auto& b) { return a.valMacroF1 < b.valMacroF1; });
    double secs = 0;
    for (const auto& h : d.history) secs += h.seconds;
    doc.paragraph(QObject::tr("%1 epochs, %2 s of training; best validation macro F1 %3 at epoch "
                              "%4; last epoch: validation accuracy %5, "
                              "macro F1 %6. Log: %7")
                      .arg(d.history.size())
                      .arg(secs, 0, 'f', 0)
                      .arg(fixed(best->valMacroF1))
                      .arg(best->epoch)
                      .arg(fixed(d.history.back().valAccuracy))
                      .arg(fixed(d.history.back().valMacroF1))
                      .arg(qs(d.historySource.string())));
    for (CurveKind kind : {CurveKind::Loss, CurveKind::Accuracy}) {
      QCustomPlot plot;
      plot.resize(600, 240);
      setupCurvePlot(&plot, kind);
      addRunCurves(&plot, kind, d.history);
      markBestEpoch(&plot, best->epoch, best->valMacroF1);
      doc.plot(&plot, 600, 240);
    }
  } else {
    doc.paragraph(
        QObject::tr("No training log (log.jsonl) next to the model file, so no curves are shown."));
  }

  // 4. Evaluation.
  doc.newPage();
  doc.heading(QObject::tr("4. Evaluation on the %1 split (%2 images)")
                  .arg(qs(ev.split))
                  .arg(ev.samples.size()));
  doc.paragraph(
      QObject::tr(
          "Accuracy %1 · macro precision %2 · macro recall %3 · macro F1 %4 · macro AUC %5 · mean "
          "cross-entropy %6. "
          "Labels are the current labels (relabels included). %7 images could not be classified.")
          .arg(fixed(e.accuracy), fixed(e.macroPrecision), fixed(e.macroRecall), fixed(e.macroF1),
               fixed(e.macroAuc), fixed(e.meanLoss))
          .arg(ev.skipped.size()));
  {
    QCustomPlot plot;
    const int side = std::min(520, 200 + 50 * int(classes.size()));
    plot.resize(side + 60, side);
    drawConfusion(&plot, e);
    doc.plot(&plot, side + 60, side);
  }
  doc.paragraph(QObject::tr("Confusion matrix (Fig. 6): rows are true classes, columns predicted "
                            "classes; each cell gives the "
                            "image count and the share of its row."),
                true);
  QList<QStringList> t4;
  for (const auto& c : e.perClass)
    t4 << QStringList{qs(c.name),  fixed(c.precision), fixed(c.recall),
                      fixed(c.f1), fixed(c.auc),       QString::number(c.support)};
  t4 << QStringList{QObject::tr("macro average"),
                    fixed(e.macroPrecision),
                    fixed(e.macroRecall),
                    fixed(e.macroF1),
                    fixed(e.macroAuc),
                    QString::number(e.confusion.total())};
  doc.heading(QObject::tr("Table IV: precision, recall and F1 per class"));
  doc.table({QObject::tr("Class"), QObject::tr("Precision"), QObject::tr("Recall"),
             QObject::tr("F1"), QObject::tr("AUC"), QObject::tr("Support")},
            t4, {0.3, 0.14, 0.14, 0.14, 0.14, 0.14}, 1, {int(t4.size()) - 1});
  doc.heading(QObject::tr("ROC curves, one class against the rest (Fig. 7)"), 400);
  {
    QCustomPlot plot;
    plot.resize(520, 400);
    drawRoc(&plot, e);
    doc.plot(&plot, 520, 400);
  }
  // Calibration, the review rule and the model's own accept / review / unknown decisions.
  {
    const sdd::CalibrationReport cal = sdd::calibrate(ev.probs, ev.truth);
    const double maxRisk = meta.confidenceRule ? meta.confidenceRule->maxRisk : 0.002;
    const auto curve = sdd::riskCoverage(sdd::withTemperature(ev.probs, cal.temperature), ev.truth);
    const sdd::RiskCoveragePoint pt = sdd::operatingPoint(curve, maxRisk);
    QString text = QObject::tr(
                       "ECE %1 → %2 at temperature %3 (two-fold cross-fitted); Brier %4 → "
                       "%5. At most %6 % errors among accepted images: %7 % accepted "
                       "above a calibrated %8 (chosen on these images).")
                       .arg(fixed(cal.eceBefore), fixed(cal.eceAfter), fixed(cal.temperature, 3),
                            fixed(cal.brierBefore), fixed(cal.brierAfter))
                       .arg(100 * maxRisk, 0, 'g', 3)
                       .arg(100 * pt.coverage, 0, 'f', 1)
                       .arg(fixed(pt.threshold, 3));
    if (meta.confidenceRule) {
      int n[3] = {0, 0, 0};
      for (std::size_t k = 0; k < ev.probs.size(); ++k) {
        const sdd::Sample& s = ds.samples()[ev.samples[k]];
        ++n[int(
            sdd::decide(ev.probs[k], *meta.confidenceRule, ev.unknownScores[k], s.width, s.height)
                .decision)];
      }
      text += QObject::tr(" The model's own rule (%1): %2 accepted, %3 to review, %4 unknown.")
                  .arg(qs(meta.confidenceRule->fittedOn))
                  .arg(n[0])
                  .arg(n[1])
                  .arg(n[2]);
      const std::string byClass = sdd::classReviewThresholds(*meta.confidenceRule, meta.classes);
      if (!byClass.empty())
        text += QObject::tr(
                    " Review thresholds of their own (most probable class, calibrated): "
                    "%1.")
                    .arg(qs(byClass));
    }
    doc.heading(QObject::tr("Calibration and the review rule"), 300);
    doc.paragraph(text);
    QCustomPlot reliability, risk;
    reliability.resize(320, 280);
    risk.resize(320, 280);
    drawReliability(&reliability, ev.probs, ev.truth, cal.temperature);
    drawRiskCoverage(&risk, curve, pt, maxRisk);
    doc.plot(&reliability, 320, 280);
    doc.plot(&risk, 320, 280);
  }

  // 5. Comparison.
  doc.heading(QObject::tr("5. Model comparison (Table V)"));
  QList<QStringList> t5;
  QVector<int> grey;
  for (const auto& s : d.comparison)
    t5 << QStringList{qs(s.name),
                      QString::number(s.layers),
                      QString::number(s.weights),
                      QString::number(s.macs),
                      fixed(s.macroF1),
                      fixed(s.minAuc),
                      fixed(s.medianMs, 2)};
  for (const auto& p : sdd::paperTableV()) {
    grey << int(t5.size());
    t5 << QStringList{QObject::tr("%1 (reported by the paper)").arg(qs(p.model)),
                      qs(p.layers),
                      qs(p.weights),
                      QStringLiteral("—"),
                      qs(p.f1),
                      QStringLiteral("—"),
                      QStringLiteral("—")};
  }
  doc.table(
      {QObject::tr("Model"), QObject::tr("Layers"), QObject::tr("Weights"), QObject::tr("MACs"),
       QObject::tr("Macro F1"), QObject::tr("Min AUC"), QObject::tr("ms/img")},
      t5, {0.36, 0.085, 0.11, 0.125, 0.105, 0.105, 0.11}, 1, {}, grey);
  if (!d.skippedModels.empty()) {
    QStringList skipped;
    for (const auto& m : d.skippedModels)
      skipped << QStringLiteral("%1 (%2)").arg(qs(sdd::modelLabel(m.file)), qs(m.reason));
    doc.paragraph(QObject::tr("Not compared: %1.").arg(skipped.join(QStringLiteral("; "))));
  }
  doc.paragraph(
      QObject::tr("Our rows are measured here, on the %1 split of this dataset, on %2. The grey "
                  "rows are the paper's own "
                  "reported figures on NEU (not measured here; the paper gives no AUC or MACs).")
          .arg(qs(ev.split), qs(ev.device)),
      true);

  // 6. Timing.
  doc.heading(QObject::tr("6. Inference time and line speed"));
  const double perImageS = ev.meanMs / 1000.0;
  doc.paragraph(
      QObject::tr("Measured as the paper does: each image read from its file, decoded, "
                  "preprocessed and classified on its own "
                  "(batch 1), from reading the file to the decision, on %1 over %2 images.\n"
                  "median %3 ms · 95th percentile %4 ms · mean %5 ms per image.\n"
                  "With a field of view of %6 m along the strip, the mean time allows a line speed "
                  "of %7 m/s "
                  "(paper: 3.5 ms/image on an RTX 3090, 143.57 m/s at 0.5 m).")
          .arg(qs(ev.device))
          .arg(ev.ms.size())
          .arg(fixed(ev.medianMs, 2), fixed(ev.p95Ms, 2), fixed(ev.meanMs, 2))
          .arg(d.options.fovMeters, 0, 'f', 2)
          .arg(perImageS > 0 ? d.options.fovMeters / perImageS : 0.0, 0, 'f', 1));

  // 7. Examples.
  doc.newPage();
  doc.heading(QObject::tr("7. Examples (Fig. 8): SoftMax outputs per image"));
  std::vector<std::size_t> wrong, shown;
  for (std::size_t k = 0; k < ev.samples.size(); ++k)
    if (ev.predicted(k) != ev.truth[k]) wrong.push_back(k);
  for (std::size_t c = 0; c < classes.size();
       ++c) {  // the most confident correct image of each class
    std::size_t bestK = ev.samples.size();
    for (std::size_t k = 0; k < ev.samples.size(); ++k)
      if (ev.truth[k] == int(c) && ev.predicted(k) == int(c) &&
          (bestK == ev.samples.size() || ev.probs[k][c] > ev.probs[bestK][c]))
        bestK = k;
    if (bestK < ev.samples.size()) shown.push_back(bestK);
  }
  const std::size_t maxWrong = 40;
  doc.paragraph(QObject::tr("One correctly classified image per class (the most confident), then "
                            "%1 of the %2 misclassified images "
                            "(red frame).")
                    .arg(std::min(wrong.size(), maxWrong))
                    .arg(wrong.size()));
  for (std::size_t i = 0; i < std::min(wrong.size(), maxWrong); ++i) shown.push_back(wrong[i]);
  const int colW = doc.width() / 2;
  for (std::size_t i = 0; i < shown.size(); i += 2) {
    doc.ensure(112);
    drawExample(doc, 0, colW - 6, d, shown[i]);
    if (i + 1 < shown.size()) drawExample(doc, colW + 6, colW - 6, d, shown[i + 1]);
    doc.skip(112);
  }

  drawDefectMapSection(doc, d);

  // 8. Reproducibility.
  doc.heading(QObject::tr("8. Reproducibility"));
  const std::string seed =
      meta.trainConfig.contains("seed") ? meta.trainConfig["seed"].dump() : std::string("n/a");
  doc.table({QObject::tr("Item"), QObject::tr("Value")},
            {{QObject::tr("Dataset fingerprint (FNV-1a 64: paths, contents, labels, split)"),
              qs(d.datasetHash)},
             {QObject::tr("Model file fingerprint (FNV-1a 64)"), qs(d.modelHash)},
             {QObject::tr("Training seed"), qs(seed)},
             {QObject::tr("Program version"), qs(d.options.version)},
             {QObject::tr("Report date (UTC)"), qs(d.date)},
             {QObject::tr("Device"), qs(ev.device)}},
            {0.55, 0.45}, 2);
  doc.paragraph(QObject::tr("To reproduce this report (add --out FILE.pdf): %1")
                    .arg(qs(sdd::reproduceCommand(d))));
  doc.save();
}

}  // namespace sddreport
