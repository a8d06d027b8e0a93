#pragma once
/// Finding files on disk, the one walk that the dataset scan, `sdd predict` and the
/// workbench's drop / Classify Images share: every regular file below a folder, sorted, with
/// what could not be examined reported instead of silently missing. No decoding here.
/// Thread-safety: free functions.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sdd {

/// A file or folder that was found but cannot be used, and why.
struct ScanIssue {
  std::filesystem::path file;
  std::string reason;
};

/// True for what archivers and file managers leave beside the files a user made, which no walk
/// reports: macOS's `__MACOSX/` folders and `._x.jpg` resource forks (binary files with an
/// image's extension, from a zip made on a Mac), `.DS_Store`, Windows' `Thumbs.db` and
/// `desktop.ini`.
bool isArchiveLeftover(const std::filesystem::path& entry);

/// True for a file named like an archive datasets are downloaded as (.zip, .tar, .tar.gz,
/// .tgz, .tar.xz, .tar.bz2, .7z, .rar; any case).
bool isArchiveFile(const std::filesystem::path& file);

/// Every regular file below `dir`, sorted, without archive leftovers. Symbolic links to folders are
/// not followed (no loops); entries that cannot be examined (a dangling or looping link, no
/// permission) and sub-folders that cannot be listed go to `issues`, and the walk goes on. A folder
/// holding a workbench workspace (labels.sqlite) is not entered: it is the tools' output, not data.
std::vector<std::filesystem::path> filesBelow(const std::filesystem::path& dir,
                                              std::vector<ScanIssue>& issues);

/// The entries of a folder, sorted. A folder that cannot be listed (permissions, a symbolic
/// link loop, I/O error) is reported in `issues` when given, instead of looking empty.
std::vector<std::filesystem::path> sortedEntries(const std::filesystem::path& dir,
                                                 std::vector<ScanIssue>* issues = nullptr);

/// The file or folder on disk that `shown` names once its names were made text: a window toolkit
/// holds paths as text and writes each byte that is not UTF-8 (a Latin-1 name from an old
/// Windows share) as U+FFFD, as validUtf8 does, so no file has the name it hands back. `shown`
/// itself when it exists; else the one path whose names read as `shown` with such bytes replaced
/// (a run of U+FFFD stands for any run of such bytes); empty when there is none or more than one.
std::filesystem::path findByShownName(const std::string& shown);

/// True (and a note in `issues`) when `dir` holds a workbench workspace's label journal: the
/// tools' output inside a dataset, never its data.
bool isWorkspaceFolder(const std::filesystem::path& dir, std::vector<ScanIssue>& issues);

/// The images named by files and folders a user gives (command-line arguments, a drop): a
/// folder contributes its image files (by extension, see isImageExtension) in sorted order;
/// a file is kept whatever its name (reading it says whether it is an image).
struct ImageList {
  std::vector<std::filesystem::path> files;
  std::size_t ignored = 0;                          ///< non-image files inside the folders
  std::vector<ScanIssue> issues;                    ///< what could not be listed
  std::vector<std::filesystem::path> emptyFolders;  ///< folders with no image file
};
ImageList listImages(const std::vector<std::filesystem::path>& paths);

}  // namespace sdd
