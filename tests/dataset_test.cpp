#include "sdd/dataset/dataset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "sdd/dataset/file_walk.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/json.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::skippedWith;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

void writeVoc(const fs::path& file, const std::string& cls, int x0, int y0, int x1, int y1) {
  std::ostringstream o;
  o << "<annotation><size><width>48</width><height>48</height><depth>3</depth></size>"
    << "<object><name>" << cls << "</name><bndbox><xmin>" << x0 << "</xmin><ymin>" << y0
    << "</ymin><xmax>" << x1 << "</xmax><ymax>" << y1 << "</ymax></bndbox></object>"
    << "<object><name>" << cls << "</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax>"
    << "<ymax>4</ymax></bndbox></object></annotation>";
  writeBytes(file, o.str());
}

std::size_t countIn(const Dataset& ds, Split split) { return ds.indices(split).size(); }

}  // namespace

TEST(Dataset, ReadsNeuDetLayoutWithOwnSplitAndVocBoxes) {
  TempDir dir;
  const std::vector<std::string> classes = {"crazing", "inclusion", "patches"};
  for (int c = 0; c < 3; ++c) {
    for (int n = 1; n <= 5; ++n) {
      const std::string split = n <= 4 ? "train" : "validation";
      const std::string stem = classes[c] + "_" + std::to_string(n);
      writeImage(dir / (split + "/images/" + classes[c] + "/" + stem + ".jpg"), patternImage(c, n));
      writeVoc(dir / (split + "/annotations/" + stem + ".xml"), classes[c], 5, 6, 30, 40);
    }
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::NeuDet);
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.classes(), classes);
  EXPECT_EQ(countIn(ds, Split::Train), 12u);
  EXPECT_EQ(countIn(ds, Split::Validation), 3u);
  ASSERT_EQ(ds.samples()[0].boxes.size(), 2u);
  EXPECT_EQ(ds.samples()[0].boxes[0].name, "crazing");
  EXPECT_EQ(ds.samples()[0].boxes[0].xmin, 5);
  EXPECT_EQ(ds.samples()[0].boxes[0].ymax, 40);
  EXPECT_EQ(ds.samples()[0].width, 48);
  EXPECT_TRUE(ds.skipped().empty());
}

namespace {

// A VOC file whose objects are `boxes` (name, x0, y0, x1, y1).
void writeVocObjects(const fs::path& file, const std::vector<BoundingBox>& boxes) {
  std::ostringstream o;
  o << "<annotation><size><width>48</width><height>48</height><depth>3</depth></size>";
  for (const BoundingBox& b : boxes)
    o << "<object><name>" << b.name << "</name><bndbox><xmin>" << b.xmin << "</xmin><ymin>"
      << b.ymin << "</ymin><xmax>" << b.xmax << "</xmax><ymax>" << b.ymax
      << "</ymax></bndbox></object>";
  writeBytes(file, o.str() + "</annotation>");
}

}  // namespace

