// Pixel masks beside images: each layout users have is recognised, masks are attached to their
// image and never become samples, and masks that cannot be paired are named with the reason.
#include "sdd/dataset/masks.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <opencv2/imgproc.hpp>

#include "sdd/dataset/dataset.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::palettePng;
using sdd::test::shapeOnTexture;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

constexpr int kPerClass = 4;

// Writes kPerClass images of classes c0 and c1; `imageAt` and `maskAt` name the files of
// class `cls`, image `n`. Every other image is defect-free with an all-black mask, as real
// datasets have (they must not be reported as identical images).
void writeMaskedDataset(const std::function<fs::path(const std::string&, int)>& imageAt,
                        const std::function<fs::path(const std::string&, int)>& maskAt) {
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < kPerClass; ++n) {
      const auto shape = shapeOnTexture(c, n, 48, n % 2 == 0);
      const std::string cls = "c" + std::to_string(c);
      writeImage(imageAt(cls, n), shape.image);
      writeImage(maskAt(cls, n), shape.mask);
    }
}

// Every sample has a mask of its own name and the same pixels as written; no mask is a sample.
void expectAllMasked(const Dataset& ds) {
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"c0", "c1"}));
  ASSERT_EQ(ds.samples().size(), 2u * kPerClass);
  for (const Sample& s : ds.samples()) {
    ASSERT_FALSE(s.mask.empty()) << s.path;
    const std::string stem = s.path.stem().string();
    EXPECT_EQ(s.mask.stem().string().substr(0, stem.size()), stem) << s.mask;
    std::string error;
    const cv::Mat mask = loadMask(s.mask, &error);
    ASSERT_FALSE(mask.empty()) << error;
    EXPECT_EQ(mask.size(), cv::Size(s.width, s.height));
  }
  EXPECT_TRUE(ds.duplicates().empty()) << "all-black masks are not duplicate images";
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}

}  // namespace

TEST(Masks, SameStemPairsInOneFolder) {
  TempDir dir;
  writeMaskedDataset(
      [&](const std::string& c, int n) { return dir / (c + "/" + std::to_string(n) + ".jpg"); },
      [&](const std::string& c, int n) { return dir / (c + "/" + std::to_string(n) + ".png"); });
  expectAllMasked(Dataset::scan(dir.path()));
}

TEST(Masks, NameSuffixesInAnyCase) {
  const std::vector<std::string> suffixes = {"_mask", "_label", "_gt", "_GT", "-mask", "_Mask"};
  for (const std::string& suffix : suffixes) {
    TempDir dir;
    writeMaskedDataset(
        [&](const std::string& c, int n) {
          return dir / (c + "/img" + std::to_string(n) + ".jpg");
        },
        [&](const std::string& c, int n) {
          return dir / (c + "/img" + std::to_string(n) + suffix + (n % 2 ? ".png" : ".bmp"));
        });
    SCOPED_TRACE(suffix);
    expectAllMasked(Dataset::scan(dir.path()));
  }
}

TEST(Masks, MirroredFoldersBesideTheImagesWithOrWithoutASuffix) {
  // images/<class>/x.jpg + masks/<class>/x.png (or ground_truth/, gt/, x_mask.png).
  for (const std::string folder : {"masks", "ground_truth", "gt", "GT"}) {
    for (const std::string suffix : {"", "_mask"}) {
      TempDir dir;
      writeMaskedDataset(
          [&](const std::string& c, int n) {
            return dir / ("images/" + c + "/" + std::to_string(n) + ".jpg");
          },
          [&](const std::string& c, int n) {
            return dir / (folder + "/" + c + "/" + std::to_string(n) + suffix + ".png");
          });
      SCOPED_TRACE(folder + suffix);
      expectAllMasked(Dataset::scan(dir.path()));
    }
  }
}

TEST(Masks, MirroredFoldersInsideEachClassFolder) {
  // <class>/images/x.jpg + <class>/masks/x.png: still one class per top folder.
  TempDir dir;
  writeMaskedDataset([&](const std::string& c,
                         int n) { return dir / (c + "/images/" + std::to_string(n) + ".jpg"); },
                     [&](const std::string& c, int n) {
                       return dir / (c + "/masks/" + std::to_string(n) + ".png");
                     });
  expectAllMasked(Dataset::scan(dir.path()));
}

