#pragma once
/// A workspace: the folder where the tools keep what they make for one dataset, outside the
/// dataset itself. It holds the label journal (labels.sqlite), the class list the user gave
/// (classes.json, for images whose folders name no class), the model's suggestions
/// (predictions.sqlite), the training runs (runs/, one
/// RunFolder each), the cross-validation folds (crossval/) and the log of reports written
/// (reports.jsonl). The workbench and the CLI use the same layout, so each lists the other's
/// runs. Thread-safety: a Workspace is a plain value.

#include <filesystem>
#include <string>
#include <vector>

#include "sdd/training/run_folder.h"

namespace sdd {

/// One line of the reports log: when a report was written, where, and how many journal rows
/// there were then (for "relabels since the last report").
struct ReportRecord {
  std::string date;  ///< UTC, ISO 8601
  std::string pdf;
  long long journalRows = 0;
};

class Workspace {
 public:
  explicit Workspace(std::filesystem::path folder) : folder_(std::move(folder)) {}

  const std::filesystem::path& folder() const { return folder_; }
  std::filesystem::path journalFile() const;
  std::filesystem::path predictionsFile() const;
  std::filesystem::path classListFile() const { return folder_ / "classes.json"; }
  std::filesystem::path runsFolder() const { return folder_ / "runs"; }
  std::filesystem::path crossValidationFolder() const { return folder_ / "crossval"; }
  std::filesystem::path reportsLogFile() const { return folder_ / "reports.jsonl"; }

  /// The training runs in runs/ (folders holding a run.json), newest first by the start
  /// time their run.json records; a run.json that cannot be read sorts by the folder's time.
  std::vector<RunFolder> runs() const;
  /// The kept model (model.sddm) of every run that has one, newest run first.
  std::vector<std::filesystem::path> trainedModels() const;
  /// A new run in runs/ (not created yet): `prefix` + the UTC time, unique in the folder.
  RunFolder newRun(const std::string& prefix = {}) const;

  /// The class list saved for the dataset (empty when none was). Throws DatasetError naming
  /// the file when it is damaged.
  std::vector<std::string> classList() const;
  /// Saves the class list (checked by checkClassList; written atomically, WriteError).
  void saveClassList(const std::vector<std::string>& classes) const;

  /// The reports written so far, oldest first.
  std::vector<ReportRecord> reports() const;
  /// Appends to the reports log (the whole file rewritten atomically; throws WriteError).
  void recordReport(const ReportRecord& record) const;

  /// The workspace the workbench uses for a dataset when none is chosen:
  /// `appData`/workspaces/<folder name>-<the first 10 hex digits of the SHA-1 of its
  /// canonical path>. An empty `appData` means defaultAppDataFolder(). The folder name is made
  /// UTF-8 (validUtf8; the hash keeps the bytes apart): the workbench holds paths as text, and
  /// a workspace named in Latin-1 bytes would reach its journal under another name.
  static std::filesystem::path defaultFor(const std::filesystem::path& datasetFolder,
                                          const std::filesystem::path& appData = {});
  /// $XDG_DATA_HOME/SDD Workbench/sdd-workbench, else ~/.local/share/SDD Workbench/sdd-workbench
  /// (where Qt puts the workbench's application data on Linux).
  static std::filesystem::path defaultAppDataFolder();

 private:
  std::filesystem::path folder_;
};

}  // namespace sdd