// Detection datasets name an image's class only in its VOC file: Pascal VOC's JPEGImages/ +
// Annotations/, NEU-DET as first published (IMAGES/crazing_1.jpg + ANNOTATIONS/, where the
// file name's prefix is not the class: pitted_surface_1 -> "pitted"), LabelImg's x.xml beside
// x.jpg, GC10-DET's numbered folders + lable/. The class is the box class the file name starts
// with, else the one whose boxes cover the most area; an image without a VOC file is to label;
// a VOC file without an image is named.
TEST(Dataset, PascalVocFilesGiveBoxesAndClassWhereNoFolderNamesIt) {
  const std::vector<std::string> names = {"crazing", "pitted_surface"};
  struct Layout {
    const char* root;
    std::function<fs::path(int c, int n)> image, xml;
  };
  TempDir dir;
  const std::vector<Layout> layouts = {
      {"voc", [&](int, int n) { return dir / "voc/JPEGImages" / (std::to_string(n) + ".jpg"); },
       [&](int, int n) { return dir / "voc/Annotations" / (std::to_string(n) + ".xml"); }},
      {"neu",
       [&](int c, int n) {
         return dir / "neu/IMAGES" / (names[c] + "_" + std::to_string(n) + ".jpg");
       },
       [&](int c, int n) {
         return dir / "neu/ANNOTATIONS" / (names[c] + "_" + std::to_string(n) + ".xml");
       }},
      {"labelimg",
       [&](int, int n) { return dir / "labelimg" / ("img" + std::to_string(n) + ".png"); },
       [&](int, int n) { return dir / "labelimg" / ("img" + std::to_string(n) + ".xml"); }},
      {"gc10",
       [&](int c, int n) {
         return dir / "gc10" / std::to_string(c + 1) / ("img_0" + std::to_string(n) + ".jpg");
       },
       [&](int, int n) { return dir / "gc10/lable" / ("img_0" + std::to_string(n) + ".xml"); }},
  };
  for (const Layout& layout : layouts) {
    SCOPED_TRACE(layout.root);
    for (int n = 0; n < 8; ++n) {
      const int c = n % 2;
      writeImage(layout.image(c, n), patternImage(c, n));
      // A small box of the other class beside the defect's large one: the large one decides.
      if (n < 7)
        writeVocObjects(layout.xml(c, n), {{names[1 - c], 1, 1, 4, 4}, {names[c], 5, 6, 30, 40}});
    }
    const fs::path root = dir / layout.root;
    if (layout.root == std::string("labelimg"))
      writeVocObjects(root / "no-image.xml", {{"crazing", 1, 1, 9, 9}});
    const Dataset ds = Dataset::scan(root);
    EXPECT_EQ(ds.layout(), DatasetLayout::Voc);
    EXPECT_EQ(ds.classes(), names);
    EXPECT_EQ(ds.samples().size(), 8u);
    EXPECT_EQ(ds.unlabeledCount(), 1u) << "the image without a VOC file";
    for (const Sample& s : ds.samples()) {
      if (s.label == kUnlabeled) continue;
      ASSERT_EQ(s.boxes.size(), 2u) << s.path;
      EXPECT_EQ(s.boxes[1].name, ds.className(s.label)) << s.path;
      EXPECT_EQ(s.boxes[1].ymax, 40);
    }
    for (const ScanIssue& issue : ds.skipped()) {
      if (issue.file.filename() != "no-image.xml")
        ADD_FAILURE() << issue.file << ": " << issue.reason;
    }
    if (layout.root == std::string("labelimg")) {
      EXPECT_TRUE(skippedWith(ds, "no-image.xml", "no image named like it"));
    }
  }
  // VOC's own split lists, one stem per line; the ImageSets folder is no class.
  writeBytes(dir / "voc/ImageSets/Main/train.txt", "0\n1\n2\n3\n4\n5\n");
  writeBytes(dir / "voc/ImageSets/Main/val.txt", "6\n7\n");
  writeBytes(dir / "voc/ImageSets/Main/crazing_train.txt", "0  1\n1 -1\n");  // not a split
  const Dataset voc = Dataset::scan(dir / "voc");
  EXPECT_TRUE(voc.hasOwnSplit());
  EXPECT_EQ(voc.classes(), names);
  for (const Sample& s : voc.samples())
    EXPECT_EQ(s.split,
              s.path.stem() == "6" || s.path.stem() == "7" ? Split::Validation : Split::Train)
        << s.path;
  for (const ScanIssue& issue : voc.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  // A file name that starts with a box class names the image's class, whatever covers most.
  writeImage(dir / "neu/IMAGES/crazing_9.jpg", patternImage(0, 9));
  writeVocObjects(dir / "neu/ANNOTATIONS/crazing_9.xml",
                  {{"crazing", 1, 1, 4, 4}, {"pitted_surface", 5, 6, 30, 40}});
  const Dataset neu = Dataset::scan(dir / "neu");
  for (const Sample& s : neu.samples()) {
    if (s.path.filename() == "crazing_9.jpg") {
      EXPECT_EQ(neu.className(s.label), "crazing");
    }
  }
}

// Split folders as datasets name them: Training/ + Testing/, COCO's train2017/ + val2017/,
// Kaggle's train_images/ + test_set/.
// COCO detection files as labeling tools export them: Roboflow's <split>/_annotations.coco.json
// beside the images (bare file names), CVAT's images/ + annotations/instances_default.json;
// the class as VOC's (file name, else area); an image listed without boxes is to label; a
// JSON file that is no COCO file and images a file lists but the folder lacks are named.
TEST(Dataset, CocoFilesGiveBoxesAndClassWhereNoFolderNamesIt) {
  for (const bool roboflow : {true, false}) {
    SCOPED_TRACE(roboflow ? "Roboflow" : "CVAT");
    TempDir dir;
    std::map<std::string, nlohmann::json> files;  // COCO file -> its JSON
    for (const std::string split : {"train", "valid"})
      for (int n = 0; n < 4; ++n) {
        const int c = n % 2;
        const std::string name = split + std::to_string(n) + ".jpg";
        const fs::path image = roboflow ? dir / split / name : dir / "images" / name;
        writeImage(image, patternImage(c, n));
        nlohmann::json& coco = files[roboflow ? split + "/_annotations.coco.json"
                                              : "annotations/instances_default.json"];
        coco["categories"] = {{{"id", 0}, {"name", "defects"}},
                              {{"id", 1}, {"name", "disk"}},
                              {{"id", 2}, {"name", "stripes"}}};
        const int id = int(coco["images"].size()) + 1;
        coco["images"].push_back({{"id", id}, {"file_name", name}});
        if (n == 3) continue;  // no annotation: no defect
        coco["annotations"].push_back(
            {{"id", id}, {"image_id", id}, {"category_id", c + 1}, {"bbox", {5, 6, 25, 34}}});
        coco["annotations"].push_back(
            {{"id", id + 100}, {"image_id", id}, {"category_id", 2 - c}, {"bbox", {1, 1, 2, 2}}});
      }
    for (auto& [file, coco] : files) {
      coco["images"].push_back({{"id", 99}, {"file_name", "gone.jpg"}});
      writeBytes(dir / file, coco.dump());
    }
    writeBytes(dir / (roboflow ? "train" : "images") / "notes.json", R"({"note": "not COCO"})");
    const Dataset ds = Dataset::scan(dir.path());
    EXPECT_EQ(ds.layout(), DatasetLayout::Coco);
    EXPECT_EQ(ds.classes(), (std::vector<std::string>{"disk", "stripes"}));
    EXPECT_EQ(ds.hasOwnSplit(), roboflow);
    EXPECT_EQ(ds.samples().size(), 8u);
    EXPECT_EQ(ds.unlabeledCount(), 2u);
    for (const Sample& s : ds.samples()) {
      if (s.label == kUnlabeled) continue;
      ASSERT_EQ(s.boxes.size(), 2u) << s.path;
      EXPECT_EQ(s.boxes[0].name, ds.className(s.label));
      EXPECT_EQ(s.boxes[0].xmax, 30);
    }
    EXPECT_TRUE(skippedWith(ds, "notes.json", "not an annotation file"));
    EXPECT_TRUE(skippedWith(ds, roboflow ? "_annotations.coco.json" : "instances_default.json",
                            roboflow ? "1 of the 5 images it lists not found"
                                     : "1 of the 9 images it lists not found"));
  }
}

// A dataset unzipped from an archive made on a Mac has __MACOSX/ (a copy of the tree of
// "._x.png" resource forks: binary files with an image's extension) and ._x.png beside each
// file; Windows leaves Thumbs.db. None of it is a class, an image or worth a warning.
TEST(Dataset, ArchiveLeftoversAreNeitherClassesNorImagesNorWarnings) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 3; ++n) {
      const std::string cls = "c" + std::to_string(c), name = std::to_string(n) + ".png";
      writeImage(dir / cls / name, patternImage(c, n));
      writeBytes(dir / cls / ("._" + name), std::string("\0\5\26\7Mac OS X", 12));
      writeBytes(dir / "__MACOSX" / cls / ("._" + name), std::string("\0\5\26\7Mac OS X", 12));
    }
  writeBytes(dir / "c0/Thumbs.db", "thumbnails");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"c0", "c1"}));
  EXPECT_EQ(ds.samples().size(), 6u);
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
  EXPECT_EQ(listImages({dir.path()}).files.size(), 6u) << "sdd predict's walk too";
}