TEST(Masks, ClassFoldersWithAnImgsSubfolderHoldingImagesAndMasks) {
  // The magnetic-tile layout: MT_Blowhole/Imgs/x.jpg + MT_Blowhole/Imgs/x.png.
  TempDir dir;
  writeMaskedDataset([&](const std::string& c,
                         int n) { return dir / (c + "/Imgs/" + std::to_string(n) + ".jpg"); },
                     [&](const std::string& c, int n) {
                       return dir / (c + "/Imgs/" + std::to_string(n) + ".png");
                     });
  expectAllMasked(Dataset::scan(dir.path()));
}

TEST(Masks, SplitFoldersWithImagesAndMasksFolders) {
  TempDir dir;
  writeMaskedDataset(
      [&](const std::string& c, int n) {
        return dir / ((n < 3 ? "train" : "val") + std::string("/images/") + c + "/" +
                      std::to_string(n) + ".jpg");
      },
      [&](const std::string& c, int n) {
        return dir / ((n < 3 ? "train" : "val") + std::string("/masks/") + c + "/" +
                      std::to_string(n) + ".png");
      });
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.indices(Split::Validation).size(), 2u);
  expectAllMasked(ds);
}

TEST(Masks, MvtecGroundTruthBesideTheSplitFolders) {
  // MVTec AD: train/<class>/x.png, test/<class>/x.png, ground_truth/<class>/x_mask.png.
  TempDir dir;
  writeMaskedDataset(
      [&](const std::string& c, int n) {
        return dir / ((n < 3 ? "train/" : "test/") + c + "/" + std::to_string(n) + ".png");
      },
      [&](const std::string& c, int n) {
        return dir / ("ground_truth/" + c + "/" + std::to_string(n) + "_mask.png");
      });
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.indices(Split::Validation).size(), 2u);
  expectAllMasked(ds);
  // Anything else beside the split folders is said to be left out.
  writeImage(dir / "extra/x.png", shapeOnTexture(0, 9).image);
  bool named = false;
  const Dataset withExtra = Dataset::scan(dir.path());
  for (const ScanIssue& issue : withExtra.skipped())
    named = named || (issue.file == dir / "extra" &&
                      issue.reason.find("beside the split folders") != std::string::npos);
  EXPECT_TRUE(named);
}

TEST(Masks, GroundTruthBesideTheSplitsOfEachOfSeveralObjects) {
  // A root of several objects, each laid out as MVTec AD (BTAD: 01/train/ok/x.bmp,
  // 01/test/ko/x.bmp, 01/ground_truth/ko/x.png; the same names again in 02/).
  TempDir dir;
  for (const std::string object : {"01", "02"})
    for (int n = 0; n < 4; ++n) {
      const auto shape = shapeOnTexture(object == "01" ? 0 : 1, n, 48, n >= 2);
      const std::string name = std::to_string(n);
      if (n < 2) {
        writeImage(dir / (object + "/" + (n == 0 ? "train" : "test") + "/ok/" + name + ".bmp"),
                   shape.image);
      } else {
        writeImage(dir / (object + "/test/ko/" + name + ".bmp"), shape.image);
        writeImage(dir / (object + "/ground_truth/ko/" + name + ".png"), shape.mask);
      }
    }
  const Dataset ds = Dataset::scan(dir.path());
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  ASSERT_EQ(ds.samples().size(), 8u);
  for (const Sample& s : ds.samples()) {
    const fs::path rel = s.path.lexically_relative(dir.path());
    if (rel.parent_path().filename() == "ok") {
      EXPECT_TRUE(s.mask.empty()) << rel;
      continue;
    }
    // Its own object's mask, not the other object's of the same name.
    EXPECT_EQ(s.mask,
              dir / (*rel.begin() / "ground_truth/ko" / rel.filename()).replace_extension(".png"))
        << rel;
  }
}

