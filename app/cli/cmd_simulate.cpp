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
#include "sdd/metrics/metrics.h"
#include "sdd/training/labeling_simulation.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"

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
  --csv FILE           one row per round: strategy,seed,labels,macro_f1,epochs,seconds
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

int cmdSimulateLabeling(const std::vector<std::string>& argv) {
  Args args(argv,
            {"strategies", "seeds", "start", "query", "max-labels", "csv", "threads",
             "val-fraction", "seed"},
            {"help"});
  if (args.has("help")) {
    std::cout << kSimulateHelp;
    return 0;
  }
  const sdd::Dataset ds = scanDataset(args, 42, true);
  sdd::SimulationOptions base;
  base.startPerClass = args.integer("start", 5, 1, 100000);
  base.query = args.integer("query", 60, 1, 1000000);
  base.maxLabels = args.integer("max-labels", 630, 1, 10000000);
  base.threads = args.integer("threads", 0, 0, 1024);
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

  sdd::CsvWriter csv({"strategy", "seed", "labels", "macro_f1", "epochs", "seconds"});
  std::map<std::string, std::vector<std::vector<sdd::SimulationPoint>>> curves;
  std::vector<double> fullF1;
  installCtrlC();
  for (std::uint64_t seed : seeds) {
    sdd::SimulationOptions o = base;
    o.seed = seed;
    const sdd::SimulationPoint full = sdd::fullLabelPoint(ds, o);
    fullF1.push_back(full.macroF1);
    csv.text("all labels")
        .integer(seed)
        .integer(full.labels)
        .number(full.macroF1, 5)
        .integer(full.epochs);
    csv.number(full.seconds, 4).endRow();
    std::cout << "seed " << seed << ": all " << full.labels << " training labels: macro F1 "
              << std::fixed << std::setprecision(4) << full.macroF1 << " (" << full.epochs
              << " epochs)\n";
    for (const std::string& strategy : strategies) {
      if (gCancel) break;
      o.strategy = strategy;
      curves[strategy].push_back(sdd::simulateLabeling(ds, o, [&](const sdd::SimulationPoint& p) {
        std::cout << "  " << strategy << " seed " << seed << ": " << std::setw(5) << p.labels
                  << " labels (" << std::setprecision(1) << 100.0 * p.labels / pool
                  << " %): macro F1 " << std::setprecision(4) << p.macroF1 << "  [" << p.epochs
                  << " epochs, " << std::setprecision(0) << p.seconds << " s]\n"
                  << std::flush;
        csv.text(strategy).integer(seed).integer(p.labels).number(p.macroF1, 5).integer(p.epochs);
        csv.number(p.seconds, 4).endRow();
      }));
    }
    if (gCancel) break;
  }
  restoreCtrlC();
  std::error_code ec;
  fs::remove_all(base.workDir, ec);

  // Summary: labels to reach 0.95 / 0.98 and to come within 0.01 of all labels, per seed.
  double fullMedian = sdd::percentile(fullF1, 0.5);
  std::cout << "\nall training labels (" << pool << "): macro F1 median " << std::setprecision(4)
            << fullMedian << " over " << fullF1.size() << " seed(s)\n";
  auto reached = [](int n) { return n ? std::to_string(n) : std::string("not reached"); };
  for (const auto& [strategy, runs] : curves) {
    std::cout << strategy << ":\n";
    for (std::size_t k = 0; k < runs.size(); ++k) {
      const double within = fullF1[k] - 0.01;
      std::cout << "  seed " << seeds[k]
                << ": labels to macro F1 0.95: " << reached(sdd::labelsToReach(runs[k], 0.95))
                << ", 0.98: " << reached(sdd::labelsToReach(runs[k], 0.98))
                << ", within 0.01 of all labels (" << std::setprecision(4) << within
                << "): " << reached(sdd::labelsToReach(runs[k], within)) << "\n";
    }
  }
  if (args.has("csv")) sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  if (gCancel) {
    std::cerr << "stopped by Ctrl-C\n";
    return 130;
  }
  return 0;
}

}  // namespace sdd::cli
