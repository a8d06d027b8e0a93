#include "dataset/mask_classes.h"

#include <set>
#include <string>

namespace fs = std::filesystem;

namespace sdd {

bool classesFromMasks(std::vector<Candidate>& candidates, const MaskPairs& masks,
                      const std::vector<bool>& readable,
                      const std::map<fs::path, MaskMark>& marks) {
  std::size_t defects = 0, blanks = 0;
  std::set<int> values;  // of the masks marking a defect
  auto markOf = [&](std::size_t i) {
    const auto it = marks.find(masks.maskOf[i]);
    return it != marks.end() ? it->second : MaskMark{};
  };
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!readable[i] || masks.isMask[i]) continue;
    if (!candidates[i].className.empty()) return false;
    if (masks.maskOf[i].empty()) continue;
    const MaskMark mark = markOf(i);
    ++(mark.blank ? blanks : defects);
    if (!mark.blank) values.insert(mark.classValue);
  }
  if (defects == 0 || defects + blanks < 2) return false;
  const bool indexed = values.size() >= 2 && !values.count(0);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!readable[i] || masks.isMask[i]) continue;
    const MaskMark mark = markOf(i);
    if (masks.maskOf[i].empty())
      candidates[i].className = blanks == 0 ? kGoodClass : "";
    else if (mark.blank)
      candidates[i].className = kGoodClass;
    else
      candidates[i].className = indexed ? std::to_string(mark.classValue) : kDefectClass;
  }
  return true;
}

}  // namespace sdd
