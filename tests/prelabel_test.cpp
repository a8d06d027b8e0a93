// Labeling with the model's help, in the core: suggestions kept per model in the workspace,
// the review queue's orders, bulk acceptance with its checked accuracy, and batch scoring.
#include "sdd/labels/prelabel.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>

#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/model/detector_net.h"
#include "sdd/workspace/workspace.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

/// Two labeled classes (4 images each) and 4 images in unlabeled/.
Dataset makeHalfLabeledDataset(const TempDir& dir) {
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 4; ++n)
      writeImage(dir / ("data/c" + std::to_string(c) + "/" + std::to_string(n) + ".png"),
                 patternImage(c, n));
  for (int n = 0; n < 4; ++n)
    writeImage(dir / ("data/unlabeled/u" + std::to_string(n) + ".png"), patternImage(n % 2, 9));
  return Dataset::scan(dir / "data");
}

std::size_t sampleNamed(const Dataset& ds, const std::string& name) {
  for (std::size_t i = 0; i < ds.samples().size(); ++i)
    if (ds.samples()[i].path.filename() == name) return i;
  throw std::runtime_error("no sample " + name);
}

}  // namespace

TEST(PredictionStore, KeepsEachModelsProbabilitiesAcrossReopenAndReplacesRescoredImages) {
  TempDir dir;
  const fs::path file = Workspace(dir / "ws").predictionsFile();
  const std::vector<std::string> classes = {"a", "b"};
  {
    PredictionStore store(file);
    store.put("m1", classes, {{"x.png", {0.9f, 0.1f}}, {"y.png", {0.3f, 0.7f}}});
    store.put("m2", classes, {{"x.png", {0.2f, 0.8f}}});
    store.put("m1", classes, {{"y.png", {0.4f, 0.6f}}});
  }
  const PredictionStore reader(file, LabelStore::Access::ReadOnly);
  const StoredPredictions m1 = reader.get("m1");
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_EQ(m1.at("x.png"), (std::vector<float>{0.9f, 0.1f}));
  EXPECT_EQ(m1.at("y.png"), (std::vector<float>{0.4f, 0.6f}))
      << "the newer score replaces the older";
  EXPECT_EQ(reader.get("m2").at("x.png"), (std::vector<float>{0.2f, 0.8f}))
      << "kept apart by model";
  EXPECT_TRUE(reader.get("never scored").empty());
  EXPECT_EQ(reader.classes("m1"), classes);
  EXPECT_TRUE(reader.classes("m3").empty());

  PredictionStore writer(file);
  EXPECT_THROW(writer.put("m1", {"a", "b", "c"}, {{"z.png", {0.1f, 0.2f, 0.7f}}}), LabelStoreError)
      << "one model, one class list";
  EXPECT_THROW(writer.put("m3", classes, {{"z.png", {1.f}}}), std::invalid_argument);
  EXPECT_TRUE(writer.get("m3").empty()) << "nothing of a refused call is stored";
  EXPECT_THROW(writer.put("m3", classes, {{"z.png", {0.5f, 0.5f}}}, {1.0, 2.0}),
               std::invalid_argument)
      << "one unknown score per prediction";
  EXPECT_TRUE(writer.get("m3").empty());
}

TEST(PredictionStore, KeepsUnknownScoresBesideTheProbabilitiesAndReadsFilesWrittenWithout) {
  TempDir dir;
  const fs::path file = Workspace(dir / "ws").predictionsFile();
  const std::vector<std::string> classes = {"a", "b"};
  {
    PredictionStore store(file);
    store.put("m1", classes, {{"x.png", {0.9f, 0.1f}}});
  }
  {
    // A file from before the scores were kept: no such table, read without writing.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TABLE unknown_scores", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const PredictionStore reader(file, LabelStore::Access::ReadOnly);
    EXPECT_TRUE(reader.unknownScores("m1").empty());
    EXPECT_EQ(reader.get("m1").size(), 1u);
  }
  {
    PredictionStore store(file);
    store.put("m1", classes, {{"x.png", {0.9f, 0.1f}}, {"y.png", {0.5f, 0.5f}}}, {0.25, 7.5});
    store.put("m2", classes, {{"x.png", {0.2f, 0.8f}}}, {1.5});
  }
  const PredictionStore reader(file, LabelStore::Access::ReadOnly);
  const StoredScores m1 = reader.unknownScores("m1");
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_DOUBLE_EQ(m1.at("x.png"), 0.25);
  EXPECT_DOUBLE_EQ(m1.at("y.png"), 7.5);
  EXPECT_DOUBLE_EQ(reader.unknownScores("m2").at("x.png"), 1.5) << "kept apart by model";
  EXPECT_EQ(reader.get("m1").size(), 2u);
}

TEST(Prelabel, ASuggestionIsTheMostProbableClassWithItsMarginToTheNext) {
  const Suggestion s = suggestionOf({0.1f, 0.6f, 0.3f});
  EXPECT_EQ(s.label, 1);
  EXPECT_FLOAT_EQ(s.confidence, 0.6f);
  EXPECT_NEAR(s.margin, 0.3f, 1e-6);
  EXPECT_FALSE(suggestionOf({}).valid());
}

