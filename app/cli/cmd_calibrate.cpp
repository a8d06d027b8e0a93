// sdd calibrate
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
Fits a confidence rule on a split of DATASET and writes a copy of the model that carries it:
the temperature that makes its probabilities honest (likelihood fit), and the review
threshold: the calibrated top probability below which an image goes to a person, the lowest
that keeps the error rate among accepted images at most R on that split. `sdd predict` then
says accept or review for every image. The model file given is not changed.
  --model FILE         default: the shipped model
  --out FILE           the calibrated copy (required; not the model itself)
  --max-risk R         error rate allowed among accepted images (default 0.002: 0.2 %)
  --split NAME         validation (default) | train | all; the figures printed are on it
                       (the ECE after scaling two-fold cross-fitted, the threshold not)
  --threads N, --device D, --workspace DIR, --classes A,B,...
)";

}  // namespace

int cmdCalibrate(const std::vector<std::string>& argv) {
  Args args(argv,
            {"model", "out", "max-risk", "split", "threads", "device", "workspace", "classes",
             "val-fraction", "split-seed", "seed"},
            {"help"});
  if (args.has("help")) {
    std::cout << kCalibrateHelp;
    return 0;
  }
  if (!args.has("out")) throw CliError("--out FILE: where to write the calibrated model");
  const fs::path modelPath = args.str("model", defaultModel().string());
  const fs::path out = args.str("out", "");
  const double maxRisk = args.real("max-risk", 0.002, 0, 1);
  const std::string split = args.choice("split", "validation", {"validation", "train", "all"});
  sdd::Predictor predictor(modelPath, args.str("device", "auto"),
                           args.integer("threads", 0, 0, 1024));
  const sdd::Dataset ds =
      scanDataset(args, args.integer("seed", 42, 0, 2147483647), false, args.str("workspace", ""));
  sdd::requireSameClasses(predictor.metadata().classes, ds.classes(), modelPath);
  const sdd::ModelEvaluation me = sdd::evaluateModel(predictor, modelPath, ds, split);
  if (me.samples.empty()) throw CliError("the " + split + " split has no images to fit on");

  const sdd::CalibrationReport cal = sdd::calibrate(me.probs, me.truth);
  const sdd::RiskCoveragePoint point = sdd::operatingPoint(
      sdd::riskCoverage(sdd::withTemperature(me.probs, cal.temperature), me.truth), maxRisk);
  sdd::ConfidenceRule rule;
  rule.temperature = cal.temperature;
  rule.reviewBelow = point.threshold;
  rule.maxRisk = maxRisk;
  rule.fittedOn = ds.root().filename().string() + ", " + split + " split, " +
                  std::to_string(me.samples.size()) + " images";
  sdd::upgradeModelFile(modelPath, out, rule);
  std::cout << "calibrated on " << rule.fittedOn << ": temperature " << std::fixed
            << std::setprecision(3) << cal.temperature << ", ECE " << std::setprecision(4)
            << cal.eceBefore << " -> " << cal.eceAfter << " (two-fold cross-fitted)\n"
            << "review below a calibrated top probability of " << rule.reviewBelow << ": "
            << std::setprecision(1) << 100 * point.coverage << " % of the split accepted with "
            << std::setprecision(2) << 100 * point.risk << " % errors among them (target "
            << 100 * maxRisk << " %; chosen on this split)\n"
            << "wrote " << out.string() << "\n";
  return 0;
}

}  // namespace sdd::cli
