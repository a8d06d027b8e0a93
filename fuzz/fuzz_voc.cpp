// libFuzzer target: the box annotation files a dataset brings, one input read as each kind:
// Pascal VOC XML (NEU-DET's ANNOTATIONS / annotations), COCO detection JSON (CVAT's, Roboflow's),
// LabelMe / X-AnyLabeling and Label Studio JSON, CVAT for images XML,
// YOLO label text, and label CSV (Kaggle's, Severstal's run-length pixels decoded on a small
// image), with the outlines of polygons and mask objects filled. The target keeps its first
// name (fuzz_voc) and corpus folder.
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/csv_labels.h"
#include "sdd/dataset/masks.h"

namespace {

// A region's outline is bounded (kMaxOutlinePoints, a million pixels, polygons of three points
// or more) and fills without fault, scaled as the defect map's target draws it.
void checkOutline(const sdd::BoundingBox& b) {
  std::size_t points = 0;
  for (const auto& polygon : b.outline) {
    if (polygon.size() < 3) sdd::fuzz::fail("an outline polygon of fewer than 3 points");
    for (const auto& p : polygon)
      if (!(std::abs(p.x) <= 1e6f && std::abs(p.y) <= 1e6f))
        sdd::fuzz::fail("an outline point beyond a million pixels");
    points += polygon.size();
  }
  if (points > sdd::kMaxOutlinePoints) sdd::fuzz::fail("an outline of too many points");
  cv::Mat canvas = cv::Mat::zeros(24, 24, CV_8U);
  sdd::fillRegion(b, canvas, {0.05, 0.05});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto boxes = sdd::parseVocBoxes(text, &error);
  if (!error.empty() && !boxes.empty()) sdd::fuzz::fail("VOC boxes returned with an error");
  error.clear();
  const auto coco = sdd::parseAnnotationJson(text, &error);  // COCO, LabelMe, Label Studio
  if (!error.empty() && !coco.empty()) sdd::fuzz::fail("JSON images returned with an error");
  for (const auto& image : coco)
    for (const auto& b : image.boxes) {
      if (b.xmax < b.xmin || b.ymax < b.ymin) sdd::fuzz::fail("a JSON box of negative size");
      checkOutline(b);
    }
  error.clear();
  const auto cvat = sdd::parseCvatXml(text, &error);
  if (!error.empty() && !cvat.empty()) sdd::fuzz::fail("CVAT images returned with an error");
  for (const auto& image : cvat)
    for (const auto& b : image.boxes) {
      if (b.xmax < b.xmin || b.ymax < b.ymin) sdd::fuzz::fail("a CVAT box of negative size");
      checkOutline(b);
    }
  error.clear();
  const auto yolo = sdd::parseYoloBoxes(text, 640, 480, {"a", "b", "c"}, &error);
  if (!error.empty() && !yolo.empty()) sdd::fuzz::fail("YOLO boxes returned with an error");
  for (const auto& b : yolo) {
    if (b.xmin < 0 || b.ymin < 0 || b.xmax > 640 || b.ymax > 480)
      sdd::fuzz::fail("YOLO box off the image");
    checkOutline(b);
  }
  error.clear();
  const auto csv = sdd::parseCsvLabels(text, &error);
  if (!error.empty() && !csv.rows.empty()) sdd::fuzz::fail("CSV rows returned with an error");
  for (const auto& row : csv.rows) {
    if (row.image.empty()) sdd::fuzz::fail("a CSV row without an image");
    std::string rleError;
    const cv::Mat mask = sdd::decodeRunLengths(row.pixels, 7, 5, &rleError);
    if (mask.empty() == rleError.empty()) sdd::fuzz::fail("run-length result and error disagree");
    if (!mask.empty() && (mask.cols != 7 || mask.rows != 5))
      sdd::fuzz::fail("run-length mask of the wrong size");
  }
  return 0;
}
