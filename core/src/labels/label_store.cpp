#include "sdd/labels/label_store.h"

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

#include "sdd/dataset/dataset.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"

namespace fs = std::filesystem;

namespace sdd {

namespace {

constexpr int kSchemaVersion = 1;

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

/// SQLite's message, with the operating system's reason when there is one ("disk I/O error"
/// alone does not tell the user that the disk is full).
std::string sqliteError(sqlite3* db, const std::string& message) {
  const int sys = sqlite3_system_errno(db);
  return sys ? message + " (" + std::strerror(sys) + ")" : message;
}

bool isBusy(int rc) { return (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED; }

/// The error for result code `rc`: LabelStoreBusy when another writer holds the lock.
[[noreturn]] void throwFor(sqlite3* db, int rc, const fs::path& file, const std::string& message) {
  if (isBusy(rc))
    throw LabelStoreBusy("label journal " + file.string() +
                         " is busy: another program is writing to it (" + message + ")");
  throw LabelStoreError("label journal " + file.string() + ": " + sqliteError(db, message));
}

/// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const fs::path& file) : db_(db) {
    const int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) throwFor(db, rc, file, sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  /// True while there is a row; throws on error.
  bool step(const fs::path& file) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throwFor(db_, rc, file, sqlite3_errmsg(db_));
  }
  void bind(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  long long integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSelectColumns =
    "SELECT id, path, original_label, old_label, new_label, time, action, note FROM changes";

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
  return c;
}

}  // namespace

struct LabelStore::Db {
  sqlite3* handle = nullptr;
  int busyTimeoutMs = 5000;
  ~Db() { sqlite3_close(handle); }

