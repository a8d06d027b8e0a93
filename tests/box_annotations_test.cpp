// Defect boxes as datasets ship them: Pascal VOC files, YOLO label files, COCO, LabelMe /
// X-AnyLabeling and Label Studio JSON (sdd/dataset/box_annotations.h), and datasets labeled that
// way scanned as their tools leave them.
#include "sdd/dataset/box_annotations.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/base64.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::jpegWithOrientation;
using sdd::test::patternImage;
using sdd::test::skippedWith;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

TEST(VocReader, MalformedAnnotationReportsAnError) {
  TempDir dir;
  writeBytes(dir / "bad.xml",
             "<annotation><object><name>x</name><bndbox><xmin>abc</xmin>"
             "</bndbox></object></annotation>");
  std::string err;
  EXPECT_TRUE(readVocBoxes(dir / "bad.xml", &err).empty());
  EXPECT_NE(err.find("malformed"), std::string::npos);
}

// Found by fuzz_voc (fuzz/regressions/voc): a coordinate too large for an int was converted
// with undefined behavior instead of being reported.
TEST(VocReader, OutOfRangeCoordinatesAreMalformedNotUndefined) {
  for (const char* v : {"444444444444444444442", "-1e300", "nan", "inf", "1e7"}) {
    std::string err;
    const std::string xml =
        std::string("<annotation><object><name>x</name><bndbox><xmin>") + v +
        "</xmin><ymin>1</ymin><xmax>2</xmax><ymax>3</ymax></bndbox></object></annotation>";
    EXPECT_TRUE(parseVocBoxes(xml, &err).empty()) << v;
    EXPECT_NE(err.find("malformed"), std::string::npos) << v;
  }
  std::string err;
  const auto boxes = parseVocBoxes(
      "<object><name>crazing</name><xmin>2.5</xmin><ymin>0</ymin>"
      "<xmax>199</xmax><ymax>200</ymax></object>",
      &err);
  ASSERT_EQ(boxes.size(), 1u) << err;
  EXPECT_EQ(boxes[0].xmin, 2);
  EXPECT_EQ(boxes[0].ymax, 200);
}

