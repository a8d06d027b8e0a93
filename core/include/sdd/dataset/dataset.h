#pragma once
/// Finding images and their classes on disk: the layouts users have (NEU-DET, NEU-CLS,
/// folder-per-class, and images without a class yet: an unlabeled folder beside the class
/// folders, or a folder of new images, flat or by camera / date), train/validation splits,
/// VOC boxes, pixel masks (sdd/dataset/masks.h: attached to their image, never samples) and
/// exact duplicates. An image without a class is in the dataset (to be labeled)
/// but in no split's training or evaluation until it has one.
/// A Dataset is a plain value; scanning never writes to the dataset folder.
/// Thread-safety: a const Dataset may be read from any thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/file_walk.h"

namespace sdd {

/// A user-caused problem with a dataset (missing folder, empty class, ...).
class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The images name no classes (or one) and none were given: the user must give a class list.
class ClassListNeeded : public DatasetError {
 public:
  using DatasetError::DatasetError;
};

/// NeuDet: train|validation/images/<class>/ (+ annotations/); NeuCls: Cr_1.bmp … flat;
/// Yolo: images with YOLO label files (images/<split>/ + labels/<split>/, or
/// <split>/images/ + <split>/labels/) and a data.yaml or classes.txt naming the classes.
/// Masked: images whose only labels are their masks (KolektorSDD2: x.png + x_GT.png).
/// Csv: classes from a CSV label file (sdd/dataset/csv_labels.h).
/// LabelMe (X-AnyLabeling's x.json per image), LabelStudio and Cvat: those tools' own files.
enum class DatasetLayout {
  NeuDet,
  NeuCls,
  FolderPerClass,
  Unlabeled,
  Yolo,
  Voc,
  Coco,
  Masked,
  Csv,
  LabelMe,
  LabelStudio,
  Cvat,
  CreateMl,
  Supervisely,
  Datumaro,
  BoxRecords
};
enum class Split { Train, Validation };
/// Where a dataset's classes came from: its folders (or file names, or annotations), the class
/// list given, the model's classes (ScanOptions::fallbackClasses, when the folders name
/// none), or the images' masks (kDefectClass / kGoodClass, when nothing else names a class).
enum class ClassSource { Folders, ClassList, Model, Masks };

/// The classes of images labeled only by their masks: a mask marking a defect, a blank one.
inline constexpr const char* kDefectClass = "defect";
inline constexpr const char* kGoodClass = "good";

const char* toString(DatasetLayout layout);
const char* toString(Split split);

/// The label of an image that has no class (yet).
inline constexpr int kUnlabeled = -1;

struct Sample {
  std::filesystem::path path;
  int label = kUnlabeled;          ///< index into Dataset::classes(): the current label
  int originalLabel = kUnlabeled;  ///< the label the dataset's folders / file names give
  Split split = Split::Train;
  int width = 0, height = 0, channels = 0;  ///< of the file as stored
  std::uint64_t contentHash = 0;            ///< FNV-1a 64 of the file bytes
  std::vector<BoundingBox> boxes;  ///< current boxes (VOC, or edited); empty: no annotation
  std::filesystem::path mask;      ///< its pixel mask (sdd/dataset/masks.h); empty when none
};

/// Two or more byte-identical images.
struct DuplicateGroup {
  std::vector<std::size_t> samples;  ///< indices into Dataset::samples()
  bool crossSplit = false;           ///< some copies in train, some in validation
};

struct ScanOptions {
  double validationFraction = 0.2;  ///< used only when the dataset has no split folders
  std::uint64_t seed = 42;          ///< for the stratified split
  /// Ignore the dataset's own train/validation folders and make the seeded stratified split
  /// anyway (for repeated experiments on different splits, e.g. NEU's 240/60 per class).
  bool resplit = false;
  int threads = 0;  ///< 0 = all cores
  /// The classes, in this order, when known from elsewhere (`--classes`, the workspace's class
  /// list): folders named after them are class folders, and the images of other folders
  /// (one per camera or date, say) are unlabeled. Empty: every class folder is a class.
  std::vector<std::string> classes;
  /// Classes used only when the folders give none (a folder of unlabeled images): the
  /// classes of the model the images are to be classified with.
  std::vector<std::string> fallbackClasses;
  /// Called with (done, total) as files are checked; may be called from worker threads.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// A class list as a user types it: names separated by commas, spaces around them ignored.
/// Throws DatasetError for an empty name, a repeated one, a name that cannot be a folder
/// name ("/", ".", ".."), or fewer than two classes.
std::vector<std::string> parseClassList(const std::string& text);
/// The checks of parseClassList on a list already split.
void checkClassList(const std::vector<std::string>& classes);

class Dataset {
 public:
  /// Scans `root`. Where nothing names a class but images have masks, a mask marking a defect
  /// makes its image kDefectClass and a blank one kGoodClass (as does no mask when every mask
  /// marks a defect: masks drawn for the defective images only). Images in folders named unlabeled,
  /// unsorted or new, or like a camera or a date (cam1, camera_2, line-3, 2026-11-30, 20261130),
  /// images beside the class folders, and (with a class list) images in folders that are not
  /// classes have no class. A flat folder is NEU-CLS style (the class from the file-name prefix)
  /// when its prefixes are NEU's, the class list's, or at least two prefixes of at least two images
  /// each; otherwise its images are unlabeled. Throws DatasetError for a missing folder, no images,
  /// or fewer than two classes (saying what is missing: a class list when the images have none).
  /// Unreadable files are skipped and listed in skipped().
  static Dataset scan(const std::filesystem::path& root, const ScanOptions& options = {});
  // (An archive's own folder above the dataset is looked through: see dataFolder().)

