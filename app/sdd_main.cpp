// sdd — the command-line face of SDD Workbench: scan, train, eval, predict, info.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "cli_args.h"
#include "report_command.h"
#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/label_store.h"
#include "sdd/metrics/metrics.h"
#include "sdd/model/model_spec.h"
#include "sdd/model/onnx_export.h"
#include "sdd/training/cross_validation.h"
#include "sdd/training/reduction.h"
#include "sdd/training/trainer.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"
#include "sdd/util/runtime.h"

namespace fs = std::filesystem;
using sdd::cli::Args;
using sdd::cli::CliError;

namespace {

constexpr const char* kDefaultDataset = "data/NEU-DET";
/// Exit code when an output file or standard output could not be written (disk full, ...).
constexpr int kExitWriteError = 6;

std::atomic<bool> gCancel{false};

void onSigint(int) {
  if (gCancel.exchange(true)) std::_Exit(130);  // second Ctrl-C: leave at once
  const char msg[] = "\nstopping after the current batch (Ctrl-C again to quit now)...\n";
  [[maybe_unused]] auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
}

const char* kUsage = R"(usage: sdd <command> [arguments] [options]

commands:
  scan    [DATASET]            describe a dataset: layout, classes, splits, duplicates, bad files
  train   [DATASET]            train the detector (recommended recipe; --preset tableII: the paper's)
  eval    [DATASET]            evaluate a model: Table IV, confusion matrix, ROC/AUC
  predict FILE|FOLDER...       classify images and time them from file read to decision
  info    [MODEL]              show what a model file holds
  report  [DATASET]            evaluate a model and write the PDF report (as the workbench does)
  suspects [DATASET]           k-fold out-of-fold scoring: list images whose label looks wrong
  reduce  [DATASET]            the paper's model-reduction search (Fig. 3) and Table V
  export  --onnx FILE          write the model as ONNX for other runtimes
          --sddm FILE          ... or in the current model file format (upgrades old files)
  relabel [DATASET] --workspace DIR (--csv FILE | FILE... --to CLASS)
                               record relabels in a workspace's journal (files untouched)
  journal --workspace DIR      check a label journal (SQLite integrity) and export it as CSV

DATASET defaults to data/NEU-DET. It may be the NEU-DET layout
(train|validation/images/<class>/), NEU-CLS (flat Cr_1.bmp ... Sc_300.bmp) or one folder per
class (then a seeded, stratified 80/20 split is made). MODEL defaults to the shipped model.
Run `sdd <command> --help` for the options of a command.

exit codes: 0 success, 1 failure, 2 bad command line (unknown option, bad value),
            3 dataset problem, 4 model file problem, 5 label journal problem,
            6 an output file or standard output could not be written (e.g. disk full)
)";

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
  --epochs N           default 80 (tableII: 60)
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
  --class-weights      weight the loss by inverse class frequency (imbalanced data)
  --label-smoothing X  cross-entropy label smoothing in [0, 1) (default 0)
  --ema X              validate and save an exponential moving average of the weights,
                       decay X per batch (default 0.999; tableII: 0 = off)
  --keep last|best     which epoch becomes model.sddm (default last; see README)
  --seed N             default 42 (same seed + same --threads => same model)
  --threads N          LibTorch threads (default: all cores)
  --device D           auto (default) | cpu | cuda | cuda:N
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

const char* kEvalHelp = R"(usage: sdd eval [DATASET] [options]
  --model FILE         model to evaluate (default: the shipped model)
  --split NAME         validation (default) | train | all
  --json FILE          write all metrics and ROC points as JSON
  --csv FILE           write per-image predictions with all SoftMax probabilities
  --workspace DIR      use the labels of a workbench workspace (its relabel journal)
  --pointing-game      also check, per class, whether the Grad-CAM peak for the labelled
                       class falls inside a VOC defect box (images with boxes only)
  --cam METHOD         gradcam (default) | hirescam (position-exact for a flatten head)
  --perturb            also evaluate on generated copies of the split with Gaussian noise,
                       blur and brightness shifts (in memory; files are only read): accuracy
                       and per-class accuracy for each
  --engine NAME        torch (default) | opencv (the ONNX export on OpenCV DNN, CPU)
  --split-seed N       evaluate on the seeded stratified split a model was trained with by
                       `sdd train --split-seed N` instead of the dataset's split folders
  --threads N          default 1; every image is read, decoded and classified on its own
                       and timed from file read to decision (the paper's measurement)
  --device D
)";

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

const char* kExportHelp = R"(usage: sdd export (--onnx FILE | --sddm FILE) [--model MODEL]
--onnx: writes the model as a standard ONNX file (opset 13) for other runtimes and inference
servers. Input "image": float [N,C,H,W], RGB pixels / 255 (the normalization is inside the
graph); output "probabilities": float [N,classes]. The class names and the input spec are in
the file's metadata.
--sddm: writes the model in the current SDD model format (version 2, read by our own
checked parser). Model files from before it are LibTorch archives, which still load after a
CRC check; upgrade them with this. FILE must differ from MODEL. MODEL defaults to the
shipped model.
)";

const char* kReportHelp = R"(usage: sdd report [DATASET] [options]
  --model FILE         model to report on (default: the shipped model)
  --out FILE           the PDF to write (default sdd-report.pdf)
  --json FILE          also write the report's numbers as JSON
  --split NAME         validation (default) | train | all
  --compare LIST       further model files for the Table V comparison, comma separated
  --workspace DIR      use the labels of a workbench workspace and count relabels since its
                       last report
  --fov M              field of view along the strip in metres for the line speed (0.5)
  --val-fraction F, --seed N   split of a dataset without split folders
  --split-seed N       ignore the split folders; seeded stratified split (as in sdd train)
  --threads N          default 1 (one image at a time, timed from file read to decision)
  --device D
  --quiet              no progress line (it is shown only on a terminal anyway)
)";

const char* kPredictHelp = R"(usage: sdd predict FILE|FOLDER... [options]
  --model FILE         default: the shipped model
  --fov M              field of view along the strip in metres: prints the line speed the
                       measured time allows (paper: 0.5 m)
  --csv FILE           write one row per image with all probabilities and timings
  --json FILE          the same as JSON, with a summary (machine-readable)
  --threads N          default 1 (one image at a time, as on a line)
  --device D
  --engine NAME        torch (default: LibTorch) | opencv (the ONNX export on OpenCV DNN, CPU)
)";

bool isTty() { return isatty(STDERR_FILENO); }

