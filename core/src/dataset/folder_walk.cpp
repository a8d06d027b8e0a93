#include "dataset/folder_walk.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <sstream>

#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/csv_labels.h"
#include "sdd/dataset/file_walk.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/ascii.h"

namespace fs = std::filesystem;

namespace sdd {
namespace {

bool isDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool isXmlFile(const fs::path& f) { return asciiLower(f.extension().string()) == ".xml"; }
bool isJsonFile(const fs::path& f) { return asciiLower(f.extension().string()) == ".json"; }
bool isCsvFile(const fs::path& f) { return asciiLower(f.extension().string()) == ".csv"; }

// A file of label rows: a CSV or TSV file, or a .txt file whose first line is an image and
// its class (Caffe's and PaddleClas' train.txt / train_list.txt; 4 KB read to tell).
bool isLabelTableFile(const fs::path& f) {
  const std::string ext = asciiLower(f.extension().string());
  if (ext == ".csv" || ext == ".tsv") return true;
  std::string head;
  return ext == ".txt" && readAnnotationText(f, head, 4096) && startsLikeLabelList(head);
}

// A mask (or annotation) folder's files: masks, VOC and COCO files, never samples.
void collectLabelFolder(const fs::path& folder, FolderWalk& c) {
  for (const fs::path& f : filesBelow(folder, c.issues)) {
    if (isImageExtension(f))
      c.maskFiles.push_back(f);
    else if (isXmlFile(f))
      c.vocFiles.push_back(f);
    else if (isJsonFile(f))  // CVAT: annotations/instances_default.json
      c.listFiles.push_back(f);
    else if (isCsvFile(f))
      c.csvFiles.push_back(f);
  }
}

// Adds the image files below `folder` with class `cls` ("": unlabeled).
void collectFolder(const fs::path& folder, const std::string& cls, Split split,
                   const fs::path& annotationDir, FolderWalk& c) {
  std::error_code ec;
  for (const fs::path& f : filesBelow(folder, c.issues)) {
    bool inMaskFolder = false;
    for (const fs::path& part : f.lexically_relative(folder).parent_path())
      inMaskFolder = inMaskFolder || isMaskFolderName(part.string());
    if (inMaskFolder && isImageExtension(f)) {
      c.maskFiles.push_back(f);
      continue;
    }
    if (isXmlFile(f)) {  // LabelImg saves x.xml beside x.jpg
      c.vocFiles.push_back(f);
      continue;
    }
    if (isJsonFile(f)) {  // Roboflow: _annotations.coco.json beside the images
      c.listFiles.push_back(f);
      continue;
    }
    if (isLabelTableFile(f)) {  // Roboflow's _annotations.csv, a train.csv beside train/
      c.csvFiles.push_back(f);
      continue;
    }
    if (!isImageExtension(f)) {
      // (A mask folder's other files, as DAGM's Label/Labels.txt, are its own business, as in
      // collectLabelFolder.)
      if (f.filename().string()[0] != '.' && !inMaskFolder)
        c.issues.push_back({f, "not an image file extension; ignored"});
      continue;
    }
    fs::path xml;
    if (!annotationDir.empty()) {
      fs::path candidate = annotationDir / (f.stem().string() + ".xml");
      if (fs::exists(candidate, ec)) xml = candidate;
    }
    c.candidates.push_back({f, cls, split, xml, {}});
  }
}

// The class of a flat folder's file from its name's "<prefix>_" (NEU-CLS: Cr_1.bmp), or "".
std::string prefixOf(const fs::path& f) {
  const std::string stem = f.stem().string();
  const auto underscore = stem.find('_');
  return underscore == std::string::npos || underscore == 0 ? std::string()
                                                            : stem.substr(0, underscore);
}

// A flat folder's prefixes are classes when they are NEU's, the class list's, or (without a
// list) at least two of them with at least two images each; a folder of camera images
// (cam1_0001.png ...) or time-stamped names has one prefix or one per image: unlabeled.
bool prefixesAreClasses(const std::vector<fs::path>& images,
                        const std::vector<std::string>& classes) {
  // Images by prefix, a mask beside its image (x_mask.png, x.png by x.jpg) not counted.
  std::map<std::string, std::set<std::string>> stems;
  for (const fs::path& f : images) {
    const std::string p = prefixOf(f);
    if (p.empty()) return false;
    const std::string stem = f.stem().string(), base = stemWithoutMaskSuffix(stem);
    stems[p].insert(base.empty() ? stem : base);
  }
  std::map<std::string, std::size_t> counts;
  for (const auto& [p, s] : stems) counts[p] = s.size();
  bool allNeu = true, allListed = !classes.empty();
  for (const auto& [p, n] : counts) {
    allNeu = allNeu && !neuClassForPrefix(p).empty();
    allListed = allListed && (inList(classes, p) || inList(classes, neuClassForPrefix(p)));
  }
  if (allNeu || allListed) return true;
  if (!classes.empty() || counts.size() < 2) return false;
  return std::all_of(counts.begin(), counts.end(), [](const auto& kv) { return kv.second >= 2; });
}

void collectClassRoot(const fs::path& classRoot, Split split, const fs::path& annotationDir,
                      const ScanOptions& opt, FolderWalk& c);

// Whether `dir` has a folder named in the class list.
bool holdsClassFolders(const fs::path& dir, const std::vector<std::string>& classes) {
  for (const fs::path& e : sortedEntries(dir))
    if (isDir(e) && inList(classes, e.filename().string())) return true;
  return false;
}

// The names of a class folder's two or more subfolders named like classes (not images/,
// masks, lots, cameras or dates), or none: it may hold the classes one level down (SDNET2018:
// D/CD cracked, D/UD uncracked). It stays one class, as most such subfolders are lots or
// views; the scan's note says how to take them as classes.
std::vector<std::string> classLikeSubfolders(const fs::path& classFolder) {
  std::vector<std::string> subfolders;
  for (const fs::path& e : sortedEntries(classFolder)) {
    const std::string name = e.filename().string();
    if (isImageExtension(e)) return {};  // images of its own: the subfolders are extras
    if (!isDir(e) || name.empty() || name[0] == '.' || isArchiveLeftover(e)) continue;
    Split split;
    if (isMaskFolderName(name) || isImageFolderName(name) || isUnlabeledFolderName(name) ||
        isCameraOrDateFolderName(name) || splitFromName(name, split) ||
        std::any_of(name.begin(), name.end(), [](unsigned char ch) { return std::isdigit(ch); }))
      return {};  // images/, masks, splits, lots, cameras, dates
    subfolders.push_back(name);
  }
  return subfolders.size() < 2 ? std::vector<std::string>() : subfolders;
}

// Whether a folder holds split folders of its own that hold class folders (MVTec AD's
// bottle/train/good/, bottle/test/crack/): a dataset of one object or product, not a class.
// (scratch/train/x.jpg is a class whose images are split, DAGM's Class1/Train/Label/ one whose
// split folders hold masks.)
bool holdsOwnSplit(const fs::path& folder) {
  for (const fs::path& e : sortedEntries(folder)) {
    Split split;
    if (isDir(e) && splitFromName(e.filename().string(), split))
      for (const fs::path& inside : sortedEntries(e))
        if (isDir(inside) && !isMaskFolderName(inside.filename().string()) &&
            !isImageFolderName(inside.filename().string()))
          return true;
  }
  return false;
}

// Whether a camera's or a date's folder holds its images sorted into classes: subfolders
// named like classes, and, where a model's classes are offered (new images to classify:
// cam1/morning/ and cam1/night/ are lots), named as those.
bool sortedIntoClasses(const fs::path& dir, const ScanOptions& opt) {
  const std::vector<std::string> inside = classLikeSubfolders(dir);
  return !inside.empty() && std::all_of(inside.begin(), inside.end(), [&](const std::string& s) {
    return opt.fallbackClasses.empty() || inList(opt.fallbackClasses, s);
  });
}

// Collects images under one "class root": class sub-folders (folder-per-class and NEU-DET
// images/), unlabeled folders, and loose images (a flat NEU-CLS folder, or new images).
void collectClassRoot(const fs::path& classRoot, Split split, const fs::path& annotationDir,
                      const ScanOptions& opt, FolderWalk& c) {
  std::vector<fs::path> looseImages;
  bool sawFolders = false;
  // The class folders of this level and their candidates [first, end), for a numbered series.
  struct LevelFolder {
    std::string name;
    std::size_t first, end;
  };
  std::vector<LevelFolder> level;
  std::string nestedParents, nestedClasses;  // class folders holding class-like subfolders
  std::vector<std::string> objects;          // class folders holding a split of their own
  std::set<std::string> nestedSeen;
  for (const fs::path& entry : sortedEntries(classRoot, &c.issues)) {
    if (isArchiveLeftover(entry)) continue;  // __MACOSX/, ._x.jpg
    if (isDir(entry)) {
      const std::string name = entry.filename().string();
      if (!name.empty() && name[0] == '.') continue;  // hidden folders, e.g. .thumbnails
      if (isWorkspaceFolder(entry, c.issues)) continue;
      if (isMaskFolderName(name)) {  // masks or annotations mirroring the images, not a class
        collectLabelFolder(entry, c);
        continue;
      }
      // Pascal VOC's split lists (read by applyVocImageSets) and its instance masks (one
      // mask per image is SegmentationClass/'s): never classes.
      if (asciiLower(name) == "imagesets" || asciiLower(name) == "segmentationobject") continue;
      std::error_code ec;
      if (isImageFolderName(name) && !fs::is_symlink(entry, ec)) {
        // images/ (beside masks/, JPEGImages/ beside Annotations/, or alone with LabelMe's
        // x.json beside each x.jpg) is never a class: the images' own layout is below it. (Not
        // through a link: images -> .. would recurse for ever; found by fuzz_dataset_tree.)
        collectClassRoot(entry, split, annotationDir, opt, c);
        continue;
      }
      sawFolders = true;
      // Folders that are not classes (unlabeled, or a camera / date folder when the classes
      // are known) hold images to be labeled.
      const bool isClass = opt.classes.empty()
                               ? !isUnlabeledFolderName(name) && !isCameraOrDateFolderName(name)
                               : inList(opt.classes, name);
      if (!isClass && !fs::is_symlink(entry, ec) &&
          (opt.classes.empty() ? isCameraOrDateFolderName(name) && sortedIntoClasses(entry, opt)
                               : holdsClassFolders(entry, opt.classes))) {
        // A group of class folders: SDNET2018's D/CD and D/UD with CD and UD listed, or a
        // day's or a camera's images sorted into classes (2026-11-30/crazing/).
        collectClassRoot(entry, split, annotationDir, opt, c);
        continue;
      }
      if (isClass && opt.classes.empty() &&
          !std::all_of(name.begin(), name.end(),
                       [](unsigned char ch) { return std::isdigit(ch); }) &&
          holdsOwnSplit(entry))
        objects.push_back(name);
      if (isClass && opt.classes.empty()) {
        const std::vector<std::string> inside = classLikeSubfolders(entry);
        if (!inside.empty()) nestedParents += (nestedParents.empty() ? "" : ", ") + name;
        for (const std::string& s : inside)  // once each (A/good, B/good: one class "good")
          if (nestedSeen.insert(s).second) nestedClasses += (nestedClasses.empty() ? "" : ",") + s;
      }
      if (isClass) c.classFolders.emplace(name, entry);
      const std::size_t first = c.candidates.size();
      collectFolder(entry, isClass ? name : std::string(), split, annotationDir, c);
      if (isClass) level.push_back({name, first, c.candidates.size()});
      if (!isClass && opt.classes.empty() && name.size() <= 3 &&
          std::all_of(name.begin(), name.end(),
                      [](unsigned char ch) { return std::isdigit(ch) != 0; }))
        for (std::size_t i = first; i < c.candidates.size(); ++i)
          c.candidates[i].numberedFolder = name;
    } else if (isImageExtension(entry)) {
      looseImages.push_back(entry);
    } else if (isXmlFile(entry)) {
      c.vocFiles.push_back(entry);
    } else if (isJsonFile(entry)) {
      c.listFiles.push_back(entry);
    } else if (isLabelTableFile(entry)) {
      c.csvFiles.push_back(entry);
    }
  }
  if (!nestedParents.empty())
    c.notes.push_back({classRoot, "the class folders " + nestedParents +
                                      " hold their images in subfolders, taken as one class "
                                      "each; to take the subfolders as the classes, give them "
                                      "as the class list (--classes " +
                                      nestedClasses + ")"});
  if (objects.size() >= 2) {
    std::string names;
    for (const std::string& o : objects) names += (names.empty() ? "" : ", ") + o;
    c.notes.push_back({classRoot, "the class folders " + names +
                                      " each hold a split of their own (train/, test/): each "
                                      "looks like the dataset of one object or product (as in "
                                      "MVTec AD), here read as classes; to tell good images from "
                                      "defects, open one of them"});
  }
  // Three or more class folders, all one word and a number, the same word: a series of parts.
  const std::string word = level.empty() ? std::string() : seriesWord(level[0].name);
  if (level.size() >= 3 && !word.empty() &&
      std::all_of(level.begin(), level.end(), [&](auto& f) { return seriesWord(f.name) == word; }))
    for (const LevelFolder& f : level)
      for (std::size_t i = f.first; i < f.end; ++i) c.candidates[i].classFromSeriesFolder = true;
  if (looseImages.empty()) return;
  // Images beside folders were added later: to be labeled.
  if (sawFolders || !prefixesAreClasses(looseImages, opt.classes)) {
    for (const fs::path& f : looseImages) c.candidates.push_back({f, "", split, {}, {}});
    return;
  }
  c.sawFlatNeuCls = true;
  for (const fs::path& f : looseImages) {
    const std::string prefix = prefixOf(f);
    std::string cls = neuClassForPrefix(prefix);
    if (cls.empty() || (!opt.classes.empty() && !inList(opt.classes, cls))) cls = prefix;
    c.candidates.push_back({f, cls, split, {}, {}, true});
  }
}

// Pascal VOC's own split: ImageSets/Main/train.txt (or trainval.txt) and val.txt (or test.txt),
// one stem per line (of a segmentation set, ImageSets/Segmentation/); only when both sides are
// listed (an image in none stays in training).
void applyVocImageSets(const fs::path& root, FolderWalk& c) {
  const fs::path sets = entryNamed(root, "imagesets");
  fs::path main = sets.empty() ? fs::path() : entryNamed(sets, "main");
  if (main.empty() && !sets.empty()) main = entryNamed(sets, "segmentation");
  if (main.empty()) return;
  std::set<std::string> train, validation;
  for (const auto& [file, side] :
       {std::pair<const char*, std::set<std::string>*>{"train.txt", &train},
        {"trainval.txt", &train},
        {"val.txt", &validation},
        {"test.txt", &validation}}) {
    std::ifstream in(main / file);
    for (std::string stem; in >> stem; in.ignore(std::numeric_limits<std::streamsize>::max(), '\n'))
      side->insert(stem);
  }
  if (train.empty() || validation.empty()) return;
  std::size_t unlisted = 0;
  for (Candidate& cand : c.candidates) {
    const std::string stem = cand.path.stem().string();
    cand.split = validation.count(stem) ? Split::Validation : Split::Train;
    unlisted += !validation.count(stem) && !train.count(stem);
  }
  c.ownSplit = true;
  if (unlisted)
    c.issues.push_back({main, std::to_string(unlisted) +
                                  " image(s) in none of its split lists; kept in training"});
}

// Split folders inside the class folders (DAGM 2007: Class1/Train/, Class1/Test/): the
// dataset's own split where both sides are there; an image below no split folder stays in
// training. A "class" folder so named was a split (Datumaro's images/train/): no class.
void applySplitFoldersInsideClasses(const fs::path& root, FolderWalk& c) {
  std::vector<std::optional<Split>> found(c.candidates.size());
  std::vector<bool> namedSplit(c.candidates.size());
  bool train = false, validation = false;
  for (std::size_t i = 0; i < c.candidates.size(); ++i) {
    for (const fs::path& part : c.candidates[i].path.lexically_relative(root).parent_path())
      if (Split split; splitFromName(part.string(), split))
        found[i] = split, namedSplit[i] = part == c.candidates[i].className;
    train = train || found[i] == Split::Train;
    validation = validation || found[i] == Split::Validation;
  }
  if (!train || !validation) return;
  for (std::size_t i = 0; i < c.candidates.size(); ++i) {
    c.candidates[i].split = found[i].value_or(Split::Train);
    if (namedSplit[i]) c.candidates[i].className.clear();
  }
  c.ownSplit = true;
}

}  // namespace

fs::path entryNamed(const fs::path& dir, const std::string& lower) {
  for (const fs::path& e : sortedEntries(dir))
    if (asciiLower(e.filename().string()) == lower) return e;
  return {};
}

bool inList(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::map<std::string, std::string> namesOfNumberedClasses(const fs::path& root,
                                                          const std::set<std::string>& numbers,
                                                          const YoloNames& yolo) {
  long lowest = std::numeric_limits<long>::max(), highest = 0;
  for (const std::string& n : numbers) {
    lowest = std::min(lowest, std::stol(n));
    highest = std::max(highest, std::stol(n));
  }
  // Each file's names by number: "0 crazing" lines as numbered, else line k is class k.
  const auto byNumber = [&](const std::string& text) {
    std::map<long, std::string> numbered;
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      const std::string t = asciiTrim(line);
      if (t.empty()) continue;
      lines.push_back(t);
      const std::size_t cut = t.find_first_of(" \t:,");
      const std::string id = t.substr(0, cut),
                        name = cut == std::string::npos ? "" : t.substr(cut + 1);
      if (isClassNumber(id) && !asciiTrim(name).empty()) numbered[std::stol(id)] = asciiTrim(name);
    }
    if (!numbered.empty() && numbered.size() == lines.size()) return numbered;
    // One name per line: exactly one per number from 0 (or from 1) to the highest, or it is
    // some other text (a README, notes).
    numbered.clear();
    const long first = long(lines.size()) == highest + 1              ? 0
                       : lowest >= 1 && long(lines.size()) == highest ? 1
                                                                      : -1;
    for (std::size_t k = 0; first >= 0 && k < lines.size(); ++k)
      numbered[first + long(k)] = lines[k];
    return numbered;
  };
  std::vector<std::map<long, std::string>> files;
  for (const char* name : {"label_list.txt", "labels.txt", "label.txt", "classes.txt",
                           "class_names.txt", "names.txt"}) {
    std::string text;
    const fs::path file = entryNamed(root, name);
    // A labels.txt may be a list of images and their classes instead: not names.
    if (!file.empty() && readAnnotationText(file, text, 1 << 16) && !startsLikeLabelList(text))
      files.push_back(byNumber(text));
  }
  if (!yolo.names.empty()) {
    files.emplace_back();
    for (std::size_t k = 0; k < yolo.names.size(); ++k) files.back()[long(k)] = yolo.names[k];
  }
  if (const MaskLabelMap map = readMaskLabelMap(root); !map.names.empty()) {
    files.emplace_back();  // class-indexed masks' numbers: line k, background 0
    for (std::size_t k = 0; k < map.names.size(); ++k)
      if (!map.names[k].empty()) files.back()[long(k)] = map.names[k];
  }
  for (const auto& names : files) {
    std::map<std::string, std::string> out;
    std::set<std::string> distinct;
    for (const std::string& n : numbers)
      if (const auto it = names.find(std::stol(n));
          it != names.end() && distinct.insert(it->second).second)
        out[n] = it->second;
    if (out.size() == numbers.size()) return out;
  }
  return {};
}

fs::path datasetFolderIn(const fs::path& given, const ScanOptions& options) {
  fs::path folder = given;
  for (int depth = 0; depth < 4; ++depth) {
    std::vector<fs::path> folders;
    bool holdsData = false;
    for (const fs::path& entry : sortedEntries(folder)) {
      const std::string name = entry.filename().string();
      if (isArchiveLeftover(entry) || name.empty() || name[0] == '.') continue;
      if (isDir(entry)) {
        std::vector<ScanIssue> noted;  // the walk notes a workspace folder; not twice
        if (!isWorkspaceFolder(entry, noted)) folders.push_back(entry);
        continue;
      }
      const std::string ext = asciiLower(entry.extension().string());
      // Images, label files and YOLO class lists make this folder the dataset; a README, a
      // licence or the archive itself do not.
      holdsData = holdsData || isImageExtension(entry) || isXmlFile(entry) || isJsonFile(entry) ||
                  isLabelTableFile(entry) || ext == ".yaml" || ext == ".yml" || ext == ".names" ||
                  asciiLower(name) == "classes.txt";
    }
    if (holdsData || folders.size() != 1) break;  // (links too: 4 levels at most)
    // A folder whose name says what it holds is part of the layout, not a wrapper.
    const std::string name = folders[0].filename().string();
    Split split;
    if (splitFromName(name, split) || isMaskFolderName(name) || isImageFolderName(name) ||
        isUnlabeledFolderName(name) || isCameraOrDateFolderName(name))
      break;
    // ... and it is one only when what it holds names classes, a split or labels; else it is
    // the one class (or lot) of the images in it, and the scan says so.
    const YoloNames yolo = findYoloNames(folders[0]);
    const FolderWalk inside = walkDatasetFolders(folders[0], options, yolo);
    if (!inside.ownSplit && !inside.sawFlatNeuCls && inside.classFolders.empty() &&
        yolo.names.empty() && inside.listFiles.empty() && inside.csvFiles.empty() &&
        inside.vocFiles.empty() && inside.maskFiles.empty())
      break;
    folder = folders[0];
  }
  return folder;
}

FolderWalk walkDatasetFolders(const fs::path& root, const ScanOptions& options,
                              const YoloNames& yolo) {
  FolderWalk c;
  bool& ownSplit = c.ownSplit;
  // YOLO (Ultralytics): images/<split>/ beside labels/<split>/, with the class names in a
  // data.yaml. Roboflow's <split>/images/ + <split>/labels/ is walked as NEU-DET's is below.
  const bool yoloImagesFirst =
      !yolo.names.empty() && isDir(root / "images") && isDir(root / "labels");
  if (yoloImagesFirst) {
    for (const fs::path& entry : sortedEntries(root / "images")) {
      Split split;
      if (!isDir(entry) || !splitFromName(entry.filename().string(), split)) continue;
      ownSplit = true;
      collectClassRoot(entry, split, {}, options, c);
    }
    if (!ownSplit) collectClassRoot(root / "images", Split::Train, {}, options, c);
  }
  std::string validationFolders;
  int nValidation = 0;  // valid/ and test/: one validation split
  for (const fs::path& entry : yoloImagesFirst ? std::vector<fs::path>() : sortedEntries(root)) {
    Split split;
    if (!isDir(entry) || !splitFromName(entry.filename().string(), split)) continue;
    ownSplit = true;
    if (split == Split::Validation && nValidation++ < 9)
      validationFolders += (nValidation > 1 ? " and " : "") + entry.filename().string() + "/";
    fs::path classRoot = entry;
    if (isDir(entry / "images")) {
      classRoot = entry / "images";
      c.sawImagesDir = true;
    }
    const fs::path ann = isDir(entry / "annotations") ? entry / "annotations" : fs::path();
    collectClassRoot(classRoot, split, ann, options, c);
    if (classRoot != entry)  // train/images/ beside train/masks/ (or train/annotations/)
      for (const fs::path& m : sortedEntries(entry))
        if (isDir(m) && isMaskFolderName(m.filename().string())) collectLabelFolder(m, c);
  }
  // Beside split folders: masks mirroring them (MVTec AD's ground_truth/), CSV and COCO label
  // files; other folders are said to be left out.
  for (const fs::path& entry :
       ownSplit && !yoloImagesFirst ? sortedEntries(root) : std::vector<fs::path>()) {
    const std::string name = entry.filename().string();
    Split split;
    if (isLabelTableFile(entry)) c.csvFiles.push_back(entry);  // Kaggle's train.csv beside train/
    if (isJsonFile(entry)) c.listFiles.push_back(entry);
    if (!isDir(entry) || name.empty() || name[0] == '.' || splitFromName(name, split)) continue;
    if (isMaskFolderName(name))
      collectLabelFolder(entry, c);
    else if (!isWorkspaceFolder(entry, c.issues))
      c.issues.push_back(
          {entry, "a folder beside the split folders (train/, validation/ ...); not scanned"});
  }
  if (nValidation > 1)
    c.notes.push_back({root, validationFolders + " together are the validation split (there is no "
                                                 "separate test split)"});
  if (!ownSplit && !yoloImagesFirst) {
    collectClassRoot(root, Split::Train, {}, options, c);
    applyVocImageSets(root, c);
    if (!ownSplit) applySplitFoldersInsideClasses(root, c);
  }
  return c;
}

}  // namespace sdd