TEST(VocBoxes, BoxesDrawnOnAPhotosUnturnedPixelsTurnWithThePicture) {
  // Every EXIF orientation moves a box as the decoder (and a viewer) moves the pixels: the box
  // around a bright block of the stored picture is around it in the decoded one.
  const int w = 32, h = 16;
  cv::Mat stored(h, w, CV_8UC3, cv::Scalar::all(0));
  stored(cv::Rect(4, 2, 8, 4)).setTo(cv::Scalar::all(255));  // x 4..11, y 2..5
  for (int orientation = 1; orientation <= 8; ++orientation) {
    const std::string jpeg = jpegWithOrientation(stored, orientation);
    const DecodedImage d = decodeImage(std::vector<std::uint8_t>(jpeg.begin(), jpeg.end()));
    ASSERT_TRUE(d.ok()) << d.error;
    cv::Mat grey;
    cv::cvtColor(d.image, grey, cv::COLOR_BGR2GRAY);
    const cv::Rect shown = cv::boundingRect(grey > 128);
    std::vector<BoundingBox> boxes = {{"pit", 4, 2, 11, 5}};
    turnBoxes(boxes, orientation, w, h);
    EXPECT_EQ(
        std::vector<int>({boxes[0].xmin, boxes[0].ymin, boxes[0].xmax, boxes[0].ymax}),
        std::vector<int>({shown.x, shown.y, shown.x + shown.width - 1, shown.y + shown.height - 1}))
        << "orientation " << orientation;
  }
  std::pair<int, int> size;
  parseVocBoxes(
      "<annotation><size><width>400</width><height>100</height><depth>3</depth>"
      "</size></annotation>",
      nullptr, &size);
  EXPECT_EQ(size, std::make_pair(400, 100));

  // A VOC set with phone photos (EXIF orientation 6): LabelImg drew a.jpg's box on the stored
  // 80 x 40 pixels and says so in <size>; CVAT drew b.jpg's on the turned 40 x 80 picture.
  TempDir dir;
  const auto voc = [](int width, int height) {
    return "<annotation><size><width>" + std::to_string(width) + "</width><height>" +
           std::to_string(height) +
           "</height></size><object><name>scratch</name><bndbox><xmin>10</xmin><ymin>5</ymin>"
           "<xmax>30</xmax><ymax>15</ymax></bndbox></object></annotation>";
  };
  for (const std::string name : {"a", "b"}) {
    writeBytes(dir / "JPEGImages" / (name + ".jpg"),
               jpegWithOrientation(patternImage(name == "a", 1, 80, 40), 6));
    writeBytes(dir / "Annotations" / (name + ".xml"), name == "a" ? voc(80, 40) : voc(40, 80));
  }
  writeImage(dir / "JPEGImages/c.jpg", patternImage(1, 2, 80, 40));
  writeBytes(dir / "Annotations/c.xml",
             std::string(voc(80, 40)).replace(voc(80, 40).find("scratch"), 7, "stain"));
  const Dataset ds = Dataset::scan(dir.path());
  ASSERT_EQ(ds.samples().size(), 3u);
  for (const Sample& s : ds.samples()) {
    ASSERT_EQ(s.boxes.size(), 1u);
    const BoundingBox& b = s.boxes[0];
    const std::vector<int> corners = {b.xmin, b.ymin, b.xmax, b.ymax};
    if (s.path.stem() == "a") {
      EXPECT_EQ(std::make_pair(s.width, s.height), std::make_pair(40, 80));
      EXPECT_EQ(corners, std::vector<int>({24, 10, 34, 30})) << "turned a quarter clockwise";
    } else {
      EXPECT_EQ(corners, std::vector<int>({10, 5, 30, 15})) << s.path;
    }
  }
  bool said = false;
  for (const ScanIssue& note : ds.notes())
    said = said || note.reason.find("1 photo(s) turned") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(YoloLabels, NamesAreReadFromEveryFormOfDataYamlAndFromClassLists) {
  const std::vector<std::string> expected = {"crazing", "rolled-in scale", "a, b"};
  EXPECT_EQ(
      parseYoloNames("path: ../data\nnames: [crazing, 'rolled-in scale', \"a, b\"]  # 3\n", true),
      expected);
  EXPECT_EQ(parseYoloNames("nc: 3\nnames:\n  - crazing\n  - 'rolled-in scale'\n  - \"a, b\"\n"
                           "train: images/train\n",
                           true),
            expected);
  EXPECT_EQ(
      parseYoloNames("names:\n  2: \"a, b\"\n  0: crazing  # first\n  1: rolled-in scale\n", true),
      expected);
  EXPECT_EQ(parseYoloNames("crazing\r\nrolled-in scale\r\n\r\na, b\n", false), expected);
  EXPECT_TRUE(parseYoloNames("train: images/train\n", true).empty());
}

TEST(YoloLabels, BoxesAreInPixelsOfTheImageAndBadLinesAreNamed) {
  const std::vector<std::string> names = {"crazing", "scratches"};
  std::string err;
  const auto boxes =
      parseYoloBoxes("1 0.5 0.25 0.2 0.1\r\n\n0 0.95 0.5 0.2 0.4\n", 200, 100, names, &err);
  ASSERT_EQ(boxes.size(), 2u) << err;
  EXPECT_EQ(boxes[0].name, "scratches");
  EXPECT_EQ(boxes[0].xmin, 80);
  EXPECT_EQ(boxes[0].ymin, 20);
  EXPECT_EQ(boxes[0].xmax, 120);
  EXPECT_EQ(boxes[0].ymax, 30);
  EXPECT_EQ(boxes[1].xmax, 200);  // 0.95 + 0.1 clipped to the image
  // A segmentation label (a polygon) gives its bounding box.
  const auto polygon = parseYoloBoxes("0 0.1 0.2 0.3 0.2 0.2 0.6\n", 100, 100, names, &err);
  ASSERT_EQ(polygon.size(), 1u) << err;
  EXPECT_EQ(polygon[0].xmin, 10);
  EXPECT_EQ(polygon[0].ymax, 60);
  EXPECT_TRUE(parseYoloBoxes("", 100, 100, names, &err).empty());  // no defect
  for (const char* bad : {"0 0.5 0.5 0.1\n", "0 0.5 0.5 nan 0.1\n", "x 0.5 0.5 0.1 0.1\n",
                          "0 0.5 0.5 0.1 0.1 zz\n", "0 0.5 0.5 -0.1 0.1\n"}) {
    err.clear();
    EXPECT_TRUE(
        parseYoloBoxes(std::string("1 0.5 0.5 0.1 0.1\n") + bad, 100, 100, names, &err).empty())
        << bad;
    EXPECT_NE(err.find("line 2"), std::string::npos) << bad << ": " << err;
  }
  err.clear();
  EXPECT_TRUE(parseYoloBoxes("2 0.5 0.5 0.1 0.1\n", 100, 100, names, &err).empty());
  EXPECT_NE(err.find("class 2 on line 1, not one of the 2 names"), std::string::npos) << err;
}

TEST(YoloLabels, TheLabelFileIsInTheLabelsFolderOrBesideTheImageAndTheClassCoversTheMostArea) {
  EXPECT_EQ(yoloLabelFile("/d/images/train/a.b.jpg"), fs::path("/d/labels/train/a.b.txt"));
  EXPECT_EQ(yoloLabelFile("/images/x/valid/images/a.png"),
            fs::path("/images/x/valid/labels/a.txt"));
  EXPECT_EQ(yoloLabelFile("/d/obj_train_data/a.jpg"), fs::path("/d/obj_train_data/a.txt"));
  EXPECT_EQ(dominantBoxClass({{"a", 0, 0, 10, 10}, {"b", 0, 0, 8, 8}, {"b", 0, 0, 8, 8}}), "b");
  EXPECT_EQ(dominantBoxClass({{"a", 0, 0, 10, 10}, {"b", 0, 0, 10, 10}}), "a");
  EXPECT_EQ(dominantBoxClass({}), "");
}

// Ultralytics writes images/<split>/ + labels/<split>/, Roboflow <split>/images/ +
// <split>/labels/, both with a data.yaml; CVAT's YOLO 1.1 export obj_<split>_data/ with each
// label file beside its image and the names in obj.names. An image's class is its boxes' (not
// its file name's, which here looks like a NEU-CLS prefix), and an image with an empty label
// file is to label.
TEST(YoloLabels, EveryYoloLayoutScansWithClassesAndBoxesFromTheLabels) {
  for (const std::string tool : {"ultralytics", "roboflow", "cvat"}) {
    SCOPED_TRACE(tool);
    const bool ultralytics = tool == "ultralytics";
    TempDir dir;
    auto folder = [&](const std::string& split, const char* kind) {
      return ultralytics      ? dir / kind / split
             : tool == "cvat" ? dir / ("obj_" + split + "_data")
                              : dir / split / kind;
    };
    if (tool == "cvat")
      writeBytes(dir / "obj.names", "disk\nstripes\n");
    else
      writeBytes(dir / "data.yaml", "nc: 2\nnames: [disk, stripes]\n");
    for (const std::string split : {"train", ultralytics ? "val" : "valid"})
      for (int n = 0; n < 4; ++n)
        for (int c = 0; c < 2; ++c) {
          const std::string stem = "Cr_" + std::to_string(c) + std::to_string(n);
          writeImage(folder(split, "images") / (stem + ".png"), patternImage(c, n, 40, 20));
          writeBytes(folder(split, "labels") / (stem + ".txt"),
                     n == 3 && c == 1 ? "" : std::to_string(c) + " 0.5 0.5 0.5 0.5\n");
        }
    const Dataset ds = Dataset::scan(dir.path());
    EXPECT_EQ(ds.layout(), DatasetLayout::Yolo);
    EXPECT_TRUE(ds.hasOwnSplit());
    EXPECT_EQ(ds.classes(), (std::vector<std::string>{"disk", "stripes"}));
    EXPECT_EQ(ds.classCounts(Split::Train), (std::vector<std::size_t>{4, 3}));
    EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{4, 3}));
    EXPECT_EQ(ds.unlabeledCount(), 2u);
    EXPECT_TRUE(ds.skipped().empty());
    for (const Sample& s : ds.samples()) {
      if (s.label == kUnlabeled) {
        EXPECT_TRUE(s.boxes.empty());
        continue;
      }
      ASSERT_EQ(s.boxes.size(), 1u) << s.path;
      EXPECT_EQ(s.boxes[0].name, ds.className(s.label));
      EXPECT_EQ(s.boxes[0].xmin, 10);
      EXPECT_EQ(s.boxes[0].ymax, 15);
    }
  }
}