TEST(Dataset, SplitFoldersAreRecognisedByTheNamesDatasetsUse) {
  for (const auto& [train, val] : std::vector<std::pair<std::string, std::string>>{
           {"Training", "Testing"}, {"train2017", "val2017"}, {"train_images", "test_set"}}) {
    SCOPED_TRACE(train + " + " + val);
    TempDir dir;
    for (int c = 0; c < 2; ++c)
      for (int n = 0; n < 3; ++n)
        writeImage(
            dir / (n < 2 ? train : val) / ("c" + std::to_string(c)) / (std::to_string(n) + ".png"),
            patternImage(c, n));
    const Dataset ds = Dataset::scan(dir.path());
    EXPECT_TRUE(ds.hasOwnSplit());
    EXPECT_EQ(ds.classes(), (std::vector<std::string>{"c0", "c1"}));
    EXPECT_EQ(ds.indices(Split::Validation).size(), 2u);
  }
}

TEST(Dataset, ResplitIgnoresTheSplitFoldersAndMakesASeededStratifiedSplit) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 1; n <= 10; ++n)
      writeImage(dir / ((n <= 8 ? "train/c" : "validation/c") + std::to_string(c)) /
                     (std::to_string(n) + ".png"),
                 patternImage(c, n));
  ScanOptions opt;
  opt.resplit = true;
  opt.validationFraction = 0.2;
  std::vector<std::vector<Split>> splits;
  for (std::uint64_t seed : {1u, 2u, 1u}) {
    opt.seed = seed;
    const Dataset ds = Dataset::scan(dir.path(), opt);
    EXPECT_FALSE(ds.hasOwnSplit());
    EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{2, 2}));
    std::vector<Split> s;
    for (const auto& sample : ds.samples()) s.push_back(sample.split);
    splits.push_back(s);
  }
  EXPECT_EQ(splits[0], splits[2]);  // same seed, same split
  EXPECT_NE(splits[0], splits[1]);  // another seed, another split
  // Without resplit the folders decide: the validation images are 9.png and 10.png.
  const Dataset own = Dataset::scan(dir.path());
  EXPECT_TRUE(own.hasOwnSplit());
  for (const auto& sample : own.samples())
    EXPECT_EQ(sample.split == Split::Validation,
              sample.path.filename() == "9.png" || sample.path.filename() == "10.png");
}

TEST(Dataset, ReadsNeuClsFlatFolderAndMapsPrefixesToClassNames) {
  TempDir dir;
  const std::vector<std::string> prefixes = {"Cr", "In", "Pa", "PS", "RS", "Sc"};
  for (int c = 0; c < 6; ++c)
    for (int n = 1; n <= 5; ++n)
      writeImage(dir / (prefixes[c] + "_" + std::to_string(n) + ".bmp"),
                 patternImage(c, n, 40, 40, 1));
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::NeuCls);
  EXPECT_FALSE(ds.hasOwnSplit());
  const std::vector<std::string> expected = {"crazing",        "inclusion",       "patches",
                                             "pitted_surface", "rolled-in_scale", "scratches"};
  EXPECT_EQ(ds.classes(), expected);
  EXPECT_EQ(ds.samples().size(), 30u);
  // Stratified 80/20: one of five per class goes to validation.
  for (std::size_t n : ds.classCounts(Split::Validation)) EXPECT_EQ(n, 1u);
  EXPECT_EQ(ds.samples()[0].channels, 1);
}

TEST(Dataset, ReadsFolderPerClassWithOddNamesFormatsAndSizes) {
  TempDir dir;
  const std::vector<std::string> classes = {"Oil spot", "Rost & Zunder", "Ünïcode 缺陷"};
  const std::vector<std::string> exts = {".jpg", ".png", ".bmp", ".tif"};
  int made = 0;
  for (int c = 0; c < 3; ++c) {
    const int count = c == 0 ? 12 : 5;  // imbalanced
    for (int n = 0; n < count; ++n) {
      const int w = 30 + 17 * n, h = 25 + 9 * c;
      writeImage(dir / classes[c] / ("img " + std::to_string(n) + exts[n % 4]),
                 patternImage(c, n, w, h, n % 2 ? 1 : 3));
      ++made;
    }
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::FolderPerClass);
  std::vector<std::string> sorted = classes;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(ds.classes(), sorted);
  EXPECT_EQ(ds.samples().size(), static_cast<std::size_t>(made));
  EXPECT_TRUE(ds.skipped().empty());
  const auto val = ds.classCounts(Split::Validation);
  const auto tr = ds.classCounts(Split::Train);
  for (std::size_t c = 0; c < val.size(); ++c) {
    EXPECT_GE(val[c], 1u);
    EXPECT_GE(tr[c], 1u);
  }
}

TEST(Dataset, StratifiedSplitIsDeterministicPerSeedAndKeepsProportions) {
  std::vector<int> labels;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 50; ++i) labels.push_back(c);
  const auto a = stratifiedSplit(labels, 0.2, 7), b = stratifiedSplit(labels, 0.2, 7);
  const auto other = stratifiedSplit(labels, 0.2, 8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
  for (int c = 0; c < 3; ++c) {
    int val = 0;
    for (int i = 0; i < 50; ++i) val += a[c * 50 + i] == Split::Validation;
    EXPECT_EQ(val, 10);
  }
}

