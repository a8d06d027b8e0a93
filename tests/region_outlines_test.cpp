// Region outlines: what a labeling tool draws as a shape (a polygon, a bitmap, a run-length
// mask) is kept as that shape beside its box, survives the box journal and a move in the
// inspector's terms, is exported as a COCO segmentation, and is what the defect map learns
// and is scored against, where before only the rectangle around it was.
#include <gtest/gtest.h>
#include <zlib.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "dataset/labeling_tool_json.h"
#include "dataset/run_length.h"
#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/dataset.h"
#include "sdd/dataset/masks.h"
#include "sdd/labels/box_edits.h"
#include "sdd/labels/box_export.h"
#include "sdd/util/base64.h"
#include "sdd/util/json.h"
#include "test_support.h"
#include "training/training_data.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::readBytes;
using sdd::test::shapeOnTexture;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

// The pixels a box's region covers in a width x height image.
cv::Mat regionPixels(const BoundingBox& b, int width, int height) {
  cv::Mat out = cv::Mat::zeros(height, width, CV_8U);
  fillRegion(b, out);
  return out;
}

int differentPixels(const cv::Mat& a, const cv::Mat& b) { return cv::countNonZero(a != b); }

// A solid shape with a diagonal: a triangle's pixels, as a mask.
cv::Mat triangleMask(int width, int height) {
  cv::Mat m = cv::Mat::zeros(height, width, CV_8U);
  const std::vector<cv::Point> t = {{4, 3}, {30, 3}, {4, 25}};
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{t}, 255);
  return m;
}

}  // namespace

// Each tool's polygon gives the box around it and the polygon itself (in pixels); rectangles,
// circles and lines give no outline.
TEST(RegionOutlines, EveryToolsPolygonIsKeptAsTheRegionsShape) {
  std::string error;
  const auto labelMe = parseAnnotationJson(R"({"shapes": [
      {"label": "pit", "points": [[5, 5], [9, 2], [7, 12]], "shape_type": "polygon"},
      {"label": "pit", "points": [[5, 5], [9, 12]], "shape_type": "rectangle"},
      {"label": "pit", "points": [[5, 5], [9, 12]], "shape_type": "linestrip"}],
      "imagePath": "x.jpg"})",
                                           &error);
  ASSERT_EQ(labelMe.size(), 1u) << error;
  ASSERT_EQ(labelMe[0].boxes.size(), 3u);
  ASSERT_EQ(labelMe[0].boxes[0].outline.size(), 1u);
  ASSERT_EQ(labelMe[0].boxes[0].outline[0].size(), 3u);
  EXPECT_EQ(labelMe[0].boxes[0].outline[0][1].x, 9.f);
  EXPECT_EQ(labelMe[0].boxes[0].outline[0][1].y, 2.f);
  EXPECT_TRUE(labelMe[0].boxes[1].outline.empty());
  EXPECT_TRUE(labelMe[0].boxes[2].outline.empty());

  // Label Studio: percent of the image's size.
  const auto studio = parseAnnotationJson(R"([{"data": {"image": "/data/upload/1/x.jpg"},
      "annotations": [{"result": [{"original_width": 200, "original_height": 100,
        "value": {"points": [[10, 10], [50, 10], [10, 50]], "polygonlabels": ["pit"]}}]}]}])",
                                          &error);
  ASSERT_EQ(studio.size(), 1u) << error;
  ASSERT_EQ(studio[0].boxes.size(), 1u);
  ASSERT_EQ(studio[0].boxes[0].outline.size(), 1u);
  EXPECT_EQ(studio[0].boxes[0].outline[0][1].x, 100.f);
  EXPECT_EQ(studio[0].boxes[0].outline[0][2].y, 50.f);

  // COCO: segmentation polygons, several per object.
  const auto coco = parseCocoBoxes(R"({"images": [{"id": 1, "file_name": "x.jpg"}],
      "categories": [{"id": 3, "name": "pit"}],
      "annotations": [{"image_id": 1, "category_id": 3, "bbox": [4, 2, 20, 10],
                       "segmentation": [[4, 2, 24, 2, 4, 12], [10, 10, 12, 10, 12, 12, 10, 12]]},
                      {"image_id": 1, "category_id": 3, "bbox": [1, 1, 2, 2]}]})",
                                   &error);
  ASSERT_EQ(coco.size(), 1u) << error;
  ASSERT_EQ(coco[0].boxes.size(), 2u);
  ASSERT_EQ(coco[0].boxes[0].outline.size(), 2u);
  EXPECT_EQ(coco[0].boxes[0].outline[1].size(), 4u);
  EXPECT_TRUE(coco[0].boxes[1].outline.empty());

  // CVAT for images: "x,y;x,y;…".
  const auto cvat = parseCvatXml(R"(<annotations><version>1.1</version>
  <image id="0" name="x.jpg" width="48" height="48">
    <polygon label="pit" points="10.0,5.0;20.5,12.0;4.0,9.0" z_order="0"/>
    <polyline label="pit" points="1,1;5,5" z_order="0"/>
  </image></annotations>)",
                                 &error);
  ASSERT_EQ(cvat.size(), 1u) << error;
  ASSERT_EQ(cvat[0].boxes.size(), 2u);
  ASSERT_EQ(cvat[0].boxes[0].outline.size(), 1u);
  EXPECT_EQ(cvat[0].boxes[0].outline[0][1].x, 20.5f);
  EXPECT_TRUE(cvat[0].boxes[1].outline.empty());

  // YOLO segmentation labels: fractions of the image.
  const auto yolo =
      parseYoloBoxes("0 0.1 0.1 0.5 0.1 0.1 0.5\n0 0.5 0.5 0.2 0.2\n", 100, 50, {"pit"}, &error);
  ASSERT_EQ(yolo.size(), 2u) << error;
  ASSERT_EQ(yolo[0].outline.size(), 1u);
  EXPECT_EQ(yolo[0].outline[0][1].x, 50.f);
  EXPECT_EQ(yolo[0].outline[0][2].y, 25.f);
  EXPECT_TRUE(yolo[1].outline.empty());

  // Datumaro.
  const auto datumaro = parseAnnotationJson(
      R"({"categories": {"label": {"labels": [{"name": "pit"}]}}, "items": [{"id": "x",
          "annotations": [{"type": "polygon", "label_id": 0, "points": [1, 1, 9, 1, 1, 9]}]}]})",
      &error);
  ASSERT_EQ(datumaro.size(), 1u) << error;
  ASSERT_EQ(datumaro[0].boxes.size(), 1u);
  ASSERT_EQ(datumaro[0].boxes[0].outline.size(), 1u);
  EXPECT_EQ(datumaro[0].boxes[0].outline[0].size(), 3u);
}