std::string hms(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

fs::path defaultModel() { return sdd::shippedModelFile(); }

fs::path datasetArg(const Args& args) {
  if (args.positionals().size() > 1)
    throw CliError("expected one DATASET folder, got " + std::to_string(args.positionals().size()));
  const fs::path p = args.positionals().empty() ? fs::path(kDefaultDataset) : fs::path(args.positionals()[0]);
  if (args.positionals().empty() && !fs::exists(p)) {
    throw sdd::DatasetError(
        "no dataset given and data/NEU-DET does not exist.\n"
        "  Get the NEU surface defect database (NEU-DET layout) and link it there, e.g.\n"
        "    ln -s /path/to/NEU-DET data/NEU-DET\n"
        "  or pass a folder: sdd train /path/to/dataset");
  }
  return p;
}

/// Applies the relabel journal of `workspace` (when given) to `ds`, reporting what it did.
void applyWorkspace(sdd::Dataset& ds, const fs::path& workspace) {
  sdd::requireWorkspaceOutsideDataset(workspace, ds.root());
  // Reading labels needs no write access: a workspace on a read-only medium works.
  const sdd::LabelStore store(sdd::LabelStore::journalFile(workspace), sdd::LabelStore::Access::ReadOnly);
  const sdd::AppliedLabels r = sdd::applyLabels(ds, store);
  for (const auto& p : r.unknownPaths)
    std::cerr << "warning: workspace relabels " << p << ", which is not in the dataset; ignored\n";
  for (const auto& p : r.unknownLabels)
    std::cerr << "warning: workspace relabel " << p << " names no class of the dataset; ignored\n";
  std::cerr << "workspace " << workspace.string() << ": " << r.changed
            << " image(s) carry a relabeled class\n";
}

/// Scans the dataset named by the command line: its positional or --dataset, --val-fraction,
/// --split-seed (a fresh seeded stratified split even when the dataset has split folders) and
/// `seed` for the split of a dataset without split folders.
sdd::Dataset scanDataset(const Args& args, std::uint64_t seed, bool verbose,
                         const fs::path& workspace = {}) {
  const fs::path root = datasetArg(args);
  sdd::ScanOptions opt;
  opt.validationFraction = args.real("val-fraction", 0.2, 0.0, 0.9);
  opt.seed = seed;
  if (args.has("split-seed")) {
    opt.resplit = true;
    opt.seed = static_cast<std::uint64_t>(args.integer("split-seed", 0, 0, 2147483647));
  }
  if (!workspace.empty() && !fs::exists(sdd::LabelStore::journalFile(workspace)))
    throw CliError("--workspace " + workspace.string() + ": no label journal (" +
                   sdd::LabelStore::journalFile(workspace).string() + ") there");
  const auto t0 = std::chrono::steady_clock::now();
  sdd::Dataset ds = sdd::Dataset::scan(root, opt);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!workspace.empty()) applyWorkspace(ds, workspace);
  for (const auto& issue : ds.skipped())
    std::cerr << "warning: skipped " << issue.file.string() << ": " << issue.reason << "\n";
  if (!ds.skipped().empty())
    std::cerr << "warning: " << ds.skipped().size() << " file(s) skipped in total\n";
  for (const auto& g : ds.duplicates()) {
    std::cerr << (g.crossSplit ? "warning: identical images on both sides of the split: "
                               : "note: identical images: ");
    for (std::size_t k = 0; k < g.samples.size(); ++k)
      std::cerr << (k ? ", " : "") << ds.samples()[g.samples[k]].path.string();
    std::cerr << "\n";
  }
  if (verbose) {
    const auto tr = ds.classCounts(sdd::Split::Train), va = ds.classCounts(sdd::Split::Validation);
    std::size_t w = 5;
    for (const auto& c : ds.classes()) w = std::max(w, c.size());
    std::cout << "dataset " << root.string() << " (" << sdd::toString(ds.layout()) << ", "
              << ds.samples().size() << " images, " << ds.classes().size() << " classes, "
              << (ds.hasOwnSplit() ? "its own train/validation split"
                                   : "seeded stratified split")
              << ", scanned in " << std::fixed << std::setprecision(1) << secs << " s)\n";
    std::cout << "  " << std::left << std::setw(static_cast<int>(w)) << "class" << std::right
              << std::setw(8) << "train" << std::setw(12) << "validation" << "\n";
    for (std::size_t c = 0; c < ds.classes().size(); ++c)
      std::cout << "  " << std::left << std::setw(static_cast<int>(w)) << ds.classes()[c]
                << std::right << std::setw(8) << tr[c] << std::setw(12) << va[c] << "\n";
  }
  return ds;
}

int cmdScan(const std::vector<std::string>& argv) {
  Args args(argv, {"val-fraction", "split-seed", "seed", "workspace"}, {"help"});
  if (args.has("help")) {
    std::cout << "usage: sdd scan [DATASET] [--val-fraction F] [--seed N] [--split-seed N] [--workspace DIR]\n";
    return 0;
  }
  const sdd::Dataset ds = scanDataset(args, args.integer("seed", 42, 0, 2147483647), true,
                                      args.str("workspace", ""));
  std::size_t boxes = 0, annotated = 0;
  for (const auto& s : ds.samples()) {
    boxes += s.boxes.size();
    annotated += !s.boxes.empty();
  }
  std::cout << "  " << annotated << " images with VOC boxes (" << boxes << " boxes), "
            << ds.duplicates().size() << " duplicate group(s), " << ds.skipped().size()
            << " skipped file(s)\n";
  return 0;
}

void printProgress(const sdd::TrainProgress& p) {
  static auto last = std::chrono::steady_clock::time_point{};
  const auto now = std::chrono::steady_clock::now();
  if (p.batch != p.batches && now - last < std::chrono::milliseconds(200)) return;
  last = now;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * p.batch / p.batches);
  std::fprintf(stderr, "\r  epoch %d/%d [%s%s] %zu/%zu loss %.4f  elapsed %s  ETA %s ", p.epoch,
               p.epochs, std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(),
               p.batch, p.batches, p.runningLoss, hms(p.elapsedSeconds).c_str(),
               hms(p.etaSeconds).c_str());
  std::fflush(stderr);
}

const std::set<std::string> kTrainValueFlags = {
    "noise", "blur", "label-smoothing", "ema", "epochs", "batch", "lr", "optimizer", "weight-decay", "schedule", "step-size", "gamma", "patience", "keep",
    "seed", "threads", "device", "val-fraction", "split-seed", "preset", "conv", "fc", "head", "dropout", "input-size", "channels",
    "workspace"};
