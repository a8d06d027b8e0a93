// sdd info
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
#include "sdd/model/model_spec.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd::cli {

int cmdInfo(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"help"});
  if (args.has("help")) {
    std::cout << "usage: sdd info [MODEL]\n";
    return 0;
  }
  const fs::path path =
      args.positionals().empty() ? defaultModel() : fs::path(args.positionals()[0]);
  const sdd::ModelMetadata m = sdd::readModelMetadata(path);
  std::cout << "model        " << path.string() << "\n"
            << "architecture " << m.spec.describe() << "\n"
            << "parameters   " << m.spec.parameterCount() << "\n"
            << "MACs/image   " << m.spec.macs() << "\n"
            << "classes      ";
  for (std::size_t i = 0; i < m.classes.size(); ++i) std::cout << (i ? ", " : "") << m.classes[i];
  std::cout << "\nnormalization mean";
  for (float v : m.normalization.mean) std::cout << " " << v;
  std::cout << ", std";
  for (float v : m.normalization.std) std::cout << " " << v;
  std::cout << "\ncreated      " << m.createdAt << "\n"
            << "metrics      " << sdd::dumpJson(m.metrics) << "\n"
            << "train config " << sdd::dumpJson(m.trainConfig) << "\n"
            << "trained on   "
            << (m.trainingImages.empty()
                    ? std::string("not recorded (a model file from before 2026-12-03)")
                    : std::to_string(m.trainingImages.size()) +
                          " distinct image files, by content hash (sdd eval warns when it "
                          "evaluates any of them)")
            << "\n";
  if (m.confidenceRule)
    std::cout << "confidence   temperature " << m.confidenceRule->temperature << ", review below "
              << m.confidenceRule->reviewBelow << " (for at most "
              << 100 * m.confidenceRule->maxRisk << " % errors among accepted; fitted on "
              << m.confidenceRule->fittedOn << ")\n";
  const std::string byClass =
      m.confidenceRule ? sdd::classReviewThresholds(*m.confidenceRule, m.classes) : "";
  if (!byClass.empty()) std::cout << "             per class, review below: " << byClass << "\n";
  if (m.confidenceRule && !m.confidenceRule->unknown.empty()) {
    const sdd::UnknownDetector& u = m.confidenceRule->unknown;
    std::cout << "unknown      above a score of " << u.threshold << " (for at most "
              << 100 * u.maxKnownUnknown << " % of known images; fitted on " << u.fittedOn << ")\n";
  } else if (m.confidenceRule) {
    std::cout << "unknown      no detector (nothing is called unknown)\n";
  } else
    std::cout << "confidence   no rule (every decision accepted; sdd calibrate makes one)\n";
  if (m.confidenceRule && !m.confidenceRule->shapes.empty()) {
    const sdd::TrainedShapes& t = m.confidenceRule->shapes;
    std::cout << "sizes        trained on images with a shorter side of " << t.minShortSide
              << " px or more, width / height " << t.minAspect << " to " << t.maxAspect
              << "; unknown below a quarter of that side or beyond half / twice that shape\n";
  } else if (m.confidenceRule) {
    std::cout << "sizes        not recorded (any image size is judged; sdd calibrate --only-sizes "
                 "adds them)\n";
  }
  return 0;
}

}  // namespace sdd::cli