// CVAT exports a task without subsets to obj_default_data/: the folder's images are classed by
// their labels, and neither the label files beside them nor the folder are reported as skipped.
TEST(YoloLabels, CvatsDefaultSubsetFolderIsNoClassAndItsLabelFilesAreNotSkipped) {
  TempDir dir;
  writeBytes(dir / "obj.names", "disk\nstripes\n");
  writeBytes(dir / "obj.data", "classes = 2\nnames = data/obj.names\n");
  for (int n = 0; n < 6; ++n)
    for (int c = 0; c < 2; ++c) {
      const std::string stem = std::to_string(c) + std::to_string(n);
      writeImage(dir / "obj_default_data" / (stem + ".png"), patternImage(c, n));
      writeBytes(dir / "obj_default_data" / (stem + ".txt"), std::to_string(c) + " .5 .5 .2 .2\n");
    }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Yolo);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"disk", "stripes"}));
  EXPECT_EQ(ds.classCounts(Split::Train)[0] + ds.classCounts(Split::Validation)[0], 6u);
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

// Roboflow names its exports after the source files (crazing_1_jpg.rf.<hash>.jpg): a file
// name that starts with a box class names the image's class, even where another class's box
// is larger; other names go by area.
TEST(YoloLabels, AFileNameThatStartsWithABoxClassNamesTheClass) {
  TempDir dir;
  writeBytes(dir / "data.yaml", "names: [disk, stripes]\n");
  const std::string bothBoxes = "0 0.5 0.5 0.8 0.8\n1 0.2 0.2 0.1 0.1\n";
  for (int n = 0; n < 2; ++n) {
    writeImage(dir / "images/train" / ("stripes_" + std::to_string(n) + "_jpg.rf.ab12.jpg"),
               patternImage(1, n, 40, 40));
    writeBytes(dir / "labels/train" / ("stripes_" + std::to_string(n) + "_jpg.rf.ab12.txt"),
               bothBoxes);
    writeImage(dir / "images/train" / ("img" + std::to_string(n) + ".jpg"),
               patternImage(0, n, 40, 40));
    writeBytes(dir / "labels/train" / ("img" + std::to_string(n) + ".txt"), bothBoxes);
  }
  const Dataset ds = Dataset::scan(dir.path());
  ASSERT_EQ(ds.samples().size(), 4u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label), s.path.filename().string()[0] == 's' ? "stripes" : "disk")
        << s.path;
}

// COCO's bbox is [x, y, width, height]: xmax = x + width, as `sdd export --coco` writes it;
// whatever is not a COCO detection file is named, not half read.
TEST(CocoBoxes, BoxesAreReadAsTheExportWritesThemAndOtherJsonIsNamed) {
  const std::string coco = R"({"images": [{"id": 7, "file_name": "a/x.png", "width": 48,
      "height": 48}, {"id": 8, "file_name": "y.png"}],
    "annotations": [{"id": 1, "image_id": 7, "category_id": 3, "bbox": [5, 6.4, 25, 33.6]}],
    "categories": [{"id": 3, "name": "disk"}]})";
  std::string error;
  const std::vector<ListedImage> images = parseCocoBoxes(coco, &error);
  EXPECT_TRUE(error.empty()) << error;
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].fileName, "a/x.png");
  ASSERT_EQ(images[0].boxes.size(), 1u);
  const BoundingBox& b = images[0].boxes[0];
  EXPECT_EQ(b.name, "disk");
  EXPECT_EQ(std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax}), std::vector<int>({5, 6, 30, 40}));
  EXPECT_TRUE(images[1].boxes.empty()) << "listed without annotations: no defect";
  for (const std::string bad :
       {R"({"name": "a config file"})", "[1, 2", R"({"images": [], "annotations": [{"id": 1}]})",
        R"({"images": [{"id": 1, "file_name": "x"}], "annotations": [{"image_id": 2,
           "category_id": 1, "bbox": [0, 0, 1, 1]}], "categories": [{"id": 1, "name": "a"}]})",
        R"({"images": [{"id": 1, "file_name": "x"}], "annotations": [{"image_id": 1,
           "category_id": 1, "bbox": [0, 0, -1, 1]}], "categories": [{"id": 1, "name": "a"}]})",
        // An id beyond any integer (read as a double; converting it was undefined; fuzz_voc).
        R"({"images": [{"id": 1555555555555555555555555555, "file_name": "x"}],
           "annotations": [], "categories": []})",
        R"({"images": [{"id": 1.5, "file_name": "x"}], "annotations": []})"}) {
    error.clear();
    EXPECT_TRUE(parseCocoBoxes(bad, &error).empty()) << bad;
    EXPECT_NE(error.find("not a COCO detection file"), std::string::npos) << bad;
  }
}

// X-AnyLabeling saves LabelMe's format: x.json beside x.jpg, its shapes' points in pixels, and
// image-level classes as flags.
TEST(LabelingToolJson, LabelMeShapesBecomeBoxesAndASetFlagTheClass) {
  const std::string labelMe = R"({"version": "2.4.4", "flags": {"scratch": false, "stain": true},
    "shapes": [{"label": "stain", "points": [[10.4, 20], [30, 5.6]], "shape_type": "rectangle"},
               {"label": "pit", "points": [[5, 5], [9, 2], [7, 12]], "shape_type": "polygon"},
               {"label": "hole", "points": [[20, 20], [23, 24]], "shape_type": "circle"}],
    "imagePath": "..\\images\\x.jpg", "imageData": null, "imageHeight": 48, "imageWidth": 48})";
  std::string error;
  AnnotationListFormat format = AnnotationListFormat::Coco;
  const auto images = parseAnnotationJson(labelMe, &error, &format);
  ASSERT_EQ(images.size(), 1u) << error;
  EXPECT_EQ(format, AnnotationListFormat::LabelMe);
  EXPECT_EQ(images[0].fileName, "../images/x.jpg");
  EXPECT_EQ(images[0].className, "stain");
  ASSERT_EQ(images[0].boxes.size(), 3u);
  const auto corners = [](const BoundingBox& b) {
    return std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax});
  };
  EXPECT_EQ(corners(images[0].boxes[0]), std::vector<int>({10, 6, 30, 20}));
  EXPECT_EQ(corners(images[0].boxes[1]), std::vector<int>({5, 2, 9, 12}));
  EXPECT_EQ(corners(images[0].boxes[2]), std::vector<int>({15, 15, 25, 25}));  // radius 5
  for (const std::string bad : {R"({"shapes": [{"label": "a"}]})",
                                R"({"shapes": [{"label": "a", "points": [[1e300, 0]]}]})",
                                R"({"shapes": [{"label": 3, "points": [[1, 0]]}]})"}) {
    error.clear();
    EXPECT_TRUE(parseAnnotationJson(bad, &error).empty()) << bad;
    EXPECT_NE(error.find("malformed LabelMe file"), std::string::npos) << error;
  }
}

