#pragma once
/// Masks as an image's only label: where nothing else names a class, the scan asks the masks
/// (sdd/dataset/masks.h pairs them). Private to the core's dataset. Thread-safety: a free
/// function over the scan's own data.

#include <filesystem>
#include <map>
#include <vector>

#include "dataset/folder_walk.h"
#include "sdd/dataset/masks.h"

namespace sdd {

/// What a mask marks, read once by the scan.
struct MaskMark {
  bool blank = true;
  int classValue = 0;  ///< maskClassValue
};

/// Masks as an image's only label (KolektorSDD2: train/10000.png + 10000_GT.png; images/ +
/// masks/ drawn for the defective images only), used when nothing else names any class: a mask
/// marking a defect -> defect, a blank one -> good, no mask -> good when every mask marks a
/// defect (else to label). Class-indexed masks (every defect's mask a class number, two numbers
/// at least: NEU-Seg, MMSegmentation's ann_dir/) name the class by that number instead of
/// defect. Needs a defect and two masks at least. True when it named classes.
bool classesFromMasks(std::vector<Candidate>& candidates, const MaskPairs& masks,
                      const std::vector<bool>& readable,
                      const std::map<std::filesystem::path, MaskMark>& marks);

}  // namespace sdd
