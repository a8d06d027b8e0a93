// sdd eval
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "commands.h"
#include "common.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/metrics/metrics.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"
#include "sdd/util/text_width.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kEvalHelp = R"(usage: sdd eval [DATASET] [options]
  --model FILE         model to evaluate (default: the shipped model)
  --split NAME         validation (default) | train | all
  --json FILE          write all metrics and ROC points as JSON
  --csv FILE           write per-image predictions with all SoftMax probabilities
  --workspace DIR      use the labels of a workbench workspace (its relabel journal)
  --pointing-game      also check, per class, whether the Grad-CAM peak for the labelled
                       class falls inside a VOC defect box (images with boxes only)
  --cam METHOD         gradcam (default) | hirescam (position-exact for a flatten head) |
                       map (the model's defect map); a model with a map reports it too, with
                       box AP at IoU 0.5 of the regions it finds and its pixel IoU
  --perturb            also evaluate on generated copies of the split with Gaussian noise,
                       blur and brightness shifts (in memory; files are only read): accuracy
                       and per-class accuracy for each
  --engine NAME        auto (default: native on the CPU, torch on CUDA) | native (the
                       classifier in plain C++, CPU) | torch (LibTorch) | opencv (the ONNX
                       export on OpenCV DNN, CPU)
  --split-seed N       evaluate on the seeded stratified split a model was trained with by
                       `sdd train --split-seed N` instead of the dataset's split folders
  --threads N          default 1; every image is read, decoded and classified on its own
                       and timed from file read to decision (the paper's measurement)
  --device D
  --max-risk R         error rate allowed among auto-accepted images for the review rule
                       (default 0.002: 0.2 %)

The calibration lines: ECE (15 bins) and Brier score of the probabilities as they are and
after temperature scaling, the "after" measured by two-fold cross-fitting on the split (no
image scored with a temperature fitted on it), and the temperature fitted on the whole split.
The review rule: accept images whose top probability is at least the threshold, send the rest
to a person; the largest share of the split accepted with at most R errors among accepted.
It is chosen on the split it is reported on, so it is optimistic for new images.
)";

}  // namespace

// Prints the pointing game's table (and a defect map's box AP and pixel IoU); its JSON.
nlohmann::json printPointingGame(const sdd::PointingGame& g) {
  nlohmann::json out;
  out["cam"] = g.method;
  std::cout << "\npointing game (" << g.method
            << "): " << (g.method == "map" ? "defect map" : "CAM peak for the labelled class")
            << " inside a defect box\n"
            << "class                images   peak in box   image centre in box (baseline)   "
               "peak at the border"
            << (g.ap50.empty() ? "" : "   box AP@0.5   pixel IoU") << "\n";
  for (std::size_t c = 0; c < g.classes.size(); ++c) {
    const double n = std::max(1, g.images[c]);
    std::cout << sdd::padRight(g.classes[c], 20) << std::setw(7) << g.images[c] << std::fixed
              << std::setw(10) << std::setprecision(1) << 100.0 * g.hits[c] / n << " %"
              << std::setw(14) << 100.0 * g.centreHits[c] / n << " %" << std::setw(28)
              << 100.0 * g.borderPeaks[c] / n << " %";
    nlohmann::json row = {{"class", g.classes[c]},
                          {"images", g.images[c]},
                          {"hits", g.hits[c]},
                          {"centre_hits", g.centreHits[c]},
                          {"border_peaks", g.borderPeaks[c]}};
    if (!g.ap50.empty()) {
      std::cout << std::setw(13) << std::setprecision(3) << g.ap50[c] << std::setw(12)
                << g.pixelIoUs[c];
      row["ap50"] = g.ap50[c];
      row["pixel_iou"] = g.pixelIoUs[c];
    }
    std::cout << "\n";
    out["per_class"].push_back(row);
  }
  const double n = std::max(1, g.totalImages());
  std::cout << std::left << std::setw(20) << "all" << std::right << std::setw(7) << g.totalImages()
            << std::setw(10) << std::setprecision(1) << 100.0 * g.totalHits() / n << " %"
            << std::setw(14) << 100.0 * g.totalCentreHits() / n << " %" << std::setw(28)
            << 100.0 * g.totalBorderPeaks() / n << " %";
  if (!g.ap50.empty())
    std::cout << std::setw(13) << std::setprecision(3) << g.map50() << std::setw(12) << g.pixelIoU
              << "  (mAP; mean IoU)"
              << "\n(pixel IoU: of map >= 0.5 with the annotated pixels: the mask, else the boxes' "
                 "outlines or rectangles)";
  std::cout << "\n(peak at the border: within 8 % of the image size of its edge)\n";
  std::cout.unsetf(std::ios::fixed);
  if (g.withoutBoxes) std::cout << g.withoutBoxes << " image(s) without defect boxes left out\n";
  out["images"] = g.totalImages();
  out["hits"] = g.totalHits();
  out["centre_hits"] = g.totalCentreHits();
  out["border_peaks"] = g.totalBorderPeaks();
  out["without_boxes"] = g.withoutBoxes;
  if (!g.ap50.empty()) {
    out["map50"] = g.map50();
    out["pixel_iou"] = g.pixelIoU;
  }
  return out;
}

