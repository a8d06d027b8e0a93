// sdd predict
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
#include "sdd/dataset/file_walk.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/metrics/metrics.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kPredictHelp = R"(usage: sdd predict FILE|FOLDER... [options]
  --model FILE         default: the shipped model
  --fov M              field of view along the strip in metres: prints the line speed the
                       measured time allows (paper: 0.5 m)
  --csv FILE           write one row per image with all probabilities and timings
  --json FILE          the same as JSON, with a summary (machine-readable)
A model with a confidence rule (made by training, or sdd calibrate) decides "accept",
"review" or "unknown" for every image (column decision, and calibrated_probability: the top
probability at the rule's temperature; unknown_score; unknown_reason when the image is far
outside the sizes of the model's training images); without one every decision is "accept".
  --defects            where the defects are, for a model with a defect map: the boxes its map
                       finds (scored >= 0.5) in image pixels, printed and in --csv (column
                       defects: "x y width height score;...") and --json ("defects"); computed
                       after the decision, not in its timings
  --threads N          default 1 (one image at a time, as on a line)
  --device D
  --engine NAME        auto (default: native on the CPU, torch on CUDA) | native (the
                       classifier in plain C++, CPU) | torch (LibTorch) | opencv (the ONNX
                       export on OpenCV DNN, CPU)
)";

}  // namespace

