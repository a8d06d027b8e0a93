// Datasets larger than memory: a split's decoded images go to a file-backed map in the run
// folder when they exceed the memory budget, or are decoded from their files for each batch
// when that folder has no room, and training reads them exactly as from memory.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/training/trainer.h"
#include "test_support.h"
#include "training/batch_reader.h"
#include "training/training_data.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeImage;

namespace {
// Three pattern classes, grey and colour images mixed (so both the one- and the three-channel
// tensors are built); with `oneGone`, one training image is deleted after the scan (so the copy
// without its row is built too).
Dataset mixedPatterns(const fs::path& root, bool oneGone = false) {
  for (int c = 0; c < 3; ++c)
    for (int n = 0; n < 10; ++n) {
      cv::Mat m = patternImage(c, n, 64, 64, n % 2 ? 1 : 3);
      if (m.channels() == 3) m.at<cv::Vec3b>(5, 5) = cv::Vec3b(10, 200, 30);  // not grey
      writeImage(root / (n < 8 ? "train" : "validation") / ("p" + std::to_string(c)) /
                     (std::to_string(n) + ".png"),
                 m);
    }
  Dataset ds = Dataset::scan(root);
  if (oneGone) fs::remove(ds.samples()[ds.indices(Split::Train).front()].path);
  return ds;
}

// What a load says.
struct Messages {
  std::vector<std::string> said;
  std::function<void(const std::string&)> say() {
    return [this](const std::string& m) { said.push_back(m); };
  }
  /// Whether one message holds both texts.
  bool any(const std::string& a, const std::string& b = "") const {
    for (const std::string& m : said)
      if (m.find(a) != std::string::npos && m.find(b) != std::string::npos) return true;
    return false;
  }
};

}  // namespace

TEST(ImageStore, OverBudgetImagesAreMappedFromAFileAndReadTheSameAsInMemory) {
  TempDir dir;
  const Dataset ds = mixedPatterns(dir / "data", true);
  ModelSpec spec;
  spec.inputSize = 32;
  const fs::path spill = dir / "run";
  fs::create_directories(spill);
  Messages messages;
  const auto say = messages.say();
  const training::SplitData ram = training::loadSplit(ds, Split::Train, spec, 2, say);
  messages.said.clear();
  const training::SplitData mapped =
      training::loadSplit(ds, Split::Train, spec, 2, say, {spill, 1});
  ASSERT_EQ(mapped.x.sizes(), ram.x.sizes());
  EXPECT_EQ(mapped.x.size(0), 23);  // 24 training images, one gone
  EXPECT_EQ(mapped.x.size(1), 3);   // colour among them
  EXPECT_TRUE(torch::equal(mapped.x, ram.x));
  EXPECT_TRUE(torch::equal(mapped.y, ram.y));
  EXPECT_TRUE(messages.any("kept in a file in " + spill.string()));
  EXPECT_TRUE(fs::is_empty(spill));  // unlinked: nothing is left behind, even after a crash

  // Within the budget nothing is mapped, and nothing is said.
  messages.said.clear();
  training::loadSplit(ds, Split::Train, spec, 2, say, {spill, 1 << 30});
  EXPECT_FALSE(messages.any("kept in a file"));

  // A folder that cannot hold the file: the images are decoded for each batch instead, and
  // the message names the folder and why.
  messages.said.clear();
  const training::SplitData streamed =
      training::loadSplit(ds, Split::Train, spec, 2, say, {dir / "missing", 1});
  EXPECT_FALSE(streamed.x.defined());
  ASSERT_TRUE(streamed.streamed);
  EXPECT_TRUE(
      messages.any((dir / "missing").string(), "decoding them from their files for each batch"));
}