TEST(Dataset, SkipsCorruptFilesNamingFileAndReasonAndNeverModifiesThem) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 4; ++n)
      writeImage(dir / ("class" + std::to_string(c)) / (std::to_string(n) + ".png"),
                 patternImage(c, n));
  const std::string good = sdd::test::readBytes(dir / "class0/0.png");
  std::vector<uchar> jpg;
  cv::imencode(".jpg", patternImage(0, 9), jpg);
  writeBytes(dir / "class0/empty.jpg", "");
  writeBytes(dir / "class0/truncated.jpg", std::string(jpg.begin(), jpg.begin() + jpg.size() / 2));
  writeBytes(dir / "class0/text.png", "this is not an image at all");
  writeBytes(dir / "class1/cut.png", good.substr(0, good.size() / 2));
  writeBytes(dir / "class1/notes.txt", "hello");
  std::map<fs::path, std::string> before;
  for (auto& e : fs::recursive_directory_iterator(dir.path()))
    if (e.is_regular_file()) before[e.path()] = sdd::test::readBytes(e.path());

  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.samples().size(), 8u);
  EXPECT_TRUE(skippedWith(ds, "empty.jpg", "empty file"));
  EXPECT_TRUE(skippedWith(ds, "truncated.jpg", "truncated JPEG"));
  EXPECT_TRUE(skippedWith(ds, "text.png", "not an image"));
  EXPECT_TRUE(skippedWith(ds, "cut.png", "truncated PNG"));
  EXPECT_TRUE(skippedWith(ds, "notes.txt", "not an image file extension"));
  EXPECT_EQ(ds.skipped().size(), 5u);
  for (const auto& [file, bytes] : before) EXPECT_EQ(sdd::test::readBytes(file), bytes) << file;
}

TEST(Dataset, MissingFolderIsAClearError) {
  try {
    Dataset::scan("/nonexistent/sdd/dataset");
    FAIL() << "expected DatasetError";
  } catch (const DatasetError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist: /nonexistent/sdd/dataset"),
              std::string::npos);
  }
}

TEST(Dataset, ClassFoldersNamedInAnotherCaseAreOneClass) {
  TempDir dir;
  int n = 0;
  for (const auto& [folder, count] : std::vector<std::pair<std::string, int>>{
           {"train/Scratch", 3}, {"validation/scratch", 2}, {"train/ok", 3}, {"validation/OK ", 1}})
    for (int k = 0; k < count; ++k, ++n)
      writeImage(dir / folder / (std::to_string(k) + ".png"), patternImage(n % 2, n));
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"Scratch", "ok"}));  // the most images
  EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(ds.notes().size(), 2u);
  EXPECT_TRUE(ds.skipped().empty());
  ScanOptions listed;  // a class list names them exactly: the other spellings are to label
  listed.classes = {"Scratch", "ok"};
  EXPECT_EQ(Dataset::scan(dir.path(), listed).unlabeledCount(), 3u);
}

TEST(Dataset, AnArchiveOrAFileGivenForTheFolderSaysWhatItIs) {
  TempDir dir;
  writeBytes(dir / "NEU-DET.zip", "PK\x03\x04");
  writeBytes(dir / "notes.txt", "text");
  const auto message = [](const fs::path& p) {
    try {
      Dataset::scan(p);
    } catch (const DatasetError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(dir / "NEU-DET.zip").find("is an archive, not a folder"), std::string::npos);
  EXPECT_NE(message(dir / "NEU-DET.zip").find("unpack it"), std::string::npos);
  EXPECT_NE(message(dir / "notes.txt").find("is not a folder"), std::string::npos);
  // The folder the download went to, the archive not unpacked: named.
  EXPECT_NE(message(dir.path()).find("only the archive NEU-DET.zip: unpack it"), std::string::npos)
      << message(dir.path());
}

TEST(Dataset, AClassFolderWithoutUsableImagesIsLeftOutWithAReason) {
  TempDir dir;
  for (int n = 0; n < 3; ++n)
    writeImage(dir / "good" / (std::to_string(n) + ".png"), patternImage(0, n));
  writeImage(dir / "other/0.png", patternImage(1, 0));
  fs::create_directories(dir / "hollow");
  writeBytes(dir / "hollow/broken.jpg", "garbage");
  fs::create_directories(dir / "empty");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"good", "other"}));
  EXPECT_EQ(ds.samples().size(), 4u);
  EXPECT_TRUE(skippedWith(ds, "hollow", "class 'hollow' left out"));
  EXPECT_TRUE(skippedWith(ds, "empty", "class 'empty' left out"));
  EXPECT_TRUE(skippedWith(ds, "broken.jpg", "not an image"));
}

TEST(Dataset, SymlinkLoopsAndDanglingLinksAreReportedAndTheRestOfTheFolderIsRead) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 4; ++n)
      writeImage(dir / ("c" + std::to_string(c)) / (std::to_string(n) + ".png"),
                 patternImage(c, n));
  fs::create_directory_symlink(".", dir / "c0/0loop");           // a link to its own folder
  fs::create_symlink(dir / "c1/aa.png", dir / "c1/aa.png.lnk");  // dangling (target missing)
  fs::create_symlink("b.png", dir / "c1/a.png");                 // a two-link loop
  fs::create_symlink("a.png", dir / "c1/b.png");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.samples().size(), 8u);  // every good file, also those sorted after the loops
  EXPECT_TRUE(skippedWith(ds, "0loop", "not followed"));
  EXPECT_TRUE(skippedWith(ds, "a.png", "leads nowhere"));
  EXPECT_TRUE(skippedWith(ds, "b.png", "leads nowhere"));
}

