// Labels in CSV files as Kaggle-style datasets ship them: the columns are found by their names
// (or values), each image gets its class (and boxes from pixels or box columns), and a file
// that is no label file is named and ignored, never guessed at.
#include "sdd/dataset/csv_labels.h"

#include <gtest/gtest.h>

#include <map>
#include <opencv2/imgproc.hpp>

#include "sdd/dataset/dataset.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::skippedWith;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

// The class of every sample by file name ("" for an image to label).
std::map<std::string, std::string> classByFile(const Dataset& ds) {
  std::map<std::string, std::string> out;
  for (const Sample& s : ds.samples()) out[s.path.filename().string()] = ds.className(s.label);
  return out;
}

}  // namespace

TEST(CsvLabels, FindsTheImageAndClassColumnsByNameValueOrPosition) {
  std::string error;
  CsvLabels csv = parseCsvLabels("Image ID,width,Label\na.jpg,48,scratch\nb,48,stain\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[0].image, "a.jpg");
  EXPECT_EQ(csv.rows[0].className, "scratch");
  EXPECT_EQ(csv.rows[1].image, "b");
  EXPECT_EQ(csv.rows[1].line, 3u);
  // A header without an image-column name: the column of image files.
  csv = parseCsvLabels("\xEF\xBB\xBFshot,category\nx/a.png,1\nx/b.png,2\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[1].image, "x/b.png");
  EXPECT_EQ(csv.rows[1].className, "2");
  // No header: image,class.
  csv = parseCsvLabels("a.bmp,crazing\r\n\"b c.bmp\",\"pitted, deep\"\r\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[1].image, "b c.bmp");
  EXPECT_EQ(csv.rows[1].className, "pitted, deep");
  // Of two image-like columns, the one holding file names.
  csv = parseCsvLabels("id,filename,class\n7,q.jpg,ok\n", &error);
  ASSERT_EQ(csv.rows.size(), 1u) << error;
  EXPECT_EQ(csv.rows[0].image, "q.jpg");
  // An empty class is not decided yet: left out.
  csv = parseCsvLabels("path,label\na.png,\nb.png,ok\n", &error);
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0].image, "b.png");
}

TEST(CsvLabels, ReadsSeverstalPixelsAndTensorFlowBoxes) {
  std::string error;
  CsvLabels csv =
      parseCsvLabels("ImageId,ClassId,EncodedPixels\na.jpg,3,1 2 10 4\na.jpg,1,\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_TRUE(csv.hasPixels);
  EXPECT_EQ(csv.rows[0].className, "3");
  EXPECT_EQ(csv.rows[0].pixels, "1 2 10 4");
  EXPECT_EQ(csv.rows[1].className, "") << "no pixels: no defect of that class";
  csv = parseCsvLabels("ImageId_ClassId,EncodedPixels\nb.jpg_2,5 1\nb.jpg_4,\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[0].image, "b.jpg");
  EXPECT_EQ(csv.rows[0].className, "2");
  csv = parseCsvLabels(
      "filename,width,height,class,xmin,ymin,xmax,ymax\nc.jpg,48,48,scratch,1,2,30,40.0\n"
      "c.jpg,48,48,scratch,x,2,3,4\n",
      &error);
  ASSERT_EQ(csv.rows.size(), 1u) << error;
  ASSERT_EQ(csv.rows[0].boxes.size(), 1u);
  EXPECT_EQ(csv.rows[0].boxes[0].xmax, 30);
  EXPECT_EQ(csv.rows[0].boxes[0].ymax, 40);

  // Pixels are numbered top to bottom, then left to right, from 1.
  const cv::Mat m = decodeRunLengths("1 2 10 3", 3, 4, &error);
  ASSERT_EQ(m.size(), cv::Size(3, 4)) << error;
  EXPECT_EQ(cv::countNonZero(m), 5);
  EXPECT_EQ(m.at<std::uint8_t>(0, 0), 255);
  EXPECT_EQ(m.at<std::uint8_t>(1, 0), 255);
  EXPECT_EQ(m.at<std::uint8_t>(2, 0), 0);
  EXPECT_EQ(m.at<std::uint8_t>(1, 2), 255);  // pixel 10: column 2, row 1
  EXPECT_EQ(m.at<std::uint8_t>(3, 2), 255);  // pixel 12, the last
  for (const std::string bad : {"1", "1 x", "0 2", "10 4", "-1 2", "5 99999999999999999999"}) {
    error.clear();
    EXPECT_TRUE(decodeRunLengths(bad, 3, 4, &error).empty()) << bad;
    EXPECT_NE(error.find("run-length pixels"), std::string::npos) << bad << ": " << error;
  }
}

TEST(CsvLabels, AFileThatIsNoLabelFileSaysWhy) {
  for (const std::string text :
       {"", "a,b,c\n1,2,3\n", "file,predicted_class,decision,p_a\nx.png,a,accept,0.9\n",
        "just some text\n"}) {
    std::string error;
    EXPECT_TRUE(parseCsvLabels(text, &error).rows.empty()) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  std::string error;
  std::vector<std::string> rowErrors;
  const CsvLabels csv =
      parseCsvLabels("image,label\n\"a.png,ok\n", &error, &rowErrors);  // unclosed quote
  EXPECT_TRUE(csv.rows.empty());
  ASSERT_EQ(rowErrors.size(), 1u);
  EXPECT_EQ(rowErrors[0].rfind("line 2: ", 0), 0u) << rowErrors[0];
}

TEST(CsvLabels, SemicolonTabAndSpaceSeparatedFilesAreReadLikeCommaOnes) {
  std::string error;
  // A European spreadsheet's export: semicolons, decimal commas.
  CsvLabels csv = parseCsvLabels("image;class;score\na.png;Kratzer;0,5\nb.png;gut;0,1\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[0].image, "a.png");
  EXPECT_EQ(csv.rows[1].className, "gut");
  csv = parseCsvLabels("filename\tlabel\na.png\tscratch\n", &error);
  ASSERT_EQ(csv.rows.size(), 1u) << error;
  EXPECT_EQ(csv.rows[0].className, "scratch");
  // ELPV's labels.csv: no header, runs of spaces, the second column the class.
  csv = parseCsvLabels(
      "images/cell0001.png  1.0  mono\nimages/cell0002.png  0.3333333333333333  poly  \n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[0].image, "images/cell0001.png");
  EXPECT_EQ(csv.rows[0].className, "1.0");
  EXPECT_EQ(csv.rows[1].className, "0.3333333333333333");
}

TEST(CsvLabels, AHeaderInAnotherLanguageIsReadByTheValuesBelowIt) {
  std::string error;
  // Known names in other languages: read by name, nothing guessed.
  CsvLabels csv = parseCsvLabels("Dateiname;Breite;Klasse\na.png;48;0\nb.png;48;1\n", &error);
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[1].className, "1");
  EXPECT_TRUE(csv.columnsGuessed.empty()) << csv.columnsGuessed;
  // Names it does not know: the image files' column, and the repeating words beside it (not
  // the numbers, not the score).
  csv = parseCsvLabels(
      "\xE5\xBE\x97\xE5\x88\x86,\xE6\x96\x87\xE4\xBB\xB6,\xE7\xB1\xBB\xE5\x88\xAB\n"
      "0.5,x/a.png,scratch\n0.25,x/b.png,ok\n0.75,x/c.png,ok\n0.5,x/d.png,scratch\n",
      &error);
  ASSERT_EQ(csv.rows.size(), 4u) << error;
  EXPECT_EQ(csv.rows[0].image, "x/a.png");
  EXPECT_EQ(csv.rows[1].className, "ok");
  EXPECT_NE(csv.columnsGuessed.find("for the classes"), std::string::npos);
  csv = parseCsvLabels("Aufnahme;Befund\na.png;0\nb.png;1\n", &error);  // two columns
  ASSERT_EQ(csv.rows.size(), 2u) << error;
  EXPECT_EQ(csv.rows[1].className, "1");
  EXPECT_FALSE(csv.columnsGuessed.empty());

  // What is no class stays out: sizes and times beside the files, a model's predictions.
  for (const std::string text :
       {"filename,width,height,taken\na.png,48,48,2024-01-01 10:00\nb.png,48,48,2024-01-01 "
        "10:01\nc.png,48,48,2024-01-01 10:02\n",
        "file,predicted_class,decision,unknown_reason\nx.png,a,review,\ny.png,a,accept,\n"}) {
    error.clear();
    EXPECT_TRUE(parseCsvLabels(text, &error).rows.empty()) << text;
    EXPECT_EQ(error, "no class column") << text;
  }

  // In a scan the guess is said, naming the file; the German images/ folder is no class.
  TempDir dir;
  std::string list = "Aufnahme;Befund;Wert\n";
  for (int n = 0; n < 6; ++n) {
    const std::string name = "bilder/" + std::to_string(n) + ".png";
    writeImage(dir / name, patternImage(n % 2, n));
    list += name + ";" + (n % 2 ? "Riss" : "gut") + ";0," + std::to_string(n) + "\n";
  }
  writeBytes(dir / "befunde.csv", list);
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"Riss", "gut"}));
  EXPECT_EQ(classByFile(ds).at("3.png"), "Riss");
  ASSERT_EQ(ds.notes().size(), 1u);  // a note, not a skipped file
  EXPECT_EQ(ds.notes()[0].file.filename(), "befunde.csv");
  EXPECT_NE(ds.notes()[0].reason.find("took column 'Aufnahme' for the images and column 'Befund'"),
            std::string::npos)
      << ds.notes()[0].reason;
  EXPECT_TRUE(ds.skipped().empty());
}

// One-hot class columns under a header whose image column has a name this reader does not know
// (found by the fuzzer: the note read the class column's name at index -1): the image column is
// found by its values, the classes by the 0/1 columns, and the note says so.
TEST(CsvLabels, OneHotClassesBesideAnImageColumnOfAForeignNameAreReadAndSaidSo) {
  std::string text = "Aufnahme,Riss,Loch\n";
  for (int n = 0; n < 6; ++n)
    text += "bilder/" + std::to_string(n) + ".png," + (n % 2 ? "1,0" : "0,1") + "\n";
  std::string error;
  const CsvLabels csv = parseCsvLabels(text, &error);
  EXPECT_EQ(error, "");
  ASSERT_EQ(csv.rows.size(), 6u);
  EXPECT_EQ(csv.rows[3].image, "bilder/3.png");
  EXPECT_EQ(csv.rows[3].className, "Riss");
  EXPECT_EQ(csv.rows[4].className, "Loch");
  EXPECT_NE(csv.columnsGuessed.find(
                "took column 'Aufnahme' for the images and the 0/1 columns for the classes"),
            std::string::npos)
      << csv.columnsGuessed;
}

TEST(CsvLabels, ASplitColumnGivesTheSplitAndOneObjectFolderNamesNoClass) {
  // VisA: candle/Data/Images/{Anomaly,Normal}/ and split_csv/1cls.csv
  // "object,split,label,image,mask"; opened above candle/, whose name is no class.
  TempDir dir;
  std::string csv = "object,split,label,image,mask\n";
  for (int n = 0; n < 8; ++n) {
    const bool anomaly = n % 2 == 1;
    const std::string image = std::string("candle/Data/Images/") +
                              (anomaly ? "Anomaly/" : "Normal/") + std::to_string(n) + ".JPG";
    writeImage(dir / image, patternImage(anomaly, n));
    csv += std::string("candle,") + (n < 6 ? "train" : "test") + "," +
           (anomaly ? "anomaly" : "normal") + "," + image + ",\n";
  }
  writeImage(dir / "candle/Data/Images/Normal/unlisted.JPG", patternImage(0, 20));
  writeBytes(dir / "split_csv/1cls.csv", csv);
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"anomaly", "normal"}));
  EXPECT_TRUE(ds.hasOwnSplit());
  for (const ScanIssue& issue : ds.skipped())  // candle/ and split_csv/ are no empty classes
    ADD_FAILURE() << issue.file << ": " << issue.reason;
  for (const Sample& s : ds.samples()) {
    if (s.path.stem() == "unlisted") {
      EXPECT_EQ(s.label, kUnlabeled) << "no row lists it: to label";
      continue;
    }
    const int n = std::stoi(s.path.stem().string());
    EXPECT_EQ(ds.className(s.label), n % 2 ? "anomaly" : "normal") << s.path;
    EXPECT_EQ(s.split, n < 6 ? Split::Train : Split::Validation) << s.path;
  }
  std::string error;
  const CsvLabels rows = parseCsvLabels(csv, &error);
  ASSERT_EQ(rows.rows.size(), 8u) << error;
  EXPECT_EQ(rows.rows[7].split, Split::Validation);

  // A second object: the folders name two classes and win over the file, which is said.
  writeImage(dir / "capsules/Data/Images/Normal/0.JPG", patternImage(1, 30));
  writeImage(dir / "capsules/Data/Images/Normal/1.JPG", patternImage(1, 31));
  const Dataset two = Dataset::scan(dir.path());
  EXPECT_EQ(two.classes(), (std::vector<std::string>{"candle", "capsules"}));
  ASSERT_EQ(two.notes().size(), 1u);
  EXPECT_NE(two.notes()[0].reason.find("8 image(s) have another class in a label file"),
            std::string::npos)
      << two.notes()[0].reason;
}

