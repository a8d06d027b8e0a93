#pragma once
/// How Dataset::scan reads a folder tree: which folders are splits (train/, val/, test/ ...),
/// classes, images to label (unlabeled/, camera and date folders, loose images), masks and
/// annotation files (masks/, Annotations/, labels/ ...), and the NEU-CLS file-name prefixes.
/// The walk only lists files; decoding, pairing masks and reading boxes happen in the scan.
/// Private to the core. Thread-safety: free functions.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dataset/folder_names.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/dataset.h"

namespace sdd {

/// An image file the walk found, with what its place in the tree says about it.
struct Candidate {
  std::filesystem::path path;
  std::string className;  // "": no class (an unlabeled image)
  Split split = Split::Train;
  std::filesystem::path annotation;  // a Pascal VOC file; may be empty
  std::vector<BoundingBox> boxes;    // from its YOLO label file or its VOC file
  bool classFromFileName = false;    // a flat folder's "<prefix>_" gave the class
  // The format of the file that listed it (COCO, LabelMe, Label Studio JSON; CVAT XML), and
  // the class it gave the whole image ("" none).
  std::optional<AnnotationListFormat> fromList{};
  std::string listedClass{};
  // The folder's name when it is a short number (0/, 1/, 10/, 001/): taken for a camera or lot
  // folder (no class), unless nothing else names any class.
  std::string numberedFolder{};
  // Its class is the name of a folder of a numbered series (KolektorSDD's kos01/ … kos50/,
  // one folder per part): dropped where masks name the classes.
  bool classFromSeriesFolder = false;
};

/// What the walk found.
struct FolderWalk {
  std::vector<Candidate> candidates;
  std::vector<std::filesystem::path> maskFiles;  // files in mask folders: masks, never samples
  std::vector<std::filesystem::path> vocFiles;   // XML files anywhere: paired with images by stem
  std::vector<std::filesystem::path> listFiles;  // JSON (and CVAT XML) files listing images
  std::vector<std::filesystem::path> csvFiles;   // CSV files anywhere: label files are read
  std::vector<ScanIssue> issues;
  std::vector<ScanIssue> notes;  // how the walk read what it could have read otherwise
  std::map<std::string, std::filesystem::path>
      classFolders;  // every class folder seen, even empty ones
  bool sawFlatNeuCls = false;
  bool ownSplit = false;      // split folders (train/, validation/ ...) were found
  bool sawImagesDir = false;  // <split>/images/: the NEU-DET layout
};

/// One image an annotation file (VOC XML, JSON list, CSV) may mean by a name it writes.
struct NameMatch {
  std::filesystem::path image;        // the image file
  std::filesystem::path labelFolder;  // the folder of the annotation file
  std::filesystem::path written{};    // the path as the file writes it; empty: a name or stem
};

/// Which of `matches` (one name, several images or several annotation files) is meant: the
/// image at the path as written, from the annotation file's folder, then from `root`; else the
/// image nearest its annotation file (most leading folders shared), the first of equals. The
/// one rule of every pairing by name in the scan. `matches` must not be empty.
std::size_t bestNameMatch(const std::vector<NameMatch>& matches, const std::filesystem::path& root);

/// The entry of `dir` whose name is `lower` in any case; empty when there is none.
std::filesystem::path entryNamed(const std::filesystem::path& dir, const std::string& lower);

/// True when `name` is one of `list` (a class list).
bool inList(const std::vector<std::string>& list, const std::string& name);

/// Names for classes that are numbers (`numbers`), from a names file in `root`: PaddleClas'
/// label_list.txt ("0 crazing" per line), or one name per line (labels.txt, classes.txt,
/// class_names.txt, YOLO's `yolo` names, a segmentation export's labelmap.txt), line k naming
/// class k (or k + 1 when the numbers
/// start at 1 and there are as many names as the highest). Empty when no file names each.
std::map<std::string, std::string> namesOfNumberedClasses(const std::filesystem::path& root,
                                                          const std::set<std::string>& numbers,
                                                          const YoloNames& yolo);

/// The folder a dataset starts in: `given`, or the folder an archive was unpacked into below
/// it (MyDataset/ holding only NEU-DET/, which holds train/ and validation/), followed down
/// while a folder holds exactly one folder and no image or label file, that folder's name is
/// not a split, image, mask, unlabeled, camera or date folder's, and walking it finds class
/// folders, a split, NEU-CLS file names or label files (a folder of one class's images is
/// that class). At most 4 levels.
std::filesystem::path datasetFolderIn(const std::filesystem::path& given,
                                      const ScanOptions& options);

/// Walks `root`: the YOLO layout (`yolo` names its classes), split folders with their
/// images/, annotations/ and mask folders, or one class root of class folders and loose
/// images.
FolderWalk walkDatasetFolders(const std::filesystem::path& root, const ScanOptions& options,
                              const YoloNames& yolo);

/// The longest of `classes` that `stem` starts with, followed by a separator or a digit
/// ("pitted_surface_12" -> "pitted_surface"); "" when none.
std::string namedClass(const std::string& stem, const std::set<std::string>& classes);

/// Gives each image without a VOC file the one of its stem (the nearest in the tree when
/// several share it); VOC files no image claims go to `issues`. `readable[i]`: candidate i
/// decoded (an unreadable image's VOC file is not reported as unclaimed).
void pairVocFiles(FolderWalk& walk, const std::vector<bool>& readable,
                  std::vector<ScanIssue>& issues);

/// Gives each image without boxes those an annotation JSON file (COCO, LabelMe, Label Studio)
/// lists for it, and the class it gives the whole image (matched by the file name as written,
/// relative to the JSON file's folder or to `root`, else by its bare name — or its stem when
/// written without an extension, or without Label Studio's upload prefix "3f2a1b9c-" — the
/// nearest file first); JSON files that cannot be read, and images they list that are not
/// found, go to `issues`. Returns the number of images paired that way.
std::size_t pairListFiles(FolderWalk& walk, const std::filesystem::path& root,
                          const std::vector<bool>& readable, std::vector<ScanIssue>& issues);

/// Gives each image no folder names the class the CSV label files give it (sdd/dataset/
/// csv_labels.h; rows matched by the path as written, from the file's folder or `root`, else by
/// file name, or by stem when written without an extension, the nearest image first), and
/// boxes from their pixels or box columns to images without boxes. Where a file has pixel
/// columns (Severstal), images it does not list in the folders it covers are kGoodClass.
/// Files that are not label files, rows left out and images not found go to `issues`. Where no
/// folder gave a split, files named for both sides of one (train_list.txt, val_list.txt) give
/// the images they list their split (`walk.ownSplit`).
/// `sizes[i]`: candidate i's width and height. Returns the number of images given a class.
std::size_t pairCsvFiles(FolderWalk& walk, const std::filesystem::path& root,
                         const std::vector<bool>& readable,
                         const std::vector<std::pair<int, int>>& sizes,
                         std::vector<ScanIssue>& issues);

}  // namespace sdd
