#include "sdd/labels/label_store.h"

#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <system_error>
#include <thread>

#include "labels/journal_db.h"
#include "sdd/dataset/dataset.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"

namespace fs = std::filesystem;

namespace sdd {

std::string utcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string osUserName() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name)
    return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

namespace {

// 1: the journal; 2: how, by whom and with which model each label was given. The box edits'
// table (box_edits.cpp) came later without a new version: a program that predates it reads
// the journal as before and never sees the table.
constexpr int kSchemaVersion = 2;

using sqlite::Statement;

constexpr const char* kColumns =
    "id, path, original_label, old_label, new_label, time, action, note, method, user, model";

LabelChange readRow(const Statement& st) {
  LabelChange c;
  c.id = st.integer(0);
  c.path = st.text(1);
  c.originalLabel = st.text(2);
  c.oldLabel = st.text(3);
  c.newLabel = st.text(4);
  c.time = st.text(5);
  c.action = st.text(6);
  c.note = st.text(7);
  c.method = st.text(8);
  c.user = st.text(9);
  c.model = st.text(10);
  return c;
}

const std::string kFirstLabel = "label";

bool hasColumn(const sqlite::Database& db, const std::string& table, const std::string& column) {
  Statement st(db, "PRAGMA table_info(" + table + ")");
  while (st.step())
    if (st.text(1) == column) return true;
  return false;
}

// Creates the schema, or brings a version-1 journal to version 2; idempotent, so that
// several processes may do it at once (each in its own IMMEDIATE transaction).
void setUp(sqlite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS changes("
      " id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, original_label TEXT NOT NULL,"
      " old_label TEXT NOT NULL, new_label TEXT NOT NULL, time TEXT NOT NULL,"
      " action TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');"
      "CREATE INDEX IF NOT EXISTS changes_path ON changes(path, id);"
      "CREATE TABLE IF NOT EXISTS marks(path TEXT NOT NULL, mark TEXT NOT NULL, time TEXT NOT NULL,"
      " PRIMARY KEY(path, mark)) WITHOUT ROWID;");
  createBoxEditsTable(db);
  for (const char* column : {"method", "user", "model"})
    if (!hasColumn(db, "changes", column))
      db.exec(
          ("ALTER TABLE changes ADD COLUMN " + std::string(column) + " TEXT NOT NULL DEFAULT ''")
              .c_str());
  Statement version(db, "SELECT value FROM meta WHERE key='schema'");
  if (version.step() && version.text(0) != "1" && version.text(0) != std::to_string(kSchemaVersion))
    return;
  Statement put(db, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema', ?1)");
  put.bind(1, std::to_string(kSchemaVersion));
  put.step();
}

}  // namespace

LabelStore::Db::Db(const fs::path& file, bool readOnly)
    : db(file, "label journal", readOnly, setUp, "SELECT value FROM meta WHERE key='schema'") {}

fs::path LabelStore::journalFile(const fs::path& workspaceDir) {
  return workspaceDir / "labels.sqlite";
}

LabelStore::LabelStore(const fs::path& file, Access access)
    : file_(file), access_(access), db_(std::make_unique<Db>(file, access == Access::ReadOnly)) {
  Statement version(db_->db, "SELECT value FROM meta WHERE key='schema'");
  if (version.step()) {
    int v = 0;
    try {
      v = std::stoi(version.text(0));
    } catch (const std::exception&) {
      throw LabelStoreError("label journal " + file.string() + " has a damaged schema version '" +
                            version.text(0) + "'");
    }
    if (v > kSchemaVersion)
      throw LabelStoreError("label journal " + file.string() +
                            " was written by a newer version (schema " + version.text(0) + ")");
  }
  db_->select = hasColumn(db_->db, "changes", "method")
                    ? std::string("SELECT ") + kColumns + " FROM changes"
                    : "SELECT id, path, original_label, old_label, new_label, time, action, note, "
                      "'', '', '' FROM changes";
}

LabelStore::~LabelStore() = default;

void LabelStore::setBusyTimeout(int milliseconds) { db_->db.setBusyTimeout(milliseconds); }

std::vector<LabelChange> LabelStore::assign(const std::vector<LabelAssignment>& changes,
                                            const std::string& action, const std::string& note,
                                            const LabelSource& source) {
  std::vector<LabelChange> written;
  if (changes.empty()) return written;
  if (readOnly())
    throw LabelStoreError("label journal " + file_.string() +
                          " is open read-only; the change was not saved");
  const std::string now = utcNow();
  const std::string user = source.user.empty() ? osUserName() : source.user;
  const std::string method = source.method.empty() ? "manual" : source.method;
  std::vector<LabelConflict> conflicts;
  db_->db.transaction([&] {
    {
      // Both statements are finalized before COMMIT: a statement still open at COMMIT keeps
      // a read transaction alive and blocks the automatic checkpoint, so the WAL file grew
      // without bound (81 MB after 6,000 relabels).
      Statement current(db_->db, db_->select + " WHERE path=?1 ORDER BY id DESC LIMIT 1");
      Statement insert(
          db_->db,
          "INSERT INTO changes(path, original_label, old_label, new_label, time, action, note,"
          " method, user, model) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
      for (const LabelAssignment& a : changes) {
        current.bind(1, a.path);
        std::optional<LabelChange> last;
        if (current.step()) last = readRow(current);
        current.reset();
        const std::string old = last ? last->newLabel : a.originalLabel;
        if (a.expected && *a.expected != old) {
          conflicts.push_back({a.path, *a.expected, old, last.value_or(LabelChange{})});
          continue;
        }
        if (old == a.label || !conflicts.empty()) continue;
        // The first class an image gets is a "label", however it was asked for.
        const std::string& act = action == "relabel" && old.empty() ? kFirstLabel : action;
        LabelChange c{0,   a.path, a.originalLabel, old,  a.label,     now,
                      act, note,   method,          user, source.model};
        const std::string values[] = {c.path,   c.originalLabel, c.oldLabel, c.newLabel, c.time,
                                      c.action, c.note,          c.method,   c.user,     c.model};
        for (int k = 0; k < 10; ++k) insert.bind(k + 1, values[k]);
        insert.step();
        insert.reset();
        c.id = sqlite3_last_insert_rowid(db_->db.handle());
        written.push_back(std::move(c));
      }
    }
    if (!conflicts.empty()) throw LabelConflictError(std::move(conflicts));
  });
  return written;
}

void LabelStore::setMark(const std::vector<std::string>& paths, const std::string& mark, bool on) {
  if (paths.empty()) return;
  if (readOnly())
    throw LabelStoreError("label journal " + file_.string() +
                          " is open read-only; the mark was not saved");
  const std::string now = utcNow();
  db_->db.transaction([&] {
    Statement st(db_->db, on ? "INSERT OR IGNORE INTO marks(path, mark, time) VALUES(?1, ?2, ?3)"
                             : "DELETE FROM marks WHERE path=?1 AND mark=?2");
    for (const std::string& p : paths) {
      st.bind(1, p);
      st.bind(2, mark);
      if (on) st.bind(3, now);
      st.step();
      st.reset();
    }
  });
}

std::set<std::string> LabelStore::marked(const std::string& mark) const {
  std::set<std::string> out;
  {
    Statement table(db_->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='marks'");
    if (!table.step()) return out;  // a journal opened read-only from before marks
  }
  Statement st(db_->db, "SELECT path FROM marks WHERE mark=?1");
  st.bind(1, mark);
  while (st.step()) out.insert(st.text(0));
  return out;
}

long long LabelStore::dataVersion() const {
  Statement st(db_->db, "PRAGMA data_version");
  return st.step() ? st.integer(0) : 0;
}

std::vector<LabelChange> LabelStore::changesSince(long long id) const {
  std::vector<LabelChange> out;
  Statement st(db_->db, db_->select + " WHERE id>?1 ORDER BY id");
  st.bind(1, id);
  while (st.step()) out.push_back(readRow(st));
  return out;
}

long long LabelStore::lastId() const {
  Statement st(db_->db, "SELECT COALESCE(MAX(id), 0) FROM changes");
  return st.step() ? st.integer(0) : 0;
}

std::optional<LabelChange> LabelStore::latest(const std::string& path) const {
  Statement st(db_->db, db_->select + " WHERE path=?1 ORDER BY id DESC LIMIT 1");
  st.bind(1, path);
  if (st.step()) return readRow(st);
  return std::nullopt;
}

std::string LabelConflict::describe() const {
  std::string who =
      changedBy.id == 0
          ? std::string("its folder gives that label")
          : "changed by " + changedBy.action +
                (changedBy.note.empty() ? std::string() : " (" + changedBy.note + ")") +
                (changedBy.user.empty() ? std::string() : " of " + changedBy.user) + " at " +
                changedBy.time;
  return path + " is now '" + current + "', not '" + expected + "': " + who;
}

LabelConflictError::LabelConflictError(std::vector<LabelConflict> conflicts)
    : LabelStoreError([&] {
        std::string msg = "the label changed meanwhile, so nothing was written: ";
        for (std::size_t i = 0; i < conflicts.size() && i < 5; ++i)
          msg += (i ? "; " : "") + conflicts[i].describe();
        if (conflicts.size() > 5) msg += "; and " + std::to_string(conflicts.size() - 5) + " more";
        return msg;
      }()),
      conflicts_(std::move(conflicts)) {}

std::map<std::string, std::string> LabelStore::currentLabels() const {
  std::map<std::string, std::string> out;
  Statement st(db_->db, "SELECT path, new_label FROM changes ORDER BY id");
  while (st.step()) out[st.text(0)] = st.text(1);
  return out;
}

std::vector<LabelChange> LabelStore::history(const std::string& path) const {
  std::vector<LabelChange> out;
  Statement st(db_->db, db_->select + " WHERE path=?1 ORDER BY id");
  st.bind(1, path);
  while (st.step()) out.push_back(readRow(st));
  return out;
}

std::vector<LabelChange> LabelStore::journal() const {
  std::vector<LabelChange> out;
  Statement st(db_->db, db_->select + " ORDER BY id");
  while (st.step()) out.push_back(readRow(st));
  return out;
}

void LabelStore::exportCsv(const fs::path& csvFile) const {
  CsvWriter csv({"id", "path", "original_label", "old_label", "new_label", "time", "action", "note",
                 "method", "user", "model"});
  for (const LabelChange& c : journal()) {
    csv.integer(c.id)
        .text(c.path)
        .text(c.originalLabel)
        .text(c.oldLabel)
        .text(c.newLabel)
        .text(c.time);
    csv.text(c.action).text(c.note).text(c.method).text(c.user).text(c.model).endRow();
  }
  writeFileAtomically(csvFile, csv.str());
}

std::string LabelStore::integrityCheck() const {
  Statement check(db_->db, "PRAGMA integrity_check");
  std::string out;
  while (check.step()) out += (out.empty() ? "" : "\n") + check.text(0);
  return out;
}

LabelCsv parseLabelCsv(const std::string& text) {
  LabelCsv out;
  bool first = true;
  for (CsvRecord& r : parseCsv(text)) {
    std::vector<std::string>& fields = r.fields;
    // A header naming "path" and "label" picks those columns; other columns (a suggestion,
    // its confidence: `sdd prelabel --csv`) are there for the reviewer and ignored.
    if (first && r.error.empty()) {
      first = false;
      const auto col = [&](const char* name) {
        return static_cast<std::size_t>(std::find(fields.begin(), fields.end(), name) -
                                        fields.begin());
      };
      if (col("path") < fields.size() && col("label") < fields.size()) {
        out.columns = fields.size();
        out.pathColumn = col("path");
        out.labelColumn = col("label");
        continue;
      }
    }
    first = false;
    const std::string where = "line " + std::to_string(r.line) + ": ";
    if (!r.error.empty()) {
      out.errors.push_back(where + r.error);
    } else if (fields.size() != out.columns) {
      out.errors.push_back(where + "expected " + std::to_string(out.columns) + " fields" +
                           (out.columns == 2 ? " (path,label)" : " as in the header") + ", found " +
                           std::to_string(fields.size()));
    } else if (fields[out.pathColumn].empty()) {
      out.errors.push_back(where + "empty path");
    } else if (fields[out.labelColumn].empty()) {
      ++out.undecided;  // a reviewed file's image left without a class
    } else {
      out.rows.push_back({r.line, fields[out.pathColumn], fields[out.labelColumn]});
    }
  }
  return out;
}

std::string journalPath(const fs::path& root, const fs::path& file) {
  return file.lexically_relative(root).generic_string();
}

AppliedLabels applyLabels(Dataset& dataset, const LabelStore& store) {
  AppliedLabels result;
  std::map<std::string, int> classIndex;
  for (std::size_t k = 0; k < dataset.classes().size(); ++k)
    classIndex[dataset.classes()[k]] = static_cast<int>(k);
  std::map<std::string, std::size_t> sampleIndex;
  for (std::size_t i = 0; i < dataset.samples().size(); ++i)
    sampleIndex[journalPath(dataset.root(), dataset.samples()[i].path)] = i;

  for (const auto& [path, label] : store.currentLabels()) {
    const auto s = sampleIndex.find(path);
    if (s == sampleIndex.end()) {
      result.unknownPaths.push_back(path);
      continue;
    }
    // "" takes the class away again (an undone first label).
    const auto k = classIndex.find(label);
    if (k == classIndex.end() && !label.empty()) {
      result.unknownLabels.push_back(path + ": " + label);
      continue;
    }
    const int target = label.empty() ? kUnlabeled : k->second;
    if (dataset.samples()[s->second].label != target) {
      dataset.setLabel(s->second, target);
      ++result.changed;
    }
  }
  return result;
}

std::size_t exportFolderPerClass(const Dataset& dataset, const fs::path& outDir) {
  std::error_code ec;
  if (fs::exists(outDir, ec) && !fs::is_empty(outDir, ec))
    throw std::runtime_error("export folder " + outDir.string() +
                             " is not empty; choose a new or empty folder");
  std::size_t copied = 0;
  for (const Sample& s : dataset.samples()) {
    fs::path dir = outDir;
    if (dataset.hasOwnSplit()) dir /= s.split == Split::Train ? "train" : "validation";
    // Images without a class go to unlabeled/, which a scan reads as unlabeled again.
    dir /= s.label == kUnlabeled ? std::string("unlabeled") : dataset.classes()[s.label];
    fs::path dst = dir / s.path.filename();
    // Two source folders may hold the same file name; never overwrite, number the copy.
    for (int n = 2; fs::exists(dst, ec); ++n)
      dst = dir / (s.path.stem().string() + "_" + std::to_string(n) + s.path.extension().string());
    copyFileAtomically(s.path, dst);
    ++copied;
  }
  return copied;
}

void exportManifest(const Dataset& dataset, const fs::path& csvFile) {
  CsvWriter csv({"path", "split", "original_label", "label"});
  for (const Sample& s : dataset.samples()) {
    csv.text(journalPath(dataset.root(), s.path)).text(toString(s.split));
    csv.text(dataset.className(s.originalLabel)).text(dataset.className(s.label)).endRow();
  }
  writeFileAtomically(csvFile, csv.str());
}

void requireWorkspaceOutsideDataset(const fs::path& workspace, const fs::path& datasetRoot) {
  std::error_code ec;
  const fs::path ws = fs::weakly_canonical(fs::absolute(workspace, ec), ec);
  const fs::path root = fs::weakly_canonical(fs::absolute(datasetRoot, ec), ec);
  if (ws.empty() || root.empty()) return;
  const auto mismatch = std::mismatch(root.begin(), root.end(), ws.begin(), ws.end());
  if (mismatch.first == root.end())
    throw LabelStoreError(
        "the workspace " + workspace.string() + " lies inside the dataset folder " +
        datasetRoot.string() +
        ": its journal and runs would be scanned as images of the dataset; choose a folder "
        "outside it");
}

}  // namespace sdd