// A mask object (Supervisely's bitmap, a COCO or Datumaro run-length mask) gives back the very
// pixels it marks when its outline is filled, placed where the mask lies in the image.
TEST(RegionOutlines, AMaskObjectsOutlineFillsExactlyItsPixels) {
  const cv::Mat triangle = triangleMask(40, 30);
  // Supervisely: a zlib-compressed PNG in base64, at an origin.
  std::vector<uchar> png;
  ASSERT_TRUE(cv::imencode(".png", triangle, png));
  std::string packed(compressBound(png.size()), '\0');
  uLongf size = packed.size();
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &size, png.data(), png.size(), 9),
            Z_OK);
  packed.resize(size);
  const nlohmann::json supervisely = {
      {"objects",
       {{{"classTitle", "pit"},
         {"geometryType", "bitmap"},
         {"bitmap", {{"data", encodeBase64(packed)}, {"origin", {20, 10}}}}}}}};
  const ListedImage im = parseSupervisely(supervisely);
  ASSERT_EQ(im.boxes.size(), 1u);
  cv::Mat placed = cv::Mat::zeros(60, 80, CV_8U);
  triangle.copyTo(placed(cv::Rect(20, 10, 40, 30)));
  EXPECT_EQ(differentPixels(regionPixels(im.boxes[0], 80, 60), placed), 0);
  EXPECT_EQ(im.boxes[0].xmin, 24);
  EXPECT_EQ(im.boxes[0].ymax, 35);

  // Run-length counts down each column, background first (pycocotools' order).
  std::vector<long long> counts;
  uchar last = 0;
  long long run = 0;
  for (int x = 0; x < triangle.cols; ++x)
    for (int y = 0; y < triangle.rows; ++y) {
      if (triangle.at<uchar>(y, x) != last) counts.push_back(run), run = 0, last ^= 255;
      ++run;
    }
  counts.push_back(run);
  BoundingBox fromRle;
  OutlineBudget budget;
  ASSERT_TRUE(readRunLength({{"counts", counts}, {"size", {30, 40}}}, fromRle, budget));
  EXPECT_EQ(differentPixels(regionPixels(fromRle, 40, 30), triangle), 0);
  // The same counts as a COCO crowd annotation.
  const nlohmann::json coco = {{"images", {{{"id", 1}, {"file_name", "x.png"}}}},
                               {"categories", {{{"id", 1}, {"name", "pit"}}}},
                               {"annotations",
                                {{{"image_id", 1},
                                  {"category_id", 1},
                                  {"bbox", {4, 3, 27, 23}},
                                  {"iscrowd", 1},
                                  {"segmentation", {{"counts", counts}, {"size", {30, 40}}}}}}}};
  std::string error;
  const auto crowd = parseCocoBoxes(coco.dump(), &error);
  ASSERT_EQ(crowd.size(), 1u) << error;
  ASSERT_EQ(crowd[0].boxes.size(), 1u);
  EXPECT_EQ(differentPixels(regionPixels(crowd[0].boxes[0], 40, 30), triangle), 0);
  // A listed count beyond the mask's size is the file's error, not an uncaught exception
  // (fuzz_voc found it; fuzz/regressions/voc/coco-crowd-count-beyond-size).
  nlohmann::json beyond = coco;
  beyond["annotations"][0]["segmentation"]["counts"] = {1300, 3};
  error.clear();
  EXPECT_TRUE(parseCocoBoxes(beyond.dump(), &error).empty());
  EXPECT_NE(error.find("segmentation mask"), std::string::npos) << error;

  // A mask object with a hole (a ring): the hole's contour is kept, and the region leaves the
  // hole empty.
  cv::Mat ring = cv::Mat::zeros(30, 40, CV_8U);
  cv::circle(ring, {20, 15}, 12, 255, cv::FILLED);
  cv::circle(ring, {20, 15}, 5, 0, cv::FILLED);
  BoundingBox ringRegion;
  ringRegion.outline = maskOutline(ring);
  EXPECT_EQ(ringRegion.outline.size(), 2u);
  EXPECT_EQ(differentPixels(regionPixels(ringRegion, 40, 30), ring), 0);

  // CVAT for images: counts along each row of the mask's box (left, top, width, height),
  // background first. A mask without counts is its box; counts beyond the box are an error.
  std::string rowRuns;
  last = 0, run = 0;
  for (int y = 0; y < triangle.rows; ++y)
    for (int x = 0; x < triangle.cols; ++x) {
      if (triangle.at<uchar>(y, x) != last)
        rowRuns += std::to_string(run) + ", ", run = 0, last ^= 255;
      ++run;
    }
  rowRuns += std::to_string(run);
  const std::string image = "<annotations><image id=\"0\" name=\"x.png\">";
  const auto cvat = parseCvatXml(image + "<mask label=\"pit\" rle=\"" + rowRuns +
                                     "\" left=\"20\" top=\"10\" width=\"40\" height=\"30\"/>"
                                     "<mask label=\"pit\" left=\"1\" top=\"2\" width=\"3\" "
                                     "height=\"4\"/></image></annotations>",
                                 &error);
  ASSERT_EQ(cvat.size(), 1u) << error;
  ASSERT_EQ(cvat[0].boxes.size(), 2u);
  EXPECT_EQ(differentPixels(regionPixels(cvat[0].boxes[0], 80, 60), placed), 0);
  EXPECT_EQ(cvat[0].boxes[0].xmin, 24);
  EXPECT_EQ(cvat[0].boxes[0].ymax, 35);
  EXPECT_TRUE(cvat[0].boxes[1].outline.empty());
  EXPECT_EQ(cvat[0].boxes[1].xmax, 3);
  EXPECT_EQ(cvat[0].boxes[1].ymax, 5);
  // Past the file's outline budget a mask keeps its box and no outline (a crafted file of
  // thousands of huge masks would otherwise keep a scan busy for minutes).
  OutlineBudget small(2 * 27 * 23);  // two of the triangle's boxes (27 x 23 pixels)
  for (int n = 0; n < 3; ++n) {
    BoundingBox b;
    ASSERT_TRUE(readCvatRunLength(rowRuns, 20, 10, 40, 30, b, small));
    EXPECT_EQ(b.xmin, 24);
    EXPECT_EQ(b.outline.empty(), n == 2) << n;
  }
  for (const std::string rle : {"1, 1200", "5, x", "-3, 4", "99999999999999999999999"}) {
    error.clear();
    EXPECT_TRUE(parseCvatXml(image + "<mask label=\"pit\" rle=\"" + rle +
                                 "\" left=\"0\" top=\"0\" width=\"40\" height=\"30\"/></image>"
                                 "</annotations>",
                             &error)
                    .empty())
        << rle;
    EXPECT_NE(error.find("mask"), std::string::npos) << rle << ": " << error;
  }
}