TEST(CsvLabels, RoboflowOneHotClassesInEachSplitFolder) {
  std::string error;
  std::vector<std::string> rowErrors;
  const CsvLabels csv = parseCsvLabels(
      "filename, crazing, pits\na.jpg, 1, 0\nb.jpg, 0, 1\nc.jpg, 0, 0\nd.jpg, 1, 1\n", &error,
      &rowErrors);
  ASSERT_EQ(csv.rows.size(), 2u) << error;  // c: no class marked (to label); d: two
  EXPECT_EQ(csv.rows[0].className, "crazing");
  EXPECT_EQ(csv.rows[1].className, "pits");
  ASSERT_EQ(rowErrors.size(), 1u);
  EXPECT_NE(rowErrors[0].find("line 5: marks 2 classes (crazing, pits)"), std::string::npos)
      << rowErrors[0];

  // Roboflow's classification export: train/, valid/, each with its images and _classes.csv.
  TempDir dir;
  for (const std::string split : {"train", "valid"}) {
    std::string list = "filename, scratch, stain\n";
    for (int n = 0; n < 6; ++n) {
      const std::string name = "img" + std::to_string(n) + "_jpg.rf.3f2a.jpg";
      writeImage(dir / split / name, patternImage(n % 2, n + (split == "train" ? 0 : 10)));
      list += name + (n % 2 ? ", 0, 1\n" : ", 1, 0\n");
    }
    writeBytes(dir / split / "_classes.csv", list);
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"scratch", "stain"}));
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.unlabeledCount(), 0u);
  EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{3, 3}));
}

