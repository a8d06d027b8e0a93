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
  EXPECT_GE(map.map50(), 0.3);
  EXPECT_LE(map.map50(), 1.0);
  EXPECT_GT(map.pixelIoU, 0.3);
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
  EXPECT_GT((e.regions[0] & shape.box).area(), 0);
  EXPECT_EQ(camMethodFromString("map"), CamMethod::DefectMap);

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
