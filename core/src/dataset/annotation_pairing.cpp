#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "dataset/folder_walk.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/imaging/image_loader.h"

// Pairing images with the annotation files that name them (declared in folder_walk.h, beside
// the walk that lists both): one rule for which of several same-named files is meant, VOC
// files by stem, and the labeling tools' JSON lists by the names they write.

namespace fs = std::filesystem;

namespace sdd {

std::size_t bestNameMatch(const std::vector<NameMatch>& matches, const fs::path& root) {
  const auto sharedFolders = [](const fs::path& a, const fs::path& b) {
    std::size_t n = 0;
    for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end() && *x == *y; ++x, ++y) ++n;
    return n;
  };
  // Ranked as a pair: the path as written (2 from the file's folder, 1 from the root), then
  // the folders shared.
  const auto rank = [&](const NameMatch& m) {
    const fs::path image = m.image.lexically_normal();
    int written = 0;
    if (!m.written.empty() && (m.labelFolder / m.written).lexically_normal() == image)
      written = 2;
    else if (!m.written.empty() && (root / m.written).lexically_normal() == image)
      written = 1;
    return std::make_pair(written, sharedFolders(m.labelFolder, m.image.parent_path()));
  };
  std::size_t best = 0;
  for (std::size_t j = 1; j < matches.size(); ++j)
    if (rank(matches[j]) > rank(matches[best])) best = j;
  return best;
}

std::string namedClass(const std::string& stem, const std::set<std::string>& classes) {
  std::string best;
  for (const std::string& cls : classes) {
    if (cls.size() <= best.size() || stem.size() <= cls.size() || stem.compare(0, cls.size(), cls))
      continue;
    const unsigned char next = static_cast<unsigned char>(stem[cls.size()]);
    if (!std::isalpha(next)) best = cls;
  }
  return best;
}

void pairVocFiles(FolderWalk& c, const std::vector<bool>& readable,
                  std::vector<ScanIssue>& issues) {
  const std::size_t nImages = readable.size();
  std::map<std::string, std::vector<std::size_t>> byStem;
  for (std::size_t k = 0; k < c.vocFiles.size(); ++k)
    byStem[c.vocFiles[k].stem().string()].push_back(k);
  std::set<std::string> used;
  for (std::size_t i = 0; i < nImages; ++i)
    if (!c.candidates[i].annotation.empty()) used.insert(c.candidates[i].annotation.string());
  for (std::size_t i = 0; i < nImages; ++i) {
    Candidate& cand = c.candidates[i];
    if (!cand.annotation.empty()) continue;
    const auto it = byStem.find(cand.path.stem().string());
    if (it == byStem.end()) continue;
    std::vector<NameMatch> matches;
    for (std::size_t k : it->second) matches.push_back({cand.path, c.vocFiles[k].parent_path()});
    const std::size_t best = it->second[bestNameMatch(matches, {})];  // no path is written
    used.insert(c.vocFiles[best].string());  // an unreadable image's is not reported twice
    if (readable[i]) cand.annotation = c.vocFiles[best];
  }
  for (const fs::path& f : c.vocFiles)
    if (!used.count(f.string()))
      issues.push_back({f, "an XML file, but no image named like it; ignored"});
}

std::size_t pairListFiles(FolderWalk& c, const fs::path& root, const std::vector<bool>& readable,
                          std::vector<ScanIssue>& issues) {
  struct Listed {
    fs::path written;  // the image's path as the JSON file names it
    const ListedImage* image;
    std::size_t file;
  };
  std::vector<std::vector<ListedImage>> files(c.listFiles.size());
  std::vector<AnnotationListFormat> formats(c.listFiles.size(), AnnotationListFormat::Coco);
  std::map<std::string, std::vector<Listed>> byName;
  for (std::size_t k = 0; k < c.listFiles.size(); ++k) {
    std::string error;
    files[k] = readAnnotationList(c.listFiles[k], &error, &formats[k]);
    if (!error.empty()) {
      issues.push_back({c.listFiles[k], error + "; ignored"});
      // A Supervisely file describes one image (ann/x.jpg.json): unread, it still says that
      // its image's folder (ds0/img/) is no class, so the image is left to label.
      if (formats[k] != AnnotationListFormat::Supervisely ||
          c.listFiles[k].filename() == "meta.json")
        continue;
      files[k] = {ListedImage{}};
      files[k][0].fileName = c.listFiles[k].stem().string();
    }
    for (const ListedImage& im : files[k]) {
      const fs::path name(im.fileName);
      std::string key = isImageExtension(name) ? name.filename().string() : name.stem().string();
      byName[key].push_back({name, &im, k});
      // Label Studio renames uploads "<8 hex digits>-<name>".
      if (key.size() > 9 && key[8] == '-' &&
          std::all_of(key.begin(), key.begin() + 8,
                      [](unsigned char ch) { return std::isxdigit(ch) != 0; }))
        byName[key.substr(9)].push_back(byName[key].back());
    }
  }
  std::vector<std::size_t> found(files.size(), 0);
  std::size_t paired = 0;
  for (std::size_t i = 0; i < readable.size(); ++i) {
    Candidate& cand = c.candidates[i];
    if (!readable[i] || !cand.annotation.empty() || !cand.boxes.empty()) continue;
    auto it = byName.find(cand.path.filename().string());
    if (it == byName.end()) it = byName.find(cand.path.stem().string());
    if (it == byName.end()) continue;
    std::vector<NameMatch> matches;
    for (const Listed& l : it->second)
      matches.push_back({cand.path, c.listFiles[l.file].parent_path(), l.written});
    const Listed* best = &it->second[bestNameMatch(matches, root)];
    cand.boxes = best->image->boxes;
    cand.listedClass = best->image->className;
    cand.fromList = formats[best->file];
    ++found[best->file];
    ++paired;
  }
  for (std::size_t k = 0; k < files.size(); ++k) {
    if (files[k].empty() || found[k] == files[k].size()) continue;
    // A LabelMe file saved with its image inside it, copied without the image file.
    const bool embedded = files[k].size() == 1 && files[k][0].embedded;
    issues.push_back(
        {c.listFiles[k],
         embedded ? "its image (" + files[k][0].fileName +
                        ") not found; the copy inside the file (imageData) is not read: keep "
                        "the image files beside the LabelMe files"
                  : std::to_string(files[k].size() - found[k]) + " of the " +
                        std::to_string(files[k].size()) +
                        " images it lists not found; their boxes ignored"});
  }
  return paired;
}

}  // namespace sdd
