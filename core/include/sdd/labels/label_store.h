#pragma once
/// The relabel journal of a workspace: an append-only SQLite table (WAL mode) of every label
/// change ever made to a dataset's images. The image files are never touched; the current
/// label of an image is the new label of its latest journal row, else its label on disk.
/// Each change is committed before the call returns, so a crash or kill loses nothing that
/// a caller was told had been saved.
/// Thread-safety: one LabelStore per thread (SQLite connections are not shared).

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sdd {

class Dataset;

/// A journal that cannot be opened, read or written.
class LabelStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One journal row. Paths are relative to the dataset root, with '/' separators.
struct LabelChange {
  long long id = 0;
  std::string path;
  std::string originalLabel;  ///< the label the dataset's folders give the image
  std::string oldLabel;       ///< the label it had just before this change
  std::string newLabel;
  std::string time;    ///< UTC, ISO 8601
  std::string action;  ///< "relabel", "undo" or "redo"
  std::string note;
};

/// One requested change: set `path` (relative) to `label`.
struct LabelAssignment {
  std::string path;
  std::string originalLabel;
  std::string label;
};

class LabelStore {
 public:
  /// Opens (creating when needed) the journal `file`. Throws LabelStoreError when it cannot.
  explicit LabelStore(const std::filesystem::path& file);
  ~LabelStore();
  LabelStore(const LabelStore&) = delete;
  LabelStore& operator=(const LabelStore&) = delete;

  const std::filesystem::path& file() const { return file_; }

  /// The journal file of a workspace folder.
  static std::filesystem::path journalFile(const std::filesystem::path& workspaceDir);

  /// Appends one row per assignment whose label differs from the current one, all in one
  /// transaction; returns the rows written (assignments that change nothing are left out).
  std::vector<LabelChange> assign(const std::vector<LabelAssignment>& changes,
                                  const std::string& action = "relabel",
                                  const std::string& note = {});

  /// Current label per relabeled path (paths never relabeled are absent).
  std::map<std::string, std::string> currentLabels() const;
  /// Every row for `path`, oldest first.
  std::vector<LabelChange> history(const std::string& path) const;
  /// Every row, oldest first.
  std::vector<LabelChange> journal() const;

  /// Writes the whole journal as CSV (RFC 4180 quoting). Throws LabelStoreError on failure.
  void exportCsv(const std::filesystem::path& csvFile) const;

  /// SQLite's PRAGMA integrity_check: "ok", or its findings one per line.
  std::string integrityCheck() const;

 private:
  struct Db;
  std::filesystem::path file_;
  std::unique_ptr<Db> db_;
};

/// One row of a relabel CSV: `path,label` (the path relative to the dataset root, or absolute).
struct LabelCsvRow {
  std::size_t line = 0;  ///< 1-based line where the row starts
  std::string path, label;
};
struct LabelCsv {
  std::vector<LabelCsvRow> rows;
  std::vector<std::string> errors;  ///< "line N: reason" for each row left out
};
/// Parses relabel CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
/// inside quotes; an optional `path,label` header). Never throws: a bad row is reported in
/// `errors` and the rest is kept.
LabelCsv parseLabelCsv(const std::string& text);

/// Path of `file` relative to `root` in the journal's form ('/' separators).
std::string journalPath(const std::filesystem::path& root, const std::filesystem::path& file);

/// Result of applying a journal to a dataset.
struct AppliedLabels {
  std::size_t changed = 0;                ///< samples whose label the journal changed
  std::vector<std::string> unknownPaths;  ///< journal paths that are not in the dataset
  std::vector<std::string> unknownLabels; ///< "path: label" for labels not among the classes
};

/// Replaces the labels of `dataset` by the journal's current labels. Entries for missing
/// files or unknown classes are skipped and reported, never fatal.
AppliedLabels applyLabels(Dataset& dataset, const LabelStore& store);

/// Copies the dataset, with current labels, to `outDir/<class>/<file>` (folder per class;
/// the split is kept as `outDir/train|validation/<class>/` when the dataset has its own).
/// Refuses a non-empty `outDir`. Returns the number of files copied.
std::size_t exportFolderPerClass(const Dataset& dataset, const std::filesystem::path& outDir);

/// Writes `path,split,original_label,label` for every sample as CSV.
void exportManifest(const Dataset& dataset, const std::filesystem::path& csvFile);

}  // namespace sdd
