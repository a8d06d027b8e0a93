#include "sdd/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <vector>

namespace fs = std::filesystem;

namespace sdd {
namespace {

std::string reason(int err) { return std::strerror(err ? err : EIO); }

[[noreturn]] void fail(const fs::path& file, int err) {
  throw WriteError("cannot write " + file.string() + ": " + reason(err));
}

/// The process's umask, read without changing it (umask(2) both sets and reads, which would
/// race with other threads creating files).
mode_t currentUmask() {
  static const mode_t mask = [] {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
      if (key == "Umask:") {
        std::string octal;
        status >> octal;
        return static_cast<mode_t>(std::stoul(octal, nullptr, 8));
      }
      std::getline(status, key);
    }
    return static_cast<mode_t>(022);
  }();
  return mask;
}

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR; returns 0 or errno.
int writeAll(int fd, std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return 0;
}

/// A temp file beside the target, removed unless committed.
class TempFile {
 public:
  explicit TempFile(const fs::path& target) : target_(target) {
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    // "<name>.XXXXXX.tmp": unique per writer, so two processes writing one file never share
    // a temp file; visible, so a leftover from a kill is easy to spot.
    std::string pattern = (dir / (target.filename().string() + ".XXXXXX.tmp")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    fd_ = ::mkstemps(buf.data(), 4);
    if (fd_ < 0) fail(target, ec && ec.value() != EEXIST ? ec.value() : errno);
    path_ = buf.data();
    ::fchmod(fd_, 0666 & ~currentUmask());
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }

  /// fsync, close (both checked), rename over the target, fsync the folder.
  void commit() {
    if (::fsync(fd_) != 0 && errno != EINVAL) fail(target_, errno);
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) fail(target_, errno);
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail(target_, errno);
    committed_ = true;
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
      // The rename is done; a folder that cannot be synced (some file systems refuse) still
      // holds the whole new file, so this is best effort.
      ::fsync(dfd);
      ::close(dfd);
    }
  }

 private:
  fs::path target_, path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

void writeFileAtomically(const fs::path& file, std::string_view bytes) {
  TempFile tmp(file);
  if (const int err = writeAll(tmp.fd(), bytes)) fail(file, err);
  tmp.commit();
}

void copyFileAtomically(const fs::path& from, const fs::path& to, bool noOverwrite) {
  std::error_code ec;
  if (noOverwrite && fs::exists(fs::symlink_status(to, ec))) fail(to, EEXIST);
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw std::runtime_error("cannot read " + from.string() + ": " + reason(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{in};
  TempFile tmp(to);
  std::vector<char> buf(1 << 20);
  for (;;) {
    const ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot read " + from.string() + ": " + reason(errno));
    }
    if (n == 0) break;
    if (const int err =
            writeAll(tmp.fd(), std::string_view(buf.data(), static_cast<std::size_t>(n))))
      fail(to, err);
  }
  // Between the check above and here another process may have created `to`; link() would
  // refuse to replace it, but rename() is what makes the file appear whole. The window is
  // the copy's duration; exportFolderPerClass writes into a folder it checked was empty.
  tmp.commit();
}

void flushStandardOutput() {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  int err = flushed ? 0 : errno;
  if (flushed && !std::ferror(stdout) && std::cout) return;
  // An earlier automatic flush failed and its errno is gone; the output is incomplete
  // anyway, so one more byte finds out why (ENOSPC, EIO, ...).
  if (err == 0 && ::write(STDOUT_FILENO, "\n", 1) < 0) err = errno;
  throw WriteError("cannot write standard output: " + reason(err));
}

}  // namespace sdd
