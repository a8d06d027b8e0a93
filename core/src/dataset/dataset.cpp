#include "sdd/dataset/dataset.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "dataset/dataset_split.h"
#include "dataset/folder_walk.h"
#include "dataset/mask_classes.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/ascii.h"
#include "sdd/util/parallel.h"
#include "sdd/util/utf8.h"

namespace fs = std::filesystem;

namespace sdd {

const char* toString(DatasetLayout layout) {
  static const char* const kNames[] = {
      // in the enum's order
      "NEU-DET",      "NEU-CLS", "folder-per-class",  "unlabeled images", "YOLO",
      "Pascal VOC",   "COCO",    "images with masks", "CSV labels",       "LabelMe / X-AnyLabeling",
      "Label Studio", "CVAT",    "CreateML",          "Supervisely",      "Datumaro",
      "box records"};
  static_assert(std::size(kNames) == static_cast<std::size_t>(DatasetLayout::BoxRecords) + 1);
  return kNames[static_cast<std::size_t>(layout)];
}

const char* toString(Split split) { return split == Split::Train ? "train" : "validation"; }

std::string neuClassForPrefix(const std::string& prefix) {
  static const std::map<std::string, std::string> kMap = {
      {"cr", "crazing"},        {"in", "inclusion"},       {"pa", "patches"},
      {"ps", "pitted_surface"}, {"rs", "rolled-in_scale"}, {"sc", "scratches"}};
  const auto it = kMap.find(asciiLower(prefix));
  return it == kMap.end() ? std::string() : it->second;
}

Dataset Dataset::scan(const fs::path& given, const ScanOptions& options) {
  std::error_code ec;
  if (!fs::exists(given, ec))
    throw DatasetError("dataset folder does not exist: " + given.string());
  if (!fs::is_directory(given, ec)) {
    // Datasets are downloaded as archives; the first thing users try is opening one.
    if (isArchiveFile(given))
      throw DatasetError("dataset path is an archive, not a folder: " + given.string() +
                         " (unpack it, then open the folder it unpacks to)");
    throw DatasetError("dataset path is not a folder: " + given.string());
  }
  if (!options.classes.empty()) checkClassList(options.classes);
  // An unpacked archive's own folder (X-SDD/X-SDD/<classes>) is not a class: the dataset is
  // read from where it starts. The dataset keeps the folder it was given.
  const fs::path root = datasetFolderIn(given, options);

  const YoloNames yolo = findYoloNames(root);
  FolderWalk c = walkDatasetFolders(root, options, yolo);
  const bool ownSplit = c.ownSplit, sawImagesDir = c.sawImagesDir;

  Dataset ds;
  ds.root_ = given;
  if (root != given) ds.dataFolder_ = root;
  ds.options_ = options;
  ds.options_.progress = nullptr;
  ds.ownSplit_ = ownSplit && !options.resplit;
  ds.layout_ = sawImagesDir      ? DatasetLayout::NeuDet
               : c.sawFlatNeuCls ? DatasetLayout::NeuCls
                                 : DatasetLayout::FolderPerClass;
  ds.skipped_ = std::move(c.issues);

  // Check every file now so that training never meets a bad one halfway through.
  struct Checked {
    std::string error;
    std::uint64_t hash = 0;
    int width = 0, height = 0, channels = 0;
    bool maskLike = false, blank = false;
    bool colour = false;  // of distinct channels, and no table to read them by
    int maskClass = 0;    // maskClassValue, for masks only
    int orientation = 1;  // EXIF
    bool ok() const { return error.empty(); }
  };
  const std::size_t nImages = c.candidates.size(), total = nImages + c.maskFiles.size();
  std::vector<Checked> decoded(total);
  std::atomic<std::size_t> done{0};
  // A segmentation export's colour masks name their classes by the label map's colours.
  const MaskLabelMap labelMap = readMaskLabelMap(root);
  parallelFor(total, options.threads, [&](std::size_t i) {
    std::uint64_t hash = 0;  // duplicates, a model's training images
    const DecodedImage d =
        loadImage(i < nImages ? c.candidates[i].path : c.maskFiles[i - nImages], 0, &hash);
    const cv::Mat values = d.ok() ? maskValues(d, labelMap.colours) : cv::Mat();
    decoded[i] = {d.error,
                  hash,
                  d.image.cols,
                  d.image.rows,
                  d.image.channels(),
                  !values.empty() && looksLikeMask(values),
                  d.ok() && maskIsBlank(values.empty() ? d.image : values)};
    decoded[i].orientation = d.orientation;
    decoded[i].colour = d.ok() && values.empty() && d.image.channels() == 3;
    // A mask folder's file, or an image that may be a mask beside its image.
    if (d.ok() && (i >= nImages || decoded[i].maskLike))
      decoded[i].maskClass = maskClassValue(values);
    const std::size_t n = ++done;
    if (options.progress) options.progress(n, total);
  });
  // Masks: attached to their images, never samples.
  std::vector<PairingFile> pairing(nImages), maskFolderFiles;
  for (std::size_t i = 0; i < total; ++i) {
    const PairingFile f{i < nImages ? c.candidates[i].path : c.maskFiles[i - nImages],
                        decoded[i].ok(), decoded[i].maskLike, decoded[i].width, decoded[i].height};
    if (i < nImages)
      pairing[i] = f;
    else
      maskFolderFiles.push_back(f);
  }
  MaskPairs masks = pairMasks(root, pairing, maskFolderFiles);
  for (ScanIssue& issue : masks.issues) ds.skipped_.push_back(std::move(issue));
  for (std::size_t i = 0; i < nImages; ++i)
    if (masks.isMask[i]) decoded[i].error = "a mask";  // left out below, not "skipped"
  // Pascal VOC files wherever they are (Annotations/ beside JPEGImages/, LabelImg's x.xml
  // beside x.jpg, GC10-DET's lable/): each pairs with the image of its stem, the one nearest
  // to it in the tree when several images share the stem.
  std::vector<bool> readable(nImages);
  for (std::size_t i = 0; i < nImages; ++i) readable[i] = decoded[i].ok();
  // CVAT's annotations.xml lists many images: read as the JSON files are, not paired by stem.
  const auto cvat =
      std::stable_partition(c.vocFiles.begin(), c.vocFiles.end(), [](const fs::path& f) {
        std::string text;
        return !readAnnotationText(f, text, 4096) || !isCvatXml(text);  // its root comes first
      });
  c.listFiles.insert(c.listFiles.end(), cvat, c.vocFiles.end());
  c.vocFiles.erase(cvat, c.vocFiles.end());
  pairVocFiles(c, readable, ds.skipped_);
  // YOLO label files give an image its boxes and its class (whatever its folder suggests):
  // the box class its file name starts with (Roboflow's crazing_1_jpg.rf.<hash>.jpg, whose
  // boxes may include another class's), else the one covering the most area; an empty one
  // (no defect) leaves it to be labeled.
  const std::set<std::string> yoloClasses(yolo.names.begin(), yolo.names.end());
  std::size_t yoloLabelled = 0;
  std::set<fs::path> yoloLabels;  // beside their images (Darknet's rule): not "ignored" files
  for (std::size_t i = 0; i < nImages && !yolo.names.empty(); ++i) {
    const fs::path label = yoloLabelFile(c.candidates[i].path);
    std::error_code ec;
    if (!decoded[i].ok() || label.empty() || !fs::is_regular_file(label, ec)) continue;
    yoloLabels.insert(label);
    std::string err;
    c.candidates[i].boxes =
        readYoloBoxes(label, decoded[i].width, decoded[i].height, yolo.names, &err);
    if (!err.empty()) ds.skipped_.push_back({label, err + "; boxes not shown"});
    c.candidates[i].className = c.candidates[i].boxes.empty()
                                    ? std::string()
                                    : namedClass(c.candidates[i].path.stem().string(), yoloClasses);
    if (c.candidates[i].className.empty())
      c.candidates[i].className = dominantBoxClass(c.candidates[i].boxes);
    ++yoloLabelled;
  }
  ds.skipped_.erase(std::remove_if(ds.skipped_.begin(), ds.skipped_.end(),
                                   [&](const ScanIssue& s) { return yoloLabels.count(s.file); }),
                    ds.skipped_.end());
  // Annotation files that list images (COCO: CVAT's annotations/instances_default.json,
  // Roboflow's _annotations.coco.json; LabelMe / X-AnyLabeling's x.json; Label Studio's export;
  // CVAT's annotations.xml) give the images they list their boxes, and maybe a class for the
  // whole image.
  pairListFiles(c, root, readable, ds.skipped_);
  // CSV label files (Kaggle's train.csv, Severstal's pixels, TensorFlow's box CSV) name the
  // class of images no folder names.
  std::vector<std::pair<int, int>> sizes(nImages);
  for (std::size_t i = 0; i < nImages; ++i) sizes[i] = {decoded[i].width, decoded[i].height};
  const std::size_t csvClassed = pairCsvFiles(c, root, readable, sizes, ds.skipped_);
  if (c.ownSplit && !ownSplit) ds.ownSplit_ = !options.resplit;  // lists named for a split
  // VOC and listing files give an image its boxes and, where no folder names its class, its class:
  // the one the labeling tool gave the whole image, else as YOLO's do (NEU-DET as published:
  // IMAGES/pitted_surface_1.jpg).
  std::set<std::string> boxClasses;
  std::size_t turned = 0;
  for (std::size_t i = 0; i < nImages; ++i) {
    Candidate& cand = c.candidates[i];
    if (!decoded[i].ok() || (cand.annotation.empty() && !cand.fromList)) continue;
    if (!cand.annotation.empty() && cand.boxes.empty()) {
      std::string err;
      std::pair<int, int> stated;
      cand.boxes = readVocBoxes(cand.annotation, &err, &stated);
      if (!err.empty()) ds.skipped_.push_back({cand.annotation, err + "; boxes not shown"});
      // A photo turned a quarter by its EXIF orientation whose VOC file states the stored,
      // unturned size: its boxes were drawn on the stored pixels (LabelImg ignores the tag).
      const Checked& im = decoded[i];
      if (im.orientation >= 5 && im.width != im.height &&
          stated == std::pair<int, int>{im.height, im.width}) {
        turnBoxes(cand.boxes, im.orientation, im.height, im.width);
        ++turned;
      }
    }
    for (const BoundingBox& b : cand.boxes) boxClasses.insert(b.name);
    if (!cand.listedClass.empty()) boxClasses.insert(cand.listedClass);
  }
  if (turned)
    c.notes.push_back({root, std::to_string(turned) +
                                 " photo(s) turned by their EXIF orientation have VOC boxes drawn "
                                 "on the unturned pixels (the size their file states): the boxes "
                                 "are turned with the picture"});
  // Images classed by each kind of file (the layout is the kind that classed the most).
  std::map<DatasetLayout, std::size_t> classedBy;
  for (std::size_t i = 0; i < nImages && !boxClasses.empty(); ++i) {
    Candidate& cand = c.candidates[i];
    // Supervisely's dataset folders (ds0/) hold images of any class: its files decide, as YOLO's.
    if (cand.fromList == AnnotationListFormat::Supervisely) cand.className.clear();
    if ((cand.boxes.empty() && cand.listedClass.empty()) ||
        (cand.annotation.empty() && !cand.fromList) ||
        (!cand.className.empty() && !cand.classFromFileName))
      continue;
    std::string cls = cand.listedClass;
    if (cls.empty()) cls = namedClass(cand.path.stem().string(), boxClasses);
    if (cls.empty()) cls = dominantBoxClass(cand.boxes);
    if (cls.empty()) continue;
    cand.className = cls;
    ++classedBy[!cand.fromList                                        ? DatasetLayout::Voc
                : *cand.fromList == AnnotationListFormat::LabelMe     ? DatasetLayout::LabelMe
                : *cand.fromList == AnnotationListFormat::LabelStudio ? DatasetLayout::LabelStudio
                : *cand.fromList == AnnotationListFormat::Cvat        ? DatasetLayout::Cvat
                : *cand.fromList == AnnotationListFormat::CreateMl    ? DatasetLayout::CreateMl
                : *cand.fromList == AnnotationListFormat::Supervisely ? DatasetLayout::Supervisely
                : *cand.fromList == AnnotationListFormat::Datumaro    ? DatasetLayout::Datumaro
                : *cand.fromList == AnnotationListFormat::BoxRecords  ? DatasetLayout::BoxRecords
                                                                      : DatasetLayout::Coco];
  }
  std::size_t annotated = 0;
  for (const auto& [layout, n] : classedBy) annotated += n;
  if (csvClassed > annotated + yoloLabelled) {
    ds.layout_ = DatasetLayout::Csv;
    c.sawFlatNeuCls = false;
  } else if (yoloLabelled) {
    ds.layout_ = DatasetLayout::Yolo;
    c.sawFlatNeuCls = false;
  } else if (annotated) {
    ds.layout_ =
        std::max_element(classedBy.begin(), classedBy.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    c.sawFlatNeuCls = false;
    // A file-name prefix that is no box class was not a class (NEU-DET's pitted_surface_1 ->
    // "pitted"): that image, without boxes, is to label.
    for (Candidate& cand : c.candidates)
      if (cand.classFromFileName && !boxClasses.count(cand.className)) cand.className.clear();
  }

  // (Also with a class list of those two classes.) Folders of a numbered series, KolektorSDD's
  // kos01/ … kos50/, are parts, not classes, where masks name the classes: their names are set
  // aside while the masks are asked.
  std::string colourMasksNote;
  if (options.classes.empty() ||
      (inList(options.classes, kDefectClass) && inList(options.classes, kGoodClass))) {
    std::map<fs::path, MaskMark> marks;  // of every mask
    for (std::size_t i = 0; i < total; ++i)
      if (i >= nImages || masks.isMask[i])
        marks[i < nImages ? c.candidates[i].path : c.maskFiles[i - nImages]] = {
            decoded[i].blank, decoded[i].maskClass};
    bool series = false, other = false;
    for (const Candidate& cand : c.candidates)
      if (!cand.className.empty()) (cand.classFromSeriesFolder ? series : other) = true;
    std::vector<std::string> seriesNames;
    if (series && !other)
      for (Candidate& cand : c.candidates) seriesNames.push_back(std::exchange(cand.className, ""));
    if (classesFromMasks(c.candidates, masks, readable, marks)) {
      ds.layout_ = DatasetLayout::Masked;
      if (options.classes.empty()) ds.classSource_ = ClassSource::Masks;
      // Colour masks may stand for classes; without a label map the colours name none.
      std::size_t colour = 0;
      for (std::size_t i = 0; i < total; ++i)
        colour += decoded[i].colour && !decoded[i].blank && (i >= nImages || masks.isMask[i]);
      if (colour && options.classes.empty()) {
        colourMasksNote = std::to_string(colour) +
                          " mask(s) in colour and no labelmap.txt naming their colours: each "
                          "marks a defect; a labelmap.txt beside them (name:r,g,b per line, the "
                          "background first) names their classes";
        c.notes.push_back({root, colourMasksNote});
      }
      for (const std::string& name : seriesNames) c.classFolders.erase(name);
    } else if (!seriesNames.empty()) {
      for (std::size_t i = 0; i < c.candidates.size(); ++i)
        c.candidates[i].className = seriesNames[i];
    }
  }

  // Folders named by short numbers (0/ and 1/, GC10-DET's 1/ … 10/ without its XML) are
  // classes when nothing else names one and no model's classes are offered (then they are
  // lots or cameras of images to classify).
  if (options.classes.empty() && options.fallbackClasses.empty()) {
    std::set<std::string> numbers;
    bool named = false;
    for (std::size_t i = 0; i < nImages; ++i) {
      if (!decoded[i].ok()) continue;
      named = named || !c.candidates[i].className.empty();
      if (!c.candidates[i].numberedFolder.empty()) numbers.insert(c.candidates[i].numberedFolder);
    }
    if (!named && numbers.size() >= 2)
      for (Candidate& cand : c.candidates) cand.className = cand.numberedFolder;
  }
  // Classes that are all numbers (those folders, a list's "images/x.jpg 3") get the names a
  // names file beside them gives (PaddleClas' label_list.txt, a labels.txt), whether or not a
  // model's classes are offered (the workbench offers them: it showed 0 … 5 where sdd scan
  // showed the names).
  if (options.classes.empty()) {
    std::set<std::string> numbers;
    bool allNumbers = true;
    for (std::size_t i = 0; i < nImages; ++i)
      if (const std::string& n = c.candidates[i].className; decoded[i].ok() && !n.empty()) {
        // (class-indexed masks' blank ones are good, which names no number)
        if (ds.classSource_ == ClassSource::Masks && n == kGoodClass) continue;
        allNumbers = allNumbers && isClassNumber(n);
        numbers.insert(n);
      }
    if (allNumbers && numbers.size() >= 2) {
      const auto names = namesOfNumberedClasses(root, numbers, yolo);
      for (Candidate& cand : c.candidates)
        if (const auto it = names.find(cand.className); it != names.end())
          cand.className = it->second;
    }
  }

  // A class named in bytes that are not UTF-8 (a Latin-1 folder or CSV) gets the name every
  // later writer (model file, journal, JSON) would give it, so that they all agree.
  for (Candidate& cand : c.candidates) cand.className = validUtf8(cand.className);
  // Class folders named twice in different case (train/Scratch/, validation/scratch/) are
  // one class; a class list names its classes exactly.
  if (options.classes.empty()) {
    std::map<std::string, std::size_t> imagesByName;
    for (std::size_t i = 0; i < nImages; ++i)
      if (decoded[i].ok() && !c.candidates[i].className.empty())
        ++imagesByName[c.candidates[i].className];
    for (const auto& [variant, name] : classNameVariants(imagesByName)) {
      for (Candidate& cand : c.candidates)
        if (cand.className == variant) cand.className = name;
      c.classFolders.erase(variant);
      c.notes.push_back({root, "class '" + variant + "' differs from '" + name +
                                   "' only in case or spaces: taken as '" + name + "'"});
    }
  }

  // Without a class list, a class is a folder (or NEU-CLS prefix) with at least one usable
  // image; class folders without one are reported and left out rather than stopping the
  // scan. A class list is taken as it is, in its order, classes without images included.
  std::set<std::string> found;
  std::size_t usable = 0, unlabeled = 0;
  for (std::size_t i = 0; i < c.candidates.size(); ++i) {
    if (!decoded[i].ok()) continue;
    ++usable;
    if (c.candidates[i].className.empty())
      ++unlabeled;
    else
      found.insert(c.candidates[i].className);
  }
  if (!options.classes.empty()) {
    for (const std::string& name : options.classes) ds.classes_.push_back(validUtf8(name));
    ds.classSource_ = ClassSource::ClassList;
  } else if (!found.empty()) {
    ds.classes_.assign(found.begin(), found.end());
    // Numbers in their order (1, 2, 10), not the text's (1, 10, 2).
    if (std::all_of(found.begin(), found.end(), isClassNumber))
      std::stable_sort(
          ds.classes_.begin(), ds.classes_.end(),
          [](const std::string& a, const std::string& b) { return std::stol(a) < std::stol(b); });
    // (Not a folder whose images their labels, YOLO's or VOC's, gave other classes.)
    auto holdsAnImage = [&](const fs::path& folder) {
      for (std::size_t i = 0; i < nImages; ++i)
        if (readable[i] && std::mismatch(folder.begin(), folder.end(), c.candidates[i].path.begin(),
                                         c.candidates[i].path.end())
                                   .first == folder.end())
          return true;
      return false;
    };
    for (const auto& [name, folder] : c.classFolders)
      if (!found.count(validUtf8(name)) && !holdsAnImage(folder))
        ds.skipped_.push_back(
            {folder, "class folder without any usable image; class '" + name + "' left out"});
  } else {
    ds.classes_ = options.fallbackClasses;
    ds.classSource_ = ClassSource::Model;
  }
  if (usable == 0) {
    // A folder a download went to, the archive not unpacked yet.
    for (const fs::path& entry :
         ds.skipped_.empty() ? sortedEntries(root) : std::vector<fs::path>{})
      if (isArchiveFile(entry))
        throw DatasetError("no images in " + root.string() + ", only the archive " +
                           entry.filename().string() +
                           ": unpack it, then open the folder it unpacks to");
    throw DatasetError(
        "no usable images found in " + root.string() +
        " (expected class folders, NEU-DET train/validation folders, NEU-CLS files like Cr_1.bmp, "
        "or images to label)" +
        (ds.skipped_.empty()
             ? ""
             : "; " + std::to_string(ds.skipped_.size()) + " file(s) skipped, the first " +
                   ds.skipped_.front().file.filename().string() + ": " +
                   ds.skipped_.front().reason));
  }
  if (ds.classes_.empty())
    throw ClassListNeeded(
        std::to_string(unlabeled) + " image(s) in " + root.string() +
        " and no classes: the folders name none, so give the class list (or a model trained on the "
        "classes) to label them");
  if (ds.classes_.size() < 2 && options.classes.empty())
    throw ClassListNeeded(
        ds.classSource_ == ClassSource::Masks
            // A segmentation set (DeepCrack, RSDDs): every image shows the defect.
            ? "every image in " + root.string() + " has a mask marking a defect, so there is " +
                  "one class ('" + ds.classes_[0] + "'); a classifier also needs images " +
                  "without defects (a blank mask or none): add some, or give the class list " +
                  "(" + kDefectClass + "," + kGoodClass + ") to label new ones" +
                  (colourMasksNote.empty() ? "" : " (" + colourMasksNote + ")")
            : "need at least 2 classes, found 1 ('" + ds.classes_[0] + "') in " + root.string() +
                  "; if the folders are not classes (cameras, dates), give the class list");
  if (unlabeled == usable && !c.sawFlatNeuCls && c.classFolders.empty())
    ds.layout_ = DatasetLayout::Unlabeled;
  std::map<std::string, int> classIndex;
  for (std::size_t i = 0; i < ds.classes_.size(); ++i)
    classIndex[ds.classes_[i]] = static_cast<int>(i);

  for (std::size_t i = 0; i < c.candidates.size(); ++i) {
    const Candidate& cand = c.candidates[i];
    if (masks.isMask[i]) continue;
    if (!decoded[i].ok()) {
      ds.skipped_.push_back({cand.path, decoded[i].error});
      continue;
    }
    Sample s;
    s.path = cand.path;
    // A NEU-CLS prefix that is not in the class list: an image to label.
    const auto known = classIndex.find(cand.className);
    s.label = known == classIndex.end() ? kUnlabeled : known->second;
    s.originalLabel = s.label;
    s.split = cand.split;
    s.width = decoded[i].width;
    s.height = decoded[i].height;
    s.channels = decoded[i].channels;
    s.contentHash = decoded[i].hash;
    s.mask = masks.maskOf[i];
    s.boxes = cand.boxes;
    ds.samples_.push_back(std::move(s));
  }

  // Split folders with labeled images on one side only (Kaggle's test/ has no labels): the
  // split is made among the labeled images, as where there are no split folders.
  if (ds.ownSplit_) {
    bool side[2] = {false, false};
    for (const Sample& s : ds.samples_)
      if (s.label != kUnlabeled) side[s.split == Split::Validation] = true;
    ds.ownSplit_ = side[0] == side[1];
  }
  if (!ds.ownSplit_) assignSeededSplit(ds.samples_, root, options);

  std::unordered_map<std::uint64_t, std::vector<std::size_t>> byHash;
  for (std::size_t i = 0; i < ds.samples_.size(); ++i)
    byHash[ds.samples_[i].contentHash].push_back(i);
  for (auto& [hash, idx] : byHash) {
    if (idx.size() < 2) continue;
    DuplicateGroup g;
    g.samples = idx;
    std::sort(g.samples.begin(), g.samples.end());
    for (std::size_t i : idx) g.crossSplit |= ds.samples_[i].split != ds.samples_[idx[0]].split;
    ds.duplicates_.push_back(std::move(g));
  }
  std::sort(ds.duplicates_.begin(), ds.duplicates_.end(),
            [](const DuplicateGroup& a, const DuplicateGroup& b) { return a.samples < b.samples; });
  ds.notes_ = std::move(c.notes);
  return ds;
}

void checkClassList(const std::vector<std::string>& classes) {
  std::set<std::string> seen;
  for (const std::string& c : classes) {
    if (c.empty()) throw DatasetError("class list: a class without a name");
    if (c == "." || c == ".." || c.find('/') != std::string::npos ||
        c.find('\0') != std::string::npos)
      throw DatasetError("class list: '" + c +
                         "' cannot be a class (it must be usable as a folder name)");
    if (!seen.insert(c).second) throw DatasetError("class list: '" + c + "' is there twice");
  }
  if (classes.size() < 2)
    throw DatasetError("class list: need at least 2 classes, got " +
                       std::to_string(classes.size()));
}

std::vector<std::string> parseClassList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t comma = text.find(',', from);
    std::string name =
        text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    const auto b = name.find_first_not_of(" \t"), e = name.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? std::string() : name.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  checkClassList(out);
  return out;
}

std::vector<std::size_t> Dataset::indices(Split split) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < samples_.size(); ++i)
    if (samples_[i].split == split && samples_[i].label != kUnlabeled) out.push_back(i);
  return out;
}