  void exec(const char* sql, const fs::path& file) {
    char* err = nullptr;
    const int rc = sqlite3_exec(handle, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      const std::string msg = err ? err : sqlite3_errmsg(handle);
      sqlite3_free(err);
      throwFor(handle, rc, file, msg);
    }
  }
};

namespace {

/// `file` as an SQLite URI path (RFC 3986 percent-encoding of everything but unreserved
/// characters and '/'), for the immutable=1 parameter.
std::string uriPath(const fs::path& file) {
  const std::string abs = fs::absolute(file).string();
  std::string out;
  for (unsigned char c : abs) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

/// Runs `fn` again while the journal is busy, up to `timeoutMs`: the busy handler does not
/// cover everything a new journal's setup does (switching to WAL mode, for one) when several
/// processes create the same workspace at once.
template <class Fn>
void retryWhileBusy(int timeoutMs, Fn fn) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  for (int wait = 1;; wait = std::min(wait * 2, 50)) {
    try {
      fn();
      return;
    } catch (const LabelStoreBusy&) {
      if (std::chrono::steady_clock::now() >= until) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
  }
}

}  // namespace

fs::path LabelStore::journalFile(const fs::path& workspaceDir) {
  return workspaceDir / "labels.sqlite";
}

LabelStore::LabelStore(const fs::path& file, Access access)
    : file_(file), access_(access), db_(std::make_unique<Db>()) {
  std::error_code ec;
  if (access == Access::ReadOnly) {
    if (!fs::exists(file, ec)) throw LabelStoreError("no label journal at " + file.string());
    // A read-only connection still needs the journal's -shm file; on a read-only folder
    // where it does not exist, immutable=1 reads the database file alone (a journal closed
    // cleanly has all of its rows there).
    auto open = [&](const std::string& name, int flags) {
      sqlite3_close(db_->handle);
      db_->handle = nullptr;
      if (sqlite3_open_v2(name.c_str(), &db_->handle, flags, nullptr) != SQLITE_OK)
        throw LabelStoreError("cannot open label journal " + file.string() + ": " +
                              (db_->handle ? sqlite3_errmsg(db_->handle) : "out of memory"));
      sqlite3_busy_timeout(db_->handle, db_->busyTimeoutMs);
      Statement probe(db_->handle, "SELECT value FROM meta WHERE key='schema'", file_);
      probe.step(file_);
    };
    try {
      open(file.string(), SQLITE_OPEN_READONLY);
    } catch (const LabelStoreBusy&) {
      throw;
    } catch (const LabelStoreError& first) {
      const fs::path wal = file.string() + "-wal";
      if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0)
        throw LabelStoreError(std::string(first.what()) + "; its newest changes are in " +
                              wal.string() +
                              ", which cannot be read without write access to the folder");
      open("file:" + uriPath(file) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    }
  } else {
    if (!file.parent_path().empty()) fs::create_directories(file.parent_path(), ec);
    if (ec)
      throw LabelStoreError("cannot create the workspace folder " + file.parent_path().string() +
                            ": " + ec.message());
    // SQLite only says "unable to open database file"; name the usual reason first.
    const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    if (::access(folder.c_str(), W_OK) != 0) {
      const int err = errno;
      throw LabelStoreError("cannot write label journal " + file.string() +
                            ": the workspace folder " + folder.string() + " is not writable (" +
                            std::strerror(err) +
                            "); commands that only read labels open it read-only");
    }
    if (sqlite3_open_v2(file.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
      throw LabelStoreError("cannot open label journal " + file.string() + ": " +
                            (db_->handle ? sqlite3_errmsg(db_->handle) : "out of memory"));
    }
    sqlite3_busy_timeout(db_->handle, db_->busyTimeoutMs);
    // Several processes may create one workspace at the same moment: every step is
    // idempotent and the schema is made in one IMMEDIATE transaction.
    retryWhileBusy(db_->busyTimeoutMs, [&] {
      // A file that is not SQLite fails here, with SQLite's "file is not a database".
      db_->exec("PRAGMA journal_mode=WAL", file_);
    });
    // journal_size_limit: the WAL file is truncated back to 4 MB after a checkpoint instead
    // of keeping its largest size for ever.
    db_->exec("PRAGMA synchronous=FULL; PRAGMA journal_size_limit=4194304;", file_);
    retryWhileBusy(db_->busyTimeoutMs, [&] {
      db_->exec("BEGIN IMMEDIATE", file_);
      try {
        db_->exec(
            "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS changes("
            " id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, original_label TEXT NOT "
            "NULL,"
            " old_label TEXT NOT NULL, new_label TEXT NOT NULL, time TEXT NOT NULL,"
            " action TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');"
            "CREATE INDEX IF NOT EXISTS changes_path ON changes(path, id);",
            file_);
        Statement put(db_->handle, "INSERT OR IGNORE INTO meta(key, value) VALUES('schema', ?1)",
                      file_);
        put.bind(1, std::to_string(kSchemaVersion));
        put.step(file_);
        db_->exec("COMMIT", file_);
      } catch (...) {
        sqlite3_exec(db_->handle, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    });
  }
  Statement version(db_->handle, "SELECT value FROM meta WHERE key='schema'", file_);
  if (version.step(file_)) {
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
}

LabelStore::~LabelStore() = default;

void LabelStore::setBusyTimeout(int milliseconds) {
  db_->busyTimeoutMs = milliseconds;
  sqlite3_busy_timeout(db_->handle, milliseconds);
}

std::vector<LabelChange> LabelStore::assign(const std::vector<LabelAssignment>& changes,
                                            const std::string& action, const std::string& note) {
  std::vector<LabelChange> written;
  if (changes.empty()) return written;
  if (readOnly())
    throw LabelStoreError("label journal " + file_.string() +
                          " is open read-only; the change was not saved");
  const std::string now = utcNow();
  db_->exec("BEGIN IMMEDIATE", file_);
  try {
    std::vector<LabelConflict> conflicts;
    {
      // Both statements are finalized before COMMIT: a statement still open at COMMIT keeps
      // a read transaction alive and blocks the automatic checkpoint, so the WAL file grew
      // without bound (81 MB after 6,000 relabels).
      Statement current(
          db_->handle,
          (std::string(kSelectColumns) + " WHERE path=?1 ORDER BY id DESC LIMIT 1").c_str(), file_);
      Statement insert(
          db_->handle,
          "INSERT INTO changes(path, original_label, old_label, new_label, time, action,"
          " note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          file_);
      for (const LabelAssignment& a : changes) {
        current.bind(1, a.path);
        std::optional<LabelChange> last;
        if (current.step(file_)) last = readRow(current);
        current.reset();
        const std::string old = last ? last->newLabel : a.originalLabel;
        if (a.expected && *a.expected != old) {
          conflicts.push_back({a.path, *a.expected, old, last.value_or(LabelChange{})});
          continue;
        }
        if (old == a.label || !conflicts.empty()) continue;
        LabelChange c{0, a.path, a.originalLabel, old, a.label, now, action, note};
        insert.bind(1, c.path);
        insert.bind(2, c.originalLabel);
        insert.bind(3, c.oldLabel);
        insert.bind(4, c.newLabel);
        insert.bind(5, c.time);
        insert.bind(6, c.action);
        insert.bind(7, c.note);
        insert.step(file_);
        insert.reset();
        c.id = sqlite3_last_insert_rowid(db_->handle);
        written.push_back(std::move(c));
      }
    }
    if (!conflicts.empty()) throw LabelConflictError(std::move(conflicts));
    db_->exec("COMMIT", file_);
  } catch (...) {
    sqlite3_exec(db_->handle, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return written;
}

long long LabelStore::dataVersion() const {
  Statement st(db_->handle, "PRAGMA data_version", file_);
  return st.step(file_) ? st.integer(0) : 0;
}

std::vector<LabelChange> LabelStore::changesSince(long long id) const {
  std::vector<LabelChange> out;
  Statement st(db_->handle, (std::string(kSelectColumns) + " WHERE id>?1 ORDER BY id").c_str(),
               file_);
  st.bind(1, id);
  while (st.step(file_)) out.push_back(readRow(st));
  return out;
}

long long LabelStore::lastId() const {
  Statement st(db_->handle, "SELECT COALESCE(MAX(id), 0) FROM changes", file_);
  return st.step(file_) ? st.integer(0) : 0;
}

std::optional<LabelChange> LabelStore::latest(const std::string& path) const {
  Statement st(db_->handle,
               (std::string(kSelectColumns) + " WHERE path=?1 ORDER BY id DESC LIMIT 1").c_str(),
               file_);
  st.bind(1, path);
  if (st.step(file_)) return readRow(st);
  return std::nullopt;
}

std::string LabelConflict::describe() const {
  std::string who = changedBy.id == 0 ? std::string("its folder gives that label")
                                      : "changed by " + changedBy.action +
                                            (changedBy.note.empty() ? std::string()
                                                                    : " (" + changedBy.note + ")") +
                                            " at " + changedBy.time;
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
  Statement st(db_->handle, "SELECT path, new_label FROM changes ORDER BY id", file_);
  while (st.step(file_)) out[st.text(0)] = st.text(1);
  return out;
}

std::vector<LabelChange> LabelStore::history(const std::string& path) const {
  std::vector<LabelChange> out;
  Statement st(db_->handle, (std::string(kSelectColumns) + " WHERE path=?1 ORDER BY id").c_str(),
               file_);
  st.bind(1, path);
  while (st.step(file_)) out.push_back(readRow(st));
  return out;
}

std::vector<LabelChange> LabelStore::journal() const {
  std::vector<LabelChange> out;
  Statement st(db_->handle, (std::string(kSelectColumns) + " ORDER BY id").c_str(), file_);
  while (st.step(file_)) out.push_back(readRow(st));
  return out;
}

void LabelStore::exportCsv(const fs::path& csvFile) const {
  CsvWriter csv(
      {"id", "path", "original_label", "old_label", "new_label", "time", "action", "note"});
  for (const LabelChange& c : journal()) {
    csv.integer(c.id)
        .text(c.path)
        .text(c.originalLabel)
        .text(c.oldLabel)
        .text(c.newLabel)
        .text(c.time);
    csv.text(c.action).text(c.note).endRow();
  }
  writeFileAtomically(csvFile, csv.str());
}

std::string LabelStore::integrityCheck() const {
  Statement check(db_->handle, "PRAGMA integrity_check", file_);
  std::string out;
  while (check.step(file_)) out += (out.empty() ? "" : "\n") + check.text(0);
  return out;
}

LabelCsv parseLabelCsv(const std::string& text) {
  LabelCsv out;
  std::size_t i = 0, line = 1;
  bool first = true;
  while (i < text.size()) {
    const std::size_t rowLine = line;
    std::vector<std::string> fields(1);
    bool bad = false, quotedField = false;
    std::string why;
    // One record: fields until an unquoted newline or the end.
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"' && fields.back().empty() && !quotedField) {
        quotedField = true;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              fields.back() += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          fields.back() += text[i++];
        }
        if (!closed) {
          bad = true;
          why = "unclosed quote";
        } else if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          bad = true;
          why = "text after a closing quote";
          while (i < text.size() && text[i] != '\n') ++i;
        }
        continue;
      }
      if (c == ',') {
        fields.emplace_back();
        quotedField = false;
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;
      }
      if (c == '\n') {
        ++i;
        ++line;
        break;
      }
      if (c == '\0') {
        bad = true;
        why = "NUL byte";
      }
      fields.back() += c;
      ++i;
    }
    const bool header = first && fields.size() == 2 && fields[0] == "path" && fields[1] == "label";
    first = false;
    if (header || (fields.size() == 1 && fields[0].empty() && !bad))
      continue;  // header, blank line
    const std::string where = "line " + std::to_string(rowLine) + ": ";
    if (bad) {
      out.errors.push_back(where + why);
    } else if (fields.size() != 2) {
      out.errors.push_back(where + "expected 2 fields (path,label), found " +
                           std::to_string(fields.size()));
    } else if (fields[0].empty() || fields[1].empty()) {
      out.errors.push_back(where + "empty path or label");
    } else {
      for (auto& f : fields)
        if (f.size() > 1 && f[0] == '\'' && csvNeedsInjectionGuard(std::string_view(f).substr(1)))
          f.erase(0, 1);
      out.rows.push_back({rowLine, fields[0], fields[1]});
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
    const auto k = classIndex.find(label);
    if (k == classIndex.end()) {
      result.unknownLabels.push_back(path + ": " + label);
      continue;
    }
    if (dataset.samples()[s->second].label != k->second) {
      dataset.setLabel(s->second, k->second);
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
    dir /= dataset.classes()[s.label];
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
    csv.text(dataset.classes()[s.originalLabel]).text(dataset.classes()[s.label]).endRow();
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