TEST(ImageStore, StreamedImagesAreDecodedBatchByBatchAsTheHeldOnesRead) {
  TempDir dir;
  const Dataset ds = mixedPatterns(dir / "data", true);
  ModelSpec spec;
  spec.inputSize = 32;
  Messages messages;
  const auto say = messages.say();
  const training::SplitData ram = training::loadSplit(ds, Split::Train, spec, 2, say);
  const training::SplitData streamed =
      training::loadSplit(ds, Split::Train, spec, 2, say, {{}, 0, true});
  ASSERT_TRUE(streamed.streamed);
  EXPECT_TRUE(torch::equal(streamed.y, ram.y));  // the same files kept, in the same order
  for (int channels : {1, 3}) {
    const Normalization a = training::normalizationOf(ram, channels),
                        b = training::normalizationOf(streamed, channels);
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.std, b.std);
  }
  // Batches in a shuffled order, the last one short, read the same bytes both ways.
  const torch::Tensor order = torch::randperm(ram.y.size(0), torch::kInt64);
  training::BatchReader fromMemory(ram, order, 5), decoded(streamed, order, 5);
  ASSERT_EQ(decoded.batches(), 5u);  // 23 images
  for (std::size_t b = 0; b < decoded.batches(); ++b) {
    const auto m = fromMemory.next(), d = decoded.next();
    EXPECT_TRUE(torch::equal(m.rows, d.rows));
    EXPECT_TRUE(torch::equal(m.images, d.images)) << "batch " << b;
  }
  EXPECT_FALSE(decoded.next().rows.defined());

  // A file gone during training: a blank image stands in, and it is said once, not per batch.
  fs::remove(streamed.streamed->samples[3].path);
  messages.said.clear();
  for (int pass = 0; pass < 2; ++pass) {
    training::BatchReader again(streamed, torch::arange(5, torch::kInt64), 5, say);
    const auto batch = again.next();
    EXPECT_EQ(batch.images[3].min().item<int>(), 128);
    EXPECT_EQ(batch.images[3].max().item<int>(), 128);
  }
  ASSERT_EQ(messages.said.size(), 1u);
  EXPECT_TRUE(messages.any(streamed.streamed->samples[3].path.string(), "a blank image stands in"));
}

TEST(ImageStore, StreamedDefectMapTargetsAreMadeBatchByBatchAsTheHeldOnes) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 6; ++n) {
      const std::string name = "c" + std::to_string(c) + "/" + std::to_string(n) + ".png";
      const auto shape = sdd::test::shapeOnTexture(c, n, 48, n != 5);  // n = 5: no defect
      writeImage(dir / "data" / "images" / name, shape.image);
      writeImage(dir / "data" / "masks" / name, shape.mask);
    }
  const Dataset ds = Dataset::scan(dir / "data");
  ASSERT_FALSE(ds.samples().front().mask.empty());
  const fs::path broken = ds.samples()[ds.indices(Split::Train).back()].mask;
  sdd::test::writeBytes(broken, "not a png");  // a mask that cannot be read: no target
  ModelSpec spec;
  spec.inputSize = 48;
  spec.defectMap = spec.mapBoxes = true;
  Messages held, streaming;
  const training::SplitData ram = training::loadSplit(ds, Split::Train, spec, 2, held.say());
  const training::SplitData streamed =
      training::loadSplit(ds, Split::Train, spec, 2, streaming.say(), {{}, 0, true});
  EXPECT_FALSE(streamed.target.defined());  // nothing held
  const torch::Tensor order = torch::randperm(ram.y.size(0), torch::kInt64);
  training::BatchReader fromMemory(ram, order, 4), made(streamed, order, 4, streaming.say());
  float targets = 0;
  for (auto m = fromMemory.next(), d = made.next(); m.rows.defined();
       m = fromMemory.next(), d = made.next()) {
    ASSERT_TRUE(d.target.defined());
    EXPECT_TRUE(torch::equal(m.target, d.target));
    EXPECT_TRUE(torch::equal(m.hasTarget, d.hasTarget));
    targets += d.hasTarget.sum().item<float>();
  }
  EXPECT_EQ(targets, float(ram.y.size(0) - 1));  // every image but the broken mask's
  EXPECT_TRUE(held.any(broken.string(), "not used"));
  EXPECT_TRUE(streaming.any(broken.string(), "not used"));
}

TEST(ImageStore, TrainingFromTheMappedFileOrStreamedGivesTheSameRunAsFromMemory) {
  TempDir dir;
  const Dataset ds = mixedPatterns(dir / "data");
  ModelSpec spec;
  spec.inputSize = 128;  // 24 colour-held images of 128 px: 1.2 MB, over a 1 MB budget
  spec.convChannels = {8, 16};
  TrainConfig c;
  c.epochs = 2;
  c.batchSize = 8;
  c.threads = 1;
  std::vector<TrainResult> runs;
  for (int budgetMb : {0, 1, 2}) {  // 2: streamed, whatever the budget
    c.dataMemoryMb = budgetMb == 2 ? 0 : budgetMb;
    c.streamImages = budgetMb == 2;
    Trainer t(ds, spec, c, dir / ("run" + std::to_string(budgetMb)));
    bool mapped = false;
    t.onMessage = [&](const std::string& m) {
      mapped |= m.find("kept in a file") != std::string::npos;
    };
    runs.push_back(t.run());
    EXPECT_EQ(mapped, budgetMb == 1);
  }
  for (const TrainResult& r : runs) ASSERT_EQ(r.history.size(), 2u);
  for (std::size_t e = 0; e < 2; ++e)
    for (std::size_t r : {1, 2}) {
      EXPECT_EQ(runs[0].history[e].trainLoss, runs[r].history[e].trainLoss) << "run " << r;
      EXPECT_EQ(runs[0].history[e].valLoss, runs[r].history[e].valLoss) << "run " << r;
    }
}