TEST(LabelingToolJson, LabelStudioTasksAndJsonMinGiveBoxesInPixelsAndChoicesAsClasses) {
  const std::string tasks = R"([
    {"id": 1, "data": {"image": "/data/upload/1/3f2a1b9c-x.jpg"},
     "annotations": [{"was_cancelled": true, "result": []},
       {"result": [{"original_width": 200, "original_height": 100, "type": "rectanglelabels",
                    "value": {"x": 10, "y": 20, "width": 25, "height": 50,
                              "rectanglelabels": ["scratch"]}},
                   {"type": "choices", "value": {"choices": ["scratch"]}}]}]},
    {"id": 2, "data": {"img": "/data/local-files/?d=line%201/y.png"},
     "annotations": [{"result": [{"original_width": 100, "original_height": 100,
       "type": "polygonlabels", "value": {"points": [[10, 10], [20, 40], [5, 30]],
       "polygonlabels": ["pit"]}}]}]}])";
  std::string error;
  AnnotationListFormat format = AnnotationListFormat::Coco;
  auto images = parseAnnotationJson(tasks, &error, &format);
  ASSERT_EQ(images.size(), 2u) << error;
  EXPECT_EQ(format, AnnotationListFormat::LabelStudio);
  EXPECT_EQ(images[0].fileName, "/data/upload/1/3f2a1b9c-x.jpg");
  EXPECT_EQ(images[0].className, "scratch");
  ASSERT_EQ(images[0].boxes.size(), 1u);
  const BoundingBox& b = images[0].boxes[0];
  EXPECT_EQ(std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax}), std::vector<int>({20, 20, 70, 70}));
  EXPECT_EQ(images[1].fileName, "line 1/y.png");
  ASSERT_EQ(images[1].boxes.size(), 1u);
  EXPECT_EQ(images[1].boxes[0].name, "pit");
  EXPECT_EQ(images[1].boxes[0].ymax, 40);
  // JSON-MIN: the regions and the choice under the labeling config's names.
  images = parseAnnotationJson(R"([{"image": "z.jpg", "id": 3, "choice": "stain",
      "label": [{"x": 50, "y": 0, "width": 50, "height": 10, "rectanglelabels": ["stain"],
                 "original_width": 40, "original_height": 40}]}])",
                               &error, &format);
  ASSERT_EQ(images.size(), 1u) << error;
  EXPECT_EQ(images[0].className, "stain");
  ASSERT_EQ(images[0].boxes.size(), 1u);
  EXPECT_EQ(images[0].boxes[0].xmin, 20);
  EXPECT_EQ(images[0].boxes[0].ymax, 4);
  error.clear();
  EXPECT_TRUE(parseAnnotationJson(R"([{"id": 1, "data": {"text": "no image"}}])", &error).empty());
  EXPECT_NE(error.find("malformed Label Studio file"), std::string::npos) << error;
  error.clear();
  EXPECT_TRUE(parseAnnotationJson("[1, 2]", &error).empty());
  EXPECT_NE(error.find("not an annotation file"), std::string::npos) << error;
}