TEST(Prelabel, TheReviewQueueOrdersByMarginByLikelyErrorByFileOrByTheModelsDoubts) {
  TempDir dir;
  const Dataset ds = makeHalfLabeledDataset(dir);
  StoredPredictions stored = {{"unlabeled/u0.png", {0.55f, 0.45f}},
                              {"unlabeled/u1.png", {0.05f, 0.95f}},
                              {"unlabeled/u2.png", {0.7f, 0.3f}},
                              {"c0/0.png", {0.1f, 0.9f}},  // labeled c0, suggests c1: likely error
                              {"c0/1.png", {0.35f, 0.65f}},       // a less confident likely error
                              {"c1/0.png", {0.2f, 0.8f}},         // agrees
                              {"c1/1.png", {0.2f, 0.3f, 0.5f}}};  // another class list: ignored
  const auto p = predictionsBySample(ds, stored);
  for (std::size_t i = 0; i < ds.samples().size(); ++i)
    if (ds.samples()[i].path == dir / "data/c1/1.png") {
      EXPECT_TRUE(p[i].empty()) << "3 probabilities for 2 classes";
    }

  const auto least = reviewQueue(ds, p, ReviewOrder::LeastConfident);
  ASSERT_EQ(least.size(), 3u) << "u3 has no suggestion yet";
  EXPECT_EQ(ds.samples()[least[0]].path.filename(), "u0.png");
  EXPECT_EQ(ds.samples()[least[1]].path.filename(), "u2.png");
  EXPECT_EQ(ds.samples()[least[2]].path.filename(), "u1.png");

  const auto errors = reviewQueue(ds, p, ReviewOrder::LikelyErrors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(ds.samples()[errors[0]].path, dir / "data/c0/0.png");
  EXPECT_EQ(ds.samples()[errors[1]].path, dir / "data/c0/1.png");

  const auto files = reviewQueue(ds, p, ReviewOrder::FileOrder);
  ASSERT_EQ(files.size(), 4u) << "every image without a class, scored or not";
  EXPECT_EQ(ds.samples()[files[3]].path.filename(), "u3.png");
  EXPECT_EQ(reviewQueue(ds, p, ReviewOrder::FileOrder, {files[2]}),
            std::vector<std::size_t>{files[2]});
  EXPECT_EQ(reviewOrderFromString("likely-errors"), ReviewOrder::LikelyErrors);
  EXPECT_EQ(reviewOrderFromString("doubts-first"), ReviewOrder::DoubtsFirst);
  EXPECT_THROW(reviewOrderFromString("random"), std::invalid_argument);

  // The model's doubts first: u1 (0.95 sure) is unknown to its rule, u2 goes to review.
  EXPECT_EQ(reviewQueue(ds, p, ReviewOrder::DoubtsFirst), least)
      << "without decisions it is least confident first";
  std::vector<std::optional<Decision>> decisions(ds.samples().size());
  for (std::size_t i = 0; i < ds.samples().size(); ++i) {
    const auto name = ds.samples()[i].path.filename();
    if (name == "u0.png") decisions[i] = Decision::Accept;
    if (name == "u1.png") decisions[i] = Decision::Unknown;
    if (name == "u2.png") decisions[i] = Decision::Review;
  }
  const auto doubts = reviewQueue(ds, p, ReviewOrder::DoubtsFirst, {}, decisions);
  ASSERT_EQ(doubts.size(), 3u);
  EXPECT_EQ(ds.samples()[doubts[0]].path.filename(), "u1.png");
  EXPECT_EQ(ds.samples()[doubts[1]].path.filename(), "u2.png");
  EXPECT_EQ(ds.samples()[doubts[2]].path.filename(), "u0.png");
}

TEST(Prelabel, BulkAcceptanceLabelsOnlyConfidentImagesWithoutAClassAndSaysHowAccurateThatWas) {
  TempDir dir;
  const Dataset ds = makeHalfLabeledDataset(dir);
  // Every labeled image gets a suggestion; those of c0/0..1 are wrong with confidence 0.97.
  StoredPredictions stored;
  for (std::size_t i = 0; i < ds.samples().size(); ++i) {
    const Sample& s = ds.samples()[i];
    const std::string path = journalPath(ds.root(), s.path);
    const bool wrong = path == "c0/0.png" || path == "c0/1.png";
    const int sug = s.label == kUnlabeled ? (path == "unlabeled/u3.png" ? 0 : 1)
                                          : (wrong ? 1 - s.label : s.label);
    const float conf = path == "unlabeled/u2.png" ? 0.8f : 0.97f;
    stored[path] =
        sug == 0 ? std::vector<float>{conf, 1 - conf} : std::vector<float>{1 - conf, conf};
  }
  const auto p = predictionsBySample(ds, stored);
  const BulkAcceptance plan = planBulkAcceptance(ds, p, 0.95);
  ASSERT_EQ(plan.images.size(), 3u) << "u2 is below the threshold";
  EXPECT_EQ(plan.perClass, (std::vector<std::size_t>{1, 2}));
  std::size_t validationWrong = 0;
  for (std::size_t i : ds.indices(Split::Validation))
    validationWrong +=
        ds.samples()[i].path.parent_path().filename() == "c0" &&
        (ds.samples()[i].path.filename() == "0.png" || ds.samples()[i].path.filename() == "1.png");
  EXPECT_EQ(plan.validationChecked, ds.indices(Split::Validation).size());
  EXPECT_EQ(plan.validationCorrect, plan.validationChecked - validationWrong);
  EXPECT_TRUE(std::isnan(planBulkAcceptance(ds, {}, 0.95).validationAccuracy()))
      << "nothing to check";
  EXPECT_EQ(bulkMethod(0.95), "bulk >= 0.95");

  // Only among the selection; then into the journal in one transaction, as first labels.
  const BulkAcceptance some =
      planBulkAcceptance(ds, p, 0.95, {sampleNamed(ds, "u0.png"), sampleNamed(ds, "u2.png")});
  EXPECT_EQ(some.images, std::vector<std::size_t>{sampleNamed(ds, "u0.png")});
  LabelStore store(dir / "ws/labels.sqlite");
  const auto rows =
      store.assign(bulkAssignments(ds, p, plan), "label", {}, {bulkMethod(0.95), "", "m1"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(store.currentLabels().at("unlabeled/u3.png"), "c0");
  EXPECT_EQ(store.history("unlabeled/u0.png").at(0).method, "bulk >= 0.95");
  EXPECT_THROW(store.assign(bulkAssignments(ds, p, plan), "label"), LabelConflictError)
      << "a second bulk over the same images finds them labeled";

  // Labels accepted in bulk check no threshold: the model would be checked against itself.
  Dataset labeled = ds;
  applyLabels(labeled, store);
  const std::vector<bool> bulk = labeledInBulk(labeled, store);
  EXPECT_EQ(std::count(bulk.begin(), bulk.end(), true), 3);
  EXPECT_TRUE(bulk[sampleNamed(labeled, "u3.png")]);
  std::size_t bulkInValidation = 0;
  for (std::size_t i : labeled.indices(Split::Validation)) bulkInValidation += bulk[i];
  EXPECT_EQ(planBulkAcceptance(labeled, p, 0.95, {}, bulk).validationChecked,
            labeled.indices(Split::Validation).size() - bulkInValidation);
}

TEST(Prelabel, ScoringInChunksGivesEveryFileItsProbabilitiesOrItsErrorAndStopsWhenCancelled) {
  TempDir dir;
  ModelSpec spec;
  spec.inputSize = 16;
  spec.convChannels = {4};
  spec.head = HeadType::GlobalAvgPool;
  spec.fcWidth = 0;
  spec.numClasses = 2;
  DetectorNet net(spec);
  ModelMetadata meta;
  meta.classes = {"c0", "c1"};
  meta.spec = spec;
  meta.normalization.mean.assign(3, 0.5f);
  meta.normalization.std.assign(3, 0.25f);
  saveModelFile(dir / "m.sddm", net, meta);
  std::vector<fs::path> files;
  for (int n = 0; n < 7; ++n) {
    files.push_back(dir / ("i" + std::to_string(n) + ".png"));
    writeImage(files.back(), patternImage(n % 2, n, 40, 30, n % 3 ? 3 : 1));
  }
  writeBytes(dir / "bad.png", "not an image");
  files.insert(files.begin() + 3, dir / "bad.png");

  Predictor predictor(dir / "m.sddm", "cpu", 1);
  std::vector<ScoredImage> all;
  int chunks = 0;
  const std::size_t scored = scoreImages(
      predictor, files,
      [&](const std::vector<ScoredImage>& c) {
        ++chunks;
        all.insert(all.end(), c.begin(), c.end());
      },
      nullptr, 3);
  EXPECT_EQ(scored, 7u);
  EXPECT_EQ(chunks, 3);
  ASSERT_EQ(all.size(), files.size());
  for (std::size_t k = 0; k < all.size(); ++k) {
    EXPECT_EQ(all[k].index, k);
    if (files[k].filename() == "bad.png") {
      EXPECT_FALSE(all[k].error.empty());
      EXPECT_TRUE(all[k].probabilities.empty());
      continue;
    }
    ASSERT_EQ(all[k].probabilities.size(), 2u);
    // The batch path gives what classifying the file alone gives.
    const Prediction alone = predictor.predictFile(files[k]);
    EXPECT_NEAR(all[k].probabilities[0], alone.probabilities[0], 1e-5) << files[k];
  }
  std::atomic<bool> cancel{true};
  EXPECT_EQ(scoreImages(
                predictor, files, [](const std::vector<ScoredImage>&) {}, &cancel, 3),
            0u);
  EXPECT_FALSE(fileFingerprint(dir / "m.sddm").empty());
}
