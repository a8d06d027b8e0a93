#include "common.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

#include "sdd/imaging/image_loader.h"
#include "sdd/labels/box_edits.h"
#include "sdd/labels/label_store.h"
#include "sdd/util/runtime.h"
#include "sdd/util/text_width.h"
#include "sdd/workspace/workspace.h"

namespace fs = std::filesystem;

namespace sdd::cli {

std::atomic<bool> gCancel{false};

namespace {
void onSigint(int) {
  if (gCancel.exchange(true)) std::_Exit(130);  // second Ctrl-C: leave at once
  const char msg[] = "\nstopping after the current batch (Ctrl-C again to quit now)...\n";
  [[maybe_unused]] auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
}
}  // namespace

void installCtrlC() { std::signal(SIGINT, onSigint); }
void restoreCtrlC() { std::signal(SIGINT, SIG_DFL); }

bool isTty() { return isatty(STDERR_FILENO); }

std::string hms(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

std::string readInputFile(const std::filesystem::path& file, const std::string& option) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CliError(option + " " + file.string() + ": cannot open the file");
  if (const std::string why = sdd::tooLargeToRead(file); !why.empty())
    throw CliError(option + " " + file.string() + ": " + why);
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw CliError(option + " " + file.string() + ": cannot read the file");
  return text.str();
}

fs::path defaultModel() { return sdd::shippedModelFile(); }

fs::path datasetArg(const Args& args) {
  if (args.positionals().size() > 1)
    throw CliError("expected one DATASET folder, got " + std::to_string(args.positionals().size()));
  const fs::path p =
      args.positionals().empty() ? fs::path(kDefaultDataset) : fs::path(args.positionals()[0]);
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
  const sdd::LabelStore store(sdd::LabelStore::journalFile(workspace),
                              sdd::LabelStore::Access::ReadOnly);
  const sdd::AppliedLabels r = sdd::applyLabels(ds, store);
  for (const auto& p : r.unknownPaths)
    std::cerr << "warning: workspace relabels " << p << ", which is not in the dataset; ignored\n";
  for (const auto& p : r.unknownLabels)
    std::cerr << "warning: workspace relabel " << p << " names no class of the dataset; ignored\n";
  const sdd::AppliedBoxes boxes = sdd::applyBoxes(ds, store);
  for (const auto& p : boxes.unknownPaths)
    std::cerr << "warning: workspace edits the boxes of " << p
              << ", which is not in the dataset; ignored\n";
  std::cerr << "workspace " << workspace.string() << ": " << r.changed
            << " image(s) carry a relabeled class";
  if (boxes.changed) std::cerr << ", " << boxes.changed << " edited boxes";
  std::cerr << "\n";
}

/// Scans the dataset named by the command line: its positional or --dataset, --val-fraction,
/// --split-seed (a fresh seeded stratified split even when the dataset has split folders) and
/// `seed` for the split of a dataset without split folders.
std::vector<std::string> classListArg(const Args& args, const fs::path& workspace, bool save) {
  const std::vector<std::string> saved =
      workspace.empty() ? std::vector<std::string>() : sdd::Workspace(workspace).classList();
  if (!args.has("classes")) return saved;
  std::vector<std::string> given;
  try {
    given = sdd::parseClassList(args.str("classes", ""));
  } catch (const sdd::DatasetError& e) {
    throw CliError(std::string("--classes: ") + e.what());
  }
  if (save && !saved.empty() && saved != given)
    throw CliError("--classes differs from the class list of the workspace (" +
                   sdd::Workspace(workspace).classListFile().string() +
                   "); the labels there use it");
  if (save && saved.empty() && !workspace.empty()) {
    sdd::Workspace(workspace).saveClassList(given);
    std::cerr << "workspace " << workspace.string() << ": class list saved\n";
  }
  return given;
}

void rememberModelClasses(const sdd::Dataset& ds, const fs::path& workspace) {
  const sdd::Workspace w(workspace);
  if (workspace.empty() || ds.classSource() != sdd::ClassSource::Model || !w.classList().empty())
    return;
  w.saveClassList(ds.classes());
  std::cerr << "workspace " << workspace.string()
            << ": the model's classes saved as the class list\n";
}

sdd::Dataset scanDataset(const Args& args, std::uint64_t seed, bool verbose,
                         const fs::path& workspace, const std::vector<std::string>& modelClasses,
                         bool onlyWhereFoldersNameThem) {
  const fs::path root = datasetArg(args);
  sdd::ScanOptions opt;
  opt.classes = classListArg(args, workspace, false);
  if (!onlyWhereFoldersNameThem) opt.fallbackClasses = modelClasses;
  opt.validationFraction = args.real("val-fraction", 0.2, 0.0, 0.9);
  opt.seed = seed;
  if (args.has("split-seed")) {
    opt.resplit = true;
    opt.seed = static_cast<std::uint64_t>(args.integer("split-seed", 0, 0, 2147483647));
  }
  if (!workspace.empty() && !fs::exists(sdd::LabelStore::journalFile(workspace)) &&
      !fs::exists(sdd::Workspace(workspace).classListFile()))
    throw CliError("--workspace " + workspace.string() + ": no label journal (" +
                   sdd::LabelStore::journalFile(workspace).string() + ") there");
  const auto t0 = std::chrono::steady_clock::now();
  sdd::Dataset ds = [&] {
    try {
      return sdd::Dataset::scan(root, opt);
    } catch (const sdd::ClassListNeeded& e) {
      throw sdd::DatasetError(std::string(e.what()) + " (--classes A,B,...)");
    }
  }();
  // Folders that name other classes than the model's, where the model's are class folders
  // further down (SDNET2018's D/CD …, trained with --classes CD,…): the model's classes,
  // when they label at least as many images.
  const std::set<std::string> modelSet(modelClasses.begin(), modelClasses.end());
  if (opt.classes.empty() && !modelClasses.empty() &&
      std::set<std::string>(ds.classes().begin(), ds.classes().end()) != modelSet) {
    opt.classes = modelClasses;
    try {
      sdd::Dataset withModel = sdd::Dataset::scan(root, opt);
      const auto labeled = [](const sdd::Dataset& d) {
        return d.samples().size() - d.unlabeledCount();
      };
      if (labeled(withModel) > 0 && labeled(withModel) >= labeled(ds)) {
        std::cerr << "note: the folders name other classes than the model's, which are class "
                     "folders further down: the model's classes taken\n";
        ds = std::move(withModel);
      }
    } catch (const sdd::DatasetError&) {
      // the model's classes name nothing here: the scan as it was
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!workspace.empty() && fs::exists(sdd::LabelStore::journalFile(workspace)))
    applyWorkspace(ds, workspace);
  for (const auto& issue : ds.skipped())
    std::cerr << "warning: skipped " << issue.file.string() << ": " << issue.reason << "\n";
  if (!ds.skipped().empty())
    std::cerr << "warning: " << ds.skipped().size() << " file(s) skipped in total\n";
  for (const auto& note : ds.notes())
    std::cerr << "note: " << note.file.string() << ": " << note.reason << "\n";
  for (const auto& g : ds.duplicates()) {
    std::string classes;
    for (const int label : ds.conflictingLabels(g))
      classes += (classes.empty() ? "" : ", ") + ds.className(label);
    if (!classes.empty())
      std::cerr << "warning: identical images labeled differently (" << classes
                << "; at most one label is right): ";
    else
      std::cerr << (g.crossSplit ? "warning: identical images on both sides of the split: "
                                 : "note: identical images: ");
    for (std::size_t k = 0; k < g.samples.size(); ++k)
      std::cerr << (k ? ", " : "") << ds.samples()[g.samples[k]].path.string();
    std::cerr << "\n";
  }
  if (verbose) {
    const auto tr = ds.classCounts(sdd::Split::Train), va = ds.classCounts(sdd::Split::Validation);
    std::size_t w = 5;
    for (const auto& c : ds.classes()) w = std::max(w, sdd::displayWidth(c));
    std::cout << "dataset " << root.string() << " (" << sdd::toString(ds.layout()) << ", "
              << ds.samples().size() << " images, " << ds.classes().size() << " classes, "
              << (ds.hasOwnSplit() ? "its own train/validation split" : "seeded stratified split")
              << ", scanned in " << std::fixed << std::setprecision(1) << secs << " s)\n";
    if (ds.dataFolder() != ds.root())
      std::cout << "  read from " << ds.dataFolder().string()
                << ": the folder given holds only this one (an unpacked archive's folder)\n";
    if (ds.classSource() == sdd::ClassSource::Masks) {
      const auto& cs = ds.classes();
      std::cout << "  classes from the masks (nothing else names one): "
                << (std::find(cs.begin(), cs.end(), sdd::kDefectClass) != cs.end()
                        ? std::string(sdd::kDefectClass) + " = its mask marks a defect, "
                        : "a class = the class number the mask marks on most pixels (or the "
                          "name a label map or names file beside them gives it), ")
                << sdd::kGoodClass
                << " = a blank mask (or none, where only defective images have masks)\n";
    }
    std::cout << "  " << std::left << std::setw(static_cast<int>(w)) << "class" << std::right
              << std::setw(8) << "train" << std::setw(12) << "validation"
              << "\n";
    for (std::size_t c = 0; c < ds.classes().size(); ++c)
      std::cout << "  " << sdd::padRight(ds.classes()[c], w) << std::setw(8) << tr[c]
                << std::setw(12) << va[c] << "\n";
    if (const std::size_t unlabeled = ds.unlabeledCount())
      std::cout << "  " << unlabeled
                << " image(s) without a class, to label (not in training or evaluation)\n";
  }
  return ds;
}

void printProgress(const sdd::TrainProgress& p) {
  static auto last = std::chrono::steady_clock::time_point{};
  const auto now = std::chrono::steady_clock::now();
  if (p.batch != p.batches && now - last < std::chrono::milliseconds(200)) return;
  last = now;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * p.batch / p.batches);
  std::fprintf(stderr, "\r  epoch %d/%d [%s%s] %zu/%zu loss %.4f  elapsed %s  ETA %s ", p.epoch,
               p.epochs, std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), p.batch, p.batches, p.runningLoss,
               hms(p.elapsedSeconds).c_str(), hms(p.etaSeconds).c_str());
  std::fflush(stderr);
}

