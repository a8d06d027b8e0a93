// The default recipe adapts to the dataset: a small training set gets enough optimizer steps,
// an imbalanced one is evened out, and every run says its per-class recall.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/model/detector_net.h"
#include "sdd/training/trainer.h"
#include "test_support.h"
#include "training/class_balance.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeImage;

TEST(TrainRecipe, SmallTrainingSetsGetEnoughStepsLargerOnesKeepTheirEpochs) {
  TrainConfig c = trainRecipe("default").config;
  ASSERT_EQ(c.minSteps, 3600);
  ASSERT_EQ(c.batchSize, 32);
  EXPECT_EQ(c.epochsFor(1440), 80);   // NEU: 45 batches x 80 epochs = 3,600 steps
  EXPECT_EQ(c.epochsFor(120), 900);   // 20 per class: 4 batches an epoch
  EXPECT_EQ(c.epochsFor(473), 240);   // 15 batches
  EXPECT_EQ(c.epochsFor(18000), 80);  // never fewer than asked for
  EXPECT_EQ(c.epochsFor(3), TrainConfig::kMaxAutoEpochs);
  c.fixEpochs(5);
  EXPECT_EQ(c.epochsFor(120), 5);
  EXPECT_EQ(trainRecipe("tableII").config.epochsFor(120), 60);  // the paper's recipe: as written
}

TEST(TrainRecipe, AutoBalanceSamplesClassesEvenlyOnlyForImbalancedSets) {
  TrainConfig c = trainRecipe("default").config;
  ASSERT_EQ(c.balance, "auto");
  EXPECT_EQ(c.balanceFor({240, 120, 60, 30, 15, 8}), "sampling");
  EXPECT_EQ(c.balanceFor({60, 60, 50, 21}), "none");  // under 3:1
  EXPECT_EQ(c.balanceFor({60, 20}), "sampling");      // 3:1
  EXPECT_EQ(c.balanceFor({60, 0, 60}), "none");       // a class without images does not count
  c.balance = "sqrt";
  EXPECT_EQ(c.balanceFor({60, 60}), "sqrt");
  c.balance = "evenly";
  EXPECT_THROW(c.validate(), std::invalid_argument);
  c.balance = "none";
  c.minSteps = -1;
  EXPECT_THROW(c.validate(), std::invalid_argument);
}

TEST(TrainRecipe, SettingsRoundTripAndOldClassWeightsStillMeanInverseFrequency) {
  TrainConfig c;
  c.balance = "sqrt";
  c.minSteps = 1234;
  const TrainConfig back = nlohmann::json(c).get<TrainConfig>();
  EXPECT_EQ(back.balance, "sqrt");
  EXPECT_EQ(back.minSteps, 1234);
  // A run.json written before `balance` existed.
  nlohmann::json old = nlohmann::json(TrainConfig{});
  old.erase("balance");
  old.erase("min_steps");
  old["class_weights"] = true;
  EXPECT_EQ(old.get<TrainConfig>().balance, "weights");
  old["class_weights"] = false;
  EXPECT_EQ(old.get<TrainConfig>().balance, "none");
  EXPECT_EQ(old.get<TrainConfig>().minSteps, 0);
}

TEST(TrainRecipe, ClassBalancedEpochsDrawEachClassAboutEquallyOften) {
  // 12, 6 and 2 images: indices 0-11, 12-17, 18-19.
  std::vector<std::vector<std::int64_t>> byClass(3);
  for (std::int64_t i = 0; i < 20; ++i) byClass[i < 12 ? 0 : i < 18 ? 1 : 2].push_back(i);
  std::mt19937_64 rng(7);
  const auto order = training::epochOrder(6000, byClass, rng);
  ASSERT_EQ(order.size(), 6000u);
  int perClass[3] = {0, 0, 0};
  std::vector<int> perImage(20, 0);
  for (std::int64_t i : order) {
    ASSERT_TRUE(i >= 0 && i < 20);
    ++perClass[i < 12 ? 0 : i < 18 ? 1 : 2];
    ++perImage[std::size_t(i)];
  }
  for (int n : perClass) EXPECT_NEAR(n, 2000, 150);
  EXPECT_GT(perImage[19], 5 * perImage[0]);  // a minority image is drawn far more often

  // Without classes: a shuffle of every image once.
  std::mt19937_64 rng2(7);
  auto shuffled = training::epochOrder(20, {}, rng2);
  std::sort(shuffled.begin(), shuffled.end());
  for (std::int64_t i = 0; i < 20; ++i) EXPECT_EQ(shuffled[std::size_t(i)], i);
}

namespace {
// An imbalanced set of three learnable pattern classes: 12, 6 and 2 training images.
Dataset imbalancedPatterns(const fs::path& root) {
  const int train[] = {12, 6, 2};
  for (int c = 0; c < 3; ++c)
    for (int n = 0; n < train[c] + 4; ++n)
      writeImage(root / (n < train[c] ? "train" : "validation") / ("p" + std::to_string(c)) /
                     (std::to_string(n) + ".png"),
                 patternImage(c, n, 40, 40));
  return Dataset::scan(root);
}

struct Outcome {
  TrainResult result;
  std::vector<std::string> messages;
  nlohmann::json config;  // as the kept model records it
};

Outcome train(const Dataset& ds, TrainConfig c, const fs::path& out) {
  ModelSpec s;
  s.inputSize = 32;
  s.convChannels = {8, 16};
  c.batchSize = 8;
  c.threads = 2;
  Trainer t(ds, s, c, out);
  Outcome r;
  t.onMessage = [&](const std::string& m) { r.messages.push_back(m); };
  r.result = t.run();
  r.config = loadModelFile(r.result.modelFile).metadata.trainConfig;
  return r;
}

bool said(const Outcome& r, const std::string& text) {
  for (const std::string& m : r.messages)
    if (m.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(TrainRecipe, TrainerRaisesEpochsEvensClassesOutAndReportsRecallPerClass) {
  TempDir dir;
  const Dataset ds = imbalancedPatterns(dir / "data");
  TrainConfig c;
  c.epochs = 2;
  c.minSteps = 9;  // 20 images in batches of 8: 3 steps an epoch, so 3 epochs
  c.balance = "auto";
  const Outcome r = train(ds, c, dir / "run");
  EXPECT_EQ(r.result.history.size(), 3u);
  EXPECT_EQ(r.config.value("epochs", 0), 3);
  EXPECT_TRUE(said(r, "a small training set: 3 epochs instead of 2"));
  EXPECT_EQ(r.config.value("balance_used", ""), "sampling");  // 12:2
  EXPECT_TRUE(said(r, "classes evened out (sampling): the training classes have 2 to 12 images"));
  ASSERT_EQ(r.result.perClassRecall.size(), 3u);
  for (double x : r.result.perClassRecall) EXPECT_TRUE(x >= 0 && x <= 1);
  EXPECT_TRUE(said(r, "validation recall per class: p0 "));

  // Tempered loss weights train and say so; no step minimum keeps the epochs asked for.
  c.balance = "sqrt";
  c.minSteps = 0;
  const Outcome s = train(ds, c, dir / "run2");
  EXPECT_EQ(s.result.history.size(), 2u);
  EXPECT_FALSE(said(s, "a small training set"));
  EXPECT_EQ(s.config.value("balance_used", ""), "sqrt");
  EXPECT_EQ(s.result.perClassRecall.size(), 3u);
}