TEST(LabelingToolJson, RoboflowsCreateMlExportGivesEachImagesBoxesAndClass) {
  // Roboflow's "CreateML" export: train/ and valid/, each with _annotations.createml.json
  // beside its images; x and y are the box's centre in pixels.
  std::string error;
  AnnotationListFormat format = AnnotationListFormat::Coco;
  const auto images = parseAnnotationJson(R"([{"image": "a.jpg", "annotations": [
      {"label": "pits", "coordinates": {"x": 30, "y": 20, "width": 20, "height": 10}}]},
      {"image": "b.jpg", "annotations": []}])",
                                          &error, &format);
  ASSERT_EQ(images.size(), 2u) << error;
  EXPECT_EQ(format, AnnotationListFormat::CreateMl);
  ASSERT_EQ(images[0].boxes.size(), 1u);
  const BoundingBox& b = images[0].boxes[0];
  EXPECT_EQ(b.name, "pits");
  EXPECT_EQ(std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax}), std::vector<int>({20, 15, 40, 25}));
  EXPECT_TRUE(images[1].boxes.empty());
  error.clear();
  EXPECT_TRUE(
      parseAnnotationJson(R"([{"image": "a.jpg", "annotations": [{"label": "x"}]}])", &error)
          .empty());
  EXPECT_NE(error.find("malformed CreateML file"), std::string::npos) << error;

  TempDir dir;
  for (const std::string split : {"train", "valid"}) {
    std::string list = "[";
    for (int n = 0; n < 4; ++n) {
      const std::string cls = n % 2 ? "pits" : "scratch", name = cls + std::to_string(n) + ".jpg";
      writeImage(dir / split / name, patternImage(n % 2, n + (split == "valid") * 4));
      list += std::string(n ? "," : "") + R"({"image": ")" + name +
              R"(", "annotations": [{"label": ")" + cls +
              R"(", "coordinates": {"x": 24, "y": 24, "width": 10, "height": 30}}]})";
    }
    writeBytes(dir / split / "_annotations.createml.json", list + "]");
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::CreateMl);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"pits", "scratch"}));
  EXPECT_EQ(ds.samples().size(), 8u);
  for (const Sample& s : ds.samples()) {
    EXPECT_EQ(s.path.stem().string().rfind(ds.className(s.label), 0), 0u) << s.path;
    ASSERT_EQ(s.boxes.size(), 1u) << s.path;
    EXPECT_EQ(s.boxes[0].ymin, 9);
    EXPECT_EQ(s.split,
              s.path.parent_path().filename() == "train" ? Split::Train : Split::Validation);
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

TEST(LabelingToolJson, BoxRecordsGiveEachImageTheBoxesOfItsRecords) {
  // The Tianchi competitions' anno_train.json: one record per box, xmin ymin xmax ymax.
  std::string error;
  AnnotationListFormat format = AnnotationListFormat::Coco;
  const auto images = parseAnnotationJson(R"([
      {"name": "a.jpg", "defect_name": "hole", "bbox": [10.6, 20, 60, 80.4]},
      {"name": "b.jpg", "category": 3, "bbox": [1, 2, 3, 4]},
      {"name": "a.jpg", "defect_name": "knot", "bbox": [0, 0, 5, 5]},
      {"name": "c.jpg"}])",
                                          &error, &format);
  EXPECT_EQ(format, AnnotationListFormat::BoxRecords);
  ASSERT_EQ(images.size(), 3u) << error;
  EXPECT_EQ(images[0].fileName, "a.jpg");
  ASSERT_EQ(images[0].boxes.size(), 2u);
  const BoundingBox& b = images[0].boxes[0];
  EXPECT_EQ(b.name, "hole");
  EXPECT_EQ(std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax}), std::vector<int>({11, 20, 60, 80}));
  EXPECT_EQ(images[0].boxes[1].name, "knot");
  ASSERT_EQ(images[1].boxes.size(), 1u);
  EXPECT_EQ(images[1].boxes[0].name, "3") << "a category number is its own name";
  EXPECT_TRUE(images[2].boxes.empty());
  for (const char* bad : {R"([{"name": "a.jpg", "bbox": [1, 2, 3, 4]}])",
                          R"([{"name": "a.jpg", "label": "x", "bbox": [1, 2, 3]}])",
                          R"([{"label": "x", "bbox": [1, 2, 3, 4]}])"}) {
    error.clear();
    EXPECT_TRUE(parseAnnotationJson(bad, &error).empty()) << bad;
    EXPECT_NE(error.find("malformed box records file"), std::string::npos) << error;
  }

  // Scanned: loose images and the file beside them; each image's class is its boxes'.
  TempDir dir;
  std::string list = "[";
  for (int n = 0; n < 6; ++n) {
    const std::string cls = n % 2 ? "hole" : "knot", name = std::to_string(n) + ".jpg";
    writeImage(dir / "images" / name, patternImage(n % 2, n));
    list += std::string(n ? "," : "") + R"({"name": ")" + name + R"(", "defect_name": ")" + cls +
            R"(", "bbox": [4, 5, 30, 40]})";
  }
  writeBytes(dir / "Annotations/anno_train.json", list + "]");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::BoxRecords);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"hole", "knot"}));
  ASSERT_EQ(ds.samples().size(), 6u);
  for (const Sample& s : ds.samples()) {
    EXPECT_EQ(ds.className(s.label), std::stoi(s.path.stem().string()) % 2 ? "hole" : "knot");
    ASSERT_EQ(s.boxes.size(), 1u) << s.path;
    EXPECT_EQ(s.boxes[0].ymax, 40);
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

// A Supervisely bitmap object: `mask` as PNG, compressed with zlib, in base64, at `origin`.
std::string superviselyBitmap(const std::string& cls, const cv::Mat& mask, int x, int y) {
  std::vector<uchar> png;
  EXPECT_TRUE(cv::imencode(".png", mask, png));
  std::string packed(compressBound(png.size()), '\0');
  uLongf size = packed.size();
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &size, png.data(), png.size(), 9),
            Z_OK);
  packed.resize(size);
  return R"({"classTitle": ")" + cls + R"(", "geometryType": "bitmap", "bitmap": {"data": ")" +
         encodeBase64(packed) + R"(", "origin": [)" + std::to_string(x) + ", " + std::to_string(y) +
         "]}}";
}