TEST(CsvLabels, ASpaceSeparatedListBesideAnImageFolderLabelsItsImages) {
  // ELPV (solar cells): images/cellNNNN.png and labels.csv "images/cellNNNN.png  <p>  <type>".
  TempDir dir;
  std::string list;
  for (int n = 0; n < 8; ++n) {
    const std::string name = "images/cell000" + std::to_string(n) + ".png";
    writeImage(dir / name, patternImage(n % 2, n));
    list += name + "  " + (n % 2 ? "1.0" : "0.0") + "  " + (n < 4 ? "mono" : "poly") + "\n";
  }
  writeBytes(dir / "labels.csv", list);
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Csv);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"0.0", "1.0"}));
  const auto classes = classByFile(ds);
  for (int n = 0; n < 8; ++n)
    EXPECT_EQ(classes.at("cell000" + std::to_string(n) + ".png"), n % 2 ? "1.0" : "0.0");
}

TEST(CsvLabels, TrainAndValidationListsInTextFilesGiveClassesAndTheSplit) {
  // PaddleClas / Caffe: images/ and train_list.txt, val_list.txt of "path label" lines; a
  // README.txt and VOC-style stem lists beside them are no label lists.
  TempDir dir;
  std::string train, val;
  for (int n = 0; n < 10; ++n) {
    const std::string name = "images/" + std::to_string(n) + ".jpg";
    writeImage(dir / name, patternImage(n % 2, n));
    (n < 8 ? train : val) += name + " " + std::to_string(n % 2) + "\n";
  }
  writeBytes(dir / "train_list.txt", train);
  writeBytes(dir / "val_list.txt", val);
  writeBytes(dir / "README.txt", "Images of two kinds of steel.\nLabels: 0 good, 1 bad.\n");
  writeBytes(dir / "trainval.txt", "0\n1\n2\n");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Csv);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"0", "1"}));
  EXPECT_TRUE(ds.hasOwnSplit());
  for (const Sample& s : ds.samples()) {
    const int n = std::stoi(s.path.stem().string());
    EXPECT_EQ(ds.className(s.label), std::to_string(n % 2)) << s.path;
    EXPECT_EQ(s.split, n < 8 ? Split::Train : Split::Validation) << s.path;
  }
  EXPECT_FALSE(skippedWith(ds, "README.txt", "label file"));  // not taken for one
  EXPECT_FALSE(skippedWith(ds, "trainval.txt", "label file"));

  // A label_list.txt names the numbers, also where a model's classes are offered (the
  // workbench's scan).
  writeBytes(dir / "label_list.txt", "0 good\n1 bad\n");
  ScanOptions withModel;
  withModel.fallbackClasses = {"x", "y"};
  EXPECT_EQ(Dataset::scan(dir.path(), withModel).classes(),
            (std::vector<std::string>{"bad", "good"}));

  // Only one side listed: the split is made among the labeled images, as before.
  fs::remove(dir / "val_list.txt");
  writeBytes(dir / "train_list.txt", train + val);
  EXPECT_FALSE(Dataset::scan(dir.path()).hasOwnSplit());
}