const std::set<std::string> kTrainValueFlags = {"noise",        "blur",       "label-smoothing",
                                                "map-weight",   "ema",        "epochs",
                                                "batch",        "lr",         "optimizer",
                                                "weight-decay", "schedule",   "step-size",
                                                "gamma",        "patience",   "keep",
                                                "seed",         "threads",    "device",
                                                "val-fraction", "split-seed", "preset",
                                                "conv",         "fc",         "head",
                                                "dropout",      "input-size", "channels",
                                                "workspace",    "classes",    "balance",
                                                "min-steps",    "data-memory"};
const std::set<std::string> kTrainSwitches = {
    "no-augment", "no-map", "class-weights", "bn", "no-bn", "no-channels-last", "stream-images"};

/// The model and training options shared by `train`, `suspects` and `reduce`. Options not
/// given keep the values of `run` (a run.json, when resuming a run) or else of the preset.
void parseTrainOptions(const Args& args, sdd::TrainConfig& cfg, sdd::ModelSpec& spec,
                       const std::string& defaultPreset, const RunManifest* run) {
  if (run && !args.has("preset")) {
    spec = run->spec;
    cfg = run->config;
  } else {
    // The recommended recipe (docs/performance.md) unless --preset asks for the paper's.
    const sdd::TrainRecipe recipe =
        sdd::trainRecipe(args.choice("preset", defaultPreset, sdd::trainRecipeNames()));
    spec = recipe.spec;
    cfg = recipe.config;
  }
  cfg.epochs = args.integer("epochs", cfg.epochs, 1, 100000);
  // Epochs asked for are the epochs trained, unless a step minimum is asked for too.
  cfg.minSteps = args.integer("min-steps", args.has("epochs") ? 0 : cfg.minSteps, 0, 100000000);
  cfg.batchSize = args.integer("batch", cfg.batchSize, 1, 65536);
  cfg.learningRate = args.real("lr", cfg.learningRate, 1e-9, 10);
  cfg.optimizer = args.choice("optimizer", cfg.optimizer, {"adam", "adamw", "sgd"});
  cfg.weightDecay = args.real("weight-decay", cfg.weightDecay, 0, 1);
  cfg.schedule = args.choice("schedule", cfg.schedule, {"cosine", "step", "none"});
  cfg.stepSize = args.integer("step-size", cfg.stepSize, 1, 100000);
  cfg.gamma = args.real("gamma", cfg.gamma, 0, 1);
  cfg.patience = args.integer("patience", cfg.patience, 0, 100000);
  cfg.keep = args.choice("keep", cfg.keep, {"last", "best"});
  cfg.seed =
      static_cast<std::uint64_t>(args.integer("seed", static_cast<int>(cfg.seed), 0, 2147483647));
  cfg.threads = args.integer("threads", cfg.threads, 0, 1024);
  cfg.dataMemoryMb = args.integer("data-memory", cfg.dataMemoryMb, 0, 1 << 30);
  cfg.device = args.str("device", cfg.device);
  if (args.has("stream-images")) cfg.streamImages = true;
  if (args.has("no-augment")) cfg.augment = false;
  if (args.has("class-weights") && args.has("balance"))
    throw CliError("--class-weights and --balance contradict each other");
  if (args.has("class-weights")) cfg.balance = "weights";
  cfg.balance =
      args.choice("balance", cfg.balance, {"auto", "none", "weights", "sqrt", "sampling"});
  if (args.has("no-map")) cfg.defectMap = false;
  cfg.mapWeight = args.real("map-weight", cfg.mapWeight, 0.0, 100.0);
  if (args.has("no-channels-last")) cfg.channelsLast = false;
  cfg.noise = args.real("noise", cfg.noise, 0.0, 1.0);
  cfg.blur = args.real("blur", cfg.blur, 0.0, 10.0);
  cfg.labelSmoothing = args.real("label-smoothing", cfg.labelSmoothing, 0.0, 0.99);
  cfg.ema = args.real("ema", cfg.ema, 0.0, 0.99999);
  spec.convChannels = args.intList("conv", spec.convChannels);
  spec.fcWidth = args.integer("fc", spec.fcWidth, 0, 65536);
  if (args.has("head"))
    spec.head = args.choice("head", "flatten", {"flatten", "gap"}) == "gap"
                    ? sdd::HeadType::GlobalAvgPool
                    : sdd::HeadType::Flatten;
  if (args.has("bn") && args.has("no-bn")) throw CliError("--bn and --no-bn contradict each other");
  if (args.has("bn")) spec.batchNorm = true;
  if (args.has("no-bn")) spec.batchNorm = false;
  spec.dropout = args.real("dropout", spec.dropout, 0, 0.99);
  spec.inputSize = args.integer("input-size", spec.inputSize, 8, 4096);
  spec.inputChannels =
      std::stoi(args.choice("channels", std::to_string(spec.inputChannels), {"1", "3"}));
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

}  // namespace sdd::cli