// A Supervisely project: meta.json, then dataset folders (ds0/) each with img/x.jpg and
// ann/x.jpg.json. The dataset folders are no classes: boxes (and image tags) are; a tag naming a
// split is not a class; an image with neither is to label. A bitmap object's box is around its
// mask's pixels, placed at its origin (an empty one gives none).
TEST(LabelingToolJson, ASuperviselyProjectScansWithTheClassesOfItsObjectsAndTags) {
  TempDir dir;
  writeBytes(dir / "meta.json",
             R"({"classes": [{"title": "pits", "shape": "rectangle"}], "tags": []})");
  cv::Mat mask = cv::Mat::zeros(12, 10, CV_8U);
  mask(cv::Rect(2, 3, 5, 4)) = 1;  // pixels x 2..6, y 3..6 of a bitmap at (30, 20)
  for (int n = 0; n < 8; ++n) {
    const std::string name = "im" + std::to_string(n) + ".png", ds = n % 2 ? "ds0" : "ds1";
    writeImage(dir / ds / "img" / name, patternImage(n % 3 == 0, n));
    std::string objects = "[]", tags = R"([{"name": "train"}])";
    if (n % 3 == 0)
      objects = R"([{"classTitle": "pits", "geometryType": "rectangle",
                     "points": {"exterior": [[4, 6], [20, 30]], "interior": []}}, )" +
                superviselyBitmap("pits", mask, 30, 20) + ", " +
                superviselyBitmap("pits", cv::Mat::zeros(4, 4, CV_8U), 0, 0) + "]";
    else if (n == 5)
      objects = "[" + superviselyBitmap("scratch", mask * 255, 0, 0) + "]";  // a bitmap alone
    else if (n != 7)
      tags = R"([{"name": "train"}, {"name": "scratch"}])";
    writeBytes(dir / ds / "ann" / (name + ".json"),
               R"({"size": {"height": 48, "width": 48}, "objects": )" + objects + R"(, "tags": )" +
                   tags + "}");
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Supervisely);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"pits", "scratch"}));
  EXPECT_EQ(ds.unlabeledCount(), 1u);  // im7: no object, no class tag
  auto corners = [](const BoundingBox& b) {
    return std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax});
  };
  for (const Sample& s : ds.samples()) {
    const int n = s.path.stem().string().back() - '0';
    if (n == 7) continue;
    EXPECT_EQ(ds.className(s.label), n % 3 == 0 ? "pits" : "scratch") << s.path;
    ASSERT_EQ(s.boxes.size(), n % 3 == 0 ? 2u : n == 5 ? 1u : 0u) << s.path;
    if (n % 3 == 0) {
      EXPECT_EQ(corners(s.boxes[0]), std::vector<int>({4, 6, 20, 30}));
      EXPECT_EQ(corners(s.boxes[1]), std::vector<int>({32, 23, 36, 26}));
    }
    if (n == 5) {
      EXPECT_EQ(corners(s.boxes[0]), std::vector<int>({2, 3, 6, 6}));
    }
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

// A bitmap whose data is not what Supervisely writes names the file and why, like any other
// malformed annotation, and the image is still listed (to label).
TEST(LabelingToolJson, ASuperviselyBitmapThatIsNoCompressedPngIsNamedAsTheReason) {
  TempDir dir;
  writeBytes(dir / "meta.json", R"({"classes": [], "tags": []})");
  const std::string bad[] = {"eJzrDPBz5+WS4mJgYOD19HAJAtLMIMwIJBW", "not base64!",
                             encodeBase64("plain bytes, not zlib")};
  for (int n = 0; n < 5; ++n) {
    const std::string name = "im" + std::to_string(n) + ".png";
    writeImage(dir / "ds0" / "img" / name, patternImage(n % 2, n));
    const std::string object =
        n < 3
            ? R"({"classTitle": "pits", "geometryType": "bitmap", "bitmap": {"data": ")" + bad[n] +
                  R"(", "origin": [0, 0]}})"
            : R"({"classTitle": ")" + std::string(n == 3 ? "pits" : "scratch") +
                  R"(", "geometryType": "rectangle", "points": {"exterior": [[4, 6], [20, 30]]}})";
    writeBytes(
        dir / "ds0" / "ann" / (name + ".json"),
        R"({"size": {"height": 48, "width": 48}, "objects": [)" + object + R"(], "tags": []})");
  }
  std::string error;
  EXPECT_TRUE(readAnnotationList(dir / "ds0" / "ann" / "im0.png.json", &error).empty());
  EXPECT_NE(error.find("malformed Supervisely file"), std::string::npos) << error;
  EXPECT_NE(error.find("a bitmap's data is not zlib-compressed base64"), std::string::npos)
      << error;
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.samples().size(), 5u);
  EXPECT_EQ(ds.unlabeledCount(), 3u);
  std::size_t named = 0;
  for (const ScanIssue& issue : ds.skipped())
    named += issue.file.string().find(".png.json") != std::string::npos &&
             issue.reason.find("bitmap") != std::string::npos;
  EXPECT_EQ(named, 3u);
}

// CVAT's own export, Datumaro: annotations/<subset>.json beside images/<subset>/. Boxes
// (bbox, polygon) name the class, a "label" annotation is the image's class; the subset folders
// are the split, not classes.
TEST(LabelingToolJson, ADatumaroExportScansWithItsBoxesClassesAndSubsets) {
  TempDir dir;
  for (const std::string subset : {"train", "val"}) {
    std::string items;
    for (int n = 0; n < 4; ++n) {
      const std::string stem = subset + std::to_string(n);
      writeImage(dir / "images" / subset / (stem + ".png"),
                 patternImage(n % 2, n + 4 * (subset == "val")));
      const std::string ann =
          n == 3 ? R"({"id": 0, "type": "label", "label_id": 1})"
          : n % 2
              ? R"({"id": 0, "type": "polygon", "label_id": 1, "points": [2, 3, 30, 4, 10, 40]})"
              : R"({"id": 0, "type": "bbox", "label_id": 0, "bbox": [4, 6, 16, 24]})";
      items += std::string(n ? "," : "") + R"({"id": ")" + stem + R"(", "annotations": [)" + ann +
               R"(], "image": {"path": ")" + stem + R"(.png", "size": [48, 48]}})";
    }
    writeBytes(dir / "annotations" / (subset + ".json"),
               R"({"info": {}, "categories": {"label": {"labels": [{"name": "pits"},
                   {"name": "scratch"}]}}, "items": [)" +
                   items + "]}");
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Datumaro);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"pits", "scratch"}));
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.classCounts(Split::Train), (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{2, 2}));
  for (const Sample& s : ds.samples()) {
    const int n = s.path.stem().string().back() - '0';
    ASSERT_EQ(s.boxes.size(), n == 3 ? 0u : 1u) << s.path;
    if (n == 0) {
      EXPECT_EQ(
          std::vector<int>({s.boxes[0].xmin, s.boxes[0].ymin, s.boxes[0].xmax, s.boxes[0].ymax}),
          std::vector<int>({4, 6, 20, 30}));
    }
    if (n == 1) {
      EXPECT_EQ(s.boxes[0].ymax, 40);
    }
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

// Datumaro keeps a mask as COCO's run-length counts ({"counts", "size": [height, width]}, down
// each column first): as COCO's compressed text or as a list. Its box is around its pixels; an
// empty mask gives none; counts running past the size are a malformed file, named.
TEST(LabelingToolJson, ADatumaroMaskIsABoxAroundItsRunLengthPixels) {
  TempDir dir;
  // Rows 1-3 of columns 2-3 of a 6-high, 5-wide mask: runs 13 off, 3 on, 3 off, 3 on, 8 off
  // ("=3305" in COCO's text); 4 off, 10 on (column 0's last two rows to column 2's first two).
  const char* masks[] = {R"("=3305")", "[4, 10, 16]", "[30]", R"("Xo02Xl41")"};
  std::string items;
  for (int n = 0; n < 4; ++n)
    items += std::string(n ? "," : "") + R"({"id": "m)" + std::to_string(n) +
             R"(", "annotations": [{"type": "mask", "label_id": 0, "rle": {"counts": )" + masks[n] +
             R"(, "size": [)" + (n == 3 ? "3000, 3" : "6, 5") + "]}}]}";
  writeBytes(dir / "a.json", R"({"categories": {"label": {"labels": [{"name": "pits"}]}},
                                 "items": [)" +
                                 items + "]}");
  std::string error;
  const std::vector<ListedImage> listed = readAnnotationList(dir / "a.json", &error);
  EXPECT_EQ(error, "");
  ASSERT_EQ(listed.size(), 4u);
  auto corners = [](const BoundingBox& b) {
    return std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax});
  };
  ASSERT_EQ(listed[0].boxes.size(), 1u);
  EXPECT_EQ(corners(listed[0].boxes[0]), std::vector<int>({2, 1, 3, 3}));
  EXPECT_EQ(listed[0].boxes[0].name, "pits");
  ASSERT_EQ(listed[1].boxes.size(), 1u);
  EXPECT_EQ(corners(listed[1].boxes[0]), std::vector<int>({0, 0, 2, 5}));
  EXPECT_TRUE(listed[2].boxes.empty());
  // Counts 1000 off, 2 on, 5000 off, 3 on, 3000 high and 3 wide (counts past 63 take several
  // characters, and from the third on a difference): column 0 rows 1000-1001, column 2 rows 2-4.
  ASSERT_EQ(listed[3].boxes.size(), 1u);
  EXPECT_EQ(corners(listed[3].boxes[0]), std::vector<int>({0, 2, 2, 1001}));

  writeBytes(dir / "b.json", R"({"categories": {"label": {"labels": [{"name": "pits"}]}},
     "items": [{"id": "x", "annotations": [{"type": "mask", "label_id": 0,
                "rle": {"counts": [10, 30], "size": [6, 5]}}]}]})");
  EXPECT_TRUE(readAnnotationList(dir / "b.json", &error).empty());
  EXPECT_NE(error.find("malformed Datumaro file"), std::string::npos) << error;
  EXPECT_NE(error.find("counts beyond its size"), std::string::npos) << error;
}