const std::set<std::string> kTrainSwitches = {"no-augment", "class-weights", "bn", "no-bn", "no-channels-last"};

/// UTC time usable in a folder name, e.g. 2026-11-24T22-16-07Z.
std::string fileStamp() {
  std::string stamp = sdd::nowIso8601();
  for (char& c : stamp)
    if (c == ':') c = '-';
  return stamp;
}

/// The model and training options shared by `train`, `suspects` and `reduce`. Options not
/// given keep the values of `run` (a run.json, when resuming a run) or else of the preset.
void parseTrainOptions(const Args& args, sdd::TrainConfig& cfg, sdd::ModelSpec& spec,
                       const std::string& defaultPreset = "default", const nlohmann::json* run = nullptr) {
  if (run && !args.has("preset")) {
    try {
      spec = run->at("spec").get<sdd::ModelSpec>();
      cfg = run->at("config").get<sdd::TrainConfig>();
    } catch (const nlohmann::json::exception& e) {
      throw CliError(std::string("the run's run.json is damaged (") + e.what() + "); give the run's options again");
    }
  } else {
    // The recommended recipe (docs/performance.md) unless --preset asks for the paper's.
    const sdd::TrainRecipe recipe = sdd::trainRecipe(args.choice("preset", defaultPreset, sdd::trainRecipeNames()));
    spec = recipe.spec;
    cfg = recipe.config;
  }
  cfg.epochs = args.integer("epochs", cfg.epochs, 1, 100000);
  cfg.batchSize = args.integer("batch", cfg.batchSize, 1, 65536);
  cfg.learningRate = args.real("lr", cfg.learningRate, 1e-9, 10);
  cfg.optimizer = args.choice("optimizer", cfg.optimizer, {"adam", "adamw", "sgd"});
  cfg.weightDecay = args.real("weight-decay", cfg.weightDecay, 0, 1);
  cfg.schedule = args.choice("schedule", cfg.schedule, {"cosine", "step", "none"});
  cfg.stepSize = args.integer("step-size", cfg.stepSize, 1, 100000);
  cfg.gamma = args.real("gamma", cfg.gamma, 0, 1);
  cfg.patience = args.integer("patience", cfg.patience, 0, 100000);
  cfg.keep = args.choice("keep", cfg.keep, {"last", "best"});
  cfg.seed = static_cast<std::uint64_t>(args.integer("seed", static_cast<int>(cfg.seed), 0, 2147483647));
  cfg.threads = args.integer("threads", cfg.threads, 0, 1024);
  cfg.device = args.str("device", cfg.device);
  if (args.has("no-augment")) cfg.augment = false;
  if (args.has("class-weights")) cfg.classWeights = true;
  if (args.has("no-channels-last")) cfg.channelsLast = false;
  cfg.noise = args.real("noise", cfg.noise, 0.0, 1.0);
  cfg.blur = args.real("blur", cfg.blur, 0.0, 10.0);
  cfg.labelSmoothing = args.real("label-smoothing", cfg.labelSmoothing, 0.0, 0.99);
  cfg.ema = args.real("ema", cfg.ema, 0.0, 0.99999);
  spec.convChannels = args.intList("conv", spec.convChannels);
  spec.fcWidth = args.integer("fc", spec.fcWidth, 0, 65536);
  if (args.has("head"))
    spec.head = args.choice("head", "flatten", {"flatten", "gap"}) == "gap" ? sdd::HeadType::GlobalAvgPool
                                                                          : sdd::HeadType::Flatten;
  if (args.has("bn") && args.has("no-bn")) throw CliError("--bn and --no-bn contradict each other");
  if (args.has("bn")) spec.batchNorm = true;
  if (args.has("no-bn")) spec.batchNorm = false;
  spec.dropout = args.real("dropout", spec.dropout, 0, 0.99);
  spec.inputSize = args.integer("input-size", spec.inputSize, 8, 4096);
  spec.inputChannels = std::stoi(args.choice("channels", std::to_string(spec.inputChannels), {"1", "3"}));
  // The network the options describe, checked before anything is scanned or allocated (the
  // class count is not known yet: any valid one will do). Its limits are those of model
  // files; here they are a bad command line.
  sdd::ModelSpec check = spec;
  check.numClasses = std::max(2, check.numClasses);
  try {
    check.validate();
  } catch (const sdd::ModelError& e) {
    throw CliError(e.what());
  }
}

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
    const std::string stamp = fileStamp();
    // With a workbench workspace the run joins the workspace's runs (its Train tab lists them).
    const std::string ws = args.str("workspace", "");
    out = ws.empty() ? fs::path("runs") / ("train-" + stamp) : fs::path(ws) / "runs" / stamp;
  }
  if (!resume && !sdd::findCheckpoint(out).empty() && !args.has("force"))
    throw CliError(out.string() + " already holds a training run; use --resume to continue it, "
                   "--force to overwrite it, or another --out");
  // A resumed run keeps its own settings (run.json, as the workbench's Resume does); options
  // given on the command line still change them (e.g. --epochs to train longer).
  nlohmann::json run;
  if (resume) {
    std::ifstream f(out / "run.json", std::ios::binary);
    if (f) {
      const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      try {
        run = sdd::parseJson(text);
      } catch (const sdd::JsonError& e) {
        throw CliError((out / "run.json").string() + " is damaged (" + e.what() + "); give the run's options again");
      }
    }
  }
  sdd::TrainConfig cfg;
  sdd::ModelSpec spec;
  parseTrainOptions(args, cfg, spec, "default", run.is_object() ? &run : nullptr);
  sdd::resolveDevice(cfg.device);  // reject a bad --device before the scan

  const sdd::Dataset ds = scanDataset(args, cfg.seed, true, args.str("workspace", ""));
  spec.numClasses = static_cast<int>(ds.classes().size());
  spec.validate();
  std::cout << "model " << spec.describe() << ": " << spec.parameterCount() << " parameters, "
            << std::fixed << std::setprecision(2) << spec.macs() / 1e6 << " M MACs per image\n";
  std::cout << "device " << sdd::resolveDevice(cfg.device) << ", " << sdd::configureThreads(cfg.threads)
            << " thread(s); output " << out.string() << "\n";

  sdd::Trainer trainer(ds, spec, cfg, out);
  const bool bar = isTty() && !args.has("quiet");
  if (bar) trainer.onProgress = printProgress;
  trainer.onMessage = [](const std::string& m) { std::cerr << m << "\n"; };
  trainer.onEpoch = [&](const sdd::EpochStats& s) {
    if (bar) std::fprintf(stderr, "\r%*s\r", 110, "");
    std::printf("epoch %3d/%d  train loss %.4f acc %.4f | val loss %.4f acc %.4f F1 %.4f | lr %.2e | %.1f s%s\n",
                s.epoch, cfg.epochs, s.trainLoss, s.trainAccuracy, s.valLoss, s.valAccuracy,
                s.valMacroF1, s.learningRate, s.seconds, s.best ? "  *best" : "");
    std::fflush(stdout);
  };
  trainer.setCancelFlag(&gCancel);
  std::signal(SIGINT, onSigint);
  const sdd::TrainResult r = trainer.run(resume);
  std::signal(SIGINT, SIG_DFL);
  if (r.history.empty()) {
    std::cerr << "stopped before the first epoch finished; nothing saved\n";
    return 130;
  }
  const auto& last = r.history.back();
  std::cout << "\nfinished " << r.history.size() << " epoch(s) in " << hms(r.seconds)
            << (r.cancelled ? " (stopped by user)" : r.earlyStopped ? " (early stop)" : "") << "\n"
            << "  last epoch " << last.epoch << ": val accuracy " << std::setprecision(4)
            << last.valAccuracy << ", macro F1 " << last.valMacroF1 << "\n"
            << "  best epoch " << r.bestEpoch << ": macro F1 " << r.bestMacroF1 << "\n"
            << "  model (" << cfg.keep << " epoch): " << r.modelFile.string() << "\n"
            << "  log: " << (out / "log.csv").string() << "\n";
  return r.cancelled ? 130 : 0;
}

