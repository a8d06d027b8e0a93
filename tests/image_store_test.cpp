// Datasets larger than memory: a split's decoded images go to a file-backed map in the run
// folder when they exceed the memory budget, and training reads them exactly as from memory.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/training/trainer.h"
#include "test_support.h"
#include "training/training_data.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeImage;

namespace {
// Three pattern classes, grey and colour images mixed (so both the one- and the three-channel
// tensors are built), one unreadable file (so the copy without its row is built too).
Dataset mixedPatterns(const fs::path& root) {
  for (int c = 0; c < 3; ++c)
    for (int n = 0; n < 10; ++n) {
      cv::Mat m = patternImage(c, n, 64, 64, n % 2 ? 1 : 3);
      if (m.channels() == 3) m.at<cv::Vec3b>(5, 5) = cv::Vec3b(10, 200, 30);  // not grey
      writeImage(root / (n < 8 ? "train" : "validation") / ("p" + std::to_string(c)) /
                     (std::to_string(n) + ".png"),
                 m);
    }
  return Dataset::scan(root);
}

}  // namespace

TEST(ImageStore, OverBudgetImagesAreMappedFromAFileAndReadTheSameAsInMemory) {
  TempDir dir;
  const Dataset ds = mixedPatterns(dir / "data");
  fs::remove(ds.samples()[ds.indices(Split::Train).front()].path);  // changed since the scan
  ModelSpec spec;
  spec.inputSize = 32;
  const fs::path spill = dir / "run";
  fs::create_directories(spill);
  std::vector<std::string> said;
  const auto say = [&](const std::string& m) { said.push_back(m); };
  const training::SplitData ram = training::loadSplit(ds, Split::Train, spec, 2, say);
  said.clear();
  const training::SplitData mapped =
      training::loadSplit(ds, Split::Train, spec, 2, say, {spill, 1});
  ASSERT_EQ(mapped.x.sizes(), ram.x.sizes());
  EXPECT_EQ(mapped.x.size(0), 23);  // 24 training images, one gone
  EXPECT_EQ(mapped.x.size(1), 3);   // colour among them
  EXPECT_TRUE(torch::equal(mapped.x, ram.x));
  EXPECT_TRUE(torch::equal(mapped.y, ram.y));
  bool toldWhere = false;
  for (const std::string& m : said)
    toldWhere |= m.find("kept in a file in " + spill.string()) != std::string::npos;
  EXPECT_TRUE(toldWhere);
  EXPECT_TRUE(fs::is_empty(spill));  // unlinked: nothing is left behind, even after a crash

  // Within the budget nothing is mapped, and nothing is said.
  said.clear();
  training::loadSplit(ds, Split::Train, spec, 2, say, {spill, 1 << 30});
  for (const std::string& m : said) EXPECT_EQ(m.find("kept in a file"), std::string::npos) << m;

  // A folder that cannot hold the file is a clear error naming it.
  EXPECT_THROW(training::loadSplit(ds, Split::Train, spec, 2, say, {dir / "missing", 1}),
               std::runtime_error);
}

TEST(ImageStore, TrainingFromTheMappedFileGivesTheSameRunAsFromMemory) {
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
  for (int budgetMb : {0, 1}) {
    c.dataMemoryMb = budgetMb;
    Trainer t(ds, spec, c, dir / ("run" + std::to_string(budgetMb)));
    bool mapped = false;
    t.onMessage = [&](const std::string& m) {
      mapped |= m.find("kept in a file") != std::string::npos;
    };
    runs.push_back(t.run());
    EXPECT_EQ(mapped, budgetMb == 1);
  }
  ASSERT_EQ(runs[0].history.size(), 2u);
  ASSERT_EQ(runs[1].history.size(), 2u);
  for (std::size_t e = 0; e < 2; ++e) {
    EXPECT_EQ(runs[0].history[e].trainLoss, runs[1].history[e].trainLoss);
    EXPECT_EQ(runs[0].history[e].valLoss, runs[1].history[e].valLoss);
  }
}
