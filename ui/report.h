#pragma once
// The PDF evaluation report (File ▸ Export Report… and `sdd report`): dataset summary,
// model, training settings and curves, confusion matrix, Table IV, ROC curves, the Table V
// comparison, inference timing and line speed, Fig. 8-style examples including every
// misclassified image, and a reproducibility block. Both the GUI and the CLI collect the
// data with collectReport() (which evaluates from the image files) and write it with
// writeReportPdf(), so the two produce the same document.
// Needs a QApplication (plots are QCustomPlot widgets rendered to the PDF).

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "sdd/inference/model_evaluation.h"
#include "sdd/training/trainer.h"

namespace sddui {

struct ReportOptions {
  QString split = QStringLiteral("validation");
  QString device = QStringLiteral("auto");
  int threads = 1;                 ///< one image at a time, as on a line
  double fovMeters = 0.5;          ///< field of view along the strip (paper: 0.5 m)
  QStringList compareModels;       ///< further models for the Table V comparison
  QString workspace;               ///< label journal and report history; may be empty
  QString version;                 ///< program version shown in the report
};

struct ReportData {
  ReportOptions options;
  std::shared_ptr<const sdd::Dataset> dataset;  ///< with current labels
  sdd::ModelEvaluation evaluation;
  std::vector<sdd::ModelSummary> comparison;    ///< ours; the paper's rows are added when drawn
  std::vector<sdd::EpochStats> history;         ///< training log next to the model, if any
  QString historySource;
  QString datasetHash, modelHash, date;
  long long relabelsTotal = 0, relabelsSinceLastReport = 0;
  QString lastReportDate;  ///< empty: no earlier report in this workspace
  long long journalRows = 0;
};

/// Evaluates `modelFile` on the dataset and gathers everything the report shows. Throws
/// (sdd::ModelError, sdd::DatasetError, std::runtime_error) with a message for the user.
/// `progress(done, total, what)` reports the evaluation steps.
ReportData collectReport(const sdd::Dataset& dataset, const QString& modelFile, const ReportOptions& options,
                         const std::function<void(int, int, const QString&)>& progress = {},
                         const std::atomic<bool>* cancel = nullptr);

/// Writes the PDF, all or nothing. Throws sdd::WriteError naming the file and the reason
/// when it cannot be written.
void writeReportPdf(const ReportData& data, const QString& pdfFile);

/// The shell-quoted `sdd report` command that evaluates the same model on the same data
/// (dataset, workspace labels, split settings, compared models), without --out.
std::string reproduceCommand(const ReportData& data);

/// Remembers in the workspace that a report was written (for "relabels since the last
/// report"). No-op without a workspace. Throws sdd::WriteError.
void recordReport(const ReportData& data, const QString& pdfFile);

/// The numbers of the report as JSON (what tests compare the PDF text with).
nlohmann::json reportJson(const ReportData& data);

}  // namespace sddui
