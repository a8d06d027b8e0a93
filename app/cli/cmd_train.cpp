// sdd train
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
#include "sdd/training/trainer.h"
#include "sdd/util/json.h"
#include "sdd/util/runtime.h"
#include "sdd/util/shell_quote.h"
#include "sdd/workspace/workspace.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kTrainHelp = R"(usage: sdd train [DATASET] [options]
  --out DIR            output folder (default runs/train-<time>, or <workspace>/runs/<time>
                       with --workspace); receives run.json, model.sddm, best.sddm,
                       last.sddm, checkpoint.sddc, log.csv, log.jsonl
  --force              reuse an --out folder that already holds a run (overwrites it)
  --resume             continue the run in --out from its checkpoint, with the run's own
                       settings (its run.json); options given change them (e.g. --epochs)
  --preset NAME        default: 50-px input (NEU's JPEGs decoded at quarter scale), conv
                       8,16,32,64 with BatchNorm, global average pooling, no hidden FC
                       (25,158 weights, 2.6 M MACs), 80 epochs, lr 0.003, weight average
                       0.999 | tableII: the paper's Table II network (200 px, flatten,
                       FC 16; 172,102 weights, 43 M MACs), 60 epochs, lr 0.001 |
                       tableII-bn: the same with BatchNorm.
                       The options below change a preset.
  --epochs N           default 80 (tableII: 60); given, it is what is trained (no
                       --min-steps unless that is given too)
  --min-steps N        raise the epochs of a small training set so that training takes at
                       least N optimizer steps (default: 3600, NEU's 80 epochs; tableII: 0)
  --batch N            batch size, default 32
  --lr X               learning rate, default 0.003 (tableII: 0.001)
  --optimizer NAME     adam (default) | adamw | sgd
  --weight-decay X     default 0
  --schedule NAME      cosine (default) | step | none
  --step-size N        step schedule: epochs per decay (default 20)
  --gamma X            step schedule: decay factor (default 0.1)
  --patience N         early stop after N epochs without validation-F1 gain (0 = off)
  --no-augment         turn off flips, 90° rotations and brightness/contrast jitter
  --noise X            also add Gaussian noise, sigma up to X in [0,1] pixel units
                       (0.04 is about 10 grey levels; default 0 = off)
  --blur X             also blur half the images, Gaussian sigma up to X px (default 0)
  --balance HOW        imbalanced classes: auto (default: sampling when the largest class
                       has 3x the images of the smallest or more, else none) | none |
                       weights (loss inverse to class frequency) | sqrt (inverse to its
                       square root) | sampling (each class equally likely in a batch);
                       tableII: none
  --class-weights      the same as --balance weights
  --no-map             no defect map, even when the images have masks or boxes (by default
                       one is trained beside the classifier from them: sdd eval --pointing-game)
  --map-weight W       weight of the defect map's loss beside the classifier's (default 1)
  --label-smoothing X  cross-entropy label smoothing in [0, 1) (default 0)
  --ema X              validate and save an exponential moving average of the weights,
                       decay X per batch (default 0.999; tableII: 0 = off)
  --keep last|best     which epoch becomes model.sddm (default last; see README)
  --seed N             default 42 (same seed + a fixed --threads N => same model)
  --threads N          LibTorch threads, fixed; default 0: measured while training (all
                       cores or one, whichever runs a batch faster now: a busy machine does
                       not stall training), so two runs may differ in the last bits
  --device D           auto (default) | cpu | cuda | cuda:N
  --data-memory MB     a split whose decoded images take more is kept in a file in the
                       output folder that the system pages (datasets larger than memory),
                       or decoded from its files for each batch when that folder has no
                       room; default 0: half of this machine's memory
  --stream-images      decode the images from their files for each batch (nothing held;
                       the next batch is decoded while this one trains)
  --val-fraction F     validation share when the dataset has no split folders (default 0.2)
  --split-seed N       ignore the dataset's split folders; seeded stratified split instead
  --conv LIST          conv widths, default 8,16,32,64
  --fc N               hidden FC width, default 0 (tableII: 16; 0 = none)
  --head flatten|gap   default gap (tableII: flatten)
  --bn, --no-bn        BatchNorm after each conv (default on; tableII: off)
  --dropout X          dropout before the last FC layer (default 0)
  --input-size N       default 50 (tableII: 200); images larger than twice the input are
                       decoded at 1/2, 1/4 or 1/8 scale when they are JPEGs
  --channels 1|3       default 3
  --no-channels-last   use the contiguous memory format (slower on CPU)
  --workspace DIR      use the labels of a workbench workspace (its relabel journal)
  --quiet              no progress bar
)";

}  // namespace