TEST(Masks, AMaskFolderNamedForImagesBesideClassFolders) {
  // AITEX: Defect_images/x.png, Mask_images/x_mask.png, NODefect_images/<roll>/y.png.
  TempDir dir;
  for (int n = 0; n < 4; ++n) {
    const auto shape = shapeOnTexture(0, n);
    writeImage(dir / ("Defect_images/000" + std::to_string(n) + "_002_00.png"), shape.image);
    writeImage(dir / ("Mask_images/000" + std::to_string(n) + "_002_00_mask.png"), shape.mask);
    writeImage(dir / ("NODefect_images/2306881-210020u/000" + std::to_string(n) + "_000_01.png"),
               shapeOnTexture(1, n, 48, false).image);
  }
  const Dataset ds = Dataset::scan(dir.path());
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"Defect_images", "NODefect_images"}));
  ASSERT_EQ(ds.samples().size(), 8u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(s.mask.empty(), ds.className(s.label) == "NODefect_images") << s.path;
}

TEST(Masks, ClassIndexedMasksNameTheClassesByTheirNumbers) {
  // NEU-Seg: images/training/x.jpg + annotations/training/x.png, each pixel its class's
  // number (0 background); MMSegmentation's img_dir/ + ann_dir/ alike.
  for (const std::string layout : {"images+annotations", "img_dir+ann_dir"}) {
    SCOPED_TRACE(layout);
    const std::string images = layout.substr(0, layout.find('+'));
    const std::string masks = layout.substr(layout.find('+') + 1);
    TempDir dir;
    for (int n = 0; n < 9; ++n) {
      const int cls = n % 3;  // 0: defect-free
      auto shape = shapeOnTexture(cls, n, 48, cls > 0);
      cv::Mat indexed = shape.mask / 255 * cls;
      // A few pixels of another class: the class is the one on most pixels.
      if (cls > 0) indexed(cv::Rect(0, 0, 2, 2)).setTo(3 - cls);
      const std::string split = n < 6 ? "training/" : "test/";
      writeImage(dir / (images + "/" + split + std::to_string(n) + ".jpg"), shape.image);
      writeImage(dir / (masks + "/" + split + std::to_string(n) + ".png"), indexed);
    }
    const Dataset ds = Dataset::scan(dir.path());
    EXPECT_EQ(ds.classSource(), ClassSource::Masks);
    ASSERT_EQ(ds.samples().size(), 9u);
    for (const Sample& s : ds.samples()) {
      const int cls = std::stoi(s.path.stem().string()) % 3;
      EXPECT_EQ(ds.className(s.label), cls == 0 ? kGoodClass : std::to_string(cls)) << s.path;
      EXPECT_FALSE(s.mask.empty());
    }
  }
  // A mask of 0 and 255, or of 0 and 1 alone, marks a defect, not a class.
  cv::Mat binary(8, 8, CV_8UC1, cv::Scalar(0));
  binary(cv::Rect(0, 0, 4, 4)).setTo(255);
  EXPECT_EQ(maskClassValue(binary), 0);
  EXPECT_EQ(maskClassValue(binary / 255), 1);
  cv::Mat classes(8, 8, CV_8UC1, cv::Scalar(0));
  classes(cv::Rect(0, 0, 2, 2)).setTo(1);
  classes(cv::Rect(4, 4, 4, 4)).setTo(2);
  EXPECT_EQ(maskClassValue(classes), 2) << "the class on most pixels";
  classes.at<std::uint8_t>(0, 7) = kMaxMaskClassValue + 1;
  EXPECT_EQ(maskClassValue(classes), 0) << "a value past any class number";
}