TEST(CsvLabels, KaggleTrainCsvLabelsTheImagesAndLeavesTheTestImagesToLabel) {
  // train/<id>.png + train.csv "id,label" (ids without the extension), test/ without labels.
  TempDir dir;
  std::string csv = "id,label\n";
  for (int n = 0; n < 8; ++n) {
    writeImage(dir / ("train/img" + std::to_string(n) + ".png"), patternImage(n % 2, n));
    csv += "img" + std::to_string(n) + "," + (n % 2 ? "stain" : "scratch") + "\n";
  }
  writeImage(dir / "test/new0.png", patternImage(0, 20));
  writeBytes(dir / "train.csv", csv + "gone,stain\n");
  writeBytes(dir / "sample_submission.csv", "id,label\nnew0,scratch\n");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Csv);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"scratch", "stain"}));
  const auto classes = classByFile(ds);
  for (int n = 0; n < 8; ++n)
    EXPECT_EQ(classes.at("img" + std::to_string(n) + ".png"), n % 2 ? "stain" : "scratch");
  EXPECT_EQ(classes.at("new0.png"), "") << "the submission template labels nothing";
  // The test folder has no labeled image: the split is made among the labeled ones.
  EXPECT_FALSE(ds.hasOwnSplit());
  EXPECT_FALSE(ds.indices(Split::Validation).empty());
  EXPECT_TRUE(skippedWith(ds, "train.csv", "1 image(s) it lists not found (e.g. 'gone')"));
  EXPECT_TRUE(skippedWith(ds, "sample_submission.csv", "submission template"));
}

