// libFuzzer target: the box annotation files a dataset brings, one input read as each kind:
// Pascal VOC XML (NEU-DET's ANNOTATIONS / annotations), COCO detection JSON (CVAT's, Roboflow's),
// LabelMe / X-AnyLabeling and Label Studio JSON, CVAT for images XML,
// YOLO label text, and label CSV (Kaggle's, Severstal's run-length pixels decoded on a small
// image). The target keeps its first name (fuzz_voc) and corpus folder.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/csv_labels.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto boxes = sdd::parseVocBoxes(text, &error);
  if (!error.empty() && !boxes.empty()) sdd::fuzz::fail("VOC boxes returned with an error");
  error.clear();
  const auto coco = sdd::parseAnnotationJson(text, &error);  // COCO, LabelMe, Label Studio
  if (!error.empty() && !coco.empty()) sdd::fuzz::fail("JSON images returned with an error");
  for (const auto& image : coco)
    for (const auto& b : image.boxes)
      if (b.xmax < b.xmin || b.ymax < b.ymin) sdd::fuzz::fail("a JSON box of negative size");
  error.clear();
  const auto cvat = sdd::parseCvatXml(text, &error);
  if (!error.empty() && !cvat.empty()) sdd::fuzz::fail("CVAT images returned with an error");
  for (const auto& image : cvat)
    for (const auto& b : image.boxes)
      if (b.xmax < b.xmin || b.ymax < b.ymin) sdd::fuzz::fail("a CVAT box of negative size");
  error.clear();
  const auto yolo = sdd::parseYoloBoxes(text, 640, 480, {"a", "b", "c"}, &error);
  if (!error.empty() && !yolo.empty()) sdd::fuzz::fail("YOLO boxes returned with an error");
  for (const auto& b : yolo)
    if (b.xmin < 0 || b.ymin < 0 || b.xmax > 640 || b.ymax > 480)
      sdd::fuzz::fail("YOLO box off the image");
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