TEST(Masks, PaletteMasksAndLabelMapColoursNameTheirClasses) {
  // Pascal VOC segmentation: SegmentationClass/x.png stores class numbers as a palette PNG's
  // indices (decoded, they are colours), 255 the "ignore" border around each object, and
  // ImageSets/Segmentation/ lists the split.
  const std::vector<std::array<std::uint8_t, 3>> voc = [] {
    std::vector<std::array<std::uint8_t, 3>> p(256, {0, 0, 0});
    p[1] = {128, 0, 0}, p[2] = {0, 128, 0}, p[255] = {224, 224, 192};
    return p;
  }();
  TempDir dir;
  std::string train, validation;
  for (int n = 0; n < 8; ++n) {
    const int cls = 1 + n % 2;
    const auto shape = shapeOnTexture(cls, n);
    cv::Mat indices = shape.mask / 255 * cls, grown;
    cv::dilate(shape.mask, grown, cv::Mat());
    indices.setTo(255, grown - shape.mask);
    const std::string stem = "2026_" + std::to_string(n);
    writeImage(dir / ("JPEGImages/" + stem + ".jpg"), shape.image);
    writeBytes(dir / ("SegmentationClass/" + stem + ".png"), palettePng(indices, voc));
    (n < 6 ? train : validation) += stem + "\n";
  }
  writeBytes(dir / "ImageSets/Segmentation/train.txt", train);
  writeBytes(dir / "ImageSets/Segmentation/val.txt", validation);
  const Dataset ds = Dataset::scan(dir.path());
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"1", "2"}));
  ASSERT_EQ(ds.samples().size(), 8u);
  for (const Sample& s : ds.samples()) {
    const int n = s.path.stem().string().back() - '0';
    EXPECT_EQ(ds.className(s.label), std::to_string(1 + n % 2)) << s.path;
    EXPECT_EQ(s.split, n < 6 ? Split::Train : Split::Validation) << s.path;
    ASSERT_FALSE(s.mask.empty()) << s.path;
  }

  // The defect is every non-zero index, whatever colour the palette gives the background.
  const auto shape = shapeOnTexture(0, 1);
  std::vector<std::array<std::uint8_t, 3>> whiteGround = {{255, 255, 255}, {0, 0, 0}};
  writeBytes(dir / "white.png", palettePng(shape.mask / 255, whiteGround));
  const cv::Mat mask = loadMask(dir / "white.png", nullptr);
  ASSERT_FALSE(mask.empty());
  EXPECT_EQ(cv::countNonZero(mask != shape.mask), 0);

  // CVAT's and Datumaro's segmentation exports: colour masks, labelmap.txt naming each colour
  // (background first).
  TempDir cvat;
  writeBytes(cvat / "labelmap.txt",
             "# label:color_rgb:parts:actions\nbackground:0,0,0::\nscratch:250,50,83::\n"
             "spot:51,221,255::\n");
  const cv::Scalar bgr[] = {{83, 50, 250}, {255, 221, 51}};
  for (int n = 0; n < 6; ++n) {
    const auto s = shapeOnTexture(n % 2, n);
    cv::Mat colours(s.mask.size(), CV_8UC3, cv::Scalar(0, 0, 0));
    colours.setTo(bgr[n % 2], s.mask);
    writeImage(cvat / ("JPEGImages/" + std::to_string(n) + ".jpg"), s.image);
    writeImage(cvat / ("SegmentationClass/" + std::to_string(n) + ".png"), colours);
  }
  const Dataset named = Dataset::scan(cvat.path());
  EXPECT_EQ(named.classes(), (std::vector<std::string>{"scratch", "spot"}));
  for (const Sample& s : named.samples())
    EXPECT_EQ(named.className(s.label), std::stoi(s.path.stem().string()) % 2 ? "spot" : "scratch");
  // Grey masks of class numbers beside a label map: its lines name the numbers.
  TempDir grey;
  fs::copy_file(cvat / "labelmap.txt", grey / "labelmap.txt");
  for (int n = 0; n < 6; ++n) {
    const auto s = shapeOnTexture(n % 2, n);
    writeImage(grey / ("images/" + std::to_string(n) + ".jpg"), s.image);
    writeImage(grey / ("masks/" + std::to_string(n) + ".png"), s.mask / 255 * (1 + n % 2));
  }
  EXPECT_EQ(Dataset::scan(grey.path()).classes(), (std::vector<std::string>{"scratch", "spot"}));

  // Without the label map the colours name nothing: each mask marks a defect, and the refusal
  // (every image has a defect) says what would name the classes.
  fs::remove(cvat / "labelmap.txt");
  try {
    Dataset::scan(cvat.path());
    ADD_FAILURE() << "a set of defects only was taken";
  } catch (const ClassListNeeded& e) {
    EXPECT_NE(std::string(e.what()).find("6 mask(s) in colour and no labelmap.txt"),
              std::string::npos)
        << e.what();
  }
}

