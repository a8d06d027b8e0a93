#pragma once
// What the `sdd` commands share: the dataset argument and scan, the workspace's labels, the
// model and training options of train / suspects / reduce, progress output and Ctrl-C.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include "args.h"
#include "sdd/dataset/dataset.h"
#include "sdd/model/model_spec.h"
#include "sdd/training/trainer.h"

namespace sdd::cli {

constexpr const char* kDefaultDataset = "data/NEU-DET";
/// Exit code when an output file or standard output could not be written (disk full, ...).
constexpr int kExitWriteError = 6;

/// Set by the first Ctrl-C (installCtrlC); long commands stop after the current batch.
extern std::atomic<bool> gCancel;
/// Ctrl-C sets gCancel; a second one leaves at once.
void installCtrlC();
void restoreCtrlC();

/// True when standard error is a terminal (progress lines only then).
bool isTty();
/// Seconds as h:mm:ss.
std::string hms(double seconds);
/// The model a command uses without --model: the shipped one.
std::filesystem::path defaultModel();

/// The whole text of a file given with `option` (e.g. "--csv"); CliError naming both when it
/// cannot be read.
std::string readInputFile(const std::filesystem::path& file, const std::string& option);
/// The DATASET positional, data/NEU-DET when none (with a hint when that is missing too).
std::filesystem::path datasetArg(const Args& args);
/// Applies the journal of `workspace` to `ds` (read-only: labels and edited boxes), reporting
/// what it did.
void applyWorkspace(Dataset& ds, const std::filesystem::path& workspace);
/// The class list of the command line (--classes a,b,c) or else the one saved in
/// `workspace` (empty: none). `save`: a --classes list is saved in the workspace when it has
/// none yet, and one that differs from the saved list is refused.
std::vector<std::string> classListArg(const Args& args, const std::filesystem::path& workspace,
                                      bool save);
/// Saves the dataset's classes as the workspace's class list when they came from the model
/// and the workspace has none: later commands (and the workbench) then read the labels
/// given with the same classes, with or without that model.
void rememberModelClasses(const Dataset& ds, const std::filesystem::path& workspace);
/// Scans the dataset named by the command line: its positional, --val-fraction,
/// --split-seed (a seeded stratified split even when the dataset has split folders),
/// --classes (or the workspace's class list) and `seed` for the split of a dataset without
/// split folders; then the workspace's labels. `modelClasses`: the classes when the folders
/// name none (unless `onlyWhereFoldersNameThem`: evaluating needs labeled images), and where
/// they name others but the model's classes are class folders further down (then the model's
/// are taken when they label at least as many images, with a note). `verbose` prints the
/// class table.
Dataset scanDataset(const Args& args, std::uint64_t seed, bool verbose,
                    const std::filesystem::path& workspace = {},
                    const std::vector<std::string>& modelClasses = {},
                    bool onlyWhereFoldersNameThem = false);

/// A training progress line on standard error, at most 5 per second.
void printProgress(const TrainProgress& p);

/// The flags of the model and training options shared by train, suspects and reduce.
extern const std::set<std::string> kTrainValueFlags;
extern const std::set<std::string> kTrainSwitches;
/// Reads those options. Options not given keep the values of `run` (a run.json, when
/// resuming a run) or else of the preset. Throws CliError for a network the options
/// describe that cannot be built or is too big.
void parseTrainOptions(const Args& args, TrainConfig& cfg, ModelSpec& spec,
                       const std::string& defaultPreset = "default",
                       const RunManifest* run = nullptr);

}  // namespace sdd::cli
