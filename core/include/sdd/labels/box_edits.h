#pragma once
/// Defect boxes edited by the user, kept in the label journal beside the labels: each edit
/// is one row holding the image's whole box list before and after (so an undo is another
/// edit back, and the history reads like the labels'). The dataset's annotation files are
/// never written; an image's current boxes are those of its latest edit, else its VOC boxes
/// on disk. Written like labels: one transaction per edit, committed before the call returns,
/// compare-and-set against the boxes the editor last saw. LabelStore's box methods
/// (setBoxes, currentBoxes, boxHistory, boxEditsSince) are defined with these types.
/// Thread-safety: as LabelStore.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"

namespace sdd {

using Boxes = std::vector<BoundingBox>;

/// One row of the box journal. Paths are relative to the dataset root, with '/' separators.
struct BoxEdit {
  long long id = 0;
  std::string path;
  Boxes oldBoxes;  ///< the image's boxes just before this edit
  Boxes newBoxes;
  std::string time;    ///< UTC, ISO 8601
  std::string action;  ///< "edit", "undo" or "redo"
  std::string note;    ///< what was done ("moved scratches", "deleted 2 boxes")
  std::string user;
};

/// One requested edit: set the boxes of `path` to `boxes`. `original`: the image's boxes on
/// disk (what it has before any edit). With `expected`, only when its current boxes are still
/// `expected` (compare-and-set).
struct BoxAssignment {
  std::string path;
  Boxes original;
  Boxes boxes;
  std::optional<Boxes> expected = std::nullopt;
};

/// A compare-and-set found other boxes than it expected; nothing was written.
class BoxConflictError : public LabelStoreError {
 public:
  BoxConflictError(const std::string& path, const BoxEdit& changedBy);
  /// The row that gave the image its current boxes.
  const BoxEdit& changedBy() const { return changedBy_; }

 private:
  BoxEdit changedBy_;
};

bool sameBoxes(const Boxes& a, const Boxes& b);
/// Throws LabelStoreError naming the first box that cannot be a defect region: an empty
/// name, a negative coordinate, or no area (xmax <= xmin or ymax <= ymin).
void checkBoxes(const Boxes& boxes);
/// The JSON the journal stores a box list as: [{"name":…,"xmin":…,"ymin":…,"xmax":…,"ymax":…}].
std::string boxesToJson(const Boxes& boxes);
/// Reads it back; throws LabelStoreError for text that is not such a list.
Boxes boxesFromJson(const std::string& json);
/// "2 boxes: crazing, scratches" / "no boxes", for histories and messages.
std::string describeBoxes(const Boxes& boxes);

/// Result of applying the box journal to a dataset.
struct AppliedBoxes {
  std::size_t changed = 0;                ///< samples whose boxes the journal changed
  std::vector<std::string> unknownPaths;  ///< journal paths that are not in the dataset
};

/// Replaces the boxes of `dataset`'s samples by the journal's current ones. Edits for
/// images not in the dataset are reported, never fatal.
AppliedBoxes applyBoxes(Dataset& dataset, const LabelStore& store);

}  // namespace sdd
