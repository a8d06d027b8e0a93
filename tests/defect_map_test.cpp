// The defect map: trained beside the classifier from masks (or boxes) when the dataset has
// them, it points at the defect where Grad-CAM does not, and the regions it finds are scored
// against the annotations. Generated shapes on texture, each with its mask beside it.
#include <gtest/gtest.h>

#include "sdd/dataset/dataset.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/model/detector_net.h"
#include "sdd/report/report_data.h"
#include "sdd/training/trainer.h"
#include "test_support.h"
#include "training/augmentation.h"
#include "training/training_data.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::shapeOnTexture;
using sdd::test::TempDir;
using sdd::test::writeImage;

namespace {

// train/ and validation/ with images/ and masks/ folders; three classes of shapes.
Dataset maskedDataset(const fs::path& root, int perClassTrain, int perClassVal) {
  for (int c = 0; c < 3; ++c)
    for (int n = 0; n < perClassTrain + perClassVal; ++n) {
      const std::string split = n < perClassTrain ? "train" : "validation";
      const std::string name = "c" + std::to_string(c) + "/" + std::to_string(n) + ".png";
      const auto shape = shapeOnTexture(c, n, 48);
      writeImage(root / split / "images" / name, shape.image);
      writeImage(root / split / "masks" / name, shape.mask);
    }
  return Dataset::scan(root);
}

ModelSpec mapSpec() {
  ModelSpec s = ModelSpec::recommended(3);
  s.inputSize = 48;
  s.convChannels = {8, 16, 32};
  return s;
}

TrainConfig mapConfig(int epochs) {
  TrainConfig c;
  c.epochs = epochs;
  c.batchSize = 16;
  c.learningRate = 5e-3;
  c.threads = 2;
  c.seed = 3;
  return c;
}

}  // namespace

TEST(DefectMap, TrainedFromMasksItsPeakLandsOnTheShapeWhereGradCamsDoesNot) {
  TempDir dir;
  const Dataset ds = maskedDataset(dir / "data", 30, 8);
  ASSERT_EQ(ds.samples().size(), 3u * 38);
  Trainer(ds, mapSpec(), mapConfig(40), dir / "run").run();
  const ModelMetadata meta = readModelMetadata(dir / "run/model.sddm");
  ASSERT_TRUE(meta.spec.defectMap) << "masks in the dataset: the default trains a map";
  EXPECT_EQ(meta.spec.mapSize(), 12);
  EXPECT_NE(meta.spec.describe().find("+ map12"), std::string::npos);

  Predictor predictor(dir / "run/model.sddm", "cpu", 1);
  const auto map = pointingGame(predictor, ds, "validation", CamMethod::DefectMap);
  ASSERT_EQ(map.totalImages(), 24);
  EXPECT_GE(map.totalHits(), 21) << "the map's peak is on the shape for at least 7 in 8";
  EXPECT_GT(map.totalHits(), map.totalCentreHits() + 10);
  ASSERT_EQ(map.ap50.size(), 3u);
  EXPECT_GE(map.map50(), 0.9) << "the map's boxes find the shapes";
  EXPECT_LE(map.map50(), 1.0);
  // The probability map is softer than the boxes after this short training (0.14 here).
  EXPECT_GT(map.pixelIoU, 0.1);
  const auto cam = pointingGame(predictor, ds, "validation", CamMethod::GradCam);
  EXPECT_GT(map.totalHits(), cam.totalHits());
  EXPECT_TRUE(cam.ap50.empty()) << "box AP is the map's figure only";

  // The explanation: the image's size, probabilities in [0,1], regions on the shape.
  const auto shape = shapeOnTexture(0, 999, 48);
  const Explanation e = predictor.explain(shape.image, -1, CamMethod::DefectMap);
  ASSERT_EQ(e.heatmap.size(), shape.image.size());
  double lo = 0, hi = 0;
  cv::minMaxLoc(e.heatmap, &lo, &hi);
  EXPECT_GE(lo, 0.0);
  EXPECT_LE(hi, 1.0);
  EXPECT_NE(shape.mask.at<std::uint8_t>(e.peak), 0) << "peak " << e.peak << " box " << shape.box;
  ASSERT_FALSE(e.regions.empty());
  EXPECT_EQ(e.regions.size(), e.regionScores.size());
  const double overlap = (e.regions[0] & shape.box).area();
  EXPECT_GE(overlap / (e.regions[0] | shape.box).area(), 0.5)
      << "best region " << e.regions[0] << " shape " << shape.box;
  EXPECT_EQ(camMethodFromString("map"), CamMethod::DefectMap);
  // Averaged over the eight flips and quarter turns of its input, the map has no preferred
  // direction: a mirrored or turned image's map is the image's map mirrored or turned, and so
  // is the best box.
  for (const int turn : {-1, int(cv::ROTATE_90_CLOCKWISE), int(cv::ROTATE_180)}) {
    const auto apply = [&](const cv::Mat& m) {
      cv::Mat out;
      if (turn < 0)
        cv::flip(m, out, 1);
      else
        cv::rotate(m, out, turn);
      return out;
    };
    const Explanation t = predictor.explain(apply(shape.image), -1, CamMethod::DefectMap);
    EXPECT_LT(cv::norm(t.heatmap, apply(e.heatmap), cv::NORM_INF), 1e-5) << turn;
    ASSERT_FALSE(t.regions.empty());
    cv::Mat box(shape.image.size(), CV_8UC1, cv::Scalar(0));
    box(e.regions[0]).setTo(255);
    EXPECT_EQ(cv::boundingRect(apply(box)), t.regions[0]) << turn;
  }

  // The report: the map's pointing game and one image per class with its map.
  const ReportData report = collectReport(ds, dir / "run/model.sddm", ReportOptions{});
  ASSERT_TRUE(report.mapPointing.has_value());
  EXPECT_EQ(report.mapPointing->totalHits(), map.totalHits());
  ASSERT_EQ(report.mapExamples.size(), 3u);
  for (std::size_t c = 0; c < 3; ++c)
    EXPECT_EQ(ds.samples()[report.mapExamples[c].sample].label, int(c));
  EXPECT_EQ(reportJson(report)["defect_map"]["peak_in_region"].get<int>(), map.totalHits());
}