TEST(Masks, RoboflowSegmentationExportNamesTheMasksNumbersByItsClassesCsv) {
  // train/ and valid/, each image x_jpg.rf.<hash>.jpg beside its class-indexed
  // x_jpg.rf.<hash>_mask.png and a _classes.csv ("Pixel Value, Class") naming the numbers. The
  // masks beside their images do not make the name prefixes (img0, img1 …) look like classes.
  TempDir dir;
  for (const std::string split : {"train", "valid"}) {
    writeBytes(dir / split / "_classes.csv",
               "Pixel Value, Class\n0, background\n1, scratch\n"
               "2, pit\n");
    for (int n = 0; n < 6; ++n) {
      const int cls = 1 + n % 2;
      const auto shape = shapeOnTexture(cls, n + (split == "train" ? 0 : 10));
      const std::string stem = "img" + std::to_string(n) + "_jpg.rf.0a1b2c" + std::to_string(n);
      writeImage(dir / split / (stem + ".jpg"), shape.image);
      writeImage(dir / split / (stem + "_mask.png"), shape.mask / 255 * cls);
    }
  }
  const Dataset ds = Dataset::scan(dir.path());
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  EXPECT_EQ(ds.classSource(), ClassSource::Masks);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"pit", "scratch"}));
  EXPECT_TRUE(ds.hasOwnSplit());
  ASSERT_EQ(ds.samples().size(), 12u);
  for (const Sample& s : ds.samples()) {
    const int n = s.path.filename().string()[3] - '0';
    EXPECT_EQ(ds.className(s.label), n % 2 ? "pit" : "scratch") << s.path;
    EXPECT_FALSE(s.mask.empty()) << s.path;
  }
}

TEST(Masks, SourceImagesAndGroundTruthFoldersWithNeuClsNames) {
  // SD-saliency-900: "Source Images/In_1.bmp" + "Ground truth/In_1.png".
  TempDir dir;
  for (const std::string prefix : {"In", "Sc"})
    for (int n = 1; n <= 3; ++n) {
      const auto shape = shapeOnTexture(prefix == "In" ? 0 : 1, n);
      const std::string stem = prefix + "_" + std::to_string(n);
      writeImage(dir / ("Source Images/" + stem + ".bmp"), shape.image);
      writeImage(dir / ("Ground truth/" + stem + ".png"), shape.mask);
    }
  const Dataset ds = Dataset::scan(dir.path());
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"inclusion", "scratches"}));
  ASSERT_EQ(ds.samples().size(), 6u);
  for (const Sample& s : ds.samples()) EXPECT_FALSE(s.mask.empty()) << s.path;
}