static std::string scanError(const fs::path& root, const ScanOptions& options = {}) {
  try {
    Dataset::scan(root, options);
  } catch (const DatasetError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Dataset, AnUnpackedArchivesOwnFolderIsLookedThrough) {
  // X-SDD.zip unpacks to X-SDD/X-SDD/<classes>; opened at the top, the one folder was taken for
  // the only class ("need at least 2 classes, found 1 ('X-SDD')").
  TempDir dir;
  for (int n = 0; n < 3; ++n) {
    writeImage(dir / "X-SDD" / "X-SDD" / "oxide" / ("o" + std::to_string(n) + ".png"),
               patternImage(0, n));
    writeImage(dir / "X-SDD" / "X-SDD" / "slag" / ("s" + std::to_string(n) + ".png"),
               patternImage(1, n));
  }
  writeBytes(dir / "README.txt", "X-SDD, unpacked\n");
  writeBytes(dir / "X-SDD.zip", "PK");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"oxide", "slag"}));
  EXPECT_EQ(ds.root(), dir.path()) << "the dataset keeps the folder it was given";
  EXPECT_EQ(ds.dataFolder(), dir / "X-SDD" / "X-SDD");

  // A split layout and a flat NEU-CLS folder one level down, likewise.
  TempDir split, flat;
  for (int n = 0; n < 2; ++n)
    for (const char* part : {"train", "validation"})
      for (const char* cls : {"a", "b"})
        writeImage(split / "NEU-DET" / part / cls / (std::to_string(n) + ".png"),
                   patternImage(cls[0] == 'a', n + (part[0] == 't' ? 0 : 10)));
  EXPECT_TRUE(Dataset::scan(split.path()).hasOwnSplit());
  for (const char* prefix : {"Cr", "In"})
    for (int n = 1; n <= 2; ++n)
      writeImage(flat / "NEU-CLS" / (std::string(prefix) + "_" + std::to_string(n) + ".bmp"),
                 patternImage(prefix[0] == 'C', n));
  EXPECT_EQ(Dataset::scan(flat.path()).layout(), DatasetLayout::NeuCls);
}

TEST(Dataset, FewerThanTwoClassesIsAClearErrorThatSaysWhatIsMissing) {
  TempDir dir;
  for (int n = 0; n < 3; ++n)
    writeImage(dir / "only" / (std::to_string(n) + ".png"), patternImage(0, n));
  EXPECT_NE(scanError(dir.path()).find("found 1 ('only')"), std::string::npos);
  EXPECT_NE(scanError(dir.path()).find("give the class list"), std::string::npos)
      << "a camera folder, maybe";
  TempDir empty;
  EXPECT_NE(scanError(empty.path()).find("no usable images"), std::string::npos);
}

// A folder straight off the line: camera images without a class, flat. Without a class list
// the scan says so; with one (typed in, or a model's) every image is there to be labeled and
// none is in training or evaluation.
TEST(Dataset, AFlatFolderOfCameraImagesIsUnlabeledAndNeedsOnlyAClassList) {
  TempDir dir;
  for (int n = 0; n < 6; ++n)
    writeImage(dir / ("cam1_000" + std::to_string(n) + ".png"), patternImage(n % 2, n));
  const std::string why = scanError(dir.path());
  EXPECT_NE(why.find("6 image(s)"), std::string::npos) << why;
  EXPECT_NE(why.find("give the class list"), std::string::npos) << why;

  ScanOptions opt;
  opt.classes = {"scratch", "stain"};
  const Dataset ds = Dataset::scan(dir.path(), opt);
  EXPECT_EQ(ds.layout(), DatasetLayout::Unlabeled);
  EXPECT_EQ(ds.classes(), opt.classes);
  EXPECT_EQ(ds.samples().size(), 6u);
  EXPECT_EQ(ds.unlabeledCount(), 6u);
  EXPECT_TRUE(ds.indices(Split::Train).empty());
  EXPECT_TRUE(ds.indices(Split::Validation).empty());
  EXPECT_EQ(ds.classCounts(Split::Train), (std::vector<std::size_t>{0, 0}));

  ScanOptions fromModel;
  fromModel.fallbackClasses = {"a", "b", "c"};
  EXPECT_EQ(Dataset::scan(dir.path(), fromModel).classes(), fromModel.fallbackClasses);
  EXPECT_EQ(Dataset::scan(dir.path(), fromModel).classSource(), ClassSource::Model);
  EXPECT_EQ(ds.classSource(), ClassSource::ClassList);
}

TEST(Dataset, CameraAndDateFoldersHoldImagesToLabelWhenTheClassesAreKnown) {
  TempDir dir;
  writeImage(dir / "cam1/2026-11-30/a.png", patternImage(0, 1));
  writeImage(dir / "cam1/2026-12-01/b.png", patternImage(0, 2));
  writeImage(dir / "cam2/c.png", patternImage(1, 3));
  writeImage(dir / "stain/d.png", patternImage(1, 4));
  ScanOptions opt;
  opt.classes = {"scratch", "stain"};
  const Dataset ds = Dataset::scan(dir.path(), opt);
  EXPECT_EQ(ds.classes(), opt.classes) << "the list, in its order, classes without images included";
  EXPECT_EQ(ds.unlabeledCount(), 3u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(s.label, s.path.filename() == "d.png" ? 1 : kUnlabeled) << s.path;
  EXPECT_EQ(ds.classIndex("stain"), 1);
  EXPECT_EQ(ds.classIndex(""), kUnlabeled);
  EXPECT_EQ(ds.classIndex("cam1"), kUnlabeled);
  EXPECT_EQ(ds.className(kUnlabeled), "");
}

// 0/ and 1/ (or 1/ ... 10/): classes when nothing else names one, in their numbers' order;
// with a model's classes offered (new images to classify) they are lots, to be labeled.
TEST(Dataset, AClassFolderNamedInLatin1IsOneUtf8ClassName) {
  // "Kratzer\xFC" (ü in Latin-1, from an old Windows share): the class is "Kratzer\uFFFD",
  // the name the model file and the journal write, so a model trained on it evaluates on it.
  TempDir dir;
  for (int n = 0; n < 3; ++n) {
    writeImage(dir / "Kratzer\xFC" / ("k" + std::to_string(n) + ".png"), patternImage(0, n));
    writeImage(dir / "ok" / ("o" + std::to_string(n) + ".png"), patternImage(1, n));
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"Kratzer\xEF\xBF\xBD", "ok"}));
  EXPECT_EQ(ds.samples().size(), 6u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label), s.path.filename().string()[0] == 'k' ? ds.classes()[0] : "ok");
  EXPECT_TRUE(ds.skipped().empty()) << "no false 'class folder without any usable image'";
  // The same name given in a class list (typed in a Latin-1 terminal) is the same class.
  ScanOptions listed;
  listed.classes = {"Kratzer\xFC", "ok"};
  const Dataset withList = Dataset::scan(dir.path(), listed);
  EXPECT_EQ(withList.classes(), ds.classes());
  EXPECT_EQ(withList.unlabeledCount(), 0u);
}

