#include "sdd/labels/box_export.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "dataset/labeling_tool_json.h"
#include "sdd/labels/label_store.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/json.h"
#include "sdd/util/xml_text.h"

namespace fs = std::filesystem;

namespace sdd {

namespace {

std::string vocXml(const Sample& s, const std::string& relativePath) {
  const fs::path rel(relativePath);
  std::string x = "<annotation>\n";
  x += "  <folder>" + xmlEscape(rel.parent_path().generic_string()) + "</folder>\n";
  x += "  <filename>" + xmlEscape(rel.filename().string()) + "</filename>\n";
  x += "  <size>\n    <width>" + std::to_string(s.width) + "</width>\n    <height>" +
       std::to_string(s.height) + "</height>\n    <depth>" + std::to_string(s.channels) +
       "</depth>\n  </size>\n  <segmented>0</segmented>\n";
  for (const BoundingBox& b : s.boxes) {
    x += "  <object>\n    <name>" + xmlEscape(b.name) +
         "</name>\n    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n"
         "    <difficult>0</difficult>\n    <bndbox>\n";
    x += "      <xmin>" + std::to_string(b.xmin) + "</xmin>\n      <ymin>" +
         std::to_string(b.ymin) + "</ymin>\n      <xmax>" + std::to_string(b.xmax) +
         "</xmax>\n      <ymax>" + std::to_string(b.ymax) + "</ymax>\n";
    x += "    </bndbox>\n  </object>\n";
  }
  return x + "</annotation>\n";
}

}  // namespace

std::size_t exportVocAnnotations(const Dataset& dataset, const fs::path& outDir) {
  std::error_code ec;
  if (fs::exists(outDir, ec) && !fs::is_empty(outDir, ec))
    throw std::runtime_error("export folder " + outDir.string() +
                             " is not empty; choose a new or empty folder");
  std::size_t written = 0;
  for (const Sample& s : dataset.samples()) {
    const std::string rel = journalPath(dataset.root(), s.path);
    fs::path file = outDir / fs::path(rel);
    file.replace_extension(".xml");
    writeFileAtomically(file, vocXml(s, rel));
    ++written;
  }
  return written;
}

CocoSummary exportCoco(const Dataset& dataset, const fs::path& jsonFile) {
  std::map<std::string, int> category;
  nlohmann::json categories = nlohmann::json::array();
  auto categoryId = [&](const std::string& name) {
    const auto [it, added] = category.emplace(name, static_cast<int>(category.size()) + 1);
    if (added) categories.push_back({{"id", it->second}, {"name", name}});
    return it->second;
  };
  for (const std::string& c : dataset.classes()) categoryId(c);
  nlohmann::json images = nlohmann::json::array(), annotations = nlohmann::json::array();
  CocoSummary summary;
  for (const Sample& s : dataset.samples()) {
    const int imageId = static_cast<int>(++summary.images);
    images.push_back({{"id", imageId},
                      {"file_name", journalPath(dataset.root(), s.path)},
                      {"width", s.width},
                      {"height", s.height}});
    for (const BoundingBox& b : s.boxes) {
      const int w = b.xmax - b.xmin, h = b.ymax - b.ymin;
      annotations.push_back({{"id", static_cast<int>(++summary.annotations)},
                             {"image_id", imageId},
                             {"category_id", categoryId(b.name)},
                             {"bbox", {b.xmin, b.ymin, w, h}},
                             {"area", w * h},
                             {"iscrowd", 0}});
      if (!b.outline.empty()) annotations.back()["segmentation"] = outlineToJson(b.outline);
    }
  }
  summary.categories = category.size();
  const nlohmann::json coco = {
      {"info", {{"description", "SDD Workbench box export of " + dataset.root().string()}}},
      {"images", images},
      {"annotations", annotations},
      {"categories", categories}};
  writeFileAtomically(jsonFile, dumpJson(coco, 1));
  return summary;
}

}  // namespace sdd
