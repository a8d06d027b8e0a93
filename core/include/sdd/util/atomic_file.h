#pragma once
/// The one way the program writes a file: all or nothing. The bytes go to a temp file beside
/// the target, every write and the close are checked, the file is fsync'ed, then renamed over
/// the target (and the folder fsync'ed), so a reader sees the old file or the whole new one,
/// never a partial or 0-byte one, and a failure says why in the OS's words
/// ("No space left on device"). Thread-safety: free functions, safe from any thread.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sdd {

/// An output file (or standard output) could not be written. The message names the file
/// and the operating system's reason.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `bytes` to `file` atomically (see above), creating missing parent folders. On
/// failure the previous `file`, if any, is untouched, no temp file is left behind, and
/// WriteError says "cannot write FILE: REASON".
void writeFileAtomically(const std::filesystem::path& file, std::string_view bytes);

/// Copies `from` to `to` the same way (`to` must not exist yet when `noOverwrite`). Throws
/// WriteError for the target, std::runtime_error when `from` cannot be read.
void copyFileAtomically(const std::filesystem::path& from, const std::filesystem::path& to,
                        bool noOverwrite = true);

/// Flushes standard output and checks that everything written to it arrived (a full disk or
/// /dev/full behind a redirect fails only here). Throws WriteError with the reason.
void flushStandardOutput();

}  // namespace sdd