TEST(Masks, DagmLabelFoldersInsideTheClassFolders) {
  // DAGM 2007: Class1/Train/x.PNG + Class1/Train/Label/x_label.PNG.
  TempDir dir;
  writeMaskedDataset([&](const std::string& c,
                         int n) { return dir / (c + "/Train/" + std::to_string(n) + ".PNG"); },
                     [&](const std::string& c, int n) {
                       return dir / (c + "/Train/Label/" + std::to_string(n) + "_label.PNG");
                     });
  // Its Label/Labels.txt lists the masks: a mask folder's own file, not a skipped image.
  for (const char* c : {"c0", "c1"})
    sdd::test::writeBytes(dir / c / "Train/Label/Labels.txt", "2\n1\t0\t0.PNG\t0\n");
  expectAllMasked(Dataset::scan(dir.path()));
  EXPECT_FALSE(Dataset::scan(dir.path()).hasOwnSplit()) << "Train/ alone: a seeded split";
  // Test/ beside Train/ in each class folder: DAGM's own split (and no note of subfolders).
  for (const char* c : {"c0", "c1"}) {
    const auto shape = shapeOnTexture(c[1] - '0', 9, 48, true);
    writeImage(dir / c / "Test/9.PNG", shape.image);
    writeImage(dir / c / "Test/Label/9_label.PNG", shape.mask);
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_TRUE(ds.notes().empty());
  for (const Sample& s : ds.samples())
    EXPECT_EQ(s.split, s.path.stem() == "9" ? Split::Validation : Split::Train) << s.path;
}

TEST(Masks, MasksAreTheLabelsWhenNothingElseNamesAClass) {
  // KolektorSDD2: train/10000.png + 10000_GT.png, test/ likewise; a blank mask is a good part.
  TempDir dir;
  for (int n = 0; n < 8; ++n) {
    const bool defect = n % 2 == 0;
    const auto shape = shapeOnTexture(0, n, 48, defect);
    const std::string split = n < 6 ? "train/" : "test/";
    writeImage(dir / (split + std::to_string(10000 + n) + ".png"), shape.image);
    writeImage(dir / (split + std::to_string(10000 + n) + "_GT.png"), shape.mask);
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Masked);
  EXPECT_EQ(ds.classSource(), ClassSource::Masks);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{kDefectClass, kGoodClass}));
  EXPECT_TRUE(ds.hasOwnSplit());
  ASSERT_EQ(ds.samples().size(), 8u) << "masks are never samples";
  for (const Sample& s : ds.samples()) {
    const int n = std::stoi(s.path.stem().string()) - 10000;
    EXPECT_EQ(ds.className(s.label), n % 2 == 0 ? kDefectClass : kGoodClass) << s.path;
    EXPECT_EQ(s.split, n < 6 ? Split::Train : Split::Validation) << s.path;
    EXPECT_FALSE(s.mask.empty());
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;

  // A class list, or class folders, still decide: the masks stay masks.
  ScanOptions listed;
  listed.classes = {"ok", "scratch"};
  const Dataset withList = Dataset::scan(dir.path(), listed);
  EXPECT_EQ(withList.classSource(), ClassSource::ClassList);
  EXPECT_EQ(withList.unlabeledCount(), 8u);
}

