// sdd simulate-labeling
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.h"
#include "common.h"
#include "qt_outputs.h"
#include "sdd/metrics/metrics.h"
#include "sdd/training/labeling_simulation.h"
#include "sdd/util/atomic_file.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kSimulateHelp =
    R"(usage: sdd simulate-labeling [DATASET] [options]
How many labels labeling with the model's help needs: the training labels of DATASET are
hidden, K per class given at random, then each round trains a model on the labels given so far
(the default recipe; epochs: enough for 1,800 batches of 32, between 20 and 80:
the recipe's 80 up to 720 labels, 40 with all of NEU's 1,440), measures its
validation macro F1 and asks for Q more labels, chosen by the strategy. Also trains once on
every training label (the same way) for the reference F1.
  --strategies LIST    uncertainty,random (default both): the smallest margin between the two
                       most probable classes first, or at random
  --seeds LIST         default 1,2,3
  --start K            labels per class to begin with (default 5)
  --query Q            labels asked for per round (default 60)
  --max-labels N       stop after the round that reaches N labels (default 630)
  --max-epochs N       at most N epochs a round (default 80, the recipe's; fewer: faster, and
                       below the recipe)
  --csv FILE           one row per round: strategy,seed,labels,macro_f1,epochs,seconds
                       (strategy "all labels": the reference)
  --plot FILE.png      the curves: macro F1 against labels, per strategy
  --replot CSV         no training: the summary (and --plot, --csv) from a CSV written before
  --threads N          default: all cores
Ctrl-C stops after the current round.
)";

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

namespace {

// Labels to reach 0.95 / 0.98 and to come within 0.01 of all labels, per strategy and seed.
void printSummary(const std::vector<sdd::SimulationRow>& rows, int pool) {
  std::map<std::uint64_t, double> fullF1;
  std::map<std::string, std::map<std::uint64_t, std::vector<sdd::SimulationPoint>>> curves;
  for (const auto& r : rows) {
    if (r.strategy == sdd::kAllLabels)
      fullF1[r.seed] = r.point.macroF1;
    else
      curves[r.strategy][r.seed].push_back(r.point);
  }
  std::vector<double> full;
  for (const auto& [seed, f1] : fullF1) full.push_back(f1);
  if (!full.empty())
    std::cout << "\nall training labels (" << pool << "): macro F1 median " << std::fixed
              << std::setprecision(4) << sdd::percentile(full, 0.5) << " over " << full.size()
              << " seed(s)\n";
  auto reached = [](int n) { return n ? std::to_string(n) : std::string("not reached"); };
  for (const auto& [strategy, runs] : curves) {
    std::cout << strategy << ":\n";
    for (const auto& [seed, curve] : runs) {
      std::cout << "  seed " << seed
                << ": labels to macro F1 0.95: " << reached(sdd::labelsToReach(curve, 0.95))
                << ", 0.98: " << reached(sdd::labelsToReach(curve, 0.98));
      if (fullF1.count(seed)) {
        const double within = fullF1[seed] - 0.01;
        std::cout << ", within 0.01 of all labels (" << std::setprecision(4) << within
                  << "): " << reached(sdd::labelsToReach(curve, within));
      }
      std::cout << "\n";
    }
  }
}

}  // namespace

int cmdSimulateLabeling(const std::vector<std::string>& argv) {
  Args args(argv,
            {"strategies", "seeds", "start", "query", "max-labels", "max-epochs", "csv", "plot",
             "replot", "threads", "val-fraction", "seed"},
            {"help"});
  if (args.has("help")) {
    std::cout << kSimulateHelp;
    return 0;
  }
  std::vector<sdd::SimulationRow> rows;
  if (args.has("replot")) {
    const std::string from = args.str("replot", "");
    try {
      rows = sdd::parseSimulationCsv(readInputFile(from, "--replot"));
    } catch (const std::runtime_error& e) {
      throw CliError("--replot " + from + ": " + e.what());
    }
    int pool = 0;
    for (const auto& r : rows)
      if (r.strategy == sdd::kAllLabels) pool = r.point.labels;
    printSummary(rows, pool);
    if (args.has("plot")) writeSimulationPlot(rows, args.str("plot", ""));
    if (args.has("csv")) sdd::writeFileAtomically(args.str("csv", ""), sdd::simulationCsv(rows));
    return 0;
  }
  const sdd::Dataset ds = scanDataset(args, 42, true);
  sdd::SimulationOptions base;
  base.startPerClass = args.integer("start", 5, 1, 100000);
  base.query = args.integer("query", 60, 1, 1000000);
  base.maxLabels = args.integer("max-labels", 630, 1, 10000000);
  base.threads = args.integer("threads", 0, 0, 1024);
  base.maxEpochs = args.integer("max-epochs", base.maxEpochs, 1, 100000);
  base.minEpochs = std::min(base.minEpochs, base.maxEpochs);
  base.workDir = fs::temp_directory_path() / ("sdd-simulate-" + std::to_string(::getpid()));
  base.cancel = &gCancel;
  const auto strategies = splitList(args.str("strategies", "uncertainty,random"));
  std::vector<std::uint64_t> seeds;
  for (const std::string& s : splitList(args.str("seeds", "1,2,3"))) {
    try {
      seeds.push_back(std::stoull(s));
    } catch (const std::exception&) {
      throw CliError("--seeds: '" + s + "' is not a number");
    }
  }
  for (const auto& s : strategies)
    if (s != "uncertainty" && s != "random")
      throw CliError("--strategies: unknown strategy '" + s + "'");
  const int pool = int(ds.indices(sdd::Split::Train).size());

  installCtrlC();
  for (std::uint64_t seed : seeds) {
    sdd::SimulationOptions o = base;
    o.seed = seed;
    const sdd::SimulationPoint full = sdd::fullLabelPoint(ds, o);
    rows.push_back({sdd::kAllLabels, seed, full});
    std::cout << "seed " << seed << ": all " << full.labels << " training labels: macro F1 "
              << std::fixed << std::setprecision(4) << full.macroF1 << " (" << full.epochs
              << " epochs)\n";
    for (const std::string& strategy : strategies) {
      if (gCancel) break;
      o.strategy = strategy;
      sdd::simulateLabeling(ds, o, [&](const sdd::SimulationPoint& p) {
        rows.push_back({strategy, seed, p});
        std::cout << "  " << strategy << " seed " << seed << ": " << std::setw(5) << p.labels
                  << " labels (" << std::setprecision(1) << 100.0 * p.labels / pool
                  << " %): macro F1 " << std::setprecision(4) << p.macroF1 << "  [" << p.epochs
                  << " epochs, " << std::setprecision(0) << p.seconds << " s]\n"
                  << std::flush;
      });
    }
    if (gCancel) break;
  }
  restoreCtrlC();
  std::error_code ec;
  fs::remove_all(base.workDir, ec);
  printSummary(rows, pool);
  // What was measured is kept even after Ctrl-C.
  if (args.has("csv")) sdd::writeFileAtomically(args.str("csv", ""), sdd::simulationCsv(rows));
  if (args.has("plot")) writeSimulationPlot(rows, args.str("plot", ""));
  if (gCancel) {
    std::cerr << "stopped by Ctrl-C\n";
    return 130;
  }
  return 0;
}

}  // namespace sdd::cli