TEST(CsvLabels, APathAsWrittenPicksItsImageAndABareNameTheNearestOne) {
  // Two camera folders hold images of the same names. The root's CSV writes folder and name;
  // cam2's own CSV writes bare names, meaning its own images, not cam1's.
  TempDir dir;
  for (int n = 0; n < 3; ++n) {
    writeImage(dir / "cam1" / ("p" + std::to_string(n) + ".png"), patternImage(0, n));
    writeImage(dir / "cam2" / ("p" + std::to_string(n) + ".png"), patternImage(1, 10 + n));
  }
  writeBytes(dir / "labels.csv", "image,label\ncam2/p0.png,stain\ncam1/p0.png,scratch\n");
  writeBytes(dir / "cam2" / "labels.csv", "image,label\np1.png,scratch\np2.png,stain\n");
  const Dataset ds = Dataset::scan(dir.path());
  std::map<std::string, std::string> byPath;
  for (const Sample& s : ds.samples())
    byPath[s.path.parent_path().filename().string() + "/" + s.path.filename().string()] =
        ds.className(s.label);
  EXPECT_EQ(byPath.at("cam1/p0.png"), "scratch");
  EXPECT_EQ(byPath.at("cam2/p0.png"), "stain");
  EXPECT_EQ(byPath.at("cam2/p1.png"), "scratch");
  EXPECT_EQ(byPath.at("cam2/p2.png"), "stain");
  EXPECT_EQ(byPath.at("cam1/p1.png"), "") << "cam2's CSV does not label cam1's image";
  EXPECT_EQ(byPath.at("cam1/p2.png"), "");
}