TEST(Masks, SplitFoldersNamedForImagesAndMasksPairByTheSplit) {
  // DeepCrack: train_img/ + train_lab/, test_img/ + test_lab/ (same stems, .jpg and .png).
  // Before, the four folders were four classes and the masks images of two of them.
  TempDir dir;
  for (int n = 0; n < 8; ++n) {
    const bool defect = n % 3 != 0;
    const auto shape = shapeOnTexture(0, n, 48, defect);
    const std::string split = n < 6 ? "train" : "test";
    writeImage(dir / (split + "_img") / (std::to_string(n) + ".jpg"), shape.image);
    writeImage(dir / (split + "_lab") / (std::to_string(n) + ".png"), shape.mask);
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Masked);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{kDefectClass, kGoodClass}));
  EXPECT_TRUE(ds.hasOwnSplit());
  ASSERT_EQ(ds.samples().size(), 8u) << "masks are never samples";
  for (const Sample& s : ds.samples()) {
    const int n = std::stoi(s.path.stem().string());
    EXPECT_EQ(ds.className(s.label), n % 3 != 0 ? kDefectClass : kGoodClass) << s.path;
    EXPECT_EQ(s.split, n < 6 ? Split::Train : Split::Validation) << s.path;
    EXPECT_EQ(s.mask.parent_path().filename(), n < 6 ? "train_lab" : "test_lab") << s.path;
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;

  // Only defective images (a segmentation set): one class, and the scan says what is missing.
  for (int n : {0, 3, 6})
    writeImage(dir / (n < 6 ? "train_lab" : "test_lab") / (std::to_string(n) + ".png"),
               shapeOnTexture(0, n, 48, true).mask);
  try {
    (void)Dataset::scan(dir.path());
    ADD_FAILURE() << "one class scanned";
  } catch (const ClassListNeeded& e) {
    EXPECT_NE(std::string(e.what()).find("every image in"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("also needs images without defects"), std::string::npos);
  }
}

TEST(Masks, FolderNamesJoinedToASplitWord) {
  for (const char* name : {"train_lab", "test_lab", "TRAIN-MASKS", "masks_val", "trainannot",
                           "val_gt", "test_label", "groundtruth"})
    EXPECT_TRUE(isMaskFolderName(name)) << name;
  for (const char* name :
       {"Mask_images", "gt-imgs", "ground_truth images", "ann_dir", "Ground truth"})
    EXPECT_TRUE(isMaskFolderName(name)) << name;
  for (const char* name : {"lab", "annot", "train", "scratch_lab", "label_maker", "crazing",
                           "Defect_images", "images_mask"})
    EXPECT_FALSE(isMaskFolderName(name)) << name;
  for (const char* name :
       {"train_img", "test-images", "img_val", "JPEGImages", "img_dir", "Source Images"})
    EXPECT_TRUE(isImageFolderName(name)) << name;
  EXPECT_FALSE(isImageFolderName("train"));
}

TEST(Masks, PartFoldersOfANumberedSeriesGiveWayToTheMasks) {
  // KolektorSDD: kos01/Part0.jpg + kos01/Part0_label.bmp ...: the folders are parts, not
  // classes: the masks name the classes, with `--classes good,defect` or without.
  TempDir dir;
  for (int part = 1; part <= 3; ++part)
    for (int n = 0; n < 3; ++n) {
      const auto shape = shapeOnTexture(0, part * 3 + n, 48, n == 0);
      const std::string stem = "kos0" + std::to_string(part) + "/Part" + std::to_string(n);
      writeImage(dir / (stem + ".jpg"), shape.image);
      writeImage(dir / (stem + "_label.bmp"), shape.mask);
    }
  ScanOptions listed;
  listed.classes = {kGoodClass, kDefectClass};
  for (const ScanOptions& options : {ScanOptions{}, listed}) {
    const Dataset ds = Dataset::scan(dir.path(), options);
    EXPECT_EQ(ds.layout(), DatasetLayout::Masked);
    EXPECT_EQ(ds.classes().size(), 2u);
    ASSERT_EQ(ds.samples().size(), 9u);
    for (const Sample& s : ds.samples())
      EXPECT_EQ(ds.className(s.label), s.path.stem() == "Part0" ? kDefectClass : kGoodClass)
          << s.path;
    EXPECT_TRUE(ds.skipped().empty()) << ds.skipped().front().reason;
  }
  // Without masks such folders are all there is to go by: they stay the classes.
  for (int part = 1; part <= 3; ++part)
    for (int n = 0; n < 3; ++n)
      fs::remove(dir /
                 ("kos0" + std::to_string(part) + "/Part" + std::to_string(n) + "_label.bmp"));
  EXPECT_EQ(Dataset::scan(dir.path()).classes(),
            (std::vector<std::string>{"kos01", "kos02", "kos03"}));
}

TEST(Masks, ImagesWithoutAMaskAreGoodWhenMasksAreDrawnForDefectsOnly) {
  // images/ + masks/, where only the defective images have a mask.
  TempDir dir;
  for (int n = 0; n < 6; ++n) {
    const bool defect = n < 3;
    const auto shape = shapeOnTexture(1, n, 48, defect);
    writeImage(dir / ("images/" + std::to_string(n) + ".jpg"), shape.image);
    if (defect) writeImage(dir / ("masks/" + std::to_string(n) + ".png"), shape.mask);
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classSource(), ClassSource::Masks);
  ASSERT_EQ(ds.samples().size(), 6u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label),
              std::stoi(s.path.stem().string()) < 3 ? kDefectClass : kGoodClass)
        << s.path;
  // Blank masks for some images say the rest are not known to be good: those are to label.
  writeImage(dir / "masks/3.png", shapeOnTexture(1, 3, 48, false).mask);
  const Dataset withBlank = Dataset::scan(dir.path());
  EXPECT_EQ(withBlank.unlabeledCount(), 2u);
  EXPECT_EQ(withBlank.classCounts(Split::Train)[1] + withBlank.classCounts(Split::Validation)[1],
            1u);
}