TEST(DefectMap, NotTrainedWhenTurnedOffOrWhenNothingSaysWhereTheDefectsAre) {
  TempDir dir;
  Dataset ds = maskedDataset(dir / "data", 4, 2);
  TrainConfig off = mapConfig(1);
  off.defectMap = false;
  Trainer(ds, mapSpec(), off, dir / "off").run();
  EXPECT_FALSE(readModelMetadata(dir / "off/model.sddm").spec.defectMap);
  // Without masks or boxes there is nothing to learn a map from.
  std::vector<Sample> samples = ds.samples();
  for (Sample& s : samples) s.mask.clear();
  ds = Dataset::fromSamples(ds.root(), ds.classes(), samples);
  Trainer(ds, mapSpec(), mapConfig(1), dir / "none").run();
  EXPECT_FALSE(readModelMetadata(dir / "none/model.sddm").spec.defectMap);
  Predictor predictor(dir / "none/model.sddm", "cpu", 1);
  EXPECT_THROW(predictor.explain(shapeOnTexture(0, 1).image, -1, CamMethod::DefectMap),
               std::invalid_argument);
  // A map needs a second block to sit on.
  ModelSpec one = mapSpec();
  one.convChannels = {8};
  one.defectMap = true;
  EXPECT_THROW(one.validate(), ModelError);
}

TEST(DefectMap, AugmentationMovesTheTargetWithItsImage) {
  // Images equal to their targets stay equal through flips and rotations.
  const torch::Tensor target = torch::rand({6, 1, 12, 12});
  torch::Tensor t = target.clone();
  TrainConfig c;
  c.brightness = c.contrast = 0;
  std::mt19937_64 rng(7), rngWithout(7);
  const torch::Tensor x = training::augmentBatch(target.clone(), c, rng, &t);
  EXPECT_TRUE(torch::equal(x, t));
  EXPECT_FALSE(torch::equal(t, target)) << "six images, none flipped or rotated: unlikely";
  // The map draws nothing: the images are augmented as without it.
  EXPECT_TRUE(torch::equal(training::augmentBatch(target.clone(), c, rngWithout), x));
}

