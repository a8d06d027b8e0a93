#pragma once
// The paper's figures drawn with QCustomPlot, shared by the workbench's panels and the PDF
// report: confusion matrix heat map (Fig. 6), one-vs-rest ROC curves (Fig. 7) and training
// curves (Figs. 4-5), the labeling simulation's curves, and the colours of classes and series.

#include <QColor>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

class QCustomPlot;
class QCPGraph;

namespace sdd {
struct Evaluation;
struct RiskCoveragePoint;
struct EpochStats;
struct SimulationRow;
}  // namespace sdd

namespace sddreport {

/// Heat map of the confusion matrix: each cell shows its count and row percentage, rows are
/// true classes (top to bottom), columns predicted classes. Cell (t, p) centres at x = p,
/// y = t in plot coordinates.
void drawConfusion(QCustomPlot* plot, const sdd::Evaluation& eval);
/// Confusion cell under a widget position, or (-1, -1).
QPair<int, int> confusionCellAt(QCustomPlot* plot, const QPointF& pos, int classes);

/// One ROC curve per class with its AUC in the legend, plus the chance diagonal.
void drawRoc(QCustomPlot* plot, const sdd::Evaluation& eval);

/// Reliability diagram: per bin of top probability (15 bins) the share classified right
/// against the mean top probability, before and after temperature scaling at `temperature`,
/// with the diagonal of perfect calibration; ECE in the legend.
void drawReliability(QCustomPlot* plot, const std::vector<std::vector<float>>& probs,
                     const std::vector<int>& truth, double temperature);
/// Risk-coverage curve of "accept above a confidence": the error rate among accepted images
/// against the share accepted, the target error rate as a dashed line and `chosen` marked.
void drawRiskCoverage(QCustomPlot* plot, const std::vector<sdd::RiskCoveragePoint>& curve,
                      const sdd::RiskCoveragePoint& chosen, double maxRisk);

/// What a training-curve plot shows.
enum class CurveKind { Loss, Accuracy };

/// Sets up the axes of a training-curve plot (empty).
void setupCurvePlot(QCustomPlot* plot, CurveKind kind);
/// Adds the per-epoch curves of one run: loss (train, validation) or accuracy (train,
/// validation, validation macro F1). `faded` draws them thin and light (overlaid runs);
/// `name` prefixes the legend entries. Returns the graphs added (none for an empty history).
QVector<QCPGraph*> addRunCurves(QCustomPlot* plot, CurveKind kind,
                                const std::vector<sdd::EpochStats>& history,
                                const QString& name = {}, bool faded = false);
/// A dashed vertical line at the best epoch, labelled.
void markBestEpoch(QCustomPlot* plot, int epoch, double f1);

/// The labeling simulation (`sdd simulate-labeling`): validation macro F1 against the number
/// of labels given, per strategy its mean over the seeds (thick, with markers) and each seed
/// (thin); the median all-label F1 and 0.01 below it as dashed lines.
void drawLabelingCurves(QCustomPlot* plot, const std::vector<sdd::SimulationRow>& rows);

/// Colour of curve `i` in a series of curves (colour-blind safe).
QColor seriesColor(int i);
/// A distinct, colour-blind-friendly colour per class index (Okabe-Ito, then hues).
QColor classColor(int cls);

}  // namespace sddreport