int cmdEval(const std::vector<std::string>& argv) {
  Args args(argv,
            {"model", "split", "json", "csv", "threads", "device", "val-fraction", "split-seed", "seed",
             "workspace", "cam", "engine"},
            {"help", "pointing-game", "perturb"});
  if (args.has("help")) {
    std::cout << kEvalHelp;
    return 0;
  }
  const fs::path modelPath = args.str("model", defaultModel().string());
  const std::string split = args.choice("split", "validation", {"validation", "train", "all"});
  const int threads = args.integer("threads", 1, 0, 1024);
  const std::string device = args.str("device", "auto");
  sdd::Predictor predictor(modelPath, device, threads, args.choice("engine", "torch", {"torch", "opencv"}));
  const auto& meta = predictor.metadata();
  const sdd::Dataset ds = scanDataset(args, args.integer("seed", 42, 0, 2147483647), false,
                                      args.str("workspace", ""));
  sdd::requireSameClasses(meta.classes, ds.classes(), modelPath);

  const sdd::ModelEvaluation me = sdd::evaluateModel(predictor, modelPath, ds, split);
  for (const auto& sk : me.skipped) std::cerr << "warning: skipped " << sk.file.string() << ": " << sk.reason << "\n";
  const sdd::Evaluation& ev = me.eval;
  const auto& used = me.samples;
  const auto& probs = me.probs;
  const auto& truth = me.truth;

  std::cout << "model " << modelPath.string() << " (" << meta.spec.describe() << ")\n"
            << "data  " << ds.root().string() << ", " << split << " split, " << used.size()
            << " images on " << predictor.deviceName() << " (" << predictor.engine() << ")\n"
            << "time  file read -> decision, batch 1: median " << std::fixed << std::setprecision(2)
            << me.medianMs << " ms, p95 " << me.p95Ms << " ms, mean " << me.meanMs << " ms/image\n\n"
            << sdd::formatTableIV(ev) << "\nconfusion matrix (rows = true class):\n"
            << sdd::formatConfusion(ev);

  nlohmann::json pointing;
  if (args.has("pointing-game")) {
    const auto cam = sdd::camMethodFromString(args.choice("cam", "gradcam", {"gradcam", "hirescam"}));
    const sdd::PointingGame g = sdd::pointingGame(predictor, ds, split, cam);
    pointing["cam"] = sdd::toString(cam);
    std::cout << "\npointing game (" << sdd::toString(cam) << "): CAM peak for the labelled class inside a defect box\n"
              << "class                images   peak in box   image centre in box (baseline)   peak at the border\n";
    for (std::size_t c = 0; c < g.classes.size(); ++c) {
      const double n = std::max(1, g.images[c]);
      std::cout << std::left << std::setw(20) << g.classes[c] << std::right << std::setw(7) << g.images[c]
                << std::setw(10) << std::setprecision(1) << 100.0 * g.hits[c] / n << " %"
                << std::setw(14) << 100.0 * g.centreHits[c] / n << " %" << std::setw(28)
                << 100.0 * g.borderPeaks[c] / n << " %\n";
      pointing["per_class"].push_back({{"class", g.classes[c]}, {"images", g.images[c]}, {"hits", g.hits[c]},
                                       {"centre_hits", g.centreHits[c]}, {"border_peaks", g.borderPeaks[c]}});
    }
    const double n = std::max(1, g.totalImages());
    std::cout << std::left << std::setw(20) << "all" << std::right << std::setw(7) << g.totalImages()
              << std::setw(10) << 100.0 * g.totalHits() / n << " %" << std::setw(14)
              << 100.0 * g.totalCentreHits() / n << " %" << std::setw(28) << 100.0 * g.totalBorderPeaks() / n
              << " %\n(peak at the border: within 8 % of the image size of its edge)\n";
    if (g.withoutBoxes) std::cout << g.withoutBoxes << " image(s) without defect boxes left out\n";
    pointing["images"] = g.totalImages();
    pointing["hits"] = g.totalHits();
    pointing["centre_hits"] = g.totalCentreHits();
    pointing["border_peaks"] = g.totalBorderPeaks();
    pointing["without_boxes"] = g.withoutBoxes;
  }

  nlohmann::json robustness;
  if (args.has("perturb")) {
    const auto rows = sdd::evaluateRobustness(predictor, ds, split, sdd::defaultPerturbations());
    std::cout << "\nrobustness: accuracy on perturbed copies of the " << split << " split (per-class accuracy = recall)\n"
              << std::left << std::setw(24) << "perturbation" << std::right << std::setw(9) << "accuracy"
              << std::setw(10) << "macro F1";
    for (const auto& c : ds.classes()) std::cout << "  " << std::setw(std::max<int>(6, int(c.size()))) << c;
    std::cout << "\n";
    for (const auto& r : rows) {
      std::cout << std::left << std::setw(24) << r.perturbation.name() << std::right << std::setprecision(4)
                << std::setw(9) << r.accuracy << std::setw(10) << r.macroF1;
      for (std::size_t c = 0; c < r.classAccuracy.size(); ++c)
        std::cout << "  " << std::setw(std::max<int>(6, int(ds.classes()[c].size()))) << r.classAccuracy[c];
      std::cout << "\n";
      robustness.push_back({{"perturbation", r.perturbation.name()}, {"kind", r.perturbation.kind},
                            {"level", r.perturbation.level}, {"accuracy", r.accuracy}, {"macro_f1", r.macroF1},
                            {"class_accuracy", r.classAccuracy}});
    }
  }

  if (args.has("json")) {
    nlohmann::json j = sdd::toJson(ev);
    if (!pointing.is_null()) j["pointing_game"] = pointing;
    if (!robustness.is_null()) j["robustness"] = robustness;
    j["model"] = modelPath.string();
    j["dataset"] = ds.root().string();
    j["split"] = split;
    j["device"] = predictor.deviceName();
    j["ms_per_image"] = {{"median", me.medianMs}, {"p95", me.p95Ms}, {"mean", me.meanMs}};
    j["images"] = used.size();
    j["skipped"] = me.skipped.size();
    sdd::writeFileAtomically(args.str("json", ""), j.dump(2) + "\n");
  }
  if (args.has("csv")) {
    std::vector<std::string> header = {"file", "true_class", "predicted_class", "correct"};
    for (const auto& c : ds.classes()) header.push_back("p_" + c);
    sdd::CsvWriter csv(header);
    for (std::size_t k = 0; k < used.size(); ++k) {
      const int pred = static_cast<int>(std::max_element(probs[k].begin(), probs[k].end()) - probs[k].begin());
      csv.text(ds.samples()[used[k]].path.string()).text(ds.classes()[truth[k]]).text(ds.classes()[pred]);
      csv.integer(pred == truth[k] ? 1 : 0);
      for (float p : probs[k]) csv.number(p);
      csv.endRow();
    }
    sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  }
  return 0;
}

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
  cfg.epochs = args.integer("epochs", 15, 1, 100000);
  const int folds = args.integer("folds", 5, 2, 100);
  const double threshold = args.real("threshold", 0.5, 0.0, 1.0);
  sdd::resolveDevice(cfg.device);
  const sdd::Dataset ds = scanDataset(args, cfg.seed, false,
                                      args.str("workspace", ""));
  spec.numClasses = static_cast<int>(ds.classes().size());
  const std::string stamp = fileStamp();
  const fs::path out = args.str("out", (fs::path("runs") / ("crossval-" + stamp)).string());
  std::cout << folds << "-fold cross-validation over " << ds.samples().size() << " images, " << cfg.epochs
            << " epochs per fold, " << spec.describe() << "; models in " << out.string() << "\n";
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
  std::cout << std::fixed << std::setprecision(4) << scored << " images scored out of fold in " << std::setprecision(0)
            << secs << " s; out-of-fold accuracy " << std::setprecision(4) << double(correct) / std::max(1, scored)
            << "\n" << list.size() << " suspected label error(s) (P(label) < " << threshold
            << " and another class more probable):\n";
  for (const auto& sl : list)
    std::cout << "  " << std::setprecision(4) << sl.labelProbability << "  " << ds.samples()[sl.sample].path.string()
              << "  labelled " << ds.classes()[std::size_t(sl.label)] << ", looks like "
              << ds.classes()[std::size_t(sl.suggested)] << " (" << sl.suggestedProbability << ")\n";
  if (args.has("csv")) {
    sdd::CsvWriter csv({"file", "label", "fold", "p_label", "most_probable", "p_most_probable", "suspected"});
    for (std::size_t i = 0; i < oof.probs.size(); ++i) {
      if (oof.probs[i].empty()) continue;
      const auto& p = oof.probs[i];
      const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
      const int label = ds.samples()[i].label;
      const bool suspected = std::any_of(list.begin(), list.end(), [i](const auto& x) { return x.sample == i; });
      csv.text(ds.samples()[i].path.string()).text(ds.classes()[std::size_t(label)]).integer(oof.fold[i] + 1);
      csv.number(p[std::size_t(label)]).text(ds.classes()[std::size_t(best)]).number(p[std::size_t(best)]);
      csv.integer(suspected ? 1 : 0).endRow();
    }
    sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  }
  return 0;
}