int cmdEval(const std::vector<std::string>& argv) {
  Args args(argv,
            {"model", "split", "json", "csv", "threads", "device", "val-fraction", "split-seed",
             "seed", "workspace", "cam", "engine", "classes", "max-risk"},
            {"help", "pointing-game", "perturb"});
  if (args.has("help")) {
    std::cout << kEvalHelp;
    return 0;
  }
  const fs::path modelPath = args.str("model", defaultModel().string());
  const std::string split = args.choice("split", "validation", {"validation", "train", "all"});
  const int threads = args.integer("threads", 1, 0, 1024);
  const std::string device = args.str("device", "auto");
  sdd::Predictor predictor(modelPath, device, threads,
                           args.choice("engine", "auto", {"auto", "native", "torch", "opencv"}));
  const auto& meta = predictor.metadata();
  const sdd::Dataset ds = scanDataset(args, args.integer("seed", 42, 0, 2147483647), false,
                                      args.str("workspace", ""), meta.classes, true);
  sdd::requireSameClasses(meta.classes, ds.classes(), modelPath);

  const sdd::ModelEvaluation me = sdd::evaluateModel(predictor, modelPath, ds, split);
  for (const auto& sk : me.skipped)
    std::cerr << "warning: skipped " << sk.file.string() << ": " << sk.reason << "\n";
  const sdd::Evaluation& ev = me.eval;
  const auto& used = me.samples;
  const auto& probs = me.probs;
  const auto& truth = me.truth;

  std::cout << "model " << modelPath.string() << " (" << meta.spec.describe() << ")\n"
            << "data  " << ds.root().string() << ", " << split << " split, " << used.size()
            << " images on " << predictor.deviceName() << " (" << predictor.engine() << ")\n"
            << "time  file read -> decision, batch 1: median " << std::fixed << std::setprecision(2)
            << me.medianMs << " ms, p95 " << me.p95Ms << " ms, mean " << me.meanMs << " ms/image\n"
            << (me.trainingOverlap.overlapping ? "WARNING: " + me.trainingOverlap.warning() + "\n"
                                               : std::string())
            << "\n"
            << sdd::formatTableIV(ev) << "\nconfusion matrix (rows = true class):\n"
            << sdd::formatConfusion(ev);

  // Calibration and the review rule: how far the confidence can be trusted.
  const double maxRisk = args.real("max-risk", 0.002, 0, 1);
  const sdd::CalibrationReport cal = sdd::calibrate(probs, truth);
  const sdd::RiskCoveragePoint raw = sdd::operatingPoint(sdd::riskCoverage(probs, truth), maxRisk);
  const sdd::RiskCoveragePoint scaled = sdd::operatingPoint(
      sdd::riskCoverage(sdd::withTemperature(probs, cal.temperature), truth), maxRisk);
  std::cout << "\ncalibration (" << split << " split, " << cal.images << " images): ECE "
            << std::setprecision(4) << cal.eceBefore << " -> " << cal.eceAfter << ", Brier "
            << cal.brierBefore << " -> " << cal.brierAfter << " at temperature "
            << std::setprecision(3) << cal.temperature
            << " (after: two-fold cross-fitted on this split)\n"
            << "review rule, at most " << std::setprecision(2) << 100 * maxRisk
            << " % errors among accepted: accept top probability >= " << std::setprecision(4)
            << raw.threshold << " -> " << std::setprecision(1) << 100 * raw.coverage
            << " % accepted, " << std::setprecision(2) << 100 * raw.risk
            << " % errors among them (calibrated: >= " << std::setprecision(4) << scaled.threshold
            << ", " << std::setprecision(1) << 100 * scaled.coverage
            << " %); chosen on this split\n";
  // The model's own rule (fitted at the end of training or by sdd calibrate) on this split.
  nlohmann::json decisions;
  if (meta.confidenceRule) {
    int counts[3] = {0, 0, 0}, acceptedWrong = 0;
    for (std::size_t k = 0; k < probs.size(); ++k) {
      const sdd::Sample& s = ds.samples()[me.samples[k]];
      const sdd::Decided d =
          sdd::decide(probs[k], *meta.confidenceRule, me.unknownScores[k], s.width, s.height);
      ++counts[int(d.decision)];
      if (d.decision == sdd::Decision::Accept && d.label != truth[k]) ++acceptedWrong;
    }
    std::cout << "the model's rule (" << meta.confidenceRule->fittedOn << "): " << counts[0]
              << " accepted (" << acceptedWrong << " of them wrong), " << counts[1]
              << " to review, " << counts[2] << " unknown of " << probs.size() << "\n";
    decisions = {{"accept", counts[0]},
                 {"accepted_wrong", acceptedWrong},
                 {"review", counts[1]},
                 {"unknown", counts[2]},
                 {"rule_fitted_on", meta.confidenceRule->fittedOn}};
  }
  auto point = [](const sdd::RiskCoveragePoint& p) {
    return nlohmann::json{{"threshold", p.threshold}, {"coverage", p.coverage}, {"risk", p.risk}};
  };
  const nlohmann::json calibration = {{"temperature", cal.temperature},
                                      {"ece_before", cal.eceBefore},
                                      {"ece_after", cal.eceAfter},
                                      {"brier_before", cal.brierBefore},
                                      {"brier_after", cal.brierAfter},
                                      {"images", cal.images},
                                      {"ece_bins", 15},
                                      {"after_is", "two-fold cross-fitted on the split"},
                                      {"max_risk", maxRisk},
                                      {"operating_point", point(raw)},
                                      {"operating_point_calibrated", point(scaled)}};

  nlohmann::json pointing, pointingMap;
  if (args.has("pointing-game")) {
    const auto cam =
        sdd::camMethodFromString(args.choice("cam", "gradcam", {"gradcam", "hirescam", "map"}));
    pointing = printPointingGame(sdd::pointingGame(predictor, ds, split, cam));
    // A model with a defect map: its figures too, beside the CAM's.
    if (predictor.metadata().spec.defectMap && cam != sdd::CamMethod::DefectMap)
      pointingMap =
          printPointingGame(sdd::pointingGame(predictor, ds, split, sdd::CamMethod::DefectMap));
  }

  nlohmann::json robustness;
  if (args.has("perturb")) {
    const auto rows = sdd::evaluateRobustness(predictor, ds, split, sdd::defaultPerturbations());
    std::cout << "\nrobustness: accuracy on perturbed copies of the " << split
              << " split (per-class accuracy = recall)\n"
              << std::left << std::setw(24) << "perturbation" << std::right << std::setw(9)
              << "accuracy" << std::setw(10) << "macro F1";
    for (const auto& c : ds.classes()) std::cout << "  " << sdd::padLeft(c, 6);
    std::cout << "\n";
    for (const auto& r : rows) {
      std::cout << std::left << std::setw(24) << r.perturbation.name() << std::right
                << std::setprecision(4) << std::setw(9) << r.accuracy << std::setw(10) << r.macroF1;
      for (std::size_t c = 0; c < r.classAccuracy.size(); ++c)
        std::cout << "  "
                  << std::setw(int(std::max<std::size_t>(6, sdd::displayWidth(ds.classes()[c]))))
                  << r.classAccuracy[c];
      std::cout << "\n";
      robustness.push_back({{"perturbation", r.perturbation.name()},
                            {"kind", r.perturbation.kind},
                            {"level", r.perturbation.level},
                            {"accuracy", r.accuracy},
                            {"macro_f1", r.macroF1},
                            {"class_accuracy", r.classAccuracy}});
    }
  }

  if (args.has("json")) {
    nlohmann::json j = sdd::evaluationJson(me, ds);
    if (!pointing.is_null()) j["pointing_game"] = pointing;
    if (!pointingMap.is_null()) j["pointing_game_map"] = pointingMap;
    if (!robustness.is_null()) j["robustness"] = robustness;
    j["calibration"] = calibration;
    if (!decisions.is_null()) j["decisions"] = decisions;
    sdd::writeFileAtomically(args.str("json", ""), sdd::dumpJson(j, 2) + "\n");
  }
  if (args.has("csv")) {
    std::vector<std::string> header = {"file", "true_class", "predicted_class", "correct"};
    for (const auto& c : ds.classes()) header.push_back("p_" + c);
    sdd::CsvWriter csv(header);
    for (std::size_t k = 0; k < used.size(); ++k) {
      const int pred =
          static_cast<int>(std::max_element(probs[k].begin(), probs[k].end()) - probs[k].begin());
      csv.text(ds.samples()[used[k]].path.string())
          .text(ds.classes()[truth[k]])
          .text(ds.classes()[pred]);
      csv.integer(pred == truth[k] ? 1 : 0);
      for (float p : probs[k]) csv.number(p);
      csv.endRow();
    }
    sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  }
  return 0;
}

}  // namespace sdd::cli