TEST(FileWalk, APathShownWithReplacementCharactersFindsTheOneFileItNames) {
  // A window toolkit writes each byte of a name that is not UTF-8 as U+FFFD (as validUtf8 does,
  // or one per byte: a run stands for any run); only a name that can be told apart is found.
  TempDir dir;
  const std::string r = "\xEF\xBF\xBD";
  const fs::path file = dir /
                        "Pr\xFC"
                        "fung" /
                        "caf\xE9\xE9" / "ok.png";
  writeImage(file, patternImage(0, 0));
  EXPECT_EQ(findByShownName(file.string()), file);  // a name that exists is itself
  EXPECT_EQ(findByShownName((dir / ("Pr" + r + "fung") / ("caf" + r) / "ok.png").string()), file);
  EXPECT_EQ(findByShownName((dir / ("Pr" + r + "fung") / ("caf" + r + r)).string()),
            file.parent_path());
  EXPECT_TRUE(findByShownName((dir / ("Pr" + r + "fung") / "other.png").string()).empty());
  EXPECT_TRUE(findByShownName((dir / "Pr" / "x").string()).empty());
  // Two names that read the same with U+FFFD: neither is guessed.
  fs::create_directories(dir / "a\xFC");
  fs::create_directories(dir / "a\xE9");
  EXPECT_TRUE(findByShownName((dir / ("a" + r)).string()).empty());
}

TEST(Dataset, ValidAndTestFoldersTogetherAreTheValidationSplitAndTheScanSaysSo) {
  // Kaggle's "NEU Metal Surface Defects Data": train/, valid/ and test/, each with the classes.
  TempDir dir;
  for (const std::string split : {"train", "valid", "test"})
    for (int n = 0; n < 2; ++n)
      for (int c = 0; c < 2; ++c)
        writeImage(dir / split / (c ? "Pits" : "Crazing") / (std::to_string(n) + ".png"),
                   patternImage(c, n + (split[0] == 'v') * 2 + (split[1] == 'e') * 4));
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.samples().size(), 12u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(s.split, s.path.parent_path().parent_path().filename() == "train"
                           ? Split::Train
                           : Split::Validation);
  ASSERT_EQ(ds.notes().size(), 1u);
  EXPECT_NE(ds.notes()[0].reason.find("test/ and valid/ together are the validation split"),
            std::string::npos)
      << ds.notes()[0].reason;
}

TEST(Dataset, NumberedFoldersAreClassesWhenNothingElseNamesOne) {
  TempDir dir;
  for (const std::string number : {"1", "2", "10"})
    for (const std::string split : {"train", "val"})
      for (int n = 0; n < 2; ++n)
        writeImage(dir / split / number / (std::to_string(n) + ".png"),
                   patternImage(std::stoi(number) % 3, n + (split == "val") * 2));
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"1", "2", "10"}));
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{2, 2, 2}));
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label), s.path.parent_path().filename().string()) << s.path;

  ScanOptions fromModel;
  fromModel.fallbackClasses = {"a", "b"};
  EXPECT_EQ(Dataset::scan(dir.path(), fromModel).unlabeledCount(), 12u);
  // A named folder beside them makes them lots again (cam1/, 1/, 2/ ... are not classes).
  writeImage(dir / "train/scratch/x.png", patternImage(2, 9));
  writeImage(dir / "train/stain/y.png", patternImage(1, 9));
  const Dataset named = Dataset::scan(dir.path());
  EXPECT_EQ(named.classes(), (std::vector<std::string>{"scratch", "stain"}));
  EXPECT_EQ(named.unlabeledCount(), 12u);
}

TEST(Dataset, NumberedClassesTakeTheNamesANamesFileBesideThemGives) {
  TempDir dir;
  for (const std::string number : {"1", "2", "3"})
    for (int n = 0; n < 2; ++n)
      writeImage(dir / number / (std::to_string(n) + ".png"),
                 patternImage(std::stoi(number) % 3, n));
  // One name per line for folders 1 … 3: the first line names 1 (as many names as the highest).
  sdd::test::writeBytes(dir / "labels.txt", "punching\nweld line\ncrescent gap\n");
  Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"crescent gap", "punching", "weld line"}));
  const std::vector<std::string> byFolder = {"punching", "weld line", "crescent gap"};
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label),
              byFolder.at(std::stoul(s.path.parent_path().filename().string()) - 1));
  // PaddleClas' label_list.txt numbers its lines; it comes first.
  sdd::test::writeBytes(dir / "label_list.txt", "1 scratch\n2 stain\n3 pit\n");
  ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"pit", "scratch", "stain"}));
  ScanOptions withModel;  // as the workbench scans, offering its model's classes
  withModel.fallbackClasses = {"a", "b"};
  // Numbered folders are then lots, not classes: nothing to name.
  EXPECT_EQ(Dataset::scan(dir.path(), withModel).unlabeledCount(), 6u);
  // A file that does not name every number (or names two the same) names none.
  sdd::test::writeBytes(dir / "label_list.txt", "1 scratch\n2 stain\n");
  sdd::test::writeBytes(dir / "labels.txt", "a\na\nb\n");
  EXPECT_EQ(Dataset::scan(dir.path()).classes(), (std::vector<std::string>{"1", "2", "3"}));
}

// SDNET2018: the surfaces D, P hold the classes one level down (D/CD cracked, D/UD not).
// Without a class list the top folders stay the classes, and a note says how to take the
// subfolders; with the list the subfolders are the classes. Lots inside a class say nothing.
TEST(Dataset, ObjectFoldersEachWithItsOwnSplitAreNamedInANote) {
  // An MVTec AD root: bottle/train/good/, bottle/test/crack/, cable/... The objects are read as
  // classes, and the note says each is a dataset of its own; a class whose images are split
  // (scratch/train/x.png) is no such folder.
  TempDir dir;
  int n = 0;
  for (const std::string leaf : {"bottle/train/good", "bottle/test/crack", "cable/train/good",
                                 "cable/test/bent", "scratch/train", "scratch/test"})
    for (int k = 0; k < 2; ++k, ++n)
      writeImage(dir / leaf / (std::to_string(k) + ".png"), patternImage(n % 4, n));
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"bottle", "cable", "scratch"}));
  ASSERT_EQ(ds.notes().size(), 1u);
  EXPECT_NE(ds.notes()[0].reason.find("class folders bottle, cable each hold a split of their own"),
            std::string::npos)
      << ds.notes()[0].reason;
}