int cmdReduce(const std::vector<std::string>& argv) {
  std::set<std::string> values = kTrainValueFlags, switches = kTrainSwitches;
  values.insert({"target-f1", "tolerance", "final-epochs", "final-lr", "max-steps", "out", "csv", "markdown"});
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
  const int recipeEpochs = sdd::trainRecipe(args.choice("preset", "tableII", sdd::trainRecipeNames())).config.epochs;
  rc.brief.epochs = args.integer("epochs", 20, 1, 100000);
  rc.extra = rc.brief;
  rc.extra.epochs = args.integer("final-epochs", recipeEpochs, 1, 100000);
  rc.extra.learningRate = args.real("final-lr", rc.brief.learningRate, 1e-9, 10);
  rc.targetF1 = args.real("target-f1", 0.0, 0.0, 1.0);
  rc.tolerance = args.real("tolerance", 0.01, 0.0, 1.0);
  rc.maxSteps = args.integer("max-steps", 12, 0, 1000);
  sdd::resolveDevice(rc.brief.device);
  const sdd::Dataset ds = scanDataset(args, rc.brief.seed, false,
                                      args.str("workspace", ""));
  rc.base.numClasses = static_cast<int>(ds.classes().size());
  rc.base.validate();
  const std::string stamp = fileStamp();
  const fs::path out = args.str("out", (fs::path("runs") / ("reduce-" + stamp)).string());
  std::cout << "model reduction (paper Fig. 3) from " << rc.base.describe() << " (" << rc.base.parameterCount()
            << " weights), keeping validation macro F1 within " << rc.tolerance << " of the base's"
            << (rc.targetF1 > 0 ? " and >= " + std::to_string(rc.targetF1) : std::string()) << "; " << rc.brief.epochs
            << " epochs per candidate, " << rc.extra.epochs << " for the chosen one; in " << out.string() << "\n";
  const auto t0 = std::chrono::steady_clock::now();
  const sdd::ReductionResult r = sdd::reduceModel(
      ds, rc, out,
      [](const sdd::ReductionStep& s) {
        std::cout << std::fixed << std::setprecision(4) << "step " << s.step << " (" << s.change << "): "
                  << s.summary.architecture << ", " << s.summary.weights << " weights, macro F1 " << s.summary.macroF1
                  << (s.accepted ? "  kept" : "  below target") << "\n"
                  << std::flush;
      },
      [bar = isTty() && !args.has("quiet")](const std::string& m) {
        if (bar) std::fprintf(stderr, "\r%-100s", m.c_str());
      },
      &gCancel);
  if (isTty() && !args.has("quiet")) std::fprintf(stderr, "\n");
  if (r.cancelled) throw std::runtime_error("stopped; the models trained so far are in " + out.string());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string md = sdd::reductionMarkdown(r);
  std::cout << "\nTable V, our models (measured on the validation split):\n\n" << md << "\nchosen: "
            << r.chosen.describe() << "; final model " << (out / "final" / "model.sddm").string() << "; "
            << std::setprecision(0) << secs << " s in all\n";
  const std::string csvPath = args.str("csv", (out / "table-v.csv").string());
  const std::string mdPath = args.str("markdown", (out / "table-v.md").string());
  sdd::writeFileAtomically(csvPath, sdd::reductionCsv(r));
  sdd::writeFileAtomically(mdPath, md);
  return 0;
}

