#pragma once
// Internal: a workspace's SQLite file (the label journal, the stored predictions), opened the
// one way such a file is: for writing, the file and its folder are created, the journal mode
// is WAL with full syncs, and the schema is made in one IMMEDIATE transaction, retried while
// another process holds the lock (several processes may create one workspace at once); for
// reading, an existing file is opened read-only, with immutable=1 when even its -shm file
// cannot be created (a read-only medium). Errors are LabelStoreError naming the file, with
// the operating system's reason; a lock held past the busy timeout is LabelStoreBusy.
// Thread-safety: one Database per thread.

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <string>

namespace sdd::sqlite {

class Database {
 public:
  /// `what` names the file in messages ("label journal"). `setup` runs inside the schema
  /// transaction of a writable database; `probe` is a query a readable one must answer.
  Database(const std::filesystem::path& file, const std::string& what, bool readOnly,
           const std::function<void(Database&)>& setup, const char* probe);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return handle_; }
  const std::filesystem::path& file() const { return file_; }
  /// "label journal FILE", for messages.
  std::string name() const { return what_ + " " + file_.string(); }

  void exec(const char* sql);
  void setBusyTimeout(int milliseconds);
  int busyTimeout() const { return busyTimeoutMs_; }
  /// Runs `fn` in a BEGIN IMMEDIATE transaction: committed when it returns, rolled back
  /// when it throws (and the exception passed on).
  void transaction(const std::function<void()>& fn);

  /// Throws the error for SQLite result code `rc` (LabelStoreBusy for a lock held too long).
  [[noreturn]] void fail(int rc, const std::string& message) const;

 private:
  void openReadOnly();
  void openForWriting(const std::function<void(Database&)>& setup);

  std::filesystem::path file_;
  std::string what_;
  const char* probe_;
  sqlite3* handle_ = nullptr;
  int busyTimeoutMs_ = 5000;
};

/// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(const Database& db, const std::string& sql);
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void bindBlob(int i, const void* data, int bytes) {
    sqlite3_bind_blob(stmt_, i, data, bytes, SQLITE_TRANSIENT);
  }
  /// True while there is a row; throws on error.
  bool step();
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  long long integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  const void* blob(int col) const { return sqlite3_column_blob(stmt_, col); }
  int bytes(int col) const { return sqlite3_column_bytes(stmt_, col); }

 private:
  const Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace sdd::sqlite