TEST(Masks, MasksThatCannotBePairedAreNamedWithTheReason) {
  TempDir dir;
  writeMaskedDataset(
      [&](const std::string& c, int n) {
        return dir / ("images/" + c + "/" + std::to_string(n) + ".jpg");
      },
      [&](const std::string& c, int n) {
        return dir / ("masks/" + c + "/" + std::to_string(n) + ".png");
      });
  // A mask without its image, one of the wrong size, and a second mask for one image.
  writeImage(dir / "masks/c0/orphan.png", cv::Mat::zeros(48, 48, CV_8UC1));
  writeImage(dir / "masks/c1/1.png", cv::Mat::zeros(32, 48, CV_8UC1));  // replaces a good one
  writeImage(dir / "masks/c0/0_mask.png", cv::Mat::zeros(48, 48, CV_8UC1));
  const Dataset ds = Dataset::scan(dir.path());
  ASSERT_EQ(ds.samples().size(), 2u * kPerClass) << "masks are never samples";
  std::map<std::string, std::string> reasons;
  for (const ScanIssue& issue : ds.skipped())
    reasons[issue.file.lexically_relative(dir.path()).string()] = issue.reason;
  EXPECT_NE(reasons["masks/c0/orphan.png"].find("no image named like it"), std::string::npos);
  EXPECT_NE(reasons["masks/c1/1.png"].find("mask of 48x32"), std::string::npos);
  EXPECT_NE(reasons["masks/c0/0_mask.png"].find("a second mask"), std::string::npos)
      << reasons["masks/c0/0_mask.png"];
  int masked = 0;
  for (const Sample& s : ds.samples()) masked += !s.mask.empty();
  EXPECT_EQ(masked, 2 * kPerClass - 1);
}

TEST(Masks, TwoRealImagesWithOneStemAreBothSamples) {
  // x.jpg + x.png that are both photographs: nothing looks like a mask, so nothing is one.
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 2; ++n)
      for (const char* ext : {".jpg", ".png"})
        writeImage(dir / ("c" + std::to_string(c) + "/" + std::to_string(n) + ext),
                   shapeOnTexture(c, n * 2 + (ext[1] == 'p')).image);
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.samples().size(), 8u);
  for (const Sample& s : ds.samples()) EXPECT_TRUE(s.mask.empty());
}

TEST(Masks, WhatLooksLikeAMask) {
  EXPECT_TRUE(looksLikeMask(cv::Mat::zeros(8, 8, CV_8UC1)));
  cv::Mat twoValues = cv::Mat::zeros(8, 8, CV_8UC3);
  twoValues(cv::Rect(2, 2, 3, 3)).setTo(cv::Scalar(1, 1, 1));
  EXPECT_TRUE(looksLikeMask(twoValues));
  cv::Mat threeValues = twoValues.clone();
  threeValues.at<cv::Vec3b>(0, 0) = {7, 7, 7};
  EXPECT_FALSE(looksLikeMask(threeValues));
  cv::Mat coloured = twoValues.clone();
  coloured.at<cv::Vec3b>(3, 3) = {1, 0, 1};
  EXPECT_FALSE(looksLikeMask(coloured));
  EXPECT_FALSE(looksLikeMask(shapeOnTexture(0, 1).image));
  EXPECT_EQ(stemWithoutMaskSuffix("x_GT"), "x");
  EXPECT_EQ(stemWithoutMaskSuffix("x-label"), "x");
  EXPECT_EQ(stemWithoutMaskSuffix("_mask"), "");
  EXPECT_EQ(stemWithoutMaskSuffix("xmask"), "");
  // Any non-zero value of the file is the defect.
  TempDir dir;
  writeImage(dir / "m.png", twoValues);
  std::string error;
  const cv::Mat m = loadMask(dir / "m.png", &error);
  ASSERT_EQ(m.type(), CV_8UC1) << error;
  EXPECT_EQ(cv::countNonZero(m), 9);
  EXPECT_EQ(m.at<std::uint8_t>(3, 3), 255);
  EXPECT_TRUE(loadMask(dir / "missing.png", &error).empty());
  EXPECT_FALSE(error.empty());
}