int cmdExport(const std::vector<std::string>& argv) {
  Args args(argv, {"model", "onnx", "sddm"}, {"help"});
  if (args.has("help") || args.has("onnx") == args.has("sddm")) {
    std::cout << kExportHelp;
    return args.has("help") ? 0 : 2;
  }
  const fs::path model = args.str("model", defaultModel().string());
  if (!fs::exists(model)) throw sdd::ModelError("model file does not exist: " + model.string());
  if (args.has("sddm")) {
    const fs::path out = args.str("sddm", "");
    std::error_code ec;
    if (fs::equivalent(model, out, ec)) throw CliError("--sddm: give a new file, not the model itself");
    const auto meta = sdd::upgradeModelFile(model, out);
    std::cout << "wrote " << out.string() << " (" << fs::file_size(out) << " bytes, SDD model format 2): "
              << meta.spec.describe() << "\n";
    return 0;
  }
  const fs::path out = args.str("onnx", "");
  sdd::exportOnnx(model, out, SDD_VERSION);
  const auto meta = sdd::readModelMetadata(model);
  std::cout << "wrote " << out.string() << " (" << fs::file_size(out) << " bytes, ONNX opset 13): "
            << meta.spec.describe() << "\ninput  \"image\"  float [N," << meta.spec.inputChannels << ","
            << meta.spec.inputSize << "," << meta.spec.inputSize << "], "
            << (meta.spec.inputChannels == 3 ? "RGB" : "grey") << " pixels / 255 (normalization is inside)\n"
            << "output \"probabilities\" float [N," << meta.classes.size() << "]: ";
  for (std::size_t i = 0; i < meta.classes.size(); ++i) std::cout << (i ? ", " : "") << meta.classes[i];
  std::cout << "\n";
  return 0;
}

int cmdReport(const std::vector<std::string>& argv) {
  Args args(argv,
            {"model", "out", "json", "split", "compare", "workspace", "fov", "val-fraction", "split-seed", "seed",
             "threads", "device"},
            {"help", "quiet"});
  if (args.has("help")) {
    std::cout << kReportHelp;
    return 0;
  }
  sdd::cli::ReportRequest r;
  r.model = args.str("model", defaultModel().string());
  r.pdf = args.str("out", "sdd-report.pdf");
  r.json = args.str("json", "");
  r.split = args.choice("split", "validation", {"validation", "train", "all"});
  r.workspace = args.str("workspace", "");
  r.fov = args.real("fov", 0.5, 0.001, 1000);
  r.threads = args.integer("threads", 1, 0, 1024);
  r.device = args.str("device", "auto");
  r.progress = isTty() && !args.has("quiet");
  const std::string compare = args.str("compare", "");
  for (std::size_t a = 0; a < compare.size();) {
    std::size_t b = compare.find(',', a);
    if (b == std::string::npos) b = compare.size();
    if (b > a) {
      const fs::path m = compare.substr(a, b - a);
      if (!fs::exists(m)) throw CliError("--compare: model file does not exist: " + m.string());
      r.compare.push_back(m);
    }
    a = b + 1;
  }
  if (!fs::exists(r.model)) throw sdd::ModelError("model file does not exist: " + r.model.string());
  const sdd::Dataset ds = scanDataset(args, args.integer("seed", 42, 0, 2147483647), false,
                                      r.workspace.string());
#ifdef SDD_WITH_REPORT
  return sdd::cli::runReport(ds, r);
#else
  (void)ds;
  throw std::runtime_error("this sdd was built without the Qt workbench (SDD_BUILD_UI=OFF), which draws the report");
#endif
}

