#include "labels/sqlite_database.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "sdd/labels/label_store.h"

namespace fs = std::filesystem;

namespace sdd::sqlite {

namespace {

bool isBusy(int rc) { return (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED; }

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

/// Runs `fn` again while the database is busy, up to `timeoutMs`: the busy handler does not
/// cover everything a new database's setup does (switching to WAL mode, for one) when
/// several processes create the same workspace at once.
void retryWhileBusy(int timeoutMs, const std::function<void()>& fn) {
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

Database::Database(const fs::path& file, const std::string& what, bool readOnly,
                   const std::function<void(Database&)>& setup, const char* probe)
    : file_(file), what_(what), probe_(probe) {
  if (readOnly)
    openReadOnly();
  else
    openForWriting(setup);
}

Database::~Database() { sqlite3_close(handle_); }

void Database::fail(int rc, const std::string& message) const {
  if (isBusy(rc))
    throw LabelStoreBusy(name() + " is busy: another program is writing to it (" + message + ")");
  // SQLite's message, with the operating system's reason when there is one ("disk I/O error"
  // alone does not tell the user that the disk is full).
  const int sys = handle_ ? sqlite3_system_errno(handle_) : 0;
  throw LabelStoreError(name() + ": " +
                        (sys ? message + " (" + std::strerror(sys) + ")" : message));
}

void Database::exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(handle_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : sqlite3_errmsg(handle_);
    sqlite3_free(err);
    fail(rc, msg);
  }
}

void Database::setBusyTimeout(int milliseconds) {
  busyTimeoutMs_ = milliseconds;
  sqlite3_busy_timeout(handle_, milliseconds);
}

void Database::transaction(const std::function<void()>& fn) {
  exec("BEGIN IMMEDIATE");
  try {
    fn();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(handle_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Database::openReadOnly() {
  std::error_code ec;
  if (!fs::exists(file_, ec)) throw LabelStoreError("no " + what_ + " at " + file_.string());
  // A read-only connection still needs the -shm file; on a read-only folder where it does not
  // exist, immutable=1 reads the database file alone (one closed cleanly has all its rows there).
  auto open = [&](const std::string& name, int flags) {
    sqlite3_close(handle_);
    handle_ = nullptr;
    if (sqlite3_open_v2(name.c_str(), &handle_, flags, nullptr) != SQLITE_OK)
      throw LabelStoreError("cannot open " + this->name() + ": " +
                            (handle_ ? sqlite3_errmsg(handle_) : "out of memory"));
    sqlite3_busy_timeout(handle_, busyTimeoutMs_);
    Statement check(*this, probe_);
    check.step();
  };
  try {
    open(file_.string(), SQLITE_OPEN_READONLY);
  } catch (const LabelStoreBusy&) {
    throw;
  } catch (const LabelStoreError& first) {
    const fs::path wal = file_.string() + "-wal";
    if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0)
      throw LabelStoreError(std::string(first.what()) + "; its newest changes are in " +
                            wal.string() +
                            ", which cannot be read without write access to the folder");
    open("file:" + uriPath(file_) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  }
}

void Database::openForWriting(const std::function<void(Database&)>& setup) {
  std::error_code ec;
  if (!file_.parent_path().empty()) fs::create_directories(file_.parent_path(), ec);
  if (ec)
    throw LabelStoreError("cannot create the workspace folder " + file_.parent_path().string() +
                          ": " + ec.message());
  // SQLite only says "unable to open database file"; name the usual reason first.
  const fs::path folder = file_.parent_path().empty() ? fs::path(".") : file_.parent_path();
  if (::access(folder.c_str(), W_OK) != 0) {
    const int err = errno;
    throw LabelStoreError("cannot write " + name() + ": the workspace folder " + folder.string() +
                          " is not writable (" + std::strerror(err) +
                          "); commands that only read labels open it read-only");
  }
  if (sqlite3_open_v2(file_.c_str(), &handle_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK)
    throw LabelStoreError("cannot open " + name() + ": " +
                          (handle_ ? sqlite3_errmsg(handle_) : "out of memory"));
  sqlite3_busy_timeout(handle_, busyTimeoutMs_);
  // A file that is not SQLite fails here, with SQLite's "file is not a database".
  retryWhileBusy(busyTimeoutMs_, [&] { exec("PRAGMA journal_mode=WAL"); });
  // journal_size_limit: the WAL file is truncated back to 4 MB after a checkpoint instead of
  // keeping its largest size for ever.
  exec("PRAGMA synchronous=FULL; PRAGMA journal_size_limit=4194304;");
  retryWhileBusy(busyTimeoutMs_, [&] { transaction([&] { setup(*this); }); });
}

Statement::Statement(const Database& db, const std::string& sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, sqlite3_errmsg(db.handle()));
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc, sqlite3_errmsg(db_.handle()));
}

}  // namespace sdd::sqlite