TEST(CsvLabels, SeverstalPixelsGiveClassBoxesAndTheUnlistedImagesAreGood) {
  // train_images/ + train.csv (ImageId,ClassId,EncodedPixels: defects only) + test_images/.
  TempDir dir;
  for (int n = 0; n < 9; ++n)
    writeImage(dir / ("train_images/" + std::to_string(n) + ".jpg"),
               patternImage(n % 3, n, 40, 20));
  writeImage(dir / "test_images/t.jpg", patternImage(0, 30, 40, 20));
  // Image 0: class 1 in column 0, rows 0-4 (pixels 1-5), and class 3 over 2 pixels: class 1.
  // Image 1: class 3 in columns 2-3 (pixels 41-60 and 61-80 as one run).
  std::string csv = "ImageId,ClassId,EncodedPixels\n0.jpg,1,1 5\n0.jpg,3,101 2\n1.jpg,3,41 40\n";
  for (int n = 2; n < 6; ++n) csv += std::to_string(n) + ".jpg," + (n % 2 ? "1" : "3") + ",1 3\n";
  writeBytes(dir / "train.csv", csv);
  writeBytes(dir / "sample_submission.csv", "ImageId,EncodedPixels,ClassId\nt.jpg,1 1,1\n");
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Csv);
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"1", "3", "good"}));
  const auto classes = classByFile(ds);
  EXPECT_EQ(classes.at("0.jpg"), "1");
  EXPECT_EQ(classes.at("1.jpg"), "3");
  for (const std::string good : {"6.jpg", "7.jpg", "8.jpg"}) EXPECT_EQ(classes.at(good), "good");
  EXPECT_EQ(classes.at("t.jpg"), "");
  for (const Sample& s : ds.samples()) {
    if (s.path.filename() != "1.jpg") continue;
    ASSERT_EQ(s.boxes.size(), 1u);
    EXPECT_EQ(s.boxes[0].name, "3");
    EXPECT_EQ(
        std::vector<int>({s.boxes[0].xmin, s.boxes[0].ymin, s.boxes[0].xmax, s.boxes[0].ymax}),
        (std::vector<int>{2, 0, 3, 19}));
  }
  // A run outside the image is named; the class stays (also for runs whose lengths would
  // overflow a sum).
  const std::string huge = "1 9223372036854775807 2 9223372036854775807";
  writeBytes(dir / "train.csv",
             csv + "7.jpg,4,790 20\n8.jpg,2," + huge + "\n8.jpg,2," + huge + "\n");
  const Dataset bad = Dataset::scan(dir.path());
  EXPECT_EQ(classByFile(bad).at("7.jpg"), "4");
  EXPECT_TRUE(skippedWith(bad, "7.jpg", "outside the 40x20 image"));
  EXPECT_EQ(classByFile(bad).at("8.jpg"), "2");
  EXPECT_TRUE(skippedWith(bad, "8.jpg", "run-length pixels"));
}

TEST(CsvLabels, TensorFlowBoxCsvBesideTheImagesOfEachSplit) {
  // Roboflow's "TensorFlow Object Detection CSV": train/_annotations.csv, valid/...
  TempDir dir;
  for (const std::string split : {"train", "valid"}) {
    std::string csv = "filename,width,height,class,xmin,ymin,xmax,ymax\n";
    for (int n = 0; n < 4; ++n) {
      const std::string name = split + std::to_string(n) + ".jpg";
      writeImage(dir / split / name, patternImage(n % 2, n + (split == "valid") * 4));
      csv += name + ",48,48," + (n % 2 ? "inclusion" : "crazing") + ",2,3,20,30\n";
      if (n == 0) csv += name + ",48,48,inclusion,1,1,3,3\n";  // smaller: crazing stays
    }
    writeBytes(dir / split / "_annotations.csv", csv);
  }
  const Dataset ds = Dataset::scan(dir.path());
  EXPECT_EQ(ds.layout(), DatasetLayout::Csv);
  EXPECT_TRUE(ds.hasOwnSplit());
  EXPECT_EQ(ds.classCounts(Split::Validation), (std::vector<std::size_t>{2, 2}));
  for (const Sample& s : ds.samples()) {
    const int n = s.path.stem().string().back() - '0';
    EXPECT_EQ(ds.className(s.label), n % 2 ? "inclusion" : "crazing") << s.path;
    EXPECT_EQ(s.boxes.size(), n == 0 ? 2u : 1u) << s.path;
  }
  for (const ScanIssue& issue : ds.skipped()) ADD_FAILURE() << issue.file << ": " << issue.reason;
}
