// sdd reduce
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
#include "sdd/training/reduction.h"
#include "sdd/training/run_folder.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/runtime.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kReduceHelp = R"(usage: sdd reduce [DATASET] [options]
The paper's model-reduction procedure (Fig. 3): train a larger base network briefly, then
try smaller variants (drop the last conv stage, halve the conv widths, halve or drop the
hidden FC), fewest weights first, keeping the first whose validation macro F1 stays within
a tolerance of the base network's; repeat; then train the chosen network longer. Prints
Table V for every model tried and writes it as CSV and Markdown.
  --conv LIST, --fc N  base network (default conv 16,32,64,128, fc 32, flatten head as in
                       the paper; with --preset default: conv 16,32,64,128 and its GAP head)
                       and the other model options of `sdd train` (--head, --bn, ...)
  --tolerance X        a smaller model is kept when its validation macro F1 is at most X
                       below the base network's after the same training (default 0.01)
  --target-f1 X        and at least X (default 0: no floor)
  --epochs N           training of each candidate (default 20)
  --final-epochs N     training of the chosen network (default: the preset's, 60 for
                       tableII)
  --final-lr X         its learning rate (default: --lr)
  --max-steps N        candidates tried at most (default 12)
  --out DIR            default runs/reduce-<time>; one folder per model, final/ for the chosen
  --csv FILE, --markdown FILE   default DIR/table-v.csv, DIR/table-v.md
  --quiet              no progress line (it is shown only on a terminal anyway)
  and the training options of `sdd train` (--lr, --batch, --seed, --threads, ...)
)";

}  // namespace

int cmdReduce(const std::vector<std::string>& argv) {
  std::set<std::string> values = kTrainValueFlags, switches = kTrainSwitches;
  values.insert({"target-f1", "tolerance", "final-epochs", "final-lr", "max-steps", "out", "csv",
                 "markdown"});
  switches.insert({"help", "quiet"});
  Args args(argv, values, switches);
  if (args.has("help")) {
    std::cout << kReduceHelp;
    return 0;
  }
  sdd::ReductionConfig rc;
  parseTrainOptions(args, rc.brief, rc.base, "tableII");  // the paper's procedure: flatten + FC
  // The base is the preset's network twice as wide; the paper's (flatten) gets a wider FC too.
  const bool paperBase = rc.base.head == sdd::HeadType::Flatten;
  if (!args.has("conv")) rc.base.convChannels = {16, 32, 64, 128};
  if (!args.has("fc") && paperBase) rc.base.fcWidth = 32;
  const int recipeEpochs =
      sdd::trainRecipe(args.choice("preset", "tableII", sdd::trainRecipeNames())).config.epochs;
  rc.brief.fixEpochs(args.integer("epochs", 20, 1, 100000));
  rc.extra = rc.brief;
  rc.extra.fixEpochs(args.integer("final-epochs", recipeEpochs, 1, 100000));
  rc.extra.learningRate = args.real("final-lr", rc.brief.learningRate, 1e-9, 10);
  rc.targetF1 = args.real("target-f1", 0.0, 0.0, 1.0);
  rc.tolerance = args.real("tolerance", 0.01, 0.0, 1.0);
  rc.maxSteps = args.integer("max-steps", 12, 0, 1000);
  sdd::resolveDevice(rc.brief.device);
  const sdd::Dataset ds = scanDataset(args, rc.brief.seed, false, args.str("workspace", ""));
  rc.base.numClasses = static_cast<int>(ds.classes().size());
  rc.base.validate();
  const std::string stamp = sdd::RunFolder::newName();
  const fs::path out = args.str("out", (fs::path("runs") / ("reduce-" + stamp)).string());
  std::cout << "model reduction (paper Fig. 3) from " << rc.base.describe() << " ("
            << rc.base.parameterCount() << " weights), keeping validation macro F1 within "
            << rc.tolerance << " of the base's"
            << (rc.targetF1 > 0 ? " and >= " + std::to_string(rc.targetF1) : std::string()) << "; "
            << rc.brief.epochs << " epochs per candidate, " << rc.extra.epochs
            << " for the chosen one; in " << out.string() << "\n";
  const auto t0 = std::chrono::steady_clock::now();
  const sdd::ReductionResult r = sdd::reduceModel(
      ds, rc, out,
      [](const sdd::ReductionStep& s) {
        std::cout << std::fixed << std::setprecision(4) << "step " << s.step << " (" << s.change
                  << "): " << s.summary.architecture << ", " << s.summary.weights
                  << " weights, macro F1 " << s.summary.macroF1
                  << (s.accepted ? "  kept" : "  below target") << "\n"
                  << std::flush;
      },
      [bar = isTty() && !args.has("quiet")](const std::string& m) {
        if (bar) std::fprintf(stderr, "\r%-100s", m.c_str());
      },
      &gCancel);
  if (isTty() && !args.has("quiet")) std::fprintf(stderr, "\n");
  if (r.cancelled)
    throw std::runtime_error("stopped; the models trained so far are in " + out.string());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string md = sdd::reductionMarkdown(r);
  std::cout << "\nTable V, our models (measured on the validation split):\n\n"
            << md << "\nchosen: " << r.chosen.describe() << "; final model "
            << (out / "final" / "model.sddm").string() << "; " << std::setprecision(0) << secs
            << " s in all\n";
  const std::string csvPath = args.str("csv", (out / "table-v.csv").string());
  const std::string mdPath = args.str("markdown", (out / "table-v.md").string());
  sdd::writeFileAtomically(csvPath, sdd::reductionCsv(r));
  sdd::writeFileAtomically(mdPath, md);
  return 0;
}

}  // namespace sdd::cli