int cmdPredict(const std::vector<std::string>& argv) {
  Args args(argv, {"model", "fov", "csv", "json", "threads", "device", "engine"}, {"help"});
  if (args.has("help") || args.positionals().empty()) {
    std::cout << kPredictHelp;
    return args.has("help") ? 0 : 2;
  }
  const fs::path modelPath = args.str("model", defaultModel().string());
  const double fov = args.real("fov", 0, 0, 1000);
  sdd::Predictor predictor(modelPath, args.str("device", "auto"), args.integer("threads", 1, 0, 1024),
                           args.choice("engine", "torch", {"torch", "opencv"}));
  const auto& classes = predictor.metadata().classes;

  std::vector<fs::path> files;
  for (const fs::path p : args.positionals()) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && sdd::isImageExtension(it->path())) found.push_back(it->path());
      std::sort(found.begin(), found.end());
      if (found.empty()) std::cerr << "warning: no images in folder " << p.string() << "\n";
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  // The first forward pass allocates oneDNN primitives; time the steady state, as on a line.
  if (!files.empty()) predictor.predictImages({cv::Mat(predictor.metadata().spec.inputSize,
                                                       predictor.metadata().spec.inputSize, CV_8UC3,
                                                       cv::Scalar(128, 128, 128))});
  std::vector<std::string> header = {"file", "predicted_class"};
  for (const auto& c : classes) header.push_back("p_" + c);
  for (const char* h : {"read_ms", "decode_ms", "preprocess_ms", "inference_ms", "total_ms", "error"}) header.push_back(h);
  sdd::CsvWriter csv(header);
  std::vector<double> totals;
  int failed = 0;
  nlohmann::json jsonImages = nlohmann::json::array();
  for (const auto& f : files) {
    const sdd::Prediction p = predictor.predictFile(f);
    if (args.has("json")) {
      nlohmann::json item = {{"file", f.string()}};
      if (p.ok()) {
        item["class"] = classes[std::size_t(p.classIndex)];
        for (std::size_t c = 0; c < classes.size(); ++c) item["probabilities"][classes[c]] = p.probabilities[c];
        item["ms"] = {{"read", p.readMs}, {"decode", p.decodeMs}, {"preprocess", p.preprocessMs},
                      {"inference", p.inferenceMs}, {"total", p.totalMs}};
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
    std::cout << f.string() << ": " << classes[p.classIndex] << " (" << std::fixed
              << std::setprecision(3) << p.probabilities[p.classIndex] << ")";
    for (std::size_t c = 0; c < classes.size(); ++c)
      std::cout << (c ? " " : "  [") << classes[c] << "=" << std::setprecision(3) << p.probabilities[c];
    std::cout << "]  " << std::setprecision(2) << p.totalMs << " ms\n";
    csv.text(f.string()).text(classes[p.classIndex]);
    for (float v : p.probabilities) csv.number(v);
    for (double ms : {p.readMs, p.decodeMs, p.preprocessMs, p.inferenceMs, p.totalMs}) csv.number(ms, 4);
    csv.empty().endRow();
  }
  if (!totals.empty()) {
    std::vector<double> sorted = totals;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double t : totals) sum += t;
    const double mean = sum / totals.size();
    const double median = sorted[sorted.size() / 2];
    std::cout << "\n" << totals.size() << " image(s) on " << predictor.deviceName()
              << ": mean " << std::setprecision(3) << mean << " ms, median " << median
              << " ms, max " << sorted.back() << " ms per image (file read -> decision)\n";
    if (fov > 0)
      std::cout << "line speed at a " << fov << " m field of view: " << std::setprecision(1)
                << fov / (mean / 1000.0) << " m/s (from the mean time)\n";
  }
  if (failed) std::cerr << failed << " file(s) could not be classified\n";
  if (args.has("json")) {
    std::vector<double> sorted = totals;
    std::sort(sorted.begin(), sorted.end());
    nlohmann::json j = {{"model", modelPath.string()},
                        {"device", predictor.deviceName()},
                        {"engine", predictor.engine()},
                        {"classified", totals.size()},
                        {"failed", failed},
                        {"images", jsonImages}};
    if (!sorted.empty()) j["median_ms"] = sorted[sorted.size() / 2];
    sdd::writeFileAtomically(args.str("json", ""), j.dump(2) + "\n");
  }
  if (args.has("csv")) sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  return failed && totals.empty() ? 1 : 0;
}

int cmdInfo(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"help"});
  if (args.has("help")) {
    std::cout << "usage: sdd info [MODEL]\n";
    return 0;
  }
  const fs::path path = args.positionals().empty() ? defaultModel() : fs::path(args.positionals()[0]);
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
            << "metrics      " << m.metrics.dump() << "\n"
            << "train config " << m.trainConfig.dump() << "\n";
  return 0;
}

}  // namespace

const char* kRelabelHelp = R"(usage: sdd relabel [DATASET] --workspace DIR (--csv FILE | FILE... --to CLASS)
Records label changes in the workspace's journal (DIR/labels.sqlite, created when missing),
as the workbench does; the image files are never touched. Changes are committed in
transactions of up to 256 rows, each before its lines "relabelled PATH: OLD -> NEW" are
printed, so a crash or kill loses nothing that was printed; other programs writing the same
journal (the workbench) get their turn between transactions.
  --csv FILE           rows "path,label" (optional header; path relative to DATASET or
                       absolute); bad rows are reported with their line number and left out
  FILE...              images: absolute, relative to the current folder or to DATASET;
                       after `--`, names that begin with '-' are files too
  --to CLASS           the new class of the FILE arguments
  --quiet              print only the summary
DIR must lie outside DATASET.
)";

const char* kJournalHelp = R"(usage: sdd journal --workspace DIR [--csv FILE]
Checks the workspace's label journal with SQLite's integrity check and prints its size and
current relabels; --csv FILE writes every journal row as CSV. Exit 1 when the check fails.
The journal is only read: a read-only workspace works.
)";

namespace {

/// Finds the dataset sample a user's path names: the journal path itself, a path relative
/// to the current folder or to the dataset, or an absolute one, also through symbolic links
/// (compared as canonical paths). `cwdFirst`: a FILE argument means the current folder
/// before the dataset's; a CSV row the dataset's first.
class SampleLookup {
 public:
  explicit SampleLookup(const sdd::Dataset& ds) : ds_(ds) {
    for (std::size_t i = 0; i < ds.samples().size(); ++i)
      byJournalPath_[sdd::journalPath(ds.root(), ds.samples()[i].path)] = i;
  }
  std::optional<std::size_t> find(const fs::path& p, bool cwdFirst) {
    if (!p.is_absolute()) {
      const auto it = byJournalPath_.find(sdd::journalPath(ds_.root(), ds_.root() / p));
      if (!cwdFirst && it != byJournalPath_.end()) return it->second;
    }
    std::vector<fs::path> tries;
    if (p.is_absolute()) {
      tries = {p};
    } else if (cwdFirst) {
      tries = {fs::current_path() / p, ds_.root() / p};
    } else {
      tries = {ds_.root() / p, fs::current_path() / p};
    }
    for (const fs::path& t : tries) {
      std::error_code ec;
      const fs::path c = fs::canonical(t, ec);
      if (ec) continue;
      if (byCanonical_.empty()) {
        for (std::size_t i = 0; i < ds_.samples().size(); ++i) {
          const fs::path ci = fs::canonical(ds_.samples()[i].path, ec);
          if (!ec) byCanonical_[ci.string()] = i;
        }
      }
      const auto it = byCanonical_.find(c.string());
      if (it != byCanonical_.end()) return it->second;
    }
    return std::nullopt;
  }

 private:
  const sdd::Dataset& ds_;
  std::map<std::string, std::size_t> byJournalPath_, byCanonical_;
};

}  // namespace