TEST(LabelingToolJson, DatasetsLabeledInXAnyLabelingAndLabelStudioScanWithTheirClasses) {
  // X-AnyLabeling: images/x.jpg + images/x.json (boxes only, or a flag for the whole image).
  TempDir dir;
  for (int n = 0; n < 6; ++n) {
    const std::string cls = n % 2 ? "stain" : "scratch";
    writeImage(dir / ("xany/images/" + cls + std::to_string(n) + ".jpg"), patternImage(n % 2, n));
    const std::string shapes = n < 4 ? R"([{"label": ")" + cls + R"(", "points": [[2, 3], [20, 30]],
                    "shape_type": "rectangle"}])"
                                     : "[]";
    const std::string flags = n < 4 ? "{}" : R"({")" + cls + R"(": true})";
    writeBytes(dir / ("xany/images/" + cls + std::to_string(n) + ".json"),
               R"({"shapes": )" + shapes + R"(, "flags": )" + flags + R"(, "imagePath": ")" + cls +
                   std::to_string(n) + R"(.jpg"})");
  }
  const Dataset xany = Dataset::scan(dir / "xany");
  EXPECT_EQ(xany.layout(), DatasetLayout::LabelMe);
  EXPECT_EQ(xany.classes(), (std::vector<std::string>{"scratch", "stain"}));
  EXPECT_EQ(xany.unlabeledCount(), 0u);
  for (const Sample& s : xany.samples()) {
    EXPECT_EQ(s.path.stem().string().rfind(xany.className(s.label), 0), 0u) << s.path;
    EXPECT_EQ(s.boxes.size(), s.path.stem().string().back() < '4' ? 1u : 0u) << s.path;
  }
  for (const ScanIssue& issue : xany.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  // A file saved with the image inside it (imageData), copied without the image: named, and
  // why its boxes are not read.
  writeBytes(dir / "xany/images/lost.json",
             R"({"shapes": [], "flags": {}, "imagePath": "lost.jpg", "imageData": "/9j/4AAQ"})");
  EXPECT_TRUE(skippedWith(Dataset::scan(dir / "xany"), "lost.json",
                          "the copy inside the file (imageData) is not read"));

  // Label Studio: the export beside the images it names by upload ("3f2a1b9c-a0.png").
  std::string tasks = "[";
  for (int n = 0; n < 6; ++n) {
    const std::string cls = n % 2 ? "stain" : "scratch";
    writeImage(dir / ("ls/a" + std::to_string(n) + ".png"), patternImage(n % 2, n + 10));
    tasks += std::string(n ? "," : "") + R"({"data": {"image": "/data/upload/4/0a1b2c3d-a)" +
             std::to_string(n) + R"(.png"}, "annotations": [{"result": [{"type": "choices",
             "value": {"choices": [")" +
             cls + R"("]}}]}]})";
  }
  writeBytes(dir / "ls/project-4-at-2026-12-06.json", tasks + "]");
  const Dataset ls = Dataset::scan(dir / "ls");
  EXPECT_EQ(ls.layout(), DatasetLayout::LabelStudio);
  EXPECT_EQ(ls.classes(), (std::vector<std::string>{"scratch", "stain"}));
  for (const Sample& s : ls.samples())
    EXPECT_EQ(ls.className(s.label),
              (s.path.stem().string().back() - '0') % 2 ? "stain" : "scratch")
        << s.path;
  for (const ScanIssue& issue : ls.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

// Each of `files` is refused by the CVAT reader with a reason.
void expectCvatRefuses(const std::vector<std::string>& files) {
  for (const std::string& bad : files) {
    std::string error;
    EXPECT_TRUE(parseCvatXml(bad, &error).empty()) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

// A CVAT task scanned: its images are "stain" where the last digit of their name is odd,
// "scratch" where it is even, and nothing was skipped.
void expectScratchAndStainByLastDigit(const Dataset& ds) {
  EXPECT_EQ(ds.layout(), DatasetLayout::Cvat);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"scratch", "stain"}));
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label),
              (s.path.stem().string().back() - '0') % 2 ? "stain" : "scratch");
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

