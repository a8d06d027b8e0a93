// sdd suspects
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
#include "sdd/training/cross_validation.h"
#include "sdd/training/run_folder.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/runtime.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kSuspectsHelp = R"(usage: sdd suspects [DATASET] [options]
Finds suspected label errors: every image (both splits) is scored by a model trained, by
k-fold cross-validation, on the other folds only; images whose label gets a low
out-of-fold probability are listed, lowest first.
  --folds K            default 5
  --epochs N           per fold, default 15
  --threshold P        list labels with out-of-fold probability below P (default 0.5)
                       when another class is more probable
  --out DIR            where the fold models go (default runs/crossval-<time>)
  --csv FILE           every image's out-of-fold probability of its label, and the verdict
  --workspace DIR      use the labels of a workbench workspace
  --quiet              no progress line (it is shown only on a terminal anyway)
  and the model/training options of `sdd train` (--conv, --fc, --lr, --seed, ...)
)";

}  // namespace

int cmdSuspects(const std::vector<std::string>& argv) {
  std::set<std::string> values = kTrainValueFlags, switches = kTrainSwitches;
  values.insert({"folds", "csv", "out", "threshold"});
  switches.insert({"help", "quiet"});
  Args args(argv, values, switches);
  if (args.has("help")) {
    std::cout << kSuspectsHelp;
    return 0;
  }
  sdd::TrainConfig cfg;
  sdd::ModelSpec spec;
  parseTrainOptions(args, cfg, spec);
  cfg.fixEpochs(args.integer("epochs", 15, 1, 100000));
  const int folds = args.integer("folds", 5, 2, 100);
  const double threshold = args.real("threshold", 0.5, 0.0, 1.0);
  sdd::resolveDevice(cfg.device);
  const sdd::Dataset ds = scanDataset(args, cfg.seed, false, args.str("workspace", ""));
  spec.numClasses = static_cast<int>(ds.classes().size());
  const std::string stamp = sdd::RunFolder::newName();
  const fs::path out = args.str("out", (fs::path("runs") / ("crossval-" + stamp)).string());
  std::cout << folds << "-fold cross-validation over " << ds.samples().size() << " images, "
            << cfg.epochs << " epochs per fold, " << spec.describe() << "; models in "
            << out.string() << "\n";
  const auto t0 = std::chrono::steady_clock::now();
  const sdd::OutOfFold oof = sdd::outOfFoldProbabilities(
      ds, spec, cfg, folds, out,
      [bar = isTty() && !args.has("quiet")](const sdd::CrossValidationProgress& p) {
        if (bar) std::fprintf(stderr, "\r%s   ", p.message.c_str());
      },
      &gCancel);
  if (isTty() && !args.has("quiet")) std::fprintf(stderr, "\n");
  if (oof.cancelled) throw std::runtime_error("stopped before all folds were trained");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto list = sdd::suspectedLabels(ds, oof, threshold);
  int scored = 0;
  long correct = 0;
  for (std::size_t i = 0; i < oof.probs.size(); ++i) {
    if (oof.probs[i].empty()) continue;
    ++scored;
    const auto& p = oof.probs[i];
    correct += std::max_element(p.begin(), p.end()) - p.begin() == ds.samples()[i].label;
  }
  std::cout << std::fixed << std::setprecision(4) << scored << " images scored out of fold in "
            << std::setprecision(0) << secs << " s; out-of-fold accuracy " << std::setprecision(4)
            << double(correct) / std::max(1, scored) << "\n"
            << list.size() << " suspected label error(s) (P(label) < " << threshold
            << " and another class more probable):\n";
  for (const auto& sl : list)
    std::cout << "  " << std::setprecision(4) << sl.labelProbability << "  "
              << ds.samples()[sl.sample].path.string() << "  labelled "
              << ds.classes()[std::size_t(sl.label)] << ", looks like "
              << ds.classes()[std::size_t(sl.suggested)] << " (" << sl.suggestedProbability
              << ")\n";
  if (args.has("csv")) {
    sdd::CsvWriter csv(
        {"file", "label", "fold", "p_label", "most_probable", "p_most_probable", "suspected"});
    for (std::size_t i = 0; i < oof.probs.size(); ++i) {
      if (oof.probs[i].empty()) continue;
      const auto& p = oof.probs[i];
      const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
      const int label = ds.samples()[i].label;
      const bool suspected =
          std::any_of(list.begin(), list.end(), [i](const auto& x) { return x.sample == i; });
      csv.text(ds.samples()[i].path.string())
          .text(ds.classes()[std::size_t(label)])
          .integer(oof.fold[i] + 1);
      csv.number(p[std::size_t(label)])
          .text(ds.classes()[std::size_t(best)])
          .number(p[std::size_t(best)]);
      csv.integer(suspected ? 1 : 0).endRow();
    }
    sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  }
  return 0;
}

}  // namespace sdd::cli