std::vector<std::pair<int, int>> Dataset::imageSizes(Split split) const {
  std::vector<std::pair<int, int>> out;
  for (const std::size_t i : indices(split))
    out.emplace_back(samples_[i].width, samples_[i].height);
  return out;
}

std::vector<std::size_t> Dataset::classCounts(Split split) const {
  std::vector<std::size_t> out(classes_.size(), 0);
  for (const Sample& s : samples_)
    if (s.split == split && s.label != kUnlabeled) ++out[s.label];
  return out;
}

std::vector<std::size_t> Dataset::unlabeledIndices() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < samples_.size(); ++i)
    if (samples_[i].label == kUnlabeled) out.push_back(i);
  return out;
}

const std::string& Dataset::className(int label) const {
  static const std::string none;
  return label >= 0 && label < static_cast<int>(classes_.size())
             ? classes_[static_cast<std::size_t>(label)]
             : none;
}

int Dataset::classIndex(const std::string& name) const {
  if (name.empty()) return kUnlabeled;
  const auto it = std::find(classes_.begin(), classes_.end(), name);
  return it == classes_.end() ? kUnlabeled : static_cast<int>(it - classes_.begin());
}

Dataset Dataset::fromSamples(fs::path root, std::vector<std::string> classes,
                             std::vector<Sample> samples) {
  Dataset ds;
  ds.root_ = std::move(root);
  ds.classes_ = std::move(classes);
  ds.samples_ = std::move(samples);
  for (Sample& s : ds.samples_)
    if (s.originalLabel < 0) s.originalLabel = s.label;
  ds.ownSplit_ = true;
  return ds;
}

std::vector<int> Dataset::conflictingLabels(const DuplicateGroup& group) const {
  std::set<int> labels;
  for (std::size_t i : group.samples)
    if (samples_[i].label != kUnlabeled) labels.insert(samples_[i].label);
  return labels.size() < 2 ? std::vector<int>() : std::vector<int>(labels.begin(), labels.end());
}

void Dataset::setLabel(std::size_t index, int label) {
  if (index >= samples_.size() || label < kUnlabeled || label >= static_cast<int>(classes_.size()))
    throw std::out_of_range("Dataset::setLabel: sample " + std::to_string(index) + ", label " +
                            std::to_string(label));
  samples_[index].label = label;
}

void Dataset::setBoxes(std::size_t index, std::vector<BoundingBox> boxes) {
  if (index >= samples_.size())
    throw std::out_of_range("Dataset::setBoxes: sample " + std::to_string(index));
  samples_[index].boxes = std::move(boxes);
}

}  // namespace sdd
