// sdd calibrate
#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <iostream>

#include "commands.h"
#include "common.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/model/model_spec.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kCalibrateHelp = R"(usage: sdd calibrate [DATASET] --model FILE --out FILE [options]
Fits a confidence rule on DATASET and writes a copy of the model that carries it: the
temperature that makes its probabilities honest (likelihood fit), the review threshold (the
calibrated top probability below which an image goes to a person: the lowest that keeps the
error rate among accepted images at most R on the held-out split), and the unknown detector
(Gaussians on the training split's descriptors; above its threshold an image is "unknown",
whatever the SoftMax says). `sdd predict` then says accept, review or unknown for every image.
Training does this itself at its end; this command refits a model, e.g. for another target.
The model file given is not changed.
  --model FILE         default: the shipped model
  --out FILE           the calibrated copy (required; not the model itself)
  --max-risk R         error rate allowed among accepted images (default 0.002: 0.2 %)
  --max-unknown F      share of held-out known images allowed to be called unknown (0.01)
  --split NAME         the held-out split: validation (default) | train | all; the figures
                       printed are on it (ECE after scaling and the unknown share two-fold
                       cross-fitted, the review threshold's not)
  --per-class          also fit a review threshold per class: the lowest that keeps the error
                       rate among accepted held-out images predicted as that class at most R
                       (fewer images each than the overall one: a noisier choice)
  --review-class C=T,... review images whose most probable class is C below a calibrated T
                       (e.g. crazing=0.99 for a class that must rarely pass unseen); set after
                       any fit, they override it for those classes
  --only-sizes         keep the model's rule as it is and add only the sizes of the
                       training split's images (an image far smaller, or of a far other shape,
                       is then unknown: model files made before 2026-12-06 lack them)
  --threads N, --device D, --workspace DIR, --classes A,B,...
)";

// "crazing=0.99,scratches=0.95" as (class index, threshold) pairs.
std::vector<std::pair<int, double>> reviewThresholdsByName(
    const std::string& text, const std::vector<std::string>& classes) {
  std::vector<std::pair<int, double>> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(',', at);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(at, end - at);
    at = end + 1;
    const std::size_t eq = item.rfind('=');
    const auto it = std::find(classes.begin(), classes.end(), item.substr(0, eq));
    if (eq == std::string::npos || it == classes.end())
      throw CliError("--review-class: '" + item + "' is not CLASS=THRESHOLD with one of the " +
                     "model's classes");
    char* stop = nullptr;
    const std::string number = item.substr(eq + 1);
    const double t = std::strtod(number.c_str(), &stop);
    if (number.empty() || *stop != '\0' || !(t >= 0 && t <= 1))
      throw CliError("--review-class: the threshold in '" + item + "' is not a number in [0, 1]");
    out.emplace_back(static_cast<int>(it - classes.begin()), t);
  }
  return out;
}

}  // namespace

int cmdCalibrate(const std::vector<std::string>& argv) {
  Args args(argv,
            {"model", "out", "max-risk", "max-unknown", "split", "threads", "device", "workspace",
             "classes", "val-fraction", "split-seed", "seed", "review-class"},
            {"help", "only-sizes", "per-class"});
  if (args.has("help")) {
    std::cout << kCalibrateHelp;
    return 0;
  }
  if (!args.has("out")) throw CliError("--out FILE: where to write the calibrated model");
  const fs::path modelPath = args.str("model", defaultModel().string());
  const fs::path out = args.str("out", "");
  const double maxRisk = args.real("max-risk", 0.002, 0, 1);
  const double maxUnknown = args.real("max-unknown", 0.01, 0, 1);
  const std::string split = args.choice("split", "validation", {"validation", "train", "all"});
  sdd::Predictor predictor(modelPath, args.str("device", "auto"),
                           args.integer("threads", 0, 0, 1024));
  const sdd::Dataset ds =
      scanDataset(args, args.integer("seed", 42, 0, 2147483647), false, args.str("workspace", ""),
                  predictor.metadata().classes, true);
  sdd::requireSameClasses(predictor.metadata().classes, ds.classes(), modelPath);
  const std::vector<std::pair<int, double>> set =
      reviewThresholdsByName(args.str("review-class", ""), predictor.metadata().classes);
  const auto applySet = [&](sdd::ConfidenceRule& rule) {
    if (set.empty()) return;
    rule.reviewBelowByClass.resize(predictor.metadata().classes.size(), -1);
    for (const auto& [k, t] : set) {
      rule.reviewBelowByClass[std::size_t(k)] = t;
      std::cout << "  " << predictor.metadata().classes[std::size_t(k)] << ": review below " << t
                << " (set by --review-class)\n";
    }
  };
  if (args.has("only-sizes")) {
    sdd::ConfidenceRule rule = predictor.metadata().confidenceRule.value_or(sdd::ConfidenceRule{});
    applySet(rule);
    const std::vector<std::pair<int, int>> sizes = ds.imageSizes(sdd::Split::Train);
    rule.shapes = sdd::trainedShapes(sizes);
    if (rule.shapes.empty()) throw CliError("the training split has no images to take sizes from");
    sdd::upgradeModelFile(modelPath, out, rule);
    std::cout << "kept the model's rule; the training split's " << sizes.size()
              << " images: shorter side " << rule.shapes.minShortSide
              << " px or more, width / height " << rule.shapes.minAspect << " to "
              << rule.shapes.maxAspect << "\n"
              << "wrote " << out.string() << "\n";
    return 0;
  }
  sdd::RuleFit fit = sdd::fitConfidenceRule(predictor, modelPath, ds, split, maxRisk, maxUnknown,
                                            args.has("per-class"));
  std::cout << sdd::describe(fit, predictor.metadata().classes);
  applySet(fit.rule);
  sdd::upgradeModelFile(modelPath, out, fit.rule);
  std::cout << "wrote " << out.string() << "\n";
  return 0;
}

}  // namespace sdd::cli