TEST(Dataset, ClassFoldersGroupedInFoldersAreTheClassesWhenListed) {
  TempDir dir;
  int n = 0;
  for (const std::string leaf : {"D/CD", "D/UD", "P/CP", "P/UP"})
    for (int k = 0; k < 3; ++k, ++n)
      writeImage(dir / leaf / (std::to_string(k) + ".png"), patternImage(n % 4, n));
  Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"D", "P"}));
  ASSERT_EQ(ds.notes().size(), 1u);
  EXPECT_EQ(ds.notes()[0].file, dir.path());
  EXPECT_NE(ds.notes()[0].reason.find("class folders D, P hold"), std::string::npos);
  EXPECT_NE(ds.notes()[0].reason.find("--classes CD,UD,CP,UP"), std::string::npos)
      << ds.notes()[0].reason;
  EXPECT_TRUE(ds.skipped().empty());

  ScanOptions listed;
  listed.classes = {"CD", "UD", "CP", "UP"};
  ds = Dataset::scan(dir.path(), listed);
  EXPECT_EQ(ds.unlabeledCount(), 0u);
  for (const Sample& s : ds.samples())
    EXPECT_EQ(ds.className(s.label), s.path.parent_path().filename().string()) << s.path;

  TempDir days;  // a day's images sorted into classes: the classes are below the dates
  for (const std::string leaf :
       {"2026-11-30/crazing", "2026-11-30/pits", "2026-12-01/crazing", "2026-12-01/pits"})
    for (int k = 0; k < 2; ++k, ++n)
      writeImage(days / leaf / (std::to_string(k) + ".png"), patternImage(n % 4, n));
  writeImage(days / "2026-12-02/0.png", patternImage(1, 99));  // not sorted yet: to label
  const Dataset byDay = Dataset::scan(days.path());
  EXPECT_EQ(byDay.classes(), (std::vector<std::string>{"crazing", "pits"}));
  EXPECT_EQ(byDay.unlabeledCount(), 1u);
  EXPECT_EQ(byDay.classCounts(Split::Train)[0] + byDay.classCounts(Split::Validation)[0], 4u);
  ScanOptions withModel;  // new images to classify: subfolders not named as its classes are lots
  withModel.fallbackClasses = {"scratch", "stain"};
  EXPECT_EQ(Dataset::scan(days.path(), withModel).unlabeledCount(), 9u);
  withModel.fallbackClasses = {"crazing", "pits", "stain"};
  EXPECT_EQ(Dataset::scan(days.path(), withModel).unlabeledCount(), 1u);

  TempDir twice;  // A/good, B/good: the list names "good" once
  for (const std::string leaf : {"A/good", "A/bad", "B/good", "B/worse"})
    for (int k = 0; k < 2; ++k, ++n)
      writeImage(twice / leaf / (std::to_string(k) + ".png"), patternImage(n % 4, n));
  const Dataset t = Dataset::scan(twice.path());
  ASSERT_EQ(t.notes().size(), 1u);
  EXPECT_NE(t.notes()[0].reason.find("(--classes bad,good,worse)"), std::string::npos)
      << t.notes()[0].reason;

  TempDir lots;  // crazing/lot1, crazing/lot2: lots of one class
  for (const std::string leaf : {"crazing/lot1", "crazing/lot2", "pits/lot1"})
    for (int k = 0; k < 2; ++k, ++n)
      writeImage(lots / leaf / (std::to_string(k) + ".png"), patternImage(n % 4, n));
  EXPECT_TRUE(Dataset::scan(lots.path()).notes().empty());
}

// New images dropped next to a sorted dataset: in unlabeled/ (unsorted/, new/) or loose beside
// the class folders. They keep one split however often, and with whatever seed, the dataset
// is scanned, so a label given later always lands on the same side.
TEST(Dataset, ImagesBesideTheClassFoldersAreToLabelAndKeepTheirSplit) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 5; ++n)
      writeImage(dir / ("class" + std::to_string(c)) / (std::to_string(n) + ".png"),
                 patternImage(c, n));
  for (int n = 0; n < 10; ++n)
    writeImage(dir / "unlabeled" / ("u" + std::to_string(n) + ".png"), patternImage(2, n));
  writeImage(dir / "Unsorted/x.png", patternImage(3, 1));
  writeImage(dir / "new/y.png", patternImage(3, 2));
  writeImage(dir / "loose.png", patternImage(3, 3));
  ScanOptions a;
  a.seed = 1;
  ScanOptions b;
  b.seed = 99;
  const Dataset da = Dataset::scan(dir.path(), a), db = Dataset::scan(dir.path(), b);
  EXPECT_EQ(da.classes(), (std::vector<std::string>{"class0", "class1"}));
  EXPECT_EQ(da.layout(), DatasetLayout::FolderPerClass);
  EXPECT_EQ(da.unlabeledCount(), 13u);
  EXPECT_EQ(countIn(da, Split::Train) + countIn(da, Split::Validation), 10u);
  std::size_t validation = 0;
  for (std::size_t i : da.unlabeledIndices()) {
    const auto j = std::find_if(db.samples().begin(), db.samples().end(),
                                [&](const Sample& s) { return s.path == da.samples()[i].path; });
    ASSERT_NE(j, db.samples().end());
    EXPECT_EQ(j->split, da.samples()[i].split) << da.samples()[i].path;
    validation += da.samples()[i].split == Split::Validation;
  }
  EXPECT_LT(validation, 13u) << "the path hash spreads them over both splits";

  Dataset labeled = da;
  const std::size_t first = da.unlabeledIndices().front();
  labeled.setLabel(first, 1);
  EXPECT_EQ(labeled.unlabeledCount(), 12u);
  EXPECT_EQ(labeled.indices(labeled.samples()[first].split).size(),
            da.indices(da.samples()[first].split).size() + 1);
  labeled.setLabel(first, kUnlabeled);
  EXPECT_EQ(labeled.unlabeledCount(), 13u) << "undoing a first label takes the class away again";
}

