#pragma once
/// What the evaluation report holds, gathered from the image files with no GUI: the model
/// evaluated on a split (metrics, per-image SoftMax, timing), the Table V comparison, the
/// training curves next to the model, fingerprints and the workspace's relabel counts. The
/// report layer (report/) draws it as a PDF; `sdd report --json` and the workbench use the
/// same data. Thread-safety: collectReport may run on any thread; the data is a plain value.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/training/train_config.h"

namespace sdd {

struct ReportOptions {
  std::string split = "validation";
  std::string device = "auto";
  int threads = 1;         ///< one image at a time, as on a line
  double fovMeters = 0.5;  ///< field of view along the strip (paper: 0.5 m)
  std::vector<std::filesystem::path> compareModels;  ///< further models for the Table V comparison
  std::filesystem::path workspace;                   ///< label journal and report log; may be empty
  std::string version;                               ///< program version shown in the report
};

struct ReportData {
  ReportOptions options;
  std::shared_ptr<const Dataset> dataset;  ///< with current labels
  ModelEvaluation evaluation;
  std::vector<ModelSummary> comparison;     ///< ours, the evaluated model first
  std::vector<SkippedModel> skippedModels;  ///< compared models left out, and why
  std::vector<EpochStats> history;          ///< training log next to the model, if any
  std::filesystem::path historySource;      ///< that log's file; empty when none
  std::string datasetHash, modelHash;
  std::string date;  ///< UTC, ISO 8601
  long long relabelsTotal = 0, relabelsSinceLastReport = 0;
  std::string lastReportDate;  ///< empty: no earlier report in this workspace
  long long journalRows = 0;
  /// A model with a defect map: its pointing game on the split, and one image per class (the
  /// first of the split with a mask or boxes) with the map.
  std::optional<PointingGame> mapPointing;
  bool mapBoxes = false;  ///< its map gives boxes (ModelSpec::mapBoxes), not thresholded regions
  struct MapExample {
    std::size_t sample = 0;  ///< index into dataset->samples()
    Explanation map;
  };
  std::vector<MapExample> mapExamples;
};

/// Where collectReport is: evaluating the report's model (model 0) or comparing with
/// another (model > 0), image `done` of `total`.
struct ReportProgress {
  std::size_t model = 0;
  std::filesystem::path file;
  std::size_t done = 0, total = 0;
};

/// Evaluates `modelFile` on the dataset and gathers everything the report shows. Throws
/// (ModelError, DatasetError, std::runtime_error when cancelled) with a message for the user.
ReportData collectReport(const Dataset& dataset, const std::filesystem::path& modelFile,
                         const ReportOptions& options,
                         const std::function<void(const ReportProgress&)>& progress = {},
                         const std::atomic<bool>* cancel = nullptr);

/// Remembers in the workspace that a report was written (for "relabels since the last
/// report"). No-op without a workspace. Throws WriteError.
void recordReport(const ReportData& data, const std::filesystem::path& pdfFile);

/// The report's numbers: evaluationJson plus the fingerprints and the reproduce command.
nlohmann::json reportJson(const ReportData& data);

/// The shell-quoted `sdd report` command that evaluates the same model on the same data
/// (dataset, workspace labels, split settings, compared models, field of view), without
/// --out.
std::string reproduceCommand(const ReportData& data);

}  // namespace sdd
