#pragma once
/// The relabel journal of a workspace: an append-only SQLite table (WAL mode) of every label
/// change ever made to a dataset's images. The image files are never touched; the current
/// label of an image is the new label of its latest journal row, else its label on disk.
/// Each change is committed before the call returns, so a crash or kill loses nothing that
/// a caller was told had been saved.
/// Several processes may write one journal at once (the workbench and `sdd relabel`): each
/// write is a transaction, a reader sees other processes' commits (dataVersion() says when
/// there are new ones), and a change can be made conditional on the label it replaces
/// (compare-and-set), so an undo never overwrites a newer change made elsewhere.
/// Thread-safety: one LabelStore per thread (SQLite connections are not shared).

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace sdd {

class Dataset;
struct BoundingBox;
struct BoxEdit;
struct BoxAssignment;

/// A workspace database (the label journal, the stored predictions) that cannot be opened,
/// read or written.
class LabelStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The journal is locked by another writer for longer than the busy timeout; nothing was
/// written. Trying again later is the remedy.
class LabelStoreBusy : public LabelStoreError {
 public:
  using LabelStoreError::LabelStoreError;
};

/// One journal row. Paths are relative to the dataset root, with '/' separators.
struct LabelChange {
  long long id = 0;
  std::string path;
  std::string originalLabel;  ///< the label the dataset's folders give the image
  std::string oldLabel;       ///< the label it had just before this change
  std::string newLabel;
  std::string time;    ///< UTC, ISO 8601
  std::string action;  ///< "relabel", "label" (a first class), "undo" or "redo"
  std::string note;
  std::string method;  ///< how: "manual", "accepted" (a suggestion), "bulk >= 0.95", ...
  std::string user;    ///< by whom
  std::string model;   ///< the model that suggested it (its fingerprint), if any
};

/// How a change was made, for the journal: the method, who made it (empty: the operating
/// system's user name) and the model whose suggestion it follows (empty: none).
struct LabelSource {
  std::string method = "manual";
  std::string user;
  std::string model;
};

/// One requested change: set `path` (relative) to `label` ("" takes its class away: an image
/// without a class has "" as its label in the journal). With `expected`, only when the
/// image's current label is still `expected` (compare-and-set).
struct LabelAssignment {
  std::string path;
  std::string originalLabel;
  std::string label;
  std::optional<std::string> expected = std::nullopt;
};

/// An image whose current label is not the one a compare-and-set expected.
struct LabelConflict {
  std::string path, expected, current;
  /// The journal row that gave it its current label (id 0: none, the label is the one its
  /// folder gives).
  LabelChange changedBy;
  /// "PATH is now CURRENT, not EXPECTED: changed by ACTION (NOTE) at TIME".
  std::string describe() const;
};

/// A compare-and-set found other labels than it expected; nothing was written.
class LabelConflictError : public LabelStoreError {
 public:
  explicit LabelConflictError(std::vector<LabelConflict> conflicts);
  const std::vector<LabelConflict>& conflicts() const { return conflicts_; }

 private:
  std::vector<LabelConflict> conflicts_;
};

class LabelStore {
 public:
  enum class Access {
    ReadWrite,  ///< creates the journal (and its folder) when missing; needs write access
    ReadOnly,   ///< an existing journal, also on a read-only folder or medium
  };
  /// Opens the journal `file`. Throws LabelStoreError when it cannot, naming the reason.
  explicit LabelStore(const std::filesystem::path& file, Access access = Access::ReadWrite);
  ~LabelStore();
  LabelStore(const LabelStore&) = delete;
  LabelStore& operator=(const LabelStore&) = delete;

  const std::filesystem::path& file() const { return file_; }

  /// The journal file of a workspace folder.
  static std::filesystem::path journalFile(const std::filesystem::path& workspaceDir);

  bool readOnly() const { return access_ == Access::ReadOnly; }

  /// How long a write waits for another writer's lock before LabelStoreBusy (default 5 s;
  /// the workbench's GUI thread waits briefly and retries later instead of freezing).
  void setBusyTimeout(int milliseconds);

  /// Appends one row per assignment whose label differs from the current one, all in one
  /// transaction; returns the rows written (assignments that change nothing are left out).
  /// A "relabel" of an image without a class is recorded as action "label".
  /// Throws LabelConflictError (nothing written) when an assignment's `expected` label is
  /// not the current one, LabelStoreBusy when the journal stays locked, LabelStoreError
  /// otherwise.
  std::vector<LabelChange> assign(const std::vector<LabelAssignment>& changes,
                                  const std::string& action = "relabel",
                                  const std::string& note = {}, const LabelSource& source = {});

  /// Changes when another connection (another process, or another LabelStore) has
  /// committed to the journal since the last call; cheap enough to poll every second.
  long long dataVersion() const;
  /// Every row with an id above `id`, oldest first.
  std::vector<LabelChange> changesSince(long long id) const;
  /// The id of the newest row; 0 for an empty journal.
  long long lastId() const;
  /// The newest row of `path`, if any.
  std::optional<LabelChange> latest(const std::string& path) const;

  /// Current label per relabeled path (paths never relabeled are absent).
  std::map<std::string, std::string> currentLabels() const;
  /// Every row for `path`, oldest first.
  std::vector<LabelChange> history(const std::string& path) const;
  /// Every row, oldest first.
  std::vector<LabelChange> journal() const;

  /// Marks kept beside the labels, by path: "unsure" (an image to look at again). Setting
  /// is one transaction; marking a marked path again changes nothing.
  void setMark(const std::vector<std::string>& paths, const std::string& mark, bool on);
  /// The paths that carry `mark` (none for a journal older than marks).
  std::set<std::string> marked(const std::string& mark) const;

  /// Box edits (sdd/labels/box_edits.h), kept beside the labels.
  /// Sets the boxes of one image (one transaction) and returns the row written, or nothing
  /// when the boxes are already those. Throws BoxConflictError (nothing written) when
  /// `expected` is not the current list, LabelStoreError for a box checkBoxes refuses,
  /// LabelStoreBusy / LabelStoreError like assign().
  std::optional<BoxEdit> setBoxes(const BoxAssignment& edit, const std::string& action = "edit",
                                  const std::string& note = {}, const std::string& user = {});
  /// Current boxes per edited path (paths never edited are absent).
  std::map<std::string, std::vector<BoundingBox>> currentBoxes() const;
  /// Every box edit of `path`, oldest first.
  std::vector<BoxEdit> boxHistory(const std::string& path) const;
  /// Every box edit with an id above `id`, oldest first.
  std::vector<BoxEdit> boxEditsSince(long long id) const;
  /// The id of the newest box edit; 0 when none.
  long long lastBoxEditId() const;

  /// Writes the whole journal as CSV (sdd/util/csv.h), atomically. Throws WriteError.
  void exportCsv(const std::filesystem::path& csvFile) const;

  /// SQLite's PRAGMA integrity_check: "ok", or its findings one per line.
  std::string integrityCheck() const;

 private:
  struct Db;
  std::filesystem::path file_;
  Access access_;
  std::unique_ptr<Db> db_;
};

/// Throws LabelStoreError when the workspace folder lies inside the dataset folder (its
/// journal and runs would be scanned as images of the dataset).
void requireWorkspaceOutsideDataset(const std::filesystem::path& workspace,
                                    const std::filesystem::path& datasetRoot);

/// One row of a relabel CSV: `path,label` (the path relative to the dataset root, or absolute).
struct LabelCsvRow {
  std::size_t line = 0;  ///< 1-based line where the row starts
  std::string path, label;
};
struct LabelCsv {
  std::vector<LabelCsvRow> rows;
  std::vector<std::string> errors;  ///< "line N: reason" for each row left out
  std::size_t undecided = 0;        ///< rows with an empty label (not decided yet): left out
  std::size_t columns = 2, pathColumn = 0, labelColumn = 1;
};
/// Parses relabel CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
/// inside quotes). Without a header each row is `path,label`; a first row that names a
/// `path` and a `label` column (in any order, among others: a reviewed `sdd prelabel` file)
/// picks those columns, and then a row with an empty label is counted as undecided. Never
/// throws: a bad row is reported in `errors` and the rest is kept. A field our CSV writer guarded
/// against injection ('=x,
/// '-x, ...) is read back as written (=x, -x).
LabelCsv parseLabelCsv(const std::string& text);

/// Path of `file` relative to `root` in the journal's form ('/' separators).
std::string journalPath(const std::filesystem::path& root, const std::filesystem::path& file);

/// Result of applying a journal to a dataset.
struct AppliedLabels {
  std::size_t changed = 0;                 ///< samples whose label the journal changed
  std::vector<std::string> unknownPaths;   ///< journal paths that are not in the dataset
  std::vector<std::string> unknownLabels;  ///< "path: label" for labels not among the classes
};

/// Replaces the labels of `dataset` by the journal's current labels. Entries for missing
/// files or unknown classes are skipped and reported, never fatal.
AppliedLabels applyLabels(Dataset& dataset, const LabelStore& store);

/// Copies the dataset, with current labels, to `outDir/<class>/<file>` (folder per class;
/// images still without a class go to `outDir/unlabeled/`, so the copy scans back the same;
/// the split is kept as `outDir/train|validation/<class>/` when the dataset has its own).
/// Refuses a non-empty `outDir`. Each file is copied atomically (WriteError on failure).
/// Returns the number of files copied.
std::size_t exportFolderPerClass(const Dataset& dataset, const std::filesystem::path& outDir);

/// Writes `path,split,original_label,label` for every sample as CSV ("" for no class), atomically.
void exportManifest(const Dataset& dataset, const std::filesystem::path& csvFile);

}  // namespace sdd