TEST(Dataset, AFlatFolderIsNeuClsOnlyWhenItsPrefixesLookLikeClasses) {
  TempDir dir;
  for (const char* name : {"dent_1.png", "dent_2.png", "rust_1.png", "rust_2.png"})
    writeImage(dir / "flat" / name, patternImage(name[0] == 'd' ? 0 : 1, name[5] - '0'));
  const Dataset flat = Dataset::scan(dir / "flat");
  EXPECT_EQ(flat.classes(), (std::vector<std::string>{"dent", "rust"}));
  EXPECT_EQ(flat.unlabeledCount(), 0u);

  for (int n = 0; n < 4; ++n)
    writeImage(dir / "stamps" / ("20261201_1200" + std::to_string(n) + ".png"),
               patternImage(n % 2, n));
  ScanOptions opt;
  opt.classes = {"dent", "rust"};
  const Dataset stamps = Dataset::scan(dir / "stamps", opt);
  EXPECT_EQ(stamps.unlabeledCount(), 4u) << "a date prefix is not a class of the list";
}

TEST(Dataset, ReportsDuplicatesAndWhetherTheyCrossTheSplit) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 3; ++n)
      writeImage(dir / ("train/c" + std::to_string(c)) / (std::to_string(n) + ".png"),
                 patternImage(c, n));
  writeImage(dir / "validation/c0/v.png", patternImage(0, 20));
  writeImage(dir / "validation/c1/v.png", patternImage(1, 20));
  fs::copy_file(dir / "train/c0/0.png", dir / "train/c0/copy.png");       // same split
  fs::copy_file(dir / "train/c1/1.png", dir / "validation/c1/leak.png");  // crosses split
  const Dataset ds = Dataset::scan(dir.path());
  ASSERT_EQ(ds.duplicates().size(), 2u);
  int crossing = 0;
  for (const auto& g : ds.duplicates()) {
    EXPECT_EQ(g.samples.size(), 2u);
    crossing += g.crossSplit;
  }
  EXPECT_EQ(crossing, 1);
  for (const auto& g : ds.duplicates()) EXPECT_TRUE(ds.conflictingLabels(g).empty());
}

// A dataset without its own split is split by the scan: copies of one picture (a class
// folder holding it twice, the same picture in two classes) go to the same side, whatever the
// seed, so that validation never holds a copy of a training image; without copies the split is
// the one stratifiedSplit gives each image in turn (seeded splits made before stay as they were).
TEST(Dataset, TheSeededSplitKeepsCopiesOfAPictureOnOneSide) {
  TempDir dir;
  sdd::test::writePatternDataset(dir.path(), 2, 20);
  const Dataset plain = Dataset::scan(dir.path());
  std::vector<int> labels;
  for (const Sample& s : plain.samples()) labels.push_back(s.label);
  const auto expected = stratifiedSplit(labels, ScanOptions().validationFraction, 42);
  for (std::size_t i = 0; i < labels.size(); ++i)
    EXPECT_EQ(plain.samples()[i].split, expected[i]) << plain.samples()[i].path;

  for (int n = 0; n < 6; ++n)
    fs::copy_file(dir / "c0" / (std::to_string(n) + ".png"),
                  dir / "c0" / ("copy" + std::to_string(n) + ".png"));
  fs::copy_file(dir / "c1/7.png", dir / "c0/seven.png");  // in two classes
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    ScanOptions opt;
    opt.seed = seed;
    const Dataset ds = Dataset::scan(dir.path(), opt);
    ASSERT_EQ(ds.duplicates().size(), 7u);
    for (const auto& g : ds.duplicates()) EXPECT_FALSE(g.crossSplit) << "seed " << seed;
    for (int c = 0; c < 2; ++c) EXPECT_GE(ds.classCounts(Split::Validation)[c], 1u);
  }
}

// The same picture in two class folders: at most one of its labels is right, and the scan's
// duplicate group says which classes disagree (with the current labels: a relabel settles it).
TEST(Dataset, IdenticalImagesInTwoClassesAreAConflictNamingTheClasses) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 3; ++n)
      writeImage(dir / ("c" + std::to_string(c)) / (std::to_string(n) + ".png"),
                 patternImage(c, n));
  fs::copy_file(dir / "c0/0.png", dir / "c1/same.png");
  Dataset ds = Dataset::scan(dir.path());
  ASSERT_EQ(ds.duplicates().size(), 1u);
  EXPECT_EQ(ds.conflictingLabels(ds.duplicates()[0]), (std::vector<int>{0, 1}));
  for (std::size_t i : ds.duplicates()[0].samples) ds.setLabel(i, 1);
  EXPECT_TRUE(ds.conflictingLabels(ds.duplicates()[0]).empty());
}

TEST(Dataset, RealNeuDetHasTheKnownDuplicatePair) {
  const fs::path neu = sdd::test::neuDetDir();
  if (neu.empty()) GTEST_SKIP() << "data/NEU-DET not present";
  const Dataset ds = Dataset::scan(neu);
  EXPECT_EQ(ds.samples().size(), 1800u);
  EXPECT_EQ(ds.classCounts(Split::Train), std::vector<std::size_t>(6, 240));
  EXPECT_EQ(ds.classCounts(Split::Validation), std::vector<std::size_t>(6, 60));
  ASSERT_EQ(ds.duplicates().size(), 1u);
  const auto& g = ds.duplicates()[0];
  EXPECT_EQ(ds.samples()[g.samples[0]].path.filename(), "patches_101.jpg");
  EXPECT_EQ(ds.samples()[g.samples[1]].path.filename(), "patches_105.jpg");
  EXPECT_FALSE(g.crossSplit);
}
