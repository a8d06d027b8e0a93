#include "sdd/report/report_data.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/label_store.h"
#include "sdd/training/run_folder.h"
#include "sdd/util/shell_quote.h"
#include "sdd/workspace/workspace.h"

namespace fs = std::filesystem;

namespace sdd {

ReportData collectReport(const Dataset& dataset, const fs::path& modelFile,
                         const ReportOptions& options,
                         const std::function<void(const ReportProgress&)>& progress,
                         const std::atomic<bool>* cancel) {
  ReportData d;
  d.options = options;
  d.dataset = std::make_shared<const Dataset>(dataset);
  d.date = nowIso8601();
  {
    Predictor predictor(modelFile, options.device, options.threads);
    d.evaluation = evaluateModel(
        predictor, modelFile, *d.dataset, options.split,
        [&](std::size_t done, std::size_t total) {
          if (progress) progress({0, modelFile, done, total});
        },
        cancel);
    if (d.evaluation.cancelled) throw std::runtime_error("report cancelled");
    d.comparison.push_back(summarize(d.evaluation, modelLabel(modelFile)));
    if (predictor.metadata().spec.defectMap) {
      d.mapBoxes = predictor.metadata().spec.mapBoxes;
      d.mapPointing =
          pointingGame(predictor, *d.dataset, options.split, CamMethod::DefectMap, {}, cancel);
      if (d.mapPointing->cancelled) throw std::runtime_error("report cancelled");
      const auto& samples = d.dataset->samples();
      for (std::size_t c = 0; c < d.dataset->classes().size(); ++c)
        for (std::size_t i : splitIndices(*d.dataset, options.split))
          if (samples[i].label == int(c) &&
              (!samples[i].boxes.empty() || !samples[i].mask.empty())) {
            const DecodedImage img = loadImage(samples[i].path);
            if (!img.ok()) continue;
            d.mapExamples.push_back({i, predictor.explain(img.image, -1, CamMethod::DefectMap)});
            break;
          }
    }
  }
  std::vector<fs::path> others;
  std::error_code ec;
  for (const fs::path& m : options.compareModels)
    if (!fs::equivalent(m, modelFile, ec) &&
        std::find(others.begin(), others.end(), m) == others.end())
      others.push_back(m);
  const ModelComparison cmp = compareModels(
      *d.dataset, options.split, others, options.device, options.threads,
      [&](std::size_t i, std::size_t done, std::size_t total) {
        if (progress) progress({i + 1, others[i], done, total});
      },
      cancel);
  if (cancel && cancel->load()) throw std::runtime_error("report cancelled");
  d.comparison.insert(d.comparison.end(), cmp.rows.begin(), cmp.rows.end());
  d.skippedModels = cmp.skipped;

  const RunFolder run(fs::absolute(modelFile, ec).parent_path());
  try {
    d.history = run.readLog();
    if (!d.history.empty()) d.historySource = run.logJsonlFile();
  } catch (const RunFolderError&) {
    // A damaged log next to the model: the report says there are no curves rather than
    // failing; the model and its evaluation do not depend on it.
    d.history.clear();
  }
  d.datasetHash = datasetFingerprint(*d.dataset);
  d.modelHash = fileFingerprint(modelFile);
  for (const auto& s : d.dataset->samples()) d.relabelsTotal += s.label != s.originalLabel;

  if (!options.workspace.empty()) {
    const Workspace ws(options.workspace);
    if (fs::exists(ws.journalFile(), ec)) {
      const LabelStore store(ws.journalFile(), LabelStore::Access::ReadOnly);
      d.journalRows = static_cast<long long>(store.journal().size());
    }
    long long lastRows = 0;
    const auto reports = ws.reports();
    if (!reports.empty()) {
      lastRows = reports.back().journalRows;
      d.lastReportDate = reports.back().date;
    }
    d.relabelsSinceLastReport = std::max(0LL, d.journalRows - lastRows);
  } else {
    d.relabelsSinceLastReport = d.journalRows;
  }
  return d;
}

void recordReport(const ReportData& d, const fs::path& pdfFile) {
  if (d.options.workspace.empty()) return;
  std::error_code ec;
  Workspace(d.options.workspace)
      .recordReport({d.date, fs::absolute(pdfFile, ec).string(), d.journalRows});
}

std::string reproduceCommand(const ReportData& d) {
  const Dataset& ds = *d.dataset;
  const ScanOptions& scan = ds.scanOptions();
  std::error_code ec;
  auto absolute = [&](const fs::path& p) {
    return fs::absolute(p, ec).lexically_normal().string();
  };
  std::vector<std::string> words = {"sdd",
                                    "report",
                                    absolute(ds.root()),
                                    "--model",
                                    absolute(d.evaluation.modelFile),
                                    "--split",
                                    d.evaluation.split};
  if (!d.options.workspace.empty())
    words.insert(words.end(), {"--workspace", absolute(d.options.workspace)});
  if (scan.resplit) {
    words.insert(words.end(), {"--split-seed", std::to_string(scan.seed)});
  } else if (!ds.hasOwnSplit()) {
    std::ostringstream fraction;
    fraction << scan.validationFraction;
    words.insert(words.end(),
                 {"--val-fraction", fraction.str(), "--seed", std::to_string(scan.seed)});
  }
  if (!d.options.compareModels.empty()) {
    std::string list;
    for (const fs::path& m : d.options.compareModels)
      list += (list.empty() ? "" : ",") + absolute(m);
    words.insert(words.end(), {"--compare", list});
  }
  if (d.options.fovMeters != 0.5) {
    std::ostringstream fov;
    fov << d.options.fovMeters;
    words.insert(words.end(), {"--fov", fov.str()});
  }
  return shellCommand(words);
}

nlohmann::json reportJson(const ReportData& d) {
  nlohmann::json j = evaluationJson(d.evaluation, *d.dataset);
  j["dataset_hash"] = d.datasetHash;
  j["model_hash"] = d.modelHash;
  j["reproduce"] = reproduceCommand(d);
  for (const auto& s : d.skippedModels)
    j["comparison_skipped"].push_back({{"model", s.file.string()}, {"reason", s.reason}});
  if (const auto& g = d.mapPointing)
    j["defect_map"] = {{"images", g->totalImages()},
                       {"peak_in_region", g->totalHits()},
                       {"centre_in_region", g->totalCentreHits()},
                       {"map50", g->map50()},
                       {"pixel_iou", g->pixelIoU}};
  return j;
}

}  // namespace sdd