int cmdTrain(const std::vector<std::string>& argv) {
  std::set<std::string> values = kTrainValueFlags, switches = kTrainSwitches;
  values.insert("out");
  switches.insert({"help", "force", "resume", "quiet"});
  Args args(argv, values, switches);
  if (args.has("help")) {
    std::cout << kTrainHelp;
    return 0;
  }
  const bool resume = args.has("resume");
  fs::path out = args.str("out", "");
  if (out.empty()) {
    if (resume) throw CliError("--resume needs --out DIR (the folder of the run to continue)");
    // With a workbench workspace the run joins the workspace's runs (its Train tab lists them).
    const std::string ws = args.str("workspace", "");
    out = ws.empty() ? fs::path("runs") / ("train-" + sdd::RunFolder::newName())
                     : sdd::Workspace(ws).newRun().path();
  }
  const sdd::RunFolder runFolder(out);
  if (!resume && !runFolder.findCheckpoint().empty() && !args.has("force"))
    throw CliError(out.string() +
                   " already holds a training run; use --resume to continue it, "
                   "--force to overwrite it, or another --out");
  // A resumed run keeps its own settings (run.json, as the workbench's Resume does); options
  // given on the command line still change them (e.g. --epochs to train longer).
  std::optional<sdd::RunManifest> run;
  if (resume) {
    try {
      run = runFolder.readManifest();
    } catch (const sdd::RunFolderError& e) {
      throw CliError(std::string(e.what()) + "; give the run's options again");
    }
  }
  sdd::TrainConfig cfg;
  sdd::ModelSpec spec;
  parseTrainOptions(args, cfg, spec, "default", run ? &*run : nullptr);
  sdd::resolveDevice(cfg.device);  // reject a bad --device before the scan

  const sdd::Dataset ds = scanDataset(args, cfg.seed, true, args.str("workspace", ""));
  spec.numClasses = static_cast<int>(ds.classes().size());
  spec.validate();
  std::cout << "model " << spec.describe() << ": " << spec.parameterCount() << " parameters, "
            << std::fixed << std::setprecision(2) << spec.macs() / 1e6 << " M MACs per image\n";
  std::cout << "device " << sdd::resolveDevice(cfg.device) << ", "
            << (cfg.threads == 0 ? "up to " : "") << sdd::configureThreads(cfg.threads)
            << (cfg.threads == 0 ? " thread(s), measured while training" : " thread(s)")
            << "; output " << out.string() << "\n";

  sdd::Trainer trainer(ds, spec, cfg, out);
  const bool bar = isTty() && !args.has("quiet");
  if (bar) trainer.onProgress = printProgress;
  trainer.onMessage = [](const std::string& m) { std::cerr << m << "\n"; };
  trainer.onEpoch = [&](const sdd::EpochStats& s) {
    if (bar) std::fprintf(stderr, "\r%*s\r", 110, "");
    char val[80] = "val n/a (no validation images)";
    if (s.validated)
      std::snprintf(val, sizeof val, "val loss %.4f acc %.4f F1 %.4f", s.valLoss, s.valAccuracy,
                    s.valMacroF1);
    std::printf("epoch %3d/%d  train loss %.4f acc %.4f | %s | lr %.2e | %.1f s%s\n", s.epoch,
                s.epochs, s.trainLoss, s.trainAccuracy, val, s.learningRate, s.seconds,
                s.best && s.validated ? "  *best" : "");
    std::fflush(stdout);
  };
  trainer.setCancelFlag(&gCancel);
  installCtrlC();
  const std::string goOn = "sdd train --resume --out " + shellQuote(out.string());
  sdd::TrainResult r;
  try {
    r = trainer.run(resume);
  } catch (const sdd::ResumeError& e) {
    throw sdd::ModelError(std::string("--resume: ") + e.what());
  } catch (const sdd::EpochNotSaved& e) {
    throw sdd::WriteError(std::string(e.what()) + (e.resumable() ? "; to go on: " + goOn : ""));
  }
  restoreCtrlC();
  if (r.cancelled) std::cerr << "to go on: " << goOn << "\n";
  if (r.history.empty()) {
    std::cerr << "stopped before the first epoch finished; nothing saved\n";
    return 130;
  }
  const auto& last = r.history.back();
  std::cout << "\nfinished " << r.history.size() << " epoch(s) in " << hms(r.seconds)
            << (r.cancelled      ? " (stopped by user)"
                : r.earlyStopped ? " (early stop)"
                                 : "")
            << "\n"
            << std::setprecision(4);
  if (last.validated)
    std::cout << "  last epoch " << last.epoch << ": val accuracy " << last.valAccuracy
              << ", macro F1 " << last.valMacroF1 << "\n"
              << "  best epoch " << r.bestEpoch << ": macro F1 " << r.bestMacroF1 << "\n";
  else
    std::cout << "  not validated (no validation images): no accuracy or F1 to report\n";
  std::cout << "  model (" << cfg.keep << " epoch): " << r.modelFile.string() << "\n"
            << "  log: " << (out / "log.csv").string() << "\n";
  return r.cancelled ? 130 : 0;
}

}  // namespace sdd::cli