int cmdRelabel(const std::vector<std::string>& argv) {
  Args args(argv, {"workspace", "csv", "to"}, {"help", "quiet"});
  if (args.has("help")) {
    std::cout << kRelabelHelp;
    return 0;
  }
  const fs::path ws = args.str("workspace", "");
  if (ws.empty()) throw CliError("--workspace DIR is required (where the journal lives)");
  if (args.has("csv") == args.has("to"))
    throw CliError("give either --csv FILE or FILE... --to CLASS");
  std::vector<std::string> files = args.positionals();
  fs::path root = "data/NEU-DET";
  // The first positional is the dataset when it is a folder and files follow (or --csv).
  if (!files.empty() && fs::is_directory(files.front()) && (args.has("csv") || files.size() > 1)) {
    root = files.front();
    files.erase(files.begin());
  }
  sdd::ScanOptions opt;
  const sdd::Dataset ds = sdd::Dataset::scan(root, opt);
  sdd::requireWorkspaceOutsideDataset(ws, ds.root());
  SampleLookup lookup(ds);
  const std::set<std::string> classes(ds.classes().begin(), ds.classes().end());

  struct Want {
    std::string where, path, label;
  };
  std::vector<Want> wants;
  std::size_t rejected = 0;
  const bool fromCsv = args.has("csv");
  if (fromCsv) {
    const fs::path csv = args.str("csv", "");
    std::ifstream in(csv, std::ios::binary);
    if (!in) throw CliError("--csv " + csv.string() + ": cannot open the file");
    std::stringstream text;
    text << in.rdbuf();
    const sdd::LabelCsv parsed = sdd::parseLabelCsv(text.str());
    for (const auto& e : parsed.errors) std::cerr << csv.string() << ": " << e << "; row left out\n";
    rejected += parsed.errors.size();
    for (const auto& r : parsed.rows)
      wants.push_back({csv.string() + ": line " + std::to_string(r.line), r.path, r.label});
  } else {
    if (files.empty()) throw CliError("no image files given to relabel");
    for (const auto& f : files) wants.push_back({f, f, args.str("to", "")});
  }

  sdd::LabelStore store(sdd::LabelStore::journalFile(ws));
  std::size_t applied = 0, unchanged = 0;
  const bool quiet = args.has("quiet");
  // Up to 256 rows per transaction: one fsync each instead of one per row, and a 2 ms pause
  // between transactions in which another writer of the journal (the workbench) gets the lock.
  constexpr std::size_t kChunk = 256;
  std::vector<sdd::LabelAssignment> chunk;
  auto commit = [&] {
    if (chunk.empty()) return;
    const auto written = store.assign(chunk, "relabel", "sdd relabel");
    unchanged += chunk.size() - written.size();
    applied += written.size();
    if (!quiet)
      for (const auto& c : written) std::cout << "relabelled " << c.path << ": " << c.oldLabel << " -> " << c.newLabel << "\n";
    std::cout.flush();
    chunk.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  };
  for (const Want& w : wants) {
    const auto index = lookup.find(w.path, !fromCsv);
    if (!index) {
      std::cerr << w.where << ": " << w.path << " is not an image of the dataset " << ds.root().string() << "; left out\n";
      ++rejected;
      continue;
    }
    if (!classes.count(w.label)) {
      std::cerr << w.where << ": '" << w.label << "' is not a class of the dataset; left out\n";
      ++rejected;
      continue;
    }
    const sdd::Sample& sample = ds.samples()[*index];
    chunk.push_back({sdd::journalPath(ds.root(), sample.path), ds.classes()[sample.originalLabel], w.label});
    if (chunk.size() == kChunk) commit();
  }
  commit();
  std::cout << applied << " relabel(s) recorded in " << store.file().string() << ", " << unchanged
            << " already had that label, " << rejected << " left out\n";
  return rejected ? 1 : 0;
}

int cmdJournal(const std::vector<std::string>& argv) {
  Args args(argv, {"workspace", "csv"}, {"help"});
  if (args.has("help")) {
    std::cout << kJournalHelp;
    return 0;
  }
  const fs::path ws = args.str("workspace", "");
  if (ws.empty()) throw CliError("--workspace DIR is required");
  const fs::path file = sdd::LabelStore::journalFile(ws);
  if (!fs::exists(file)) throw CliError("--workspace " + ws.string() + ": no label journal (" + file.string() + ") there");
  const sdd::LabelStore store(file, sdd::LabelStore::Access::ReadOnly);
  const std::string check = store.integrityCheck();
  const auto rows = store.journal();
  std::cout << "journal " << file.string() << ": integrity " << check << ", " << rows.size()
            << " change(s), " << store.currentLabels().size() << " image(s) relabelled\n";
  if (args.has("csv")) store.exportCsv(args.str("csv", ""));
  return check == "ok" ? 0 : 1;
}

namespace {

int dispatch(const std::string& cmd, const std::vector<std::string>& rest) {
  if (cmd == "scan") return cmdScan(rest);
  if (cmd == "train") return cmdTrain(rest);
  if (cmd == "eval") return cmdEval(rest);
  if (cmd == "predict") return cmdPredict(rest);
  if (cmd == "info") return cmdInfo(rest);
  if (cmd == "report") return cmdReport(rest);
  if (cmd == "suspects") return cmdSuspects(rest);
  if (cmd == "reduce") return cmdReduce(rest);
  if (cmd == "export") return cmdExport(rest);
  if (cmd == "relabel") return cmdRelabel(rest);
  if (cmd == "journal") return cmdJournal(rest);
  if (cmd == "--version") {
    std::cout << "sdd " << SDD_VERSION << "\n";
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << (cmd.empty() ? "sdd: no command given\n" : "sdd: unknown command '" + cmd + "'\n") << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> rest(argv + std::min(argc, 2), argv + argc);
  const std::string cmd = argc > 1 ? argv[1] : "";
  auto fail = [&](int code, const std::string& what) {
    std::cerr << "sdd " << cmd << ": " << what << "\n";
    return code;
  };
  int rc = 0;
  try {
    rc = dispatch(cmd, rest);
  } catch (const CliError& e) {
    rc = fail(2, e.what());
  } catch (const std::invalid_argument& e) {
    rc = fail(2, e.what());
  } catch (const sdd::DatasetError& e) {
    rc = fail(3, e.what());
  } catch (const sdd::ModelError& e) {
    rc = fail(4, e.what());
  } catch (const sdd::LabelStoreError& e) {
    rc = fail(5, e.what());
  } catch (const sdd::WriteError& e) {
    rc = fail(kExitWriteError, e.what());
  } catch (const std::exception& e) {
    // OpenCV's and LibTorch's exceptions end here too, as a message and not std::terminate.
    rc = fail(1, std::string("error: ") + e.what());
  }
  // What went to standard output only reaches a full disk or /dev/full when it is flushed.
  try {
    sdd::flushStandardOutput();
  } catch (const sdd::WriteError& e) {
    return fail(rc ? rc : kExitWriteError, e.what());
  }
  return rc;
}
