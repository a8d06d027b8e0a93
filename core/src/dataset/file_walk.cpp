#include "sdd/dataset/file_walk.h"

#include <algorithm>

#include "sdd/imaging/image_loader.h"
#include "sdd/labels/label_store.h"
#include "sdd/util/ascii.h"
#include "sdd/util/utf8.h"

namespace fs = std::filesystem;

namespace sdd {

std::vector<fs::path> sortedEntries(const fs::path& dir, std::vector<ScanIssue>* issues) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) out.push_back(it->path());
  if (ec && issues)
    issues->push_back({dir, "cannot list folder: " + ec.message() + "; its files are left out"});
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// Decoders differ in how many U+FFFD they write for one ill-formed sequence (Qt's and ours need
// not agree), so names are compared with each run of them counted as one.
std::string oneReplacementPerRun(const std::string& text) {
  static const std::string mark = "\xEF\xBF\xBD";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, mark.size(), mark) == 0) {
      out += mark;
      while (text.compare(i, mark.size(), mark) == 0) i += mark.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

fs::path findByShownName(const std::string& shown) {
  std::error_code ec;
  const fs::path wanted(shown);
  if (fs::exists(wanted, ec)) return wanted;
  fs::path at = wanted.has_root_path() ? wanted.root_path() : fs::path();
  for (const fs::path& part : wanted.relative_path()) {
    const fs::path direct = at / part;
    if (fs::exists(direct, ec) || part == "." || part == "..") {
      at = direct;
      continue;
    }
    const std::string name = oneReplacementPerRun(part.string());
    std::vector<fs::path> matches;
    for (const fs::path& entry : sortedEntries(at.empty() ? fs::path(".") : at))
      if (oneReplacementPerRun(validUtf8(entry.filename().string())) == name)
        matches.push_back(at / entry.filename());
    if (matches.size() != 1) return {};
    at = matches.front();
  }
  return fs::exists(at, ec) ? at : fs::path();
}

// The tools refuse to create a workspace inside a dataset; one made there by hand (or by an
// older version) is left out of the scan with one note instead of a class named after it.
bool isWorkspaceFolder(const fs::path& dir, std::vector<ScanIssue>& issues) {
  std::error_code ec;
  if (!fs::exists(LabelStore::journalFile(dir), ec)) return false;
  issues.push_back(
      {dir, "a workbench workspace (it holds labels.sqlite), not part of the dataset; left out"});
  return true;
}

bool isArchiveLeftover(const fs::path& entry) {
  const std::string name = entry.filename().string();
  return name == "__MACOSX" || name.rfind("._", 0) == 0 || name == "Thumbs.db" ||
         name == ".DS_Store" || name == "desktop.ini";
}

bool isArchiveFile(const fs::path& file) {
  const std::string name = asciiLower(file.filename().string());
  for (const std::string ext :
       {".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".7z", ".rar"})
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
      return true;
  return false;
}

std::vector<fs::path> filesBelow(const fs::path& dir, std::vector<ScanIssue>& issues) {
  std::vector<fs::path> files;
  for (const fs::path& entry : sortedEntries(dir, &issues)) {
    if (isArchiveLeftover(entry)) continue;
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(entry, ec);
    if (ec) {
      issues.push_back({entry, "cannot examine: " + ec.message()});
      continue;
    }
    if (fs::is_directory(link)) {
      if (isWorkspaceFolder(entry, issues)) continue;
      for (fs::path& f : filesBelow(entry, issues)) files.push_back(std::move(f));
      continue;
    }
    const fs::file_status target = fs::status(entry, ec);
    if (ec || !fs::exists(target)) {
      issues.push_back(
          {entry, fs::is_symlink(link)
                      ? "symbolic link that leads nowhere (dangling or a loop); ignored"
                      : "cannot examine: " + ec.message()});
      continue;
    }
    if (fs::is_regular_file(target)) {
      files.push_back(entry);
    } else if (fs::is_directory(target)) {
      issues.push_back({entry, "symbolic link to a folder; not followed"});
    } else {
      issues.push_back({entry, "not a regular file; ignored"});
    }
  }
  return files;
}

ImageList listImages(const std::vector<fs::path>& paths) {
  ImageList out;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      out.files.push_back(p);  // an explicit file is tried whatever its name
      continue;
    }
    std::size_t found = 0;
    for (fs::path& f : filesBelow(p, out.issues)) {
      if (!isImageExtension(f)) {
        ++out.ignored;
        continue;
      }
      out.files.push_back(std::move(f));
      ++found;
    }
    if (found == 0) out.emptyFolders.push_back(p);
  }
  return out;
}

}  // namespace sdd