// The journal stores a box's outline with it: an edit of another box, or an undo, keeps the
// shape, and an outline that differs is a different box list. The COCO export writes it as the
// annotation's segmentation, which our reader reads back the same.
TEST(RegionOutlines, TheJournalAndTheCocoExportKeepTheShape) {
  TempDir dir;
  const Boxes drawn = {{"pit", 4, 3, 30, 25, {{{4, 3}, {30, 3}, {4, 25}}}}, {"pit", 1, 1, 2, 2}};
  EXPECT_TRUE(sameBoxes(boxesFromJson(boxesToJson(drawn)), drawn));
  Boxes other = drawn;
  other[0].outline[0][2].y = 24.5f;
  EXPECT_FALSE(sameBoxes(other, drawn));

  LabelStore store(LabelStore::journalFile(dir / "ws"));
  Boxes edited = drawn;
  edited[1].xmax = 5;
  ASSERT_TRUE(store.setBoxes({"x.jpg", drawn, edited}, "edit", "resized pit"));
  const auto current = store.currentBoxes();
  ASSERT_EQ(current.count("x.jpg"), 1u);
  EXPECT_TRUE(sameBoxes(current.at("x.jpg"), edited));
  ASSERT_EQ(current.at("x.jpg")[0].outline.size(), 1u);

  writeImage(dir / "data/pit/x.png", shapeOnTexture(2, 1, 48).image);
  writeBytes(dir / "data/pit/x.json",
             R"({"shapes": [{"label": "pit", "points": [[4, 3], [30, 3], [4, 25]]}],
                 "imagePath": "x.png"})");
  writeImage(dir / "data/scratch/y.png", shapeOnTexture(0, 1, 48).image);
  const Dataset ds = Dataset::scan(dir / "data");
  ASSERT_EQ(ds.samples().size(), 2u);
  ASSERT_EQ(ds.samples()[0].boxes.size(), 1u);
  exportCoco(ds, dir / "coco.json");
  const auto back = parseCocoBoxes(readBytes(dir / "coco.json"), nullptr);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_TRUE(sameBoxes(back[0].boxes, ds.samples()[0].boxes));
  EXPECT_EQ(back[0].boxes[0].outline.size(), 1u);
}

// The defect map's training target is the share of each cell the region covers: a diagonal
// polygon leaves the cells of its box's empty corner at 0, where its rectangle would fill them.
TEST(RegionOutlines, TheMapLearnsThePolygonNotTheRectangleAroundIt) {
  Sample s;
  s.width = s.height = 48;
  s.boxes = {{"bar", 0, 0, 47, 47, {{{0, 0}, {8, 0}, {47, 39}, {47, 47}, {39, 47}, {0, 8}}}}};
  const cv::Mat polygon = training::locationTarget(s, 12, nullptr, nullptr);
  ASSERT_EQ(polygon.size(), cv::Size(12, 12));
  EXPECT_GT(polygon.at<float>(6, 6), 0.9f);    // on the diagonal
  EXPECT_LT(polygon.at<float>(0, 11), 0.01f);  // the box's empty top right corner
  EXPECT_LT(polygon.at<float>(11, 0), 0.01f);
  s.boxes[0].outline.clear();
  const cv::Mat rectangle = training::locationTarget(s, 12, nullptr, nullptr);
  EXPECT_GT(rectangle.at<float>(0, 11), 0.7f);  // (VOC's 1-based corners: 3 of its 4 columns)
}
