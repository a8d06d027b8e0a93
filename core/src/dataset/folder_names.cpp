#include "dataset/folder_names.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "sdd/util/ascii.h"

namespace sdd {

bool isUnlabeledFolderName(const std::string& name) {
  const std::string n = asciiLower(name);
  return n == "unlabeled" || n == "unlabelled" || n == "unsorted" || n == "new";
}

bool isCameraOrDateFolderName(const std::string& name) {
  const std::string n = asciiLower(name);
  const auto digit = [&](std::size_t i) {
    return i < n.size() && std::isdigit(static_cast<unsigned char>(n[i]));
  };
  std::size_t digits = 0;
  while (digit(digits)) ++digits;
  if (digits == n.size() || digits == 8) return true;  // 7, 20261130, 20261130_shift2
  if (digits == 4 && n.size() >= 10 && (n[4] == '-' || n[4] == '_' || n[4] == '.') && n[7] == n[4])
    return digit(5) && digit(6) && digit(8) && digit(9);  // 2026-11-30...
  for (const std::string p : {"camera", "cam", "line", "station"}) {
    if (n.compare(0, p.size(), p) != 0) continue;
    std::size_t i = p.size();
    if (i < n.size() && (n[i] == '-' || n[i] == '_' || n[i] == ' ')) ++i;
    if (i == n.size()) return false;
    while (digit(i)) ++i;
    if (i == n.size()) return true;
  }
  return false;
}

std::string seriesWord(const std::string& name) {
  std::size_t end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1]))) --end;
  if (end == name.size()) return {};
  if (end > 0 && (name[end - 1] == '_' || name[end - 1] == '-' || name[end - 1] == ' ')) --end;
  const std::string word = asciiLower(name.substr(0, end));
  if (word.empty() || !std::all_of(word.begin(), word.end(),
                                   [](unsigned char ch) { return std::isalpha(ch) != 0; }))
    return {};
  for (const char* classWord : {"class", "classe", "klasse", "type", "defect", "category", "cat",
                                "cls", "c", "label", "kind"})
    if (word == classWord) return {};
  return word;
}

bool splitFromName(const std::string& name, Split& split) {
  std::string n = asciiLower(name);
  // COCO's train2017 / val2017, Kaggle's train_images / test_set, images_train, PaddleClas'
  // train_list(.txt).
  while (!n.empty() && std::isdigit(static_cast<unsigned char>(n.back()))) n.pop_back();
  // CVAT's YOLO export: obj_train_data.
  for (const std::string affix : {"images", "imgs", "image", "img", "set", "data", "list", "obj"}) {
    for (const std::string sep : {"_", "-", ""}) {
      const std::string suffix = sep + affix, prefix = affix + sep;
      if (n.size() > suffix.size() &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
        n.erase(n.size() - suffix.size());
      else if (!sep.empty() && n.size() > prefix.size() && n.compare(0, prefix.size(), prefix) == 0)
        n.erase(0, prefix.size());
    }
  }
  if (n == "train" || n == "training") {
    split = Split::Train;
    return true;
  }
  if (n == "validation" || n == "valid" || n == "val" || n == "test" || n == "testing" ||
      n == "eval" || n == "evaluation") {
    split = Split::Validation;
    return true;
  }
  return false;
}

bool isClassNumber(const std::string& name) {
  return !name.empty() && name.size() <= 9 &&
         std::all_of(name.begin(), name.end(), [](unsigned char ch) { return std::isdigit(ch); });
}

std::map<std::string, std::string> classNameVariants(
    const std::map<std::string, std::size_t>& imagesByName) {
  std::map<std::string, std::vector<std::string>> groups;  // by the name folded
  for (const auto& [name, count] : imagesByName)
    groups[asciiLower(asciiTrim(name))].push_back(name);
  std::map<std::string, std::string> out;
  for (const auto& [folded, names] : groups) {
    if (names.size() < 2) continue;
    std::string best = names[0];
    for (const std::string& n : names)
      if (imagesByName.at(n) > imagesByName.at(best)) best = n;
    for (const std::string& n : names)
      if (n != best) out[n] = best;
  }
  return out;
}

}  // namespace sdd