TEST(DefectMap, BoxTargetsFollowTheirImageThroughFlipsAndRotations) {
  // Cells are pixels here: an image of 12 × 12 with a rectangle, its box target beside it.
  // After augmentation every cell that has a box must point at the rectangle's new place.
  const cv::Rect rect(2, 3, 5, 8);  // x 2..6, y 3..10
  cv::Mat image = cv::Mat::zeros(12, 12, CV_32F);
  image(rect).setTo(1.0f);
  const cv::Mat boxes = training::cellBoxTarget({rect}, image.size(), 12);
  EXPECT_EQ(cv::countNonZero(image), 40);
  const torch::Tensor plane = torch::from_blob(image.data, {1, 12, 12}).clone();
  const torch::Tensor box =
      torch::from_blob(const_cast<float*>(boxes.ptr<float>()), {12, 12, 5}).permute({2, 0, 1});
  const int n = 16;
  torch::Tensor target = torch::cat({plane, box}).unsqueeze(0).repeat({n, 1, 1, 1});
  TrainConfig c;
  c.brightness = c.contrast = 0;
  std::mt19937_64 rng(11);
  const torch::Tensor x =
      training::augmentBatch(plane.unsqueeze(0).repeat({n, 1, 1, 1}), c, rng, &target);
  int checked = 0;
  for (int k = 0; k < n; ++k) {
    // Where the rectangle went: the extent of the augmented image's ones.
    const torch::Tensor on = x[k][0].nonzero();
    const float y0 = on.select(1, 0).min().item<float>(),
                y1 = on.select(1, 0).max().item<float>() + 1;
    const float x0 = on.select(1, 1).min().item<float>(),
                x1 = on.select(1, 1).max().item<float>() + 1;
    for (int i = 0; i < 12; ++i)
      for (int j = 0; j < 12; ++j) {
        if (target[k][5][i][j].item<float>() == 0) continue;
        ++checked;
        const auto d = [&](int ch) { return target[k][ch][i][j].item<float>(); };
        EXPECT_FLOAT_EQ(j + 0.5f - d(1), x0) << "image " << k << " cell " << i << "," << j;
        EXPECT_FLOAT_EQ(i + 0.5f - d(2), y0);
        EXPECT_FLOAT_EQ(j + 0.5f + d(3), x1);
        EXPECT_FLOAT_EQ(i + 0.5f + d(4), y1);
      }
  }
  EXPECT_EQ(checked, n * 40) << "every cell of the rectangle has its box";
}

TEST(DefectMap, BoxTargetGivesACellTheSmallestBoxATinyBoxItsCentreCellAndBoxesEqualWeight) {
  // A 120 × 120 image on a 12 × 12 map: cells of 10 px. A large box, a smaller one inside it,
  // and a 4 × 4 box that holds no cell centre.
  const cv::Rect large(0, 0, 80, 80), small(20, 20, 30, 30), tiny(101, 101, 4, 4);
  const cv::Mat t = training::cellBoxTarget({large, small, tiny}, cv::Size(120, 120), 12);
  auto at = [&](int i, int j) { return t.ptr<float>(i, j); };
  // Cell (3, 3), centre (35, 35): inside both; the small box is its.
  EXPECT_FLOAT_EQ(at(3, 3)[0], 1.5f);  // (35 - 20) / 10
  EXPECT_FLOAT_EQ(at(3, 3)[2], 1.5f);  // (50 - 35) / 10
  // 65 cells have a box: the small one 9, the large one 55, the tiny one 1; each box weighs
  // 65 / 3 in all.
  EXPECT_FLOAT_EQ(at(3, 3)[4], 65.0f / 3 / 9);
  EXPECT_FLOAT_EQ(at(6, 6)[4], 65.0f / 3 / 55);
  // Cell (6, 6), centre (65, 65): the large box only.
  EXPECT_FLOAT_EQ(at(6, 6)[0], 6.5f);
  EXPECT_FLOAT_EQ(at(6, 6)[3], 1.5f);
  // The tiny box: the cell its centre (103, 103) lies in, (10, 10).
  EXPECT_FLOAT_EQ(at(10, 10)[4], 65.0f / 3);
  EXPECT_FLOAT_EQ(at(10, 10)[0], (105 - 101) / 10.0f);
  EXPECT_FLOAT_EQ(at(10, 10)[2], 0.0f) << "its right edge is the cell centre";
  EXPECT_FLOAT_EQ(at(11, 11)[4], 0.0f) << "no box there";
  double sum = 0;
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 12; ++j) sum += at(i, j)[4];
  EXPECT_NEAR(sum, 65.0, 1e-4) << "the weights of the cells with a box average 1";
}