  const std::filesystem::path& root() const { return root_; }
  /// Where the dataset starts: root(), or the one folder an unpacked archive put below it
  /// (MyDataset/ holding only NEU-DET/ holding train/ …), which the scan reads from.
  const std::filesystem::path& dataFolder() const {
    return dataFolder_.empty() ? root_ : dataFolder_;
  }
  DatasetLayout layout() const { return layout_; }
  ClassSource classSource() const { return classSource_; }
  /// True when the split came from the dataset's own folders, false when we made it.
  bool hasOwnSplit() const { return ownSplit_; }
  const std::vector<std::string>& classes() const { return classes_; }
  const std::vector<Sample>& samples() const { return samples_; }
  const std::vector<ScanIssue>& skipped() const { return skipped_; }
  /// What the scan decided where the files left it a choice, for the user to check: a label
  /// file's columns told by their values, class folders that hold class-like subfolders
  /// (SDNET2018's D/CD, D/UD) taken as one class each. Nothing here was skipped.
  const std::vector<ScanIssue>& notes() const { return notes_; }
  const std::vector<DuplicateGroup>& duplicates() const { return duplicates_; }
  /// The classes a group of identical images carries now, when they are two or more (at
  /// most one of them is right); empty when the copies agree or have no class.
  std::vector<int> conflictingLabels(const DuplicateGroup& group) const;
  /// The options it was scanned with (without the progress callback): what a command line
  /// needs to scan it again the same way.
  const ScanOptions& scanOptions() const { return options_; }

  /// Indices of the labeled samples in `split`, in scan order: what training and evaluation
  /// use.
  std::vector<std::size_t> indices(Split split) const;
  /// (width, height) of the labeled images of a split, as stored (a model's trained sizes).
  std::vector<std::pair<int, int>> imageSizes(Split split) const;
  /// Number of labeled samples per class in `split`.
  std::vector<std::size_t> classCounts(Split split) const;
  /// Indices of the samples without a class, in scan order.
  std::vector<std::size_t> unlabeledIndices() const;
  std::size_t unlabeledCount() const { return unlabeledIndices().size(); }

  /// The class name of a label; "" for kUnlabeled (how the label journal writes "no class").
  const std::string& className(int label) const;
  /// The label of a class name; kUnlabeled for "" and for names that are not classes.
  int classIndex(const std::string& name) const;

  /// Sets the current label of sample `index` (relabeling; the files are not touched);
  /// kUnlabeled takes its class away again (undoing a first label).
  void setLabel(std::size_t index, int label);
  /// Sets the current boxes of sample `index` (edited boxes; the annotation files are not
  /// touched).
  void setBoxes(std::size_t index, std::vector<BoundingBox> boxes);

  /// Builds a dataset from already-known samples (used by tests and label overrides).
  static Dataset fromSamples(std::filesystem::path root, std::vector<std::string> classes,
                             std::vector<Sample> samples);

 private:
  std::filesystem::path root_;
  std::filesystem::path dataFolder_;  // empty: root_
  ScanOptions options_;
  DatasetLayout layout_ = DatasetLayout::FolderPerClass;
  ClassSource classSource_ = ClassSource::Folders;
  bool ownSplit_ = false;
  std::vector<std::string> classes_;
  std::vector<Sample> samples_;
  std::vector<ScanIssue> skipped_;
  std::vector<ScanIssue> notes_;
  std::vector<DuplicateGroup> duplicates_;
};

/// Maps NEU-CLS file prefixes (Cr, In, Pa, PS, RS, Sc) to NEU-DET class names;
/// returns an empty string for an unknown prefix.
std::string neuClassForPrefix(const std::string& prefix);

/// Deterministic stratified split: for each label, round(fraction * n) samples go to
/// validation, chosen by a seeded shuffle. Returns one Split per label entry.
std::vector<Split> stratifiedSplit(const std::vector<int>& labels, double validationFraction,
                                   std::uint64_t seed);

}  // namespace sdd
