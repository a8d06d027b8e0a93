// Integration tests on the real NEU surface defect data (data/NEU-DET, linked by .ci/run).
#include <gtest/gtest.h>

#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/metrics.h"
#include "sdd/training/trainer.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;

TEST(NeuIntegration, TrainsOnASmallRealSubsetWellAboveChance) {
  const fs::path neu = sdd::test::neuDetDir();
  if (neu.empty()) GTEST_SKIP() << "data/NEU-DET not present (see README)";
  sdd::test::TempDir dir;
  // 40 train + 10 validation images per class, copied in the NEU-DET layout.
  const Dataset full = Dataset::scan(neu);
  std::vector<int> taken(2 * full.classes().size(), 0);
  for (const Sample& s : full.samples()) {
    const bool train = s.split == Split::Train;
    int& n = taken[s.label * 2 + (train ? 0 : 1)];
    if (n >= (train ? 40 : 10)) continue;
    ++n;
    const fs::path dst = dir.path() / (train ? "train" : "validation") / "images" /
                         full.classes()[s.label] / s.path.filename();
    fs::create_directories(dst.parent_path());
    fs::copy_file(s.path, dst);
  }
  const Dataset subset = Dataset::scan(dir.path());
  ASSERT_EQ(subset.samples().size(), 300u);
  EXPECT_EQ(subset.layout(), DatasetLayout::NeuDet);

  TrainConfig cfg;
  cfg.epochs = 15;
  cfg.batchSize = 16;
  cfg.learningRate = 2e-3;
  cfg.seed = 1;
  ModelSpec spec = ModelSpec::tableII();
  spec.inputSize = 100;  // keeps this test to well under a minute
  const TrainResult r = Trainer(subset, spec, cfg, dir.path() / "run").run();
  ASSERT_EQ(r.history.size(), 15u);
  EXPECT_GE(r.history.back().valAccuracy, 0.6) << "chance is 0.17";
}

TEST(NeuIntegration, ShippedModelsReproduceTheReadmeFigures) {
  const fs::path neu = sdd::test::neuDetDir();
  if (neu.empty()) GTEST_SKIP() << "data/NEU-DET not present (see README)";
  const Dataset ds = Dataset::scan(neu);
  // {model, lowest macro F1, lowest class AUC}: the paper's Table II network trained here
  // against the paper's figures (Table IV, Fig. 7), and the default recipe's seed-42 run
  // (what `sdd train` makes) against the README's 0.9889 / 0.9991 (the 0.990 goal is the
  // mean over three seeds, docs/performance.md).
  const struct {
    const char* file;
    double f1, auc;
  } models[] = {{"resources/models/neu-tableII.sddm", 0.978, 0.995},
                {"resources/models/neu-default.sddm", 0.988, 0.999}};
  for (const auto& m : models) {
    const fs::path model = fs::path(SDD_SOURCE_DIR) / m.file;
    ASSERT_TRUE(fs::exists(model)) << model;
    Predictor predictor(model, "cpu", 0);
    requireSameClasses(predictor.metadata().classes, ds.classes(), model);
    std::vector<cv::Mat> images;
    std::vector<int> truth;
    for (std::size_t i : ds.indices(Split::Validation)) {
      // Decoded for the model's input size, as training and sdd eval do.
      images.push_back(loadImage(ds.samples()[i].path, predictor.metadata().spec.inputSize).image);
      truth.push_back(ds.samples()[i].label);
    }
    const Evaluation e = evaluate(truth, predictor.predictImages(images), ds.classes());
    EXPECT_EQ(e.confusion.total(), 360);
    EXPECT_GE(e.macroF1, m.f1) << m.file;
    for (const auto& c : e.perClass) EXPECT_GE(c.auc, m.auc) << m.file << " " << c.name;
    // The model file records what it reached; eval must agree with it.
    EXPECT_NEAR(predictor.metadata().metrics["val_macro_f1"].get<double>(), e.macroF1, 1e-9)
        << m.file;
  }
}