int cmdPredict(const std::vector<std::string>& argv) {
  Args args(argv, {"model", "fov", "csv", "json", "threads", "device", "engine"},
            {"help", "defects"});
  if (args.has("help") || args.positionals().empty()) {
    std::cout << kPredictHelp;
    return args.has("help") ? 0 : 2;
  }
  const fs::path modelPath = args.str("model", defaultModel().string());
  const double fov = args.real("fov", 0, 0, 1000);
  sdd::Predictor predictor(modelPath, args.str("device", "auto"),
                           args.integer("threads", 1, 0, 1024),
                           args.choice("engine", "auto", {"auto", "native", "torch", "opencv"}));
  const auto& classes = predictor.metadata().classes;
  const bool defects = args.has("defects");
  if (defects && !predictor.metadata().spec.defectMap)
    throw std::invalid_argument("--defects: the model " + modelPath.string() +
                                " has no defect map (train it on images with masks or boxes)");

  std::vector<fs::path> given(args.positionals().begin(), args.positionals().end());
  const sdd::ImageList list = sdd::listImages(given);
  for (const auto& issue : list.issues)
    std::cerr << "warning: " << issue.file.string() << ": " << issue.reason << "\n";
  for (const auto& folder : list.emptyFolders)
    std::cerr << "warning: no images in folder " << folder.string() << "\n";
  const std::vector<fs::path>& files = list.files;
  // The first forward pass allocates oneDNN primitives; time the steady state, as on a line.
  if (!files.empty())
    predictor.predictImages(
        {cv::Mat(predictor.metadata().spec.inputSize, predictor.metadata().spec.inputSize, CV_8UC3,
                 cv::Scalar(128, 128, 128))});
  // Accept, review or unknown: the model's confidence rule (fitted at the end of training, or
  // by sdd calibrate); without one, every decision is accepted, the calibrated probability is
  // the raw one and the unknown score 0.
  const sdd::ConfidenceRule rule =
      predictor.metadata().confidenceRule.value_or(sdd::ConfidenceRule{});
  int reviews = 0, unknowns = 0;
  std::vector<std::string> header = {"file", "predicted_class", "decision",
                                     "calibrated_probability", "unknown_score"};
  for (const auto& c : classes) header.push_back("p_" + c);
  for (const char* h : {"read_ms", "decode_ms", "preprocess_ms", "inference_ms", "total_ms"})
    header.push_back(h);
  if (defects) header.push_back("defects");
  header.push_back("unknown_reason");  // an image outside the trained shapes (too small ...)
  header.push_back("error");
  sdd::CsvWriter csv(header);
  std::vector<double> totals;
  int failed = 0;
  nlohmann::json jsonImages = nlohmann::json::array();
  for (const auto& f : files) {
    const sdd::Prediction p = predictor.predictFile(f);
    // Where the defects are: the map's boxes, on the image decoded again (outside the timing).
    std::vector<std::pair<cv::Rect, float>> found;
    if (defects && p.ok())
      if (const sdd::DecodedImage image = sdd::loadImage(f); image.ok()) {
        const sdd::Explanation e = predictor.explain(image.image, -1, sdd::CamMethod::DefectMap);
        for (std::size_t k = 0; k < e.regions.size(); ++k)
          if (e.regionScores[k] >= sdd::Explanation::kRegionThreshold)
            found.emplace_back(e.regions[k], e.regionScores[k]);
      }
    if (args.has("json")) {
      nlohmann::json item = {{"file", f.string()}};
      if (p.ok()) {
        const sdd::Decided d =
            sdd::decide(p.probabilities, rule, p.unknownScore, p.width, p.height);
        item["class"] = classes[std::size_t(p.classIndex)];
        item["decision"] = sdd::toString(d.decision);
        if (!d.outside.empty()) item["unknown_reason"] = d.outside;
        item["calibrated_probability"] = d.calibrated;
        item["unknown_score"] = p.unknownScore;
        for (std::size_t c = 0; c < classes.size(); ++c)
          item["probabilities"][classes[c]] = p.probabilities[c];
        item["ms"] = {{"read", p.readMs},
                      {"decode", p.decodeMs},
                      {"preprocess", p.preprocessMs},
                      {"inference", p.inferenceMs},
                      {"total", p.totalMs}};
        if (defects) {
          item["defects"] = nlohmann::json::array();
          for (const auto& [r, score] : found)
            item["defects"].push_back({{"x", r.x},
                                       {"y", r.y},
                                       {"width", r.width},
                                       {"height", r.height},
                                       {"score", score}});
        }
      } else {
        item["error"] = p.error;
      }
      jsonImages.push_back(item);
    }
    if (!p.ok()) {
      ++failed;
      std::cerr << "warning: " << f.string() << ": " << p.error << "\n";
      csv.text(f.string());
      for (std::size_t k = 1; k + 1 < header.size(); ++k) csv.empty();
      csv.text(p.error).endRow();
      continue;
    }
    totals.push_back(p.totalMs);
    const sdd::Decided d = sdd::decide(p.probabilities, rule, p.unknownScore, p.width, p.height);
    if (d.decision == sdd::Decision::Review) ++reviews;
    if (d.decision == sdd::Decision::Unknown) ++unknowns;
    std::cout << f.string() << ": " << classes[p.classIndex] << " (" << std::fixed
              << std::setprecision(3) << p.probabilities[p.classIndex] << ")"
              << (d.decision == sdd::Decision::Review    ? " REVIEW"
                  : d.decision == sdd::Decision::Unknown ? " UNKNOWN"
                                                         : "")
              << (d.outside.empty() ? "" : " (" + d.outside + ")");
    for (std::size_t c = 0; c < classes.size(); ++c)
      std::cout << (c ? " " : "  [") << classes[c] << "=" << std::setprecision(3)
                << p.probabilities[c];
    std::cout << "]  " << std::setprecision(2) << p.totalMs << " ms\n";
    std::ostringstream where;
    for (const auto& [r, score] : found)
      where << (where.tellp() > 0 ? ";" : "") << r.x << " " << r.y << " " << r.width << " "
            << r.height << " " << std::setprecision(3) << score;
    if (defects)
      std::cout << "  defects: " << (found.empty() ? std::string("none found") : where.str())
                << "\n";
    csv.text(f.string()).text(classes[p.classIndex]).text(sdd::toString(d.decision));
    csv.number(d.calibrated).number(p.unknownScore, 4);
    for (float v : p.probabilities) csv.number(v);
    for (double ms : {p.readMs, p.decodeMs, p.preprocessMs, p.inferenceMs, p.totalMs})
      csv.number(ms, 4);
    if (defects) csv.text(where.str());
    csv.text(d.outside).empty().endRow();
  }
  if (!totals.empty()) {
    double sum = 0;
    for (double t : totals) sum += t;
    const double mean = sum / totals.size();
    std::cout << "\n"
              << totals.size() << " image(s) on " << predictor.deviceName() << ": mean "
              << std::setprecision(3) << mean << " ms, median " << sdd::percentile(totals, 0.5)
              << " ms, max " << *std::max_element(totals.begin(), totals.end())
              << " ms per image (file read -> decision)\n";
    if (fov > 0)
      std::cout << "line speed at a " << fov << " m field of view: " << std::setprecision(1)
                << fov / (mean / 1000.0) << " m/s (from the mean time)\n";
  }
  if (predictor.metadata().confidenceRule) {
    const std::string byClass = sdd::classReviewThresholds(rule, predictor.metadata().classes);
    std::cout << reviews << " of " << totals.size()
              << " image(s) for review (calibrated top probability below " << std::setprecision(4)
              << rule.reviewBelow << (byClass.empty() ? "" : "; per class: " + byClass) << ")\n";
  }
  if (!rule.unknown.empty() || !rule.shapes.empty()) {
    std::cout << unknowns << " of " << totals.size()
              << " image(s) unknown: unlike every trained class (";
    if (!rule.unknown.empty())
      std::cout << "unknown score above " << std::setprecision(2) << rule.unknown.threshold
                << (rule.shapes.empty() ? "" : ", or ");
    std::cout << (rule.shapes.empty() ? "" : "far outside the training images' sizes") << ")\n";
  }
  if (failed) std::cerr << failed << " file(s) could not be classified\n";
  if (args.has("json")) {
    nlohmann::json j = {{"model", modelPath.string()},
                        {"device", predictor.deviceName()},
                        {"engine", predictor.engine()},
                        {"classified", totals.size()},
                        {"failed", failed},
                        {"images", jsonImages}};
    if (!totals.empty()) j["median_ms"] = sdd::percentile(totals, 0.5);
    sdd::writeFileAtomically(args.str("json", ""), sdd::dumpJson(j, 2) + "\n");
  }
  if (args.has("csv")) sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  return failed && totals.empty() ? 1 : 0;
}

}  // namespace sdd::cli