// CVAT for images 1.1: one annotations.xml for the task, found wherever it lies, its <image>
// elements matched to the files by name.
TEST(LabelingToolJson, CvatForImagesXmlListsBoxesShapesAndTags) {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><labels><label><name>scratch</name></label></labels></task></meta>
  <image id="0" name="line 1/a&amp;b.jpg" width="48" height="48">
    <box label="scratch" source="manual" occluded="0" xtl="2.40" ytl="3.00" xbr="20.00" ybr="30.60" z_order="0">
      <attribute name="depth">deep</attribute>
    </box>
    <polygon label="pit" points="10.0,5.0;20.5,12.0;4.0,9.0" z_order="0"/>
    <ellipse label="hole" cx="20" cy="20" rx="5" ry="3"/>
    <tag label="scratch" source="manual"/>
  </image>
  <image id="1" name="c.png" width="48" height="48"/>
</annotations>)";
  std::string error;
  const auto images = parseCvatXml(xml, &error);
  ASSERT_EQ(images.size(), 2u) << error;
  EXPECT_EQ(images[0].fileName, "line 1/a&b.jpg");
  EXPECT_EQ(images[0].className, "scratch");
  ASSERT_EQ(images[0].boxes.size(), 3u);
  const auto corners = [](const BoundingBox& b) {
    return std::vector<int>({b.xmin, b.ymin, b.xmax, b.ymax});
  };
  EXPECT_EQ(corners(images[0].boxes[0]), std::vector<int>({2, 3, 20, 31}));
  EXPECT_EQ(images[0].boxes[1].name, "pit");
  EXPECT_EQ(corners(images[0].boxes[1]), std::vector<int>({4, 5, 21, 12}));
  EXPECT_EQ(corners(images[0].boxes[2]), std::vector<int>({15, 17, 25, 23}));
  EXPECT_TRUE(images[1].boxes.empty());
  expectCvatRefuses({"<annotations><track id=\"0\" label=\"a\"></track></annotations>",
                     "<annotations><image id=\"0\" name=\"x.jpg\"><box label=\"a\" "
                     "xtl=\"1\"/></image></annotations>",
                     "<annotations><image id=\"0\" name=\"x.jpg\"><box label=\"a",
                     "<annotation><object></object></annotation>"});
  // A task exported from CVAT: images/ and annotations.xml beside it.
  TempDir dir;
  std::string task = "<annotations>\n";
  for (int n = 0; n < 6; ++n) {
    const std::string name = "f" + std::to_string(n) + ".jpg", cls = n % 2 ? "stain" : "scratch";
    writeImage(dir / "images" / name, patternImage(n % 2, n));
    task += "<image id=\"" + std::to_string(n) + "\" name=\"" + name + "\"><box label=\"" + cls +
            "\" xtl=\"1\" ytl=\"1\" xbr=\"9\" ybr=\"9\"/></image>\n";
  }
  writeBytes(dir / "annotations.xml", task + "</annotations>\n");
  expectScratchAndStainByLastDigit(Dataset::scan(dir.path()));
}

// CVAT for video 1.1: each track's shapes on the frames where it is in the picture, named by
// the track's label; frame N is the image CVAT exports as frame_N; every frame is listed.
TEST(LabelingToolJson, CvatForVideoTracksGiveEachFrameItsShapes) {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><size>5</size><mode>interpolation</mode><original_size><width>48</width><height>48</height></original_size></task></meta>
  <track id="0" label="scratch" source="manual">
    <box frame="0" outside="0" occluded="0" keyframe="1" xtl="2" ytl="3" xbr="20" ybr="30" z_order="0">
      <attribute name="depth">deep</attribute>
    </box>
    <box frame="1" outside="0" occluded="0" keyframe="0" xtl="4" ytl="3" xbr="22" ybr="30" z_order="0"/>
    <box frame="2" outside="1" occluded="0" keyframe="1" xtl="4" ytl="3" xbr="22" ybr="30" z_order="0"/>
  </track>
  <track id="1" label="pit" source="manual">
    <polygon frame="3" outside="0" occluded="0" keyframe="1" points="10,5;20,12;4,9" z_order="0"/>
  </track>
</annotations>)";
  std::string error;
  const auto frames = parseCvatXml(xml, &error);
  ASSERT_EQ(frames.size(), 5u) << error;
  EXPECT_EQ(frames[0].fileName, "frame_000000");
  EXPECT_EQ(frames[4].fileName, "frame_000004");
  ASSERT_EQ(frames[0].boxes.size(), 1u);
  EXPECT_EQ(frames[0].boxes[0].name, "scratch");
  ASSERT_EQ(frames[1].boxes.size(), 1u);
  EXPECT_EQ(frames[1].boxes[0].xmin, 4) << "an interpolated frame's own box";
  EXPECT_TRUE(frames[2].boxes.empty()) << "the object is outside the picture";
  ASSERT_EQ(frames[3].boxes.size(), 1u);
  EXPECT_EQ(frames[3].boxes[0].name, "pit");
  EXPECT_FALSE(frames[3].boxes[0].outline.empty());
  EXPECT_TRUE(frames[4].boxes.empty());
  expectCvatRefuses({"<annotations><track id=\"0\" label=\"a\"></track></annotations>",
                     "<annotations><track id=\"0\"><box frame=\"0\" outside=\"0\" xtl=\"1\" "
                     "ytl=\"1\" xbr=\"2\" ybr=\"2\"/></track></annotations>",
                     "<annotations><track id=\"0\" label=\"a\"><box frame=\"x\" outside=\"0\" "
                     "xtl=\"1\" ytl=\"1\" xbr=\"2\" ybr=\"2\"/></track></annotations>"});
  // A video task exported with its frames: images/frame_000000.PNG … and annotations.xml.
  TempDir dir;
  std::string task = "<annotations><meta><task><size>6</size></task></meta>\n";
  for (int n = 0; n < 6; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%06d.PNG", n);
    writeImage(dir / "images" / name, patternImage(n % 2, n));
    task += "<track id=\"" + std::to_string(n) + "\" label=\"" + (n % 2 ? "stain" : "scratch") +
            "\"><box frame=\"" + std::to_string(n) +
            "\" outside=\"0\" xtl=\"1\" ytl=\"1\" xbr=\"9\" ybr=\"9\"/></track>\n";
  }
  writeBytes(dir / "annotations.xml", task + "</annotations>\n");
  const Dataset ds = Dataset::scan(dir.path());
  expectScratchAndStainByLastDigit(ds);
  ASSERT_EQ(ds.samples().size(), 6u);
  for (const Sample& s : ds.samples()) EXPECT_EQ(s.boxes.size(), 1u);
}
