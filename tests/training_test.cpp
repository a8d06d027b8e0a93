#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "imaging/batch.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/model/detector_net.h"
#include "sdd/training/cross_validation.h"
#include "sdd/training/reduction.h"
#include "sdd/training/trainer.h"
#include "sdd/util/runtime.h"
#include "test_support.h"
#include "training/checkpoint.h"
#include "training/training_data.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeImage;

namespace {

// Three learnable synthetic classes with their own train/validation folders.
void makePatternDataset(const fs::path& root, int perClassTrain, int perClassVal) {
  for (int c = 0; c < 3; ++c) {
    const std::string cls = "pattern" + std::to_string(c);
    for (int n = 0; n < perClassTrain + perClassVal; ++n) {
      const std::string split = n < perClassTrain ? "train" : "validation";
      writeImage(root / split / cls / (std::to_string(n) + ".png"), patternImage(c, n, 40, 40));
    }
  }
}

ModelSpec smallSpec() {
  ModelSpec s;
  s.inputSize = 32;
  s.convChannels = {8, 16};
  s.fcWidth = 16;
  return s;
}

TrainConfig smallConfig(int epochs) {
  TrainConfig c;
  c.epochs = epochs;
  c.batchSize = 8;
  c.learningRate = 3e-3;
  c.threads = 2;
  c.seed = 5;
  return c;
}

struct Fixture {
  TempDir dir;
  Dataset ds;
  Fixture() {
    makePatternDataset(dir / "data", 24, 6);
    ds = Dataset::scan(dir / "data");
  }
};

}  // namespace

TEST(Trainer, LearnsATinyGeneratedSetAndWritesLogsAndModels) {
  Fixture f;
  Trainer trainer(f.ds, smallSpec(), smallConfig(25), f.dir / "run");
  int epochsSeen = 0;
  trainer.onEpoch = [&](const EpochStats&) { ++epochsSeen; };
  const TrainResult r = trainer.run();
  EXPECT_EQ(epochsSeen, 25);
  ASSERT_EQ(r.history.size(), 25u);
  EXPECT_LT(r.history.back().trainLoss, r.history.front().trainLoss);
  EXPECT_GE(r.history.back().valAccuracy, 0.9);
  EXPECT_TRUE(fs::exists(f.dir / "run/model.sddm"));
  EXPECT_TRUE(fs::exists(f.dir / "run/best.sddm"));
  EXPECT_TRUE(fs::exists(f.dir / "run/checkpoint.sddc"));
  std::ifstream log(f.dir / "run/log.csv");
  std::string header, line;
  std::getline(log, header);
  EXPECT_EQ(header, "epoch,train_loss,train_acc,val_loss,val_acc,val_macro_f1,lr,seconds,best");
  int lines = 0;
  while (std::getline(log, line)) ++lines;
  EXPECT_EQ(lines, 25);

  const ModelMetadata meta = readModelMetadata(f.dir / "run/model.sddm");
  EXPECT_EQ(meta.classes, f.ds.classes());
  EXPECT_EQ(meta.metrics["selected"], "last epoch");
  EXPECT_EQ(meta.trainConfig["epochs"], 25);
  // It knows its training images: evaluating on them is flagged, on validation images not.
  const auto train = f.ds.indices(Split::Train), val = f.ds.indices(Split::Validation);
  EXPECT_EQ(meta.trainingImages.size(), train.size());
  EXPECT_TRUE(std::is_sorted(meta.trainingImages.begin(), meta.trainingImages.end()));
  const TrainingOverlap onTrain = trainingOverlap(meta.trainingImages, f.ds, train);
  EXPECT_EQ(onTrain.overlapping, train.size());
  EXPECT_NE(onTrain.warning().find("trained on"), std::string::npos);
  EXPECT_EQ(trainingOverlap(meta.trainingImages, f.ds, val).overlapping, 0u);
  EXPECT_TRUE(trainingOverlap(meta.trainingImages, f.ds, val).warning().empty());

  // The saved model classifies a new image of each pattern from its file.
  Predictor predictor(f.dir / "run/model.sddm", "cpu", 1);
  int right = 0;
  for (int c = 0; c < 3; ++c) {
    const fs::path img = f.dir / ("new" + std::to_string(c) + ".bmp");
    writeImage(img, patternImage(c, 1000 + c, 40, 40));
    const Prediction p = predictor.predictFile(img);
    ASSERT_TRUE(p.ok()) << p.error;
    float sum = 0;
    for (float v : p.probabilities) sum += v;
    EXPECT_NEAR(sum, 1.0f, 1e-4);
    EXPECT_GT(p.totalMs, 0);
    right += p.classIndex == c;
  }
  EXPECT_GE(right, 2);

  // Training fitted the model's confidence rule: a planted image unlike every class (a flat
  // grey frame) is unknown, whatever class its SoftMax picks; the patterns it knows are not.
  ASSERT_TRUE(meta.confidenceRule.has_value());
  ASSERT_FALSE(meta.confidenceRule->unknown.empty());
  const fs::path blank = f.dir / "blank.png";
  writeImage(blank, cv::Mat(40, 40, CV_8UC3, cv::Scalar(128, 128, 128)));
  const Prediction b = predictor.predictFile(blank);
  ASSERT_TRUE(b.ok()) << b.error;
  EXPECT_EQ(decide(b.probabilities, *meta.confidenceRule, b.unknownScore).decision,
            Decision::Unknown)
      << "score " << b.unknownScore << ", threshold " << meta.confidenceRule->unknown.threshold;
  int known = 0;
  for (int c = 0; c < 3; ++c) {
    const Prediction p = predictor.predictFile(f.dir / ("new" + std::to_string(c) + ".bmp"));
    known +=
        decide(p.probabilities, *meta.confidenceRule, p.unknownScore).decision != Decision::Unknown;
  }
  EXPECT_GE(known, 2);

  // A prediction computes only the descriptor's parts the detector reads, and scores exactly
  // as with the whole descriptor.
  const int needed = meta.confidenceRule->unknown.descriptorLength();
  ASSERT_LT(needed, smallSpec().descriptorSize());
  EXPECT_GE(int(b.descriptor.size()), needed);
  EXPECT_LT(int(b.descriptor.size()), smallSpec().descriptorSize());
  Predictor whole(f.dir / "run/model.sddm", "cpu", 1);
  whole.setKeepDescriptors(true);
  const Prediction w = whole.predictFile(blank);
  ASSERT_EQ(int(w.descriptor.size()), smallSpec().descriptorSize());
  EXPECT_DOUBLE_EQ(w.unknownScore, b.unknownScore);
  for (std::size_t i = 0; i < b.descriptor.size(); ++i)
    EXPECT_EQ(w.descriptor[i], b.descriptor[i]) << i;
}

TEST(Trainer, SameSeedAndThreadsGiveTheSameRun) {
  Fixture f;
  const TrainResult a = Trainer(f.ds, smallSpec(), smallConfig(2), f.dir / "a").run();
  const TrainResult b = Trainer(f.ds, smallSpec(), smallConfig(2), f.dir / "b").run();
  ASSERT_EQ(a.history.size(), b.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    EXPECT_EQ(a.history[i].trainLoss, b.history[i].trainLoss);
    EXPECT_EQ(a.history[i].valLoss, b.history[i].valLoss);
  }
}

namespace {

// Stops a 4-epoch run after epoch 2 (like Ctrl-C during epoch 3); returns its result.
TrainResult cancelAfterTwoEpochs(const Fixture& f, const TrainConfig& c, const fs::path& dir) {
  std::atomic<bool> cancel{false};
  Trainer first(f.ds, smallSpec(), c, dir);
  first.setCancelFlag(&cancel);
  first.onEpoch = [&](const EpochStats& s) {
    if (s.epoch == 2) cancel = true;
  };
  return first.run();
}

void expectSameLosses(const TrainResult& a, const TrainResult& b, const std::string& what) {
  ASSERT_EQ(a.history.size(), b.history.size()) << what;
  for (std::size_t i = 0; i < a.history.size(); ++i)
    EXPECT_NEAR(a.history[i].trainLoss, b.history[i].trainLoss, 1e-6)
        << what << ", epoch " << i + 1;
}

}  // namespace

TEST(Trainer, CancelledRunResumesToTheSameResultAsAnUninterruptedOne) {
  Fixture f;
  // Each optimizer's own state (Adam moments and step counts, SGD momentum) must survive the
  // checkpoint, or the resumed losses drift from the uninterrupted ones.
  for (const std::string optimizer : {"adam", "adamw", "sgd"}) {
    TrainConfig c = smallConfig(4);
    c.optimizer = optimizer;
    if (optimizer == "sgd") c.learningRate = 0.05;
    const TrainResult straight =
        Trainer(f.ds, smallSpec(), c, f.dir / ("straight-" + optimizer)).run();
    const fs::path dir = f.dir / ("resumed-" + optimizer);
    const TrainResult part = cancelAfterTwoEpochs(f, c, dir);
    EXPECT_TRUE(part.cancelled);
    EXPECT_EQ(part.history.size(), 2u);
    EXPECT_TRUE(fs::exists(dir / "model.sddm"));
    EXPECT_EQ(RunFolder(dir).findCheckpoint(), RunFolder(dir).checkpointFile());
    expectSameLosses(Trainer(f.ds, smallSpec(), c, dir).run(true), straight, optimizer);
  }
}

namespace {

// The checkpoint in the format earlier versions wrote (a LibTorch archive), as they wrote it.
void writeLegacyCheckpoint(const fs::path& dir, const TrainConfig& c, int classes) {
  ModelSpec spec = smallSpec();
  spec.numClasses = classes;
  DetectorNet net(spec);
  toChannelsLast(*net);
  torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(c.learningRate));
  nlohmann::json state;
  sdd::checkpoint::load(RunFolder(dir).checkpointFile(), net, nullptr, opt, "adam",
                        [&](const nlohmann::json& s) { state = s; });
  sdd::checkpoint::saveLegacy(RunFolder(dir).legacyCheckpointFile(), net, opt, state);
  fs::remove(RunFolder(dir).checkpointFile());
}

}  // namespace

TEST(Trainer, ResumesACheckpointFromAnEarlierVersionAndGoesOnInTheNewFormat) {
  Fixture f;
  const TrainConfig c = smallConfig(4);
  const TrainResult straight = Trainer(f.ds, smallSpec(), c, f.dir / "straight").run();
  cancelAfterTwoEpochs(f, c, f.dir / "old");
  writeLegacyCheckpoint(f.dir / "old", c, static_cast<int>(f.ds.classes().size()));
  ASSERT_EQ(RunFolder(f.dir / "old").findCheckpoint(),
            RunFolder(f.dir / "old").legacyCheckpointFile());
  expectSameLosses(Trainer(f.ds, smallSpec(), c, f.dir / "old").run(true), straight, "legacy");
  EXPECT_TRUE(fs::exists(RunFolder(f.dir / "old").checkpointFile()));
  EXPECT_FALSE(fs::exists(RunFolder(f.dir / "old").legacyCheckpointFile()));
}

TEST(Trainer, DamagedCheckpointIsAClearErrorNamingTheFile) {
  Fixture f;
  const fs::path dir = f.dir / "run";
  cancelAfterTwoEpochs(f, smallConfig(4), dir);
  const fs::path ckpt = RunFolder(dir).checkpointFile();
  std::string good;
  {
    std::ifstream in(ckpt, std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto resumeWith = [&](const std::string& bytes, const TrainConfig& c = smallConfig(4)) {
    std::ofstream(ckpt, std::ios::binary | std::ios::trunc) << bytes;
    try {
      Trainer(f.ds, smallSpec(), c, dir).run(true);
    } catch (const ModelError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto expectError = [&](const std::string& message, const std::string& reason) {
    EXPECT_NE(message.find(ckpt.string()), std::string::npos) << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
  };
  expectError(resumeWith(good.substr(0, good.size() / 2)), "CRC mismatch");
  std::string flipped = good;
  flipped[flipped.size() - 100] ^= 0x10;  // inside the optimizer's tensors
  expectError(resumeWith(flipped), "CRC mismatch");
  expectError(resumeWith(good.substr(0, 10)), "truncated");
  expectError(resumeWith("epoch,loss\n1,0.5\n"), "unrecognised signature");
  TrainConfig sgd = smallConfig(4);
  sgd.optimizer = "sgd";
  expectError(resumeWith(good, sgd), "optimizer is adam");
  // The intact checkpoint still resumes.
  EXPECT_EQ(resumeWith(good), "no error");
}

TEST(Trainer, ResumeWithAnotherArchitectureIsAClearError) {
  Fixture f;
  Trainer(f.ds, smallSpec(), smallConfig(1), f.dir / "run").run();
  ModelSpec other = smallSpec();
  other.convChannels = {8, 24};
  EXPECT_THROW(Trainer(f.ds, other, smallConfig(2), f.dir / "run").run(true), ModelError);
  EXPECT_THROW(Trainer(f.ds, smallSpec(), smallConfig(2), f.dir / "nothing-here").run(true),
               ModelError);
}

TEST(Trainer, RejectsBadConfiguration) {
  Fixture f;
  TrainConfig c = smallConfig(1);
  c.optimizer = "adagrad";
  EXPECT_THROW(Trainer(f.ds, smallSpec(), c, f.dir / "x").run(), std::invalid_argument);
}

TEST(Predictor, CorruptFileGivesAnErrorNotACrash) {
  Fixture f;
  Trainer(f.ds, smallSpec(), smallConfig(1), f.dir / "run").run();
  Predictor predictor(f.dir / "run/model.sddm", "auto", 1);
  EXPECT_EQ(predictor.deviceName(), sdd::cudaAvailable() ? "cuda" : "cpu");
  sdd::test::writeBytes(f.dir / "bad.jpg", "\xFF\xD8\xFF garbage");
  const Prediction p = predictor.predictFile(f.dir / "bad.jpg");
  EXPECT_FALSE(p.ok());
  EXPECT_EQ(p.classIndex, -1);
  EXPECT_FALSE(predictor.predictFile(f.dir / "missing.png").ok());
}

TEST(GradCam, HeatMapHasTheImageSizeIsNormalizedAndFeedsThePointingGame) {
  Fixture f;
  Trainer(f.ds, smallSpec(), smallConfig(25), f.dir / "run").run();
  Predictor predictor(f.dir / "run/model.sddm", "cpu", 1);
  // Class "pattern1" is a bright disk on a plain background: its evidence is the disk.
  const cv::Mat img = patternImage(1, 4242, 40, 40);
  const Explanation e = predictor.explain(img);
  ASSERT_EQ(e.heatmap.size(), img.size());
  ASSERT_EQ(e.heatmap.type(), CV_32F);
  double lo = 0, hi = 0;
  cv::minMaxLoc(e.heatmap, &lo, &hi);
  EXPECT_GE(lo, 0.0);
  EXPECT_NEAR(hi, 1.0, 1e-5);
  EXPECT_EQ(e.probabilities.size(), 3u);
  EXPECT_EQ(e.classIndex, 1) << "the tiny model should recognise the disk";

  // Explaining another class works too, and an impossible class is refused.
  EXPECT_EQ(predictor.explain(img, 0).classIndex, 0);
  EXPECT_THROW(predictor.explain(img, 3), std::invalid_argument);

  // Pointing game on hand-made boxes around and away from the peak.
  const cv::Rect around(e.peak.x - 2, e.peak.y - 2, 5, 5);
  const cv::Rect away(e.peak.x + 10 > 39 ? 0 : e.peak.x + 10, 0, 3, 3);
  EXPECT_TRUE(peakInsideBoxes(e, {away, around}));
  EXPECT_FALSE(peakInsideBoxes(e, {away}));
  EXPECT_FALSE(peakInsideBoxes(e, {}));
  Explanation empty;
  EXPECT_FALSE(peakInsideBoxes(empty, {around}));

  // HiResCAM: same size and normalization, same probabilities.
  const Explanation h = predictor.explain(img, -1, sdd::CamMethod::HiResCam);
  ASSERT_EQ(h.heatmap.size(), img.size());
  cv::minMaxLoc(h.heatmap, &lo, &hi);
  EXPECT_GE(lo, 0.0);
  EXPECT_LE(hi, 1.0 + 1e-5);
  EXPECT_EQ(h.probabilities, e.probabilities);
  EXPECT_EQ(sdd::camMethodFromString("hirescam"), sdd::CamMethod::HiResCam);
  EXPECT_THROW(sdd::camMethodFromString("lime"), std::invalid_argument);
}

TEST(PointingGame, CountsImagesWithBoxesPerClassAndAgainstTheCentreBaseline) {
  Fixture f;
  Trainer(f.ds, smallSpec(), smallConfig(2), f.dir / "run").run();
  Predictor predictor(f.dir / "run/model.sddm", "cpu", 1);
  // Give two samples a box: one covering the whole image, one a corner pixel.
  std::vector<sdd::Sample> samples = f.ds.samples();
  samples[0].boxes = {{"defect", 0, 0, samples[0].width - 1, samples[0].height - 1}};
  samples[1].boxes = {{"defect", 0, 0, 0, 0}};
  const sdd::Dataset ds = sdd::Dataset::fromSamples(f.ds.root(), f.ds.classes(), samples);
  const auto g = sdd::pointingGame(predictor, ds, "all", sdd::CamMethod::GradCam);
  EXPECT_EQ(g.totalImages(), 2);
  EXPECT_EQ(g.withoutBoxes, int(samples.size()) - 2);
  EXPECT_GE(g.totalHits(), 1) << "a box over the whole image always holds the peak";
  EXPECT_EQ(g.totalCentreHits(), 1);
  EXPECT_EQ(
      g.images[std::size_t(samples[0].label)] +
          (samples[1].label == samples[0].label ? 0 : g.images[std::size_t(samples[1].label)]),
      2);
}

TEST(ModelEvaluation, EvaluatesASplitTimesEachImageAndSummarizesATableVRow) {
  Fixture f;
  const auto r = Trainer(f.ds, smallSpec(), smallConfig(3), f.dir / "run").run();
  // The run's log reads back as the history the trainer returned.
  const auto log = RunFolder(f.dir / "run").readLog();
  ASSERT_EQ(log.size(), r.history.size());
  EXPECT_DOUBLE_EQ(log.back().valMacroF1, r.history.back().valMacroF1);
  EXPECT_TRUE(RunFolder(f.dir / "nowhere").readLog().empty());

  Predictor predictor(r.modelFile, "cpu", 1);
  const auto ev = sdd::evaluateModel(predictor, r.modelFile, f.ds, "validation");
  const auto val = f.ds.indices(sdd::Split::Validation);
  ASSERT_EQ(ev.samples.size(), val.size());
  EXPECT_EQ(ev.probs.size(), val.size());
  EXPECT_EQ(ev.ms.size(), val.size());
  EXPECT_EQ(ev.eval.confusion.total(), std::int64_t(val.size()));
  EXPECT_GT(ev.medianMs, 0.0);
  EXPECT_GE(ev.p95Ms, ev.medianMs);
  for (std::size_t k = 0; k < ev.samples.size(); ++k)
    EXPECT_EQ(ev.truth[k], f.ds.samples()[ev.samples[k]].label);

  const sdd::ModelSummary s = sdd::summarize(ev, "tiny");
  EXPECT_EQ(s.layers, sdd::weightLayers(smallSpec()));
  EXPECT_EQ(s.weights, predictor.metadata().spec.parameterCount());
  EXPECT_DOUBLE_EQ(s.macroF1, ev.eval.macroF1);
  EXPECT_FALSE(sdd::paperTableV().empty());

  // Fingerprints: stable, and a label change changes the dataset's.
  Dataset copy = f.ds;
  EXPECT_EQ(sdd::datasetFingerprint(copy), sdd::datasetFingerprint(f.ds));
  copy.setLabel(0, (copy.samples()[0].label + 1) % int(copy.classes().size()));
  EXPECT_NE(sdd::datasetFingerprint(copy), sdd::datasetFingerprint(f.ds));
  EXPECT_EQ(sdd::fileFingerprint(r.modelFile).size(), 16u);
  EXPECT_THROW(sdd::fileFingerprint(f.dir / "missing.sddm"), std::runtime_error);

  // An unreadable image is skipped with its reason; an unknown split is refused.
  sdd::test::writeBytes(f.ds.samples()[val[0]].path, "garbage");
  const auto ev2 = sdd::evaluateModel(predictor, r.modelFile, f.ds, "validation");
  ASSERT_EQ(ev2.skipped.size(), 1u);
  EXPECT_EQ(ev2.skipped[0].file, f.ds.samples()[val[0]].path);
  EXPECT_EQ(ev2.samples.size(), val.size() - 1);
  EXPECT_THROW(sdd::splitIndices(f.ds, "test"), std::invalid_argument);
}

TEST(CrossValidation, ScoresEveryImageOutOfFoldAndFlagsAPlantedLabelError) {
  Fixture f;  // 3 classes x 30 images
  Dataset ds = f.ds;
  // Plant a label error: the first pattern0 image is labelled pattern1.
  std::size_t planted = 0;
  while (ds.samples()[planted].label != 0) ++planted;
  ds.setLabel(planted, 1);
  const OutOfFold oof = outOfFoldProbabilities(ds, smallSpec(), smallConfig(20), 3, f.dir / "cv");
  ASSERT_FALSE(oof.cancelled);
  ASSERT_EQ(oof.probs.size(), ds.samples().size());
  std::vector<int> perFold(3, 0);
  for (std::size_t i = 0; i < ds.samples().size(); ++i) {
    ASSERT_EQ(oof.probs[i].size(), 3u) << "every image is scored";
    ASSERT_GE(oof.fold[i], 0);
    ++perFold[std::size_t(oof.fold[i])];
  }
  EXPECT_EQ(perFold, std::vector<int>({30, 30, 30}));  // stratified: 10 per class per fold
  EXPECT_TRUE(fs::exists(f.dir / "cv/fold-3/model.sddm"));

  const auto suspects = suspectedLabels(ds, oof);
  ASSERT_FALSE(suspects.empty());
  EXPECT_EQ(suspects.front().sample, planted) << "the planted error is the most doubted label";
  EXPECT_EQ(suspects.front().suggested, 0);
  EXPECT_LT(suspects.size(), 10u) << "clean labels are not flagged wholesale";
  for (std::size_t k = 1; k < suspects.size(); ++k)
    EXPECT_LE(suspects[k - 1].labelProbability, suspects[k].labelProbability);

  EXPECT_THROW(outOfFoldProbabilities(ds, smallSpec(), smallConfig(1), 1, f.dir / "cv1"),
               std::invalid_argument);
  std::atomic<bool> stop{true};
  EXPECT_TRUE(outOfFoldProbabilities(ds, smallSpec(), smallConfig(1), 3, f.dir / "cv2", {}, &stop)
                  .cancelled);
}

TEST(Reduction, CandidatesAreSmallerAndTheSearchKeepsTheTargetF1) {
  const ModelSpec base = smallSpec();
  const auto cands = reductionCandidates(base);
  ASSERT_FALSE(cands.empty());
  for (std::size_t k = 0; k < cands.size(); ++k) {
    EXPECT_LT(cands[k].second.parameterCount(), base.parameterCount()) << cands[k].first;
    if (k) {
      EXPECT_LE(cands[k - 1].second.parameterCount(), cands[k].second.parameterCount());
    }
  }

  Fixture f;
  ReductionConfig rc;
  rc.base = base;
  rc.brief = smallConfig(12);
  rc.extra = smallConfig(12);
  rc.targetF1 = 0.6;  // floor
  rc.tolerance = 0.2;
  rc.maxSteps = 3;
  std::vector<int> seen;
  const ReductionResult r = reduceModel(f.ds, rc, f.dir / "reduce",
                                        [&](const ReductionStep& s) { seen.push_back(s.step); });
  ASSERT_FALSE(r.cancelled);
  ASSERT_GE(r.tried.size(), 2u) << "base F1 " << r.tried[0].summary.macroF1;
  EXPECT_EQ(r.tried[0].change, "base network");
  EXPECT_DOUBLE_EQ(r.threshold, std::max(0.6, r.tried[0].summary.macroF1 - 0.2));
  EXPECT_EQ(seen.size(), r.tried.size() + 1);  // every step, then the final model
  // The chosen network is the last accepted one, and every accepted one met the target.
  for (const auto& s : r.tried) {
    EXPECT_GT(s.summary.weights, 0);
    if (s.accepted) {
      EXPECT_GE(s.summary.macroF1, r.threshold);
    }
  }
  EXPECT_LE(r.chosen.parameterCount(), base.parameterCount());
  EXPECT_TRUE(fs::exists(f.dir / "reduce/final/model.sddm"));
  EXPECT_EQ(r.final.summary.weights, r.chosen.parameterCount());
  const std::string md = reductionMarkdown(r);
  EXPECT_NE(md.find("| 0 | base network |"), std::string::npos);
  EXPECT_NE(md.find("Reported by the paper"), std::string::npos);
  EXPECT_NE(reductionCsv(r).find("step,change,accepted"), std::string::npos);
}

TEST(Robustness, PerturbationsChangeImagesAsDescribedAndEveryRowIsEvaluated) {
  const cv::Mat img = patternImage(1, 7, 40, 40);
  EXPECT_EQ(cv::norm(perturb(img, {"none", 0}, 1), img, cv::NORM_INF), 0.0);
  const cv::Mat bright = perturb(img, {"brightness", 20}, 1);
  EXPECT_NEAR(cv::mean(bright)[0], std::min(255.0, cv::mean(img)[0] + 20), 20.0);
  EXPECT_GT(cv::mean(bright)[0], cv::mean(img)[0]);
  EXPECT_EQ(cv::norm(perturb(img, {"noise", 10}, 3), perturb(img, {"noise", 10}, 3), cv::NORM_INF),
            0.0)
      << "seeded";
  EXPECT_GT(cv::norm(perturb(img, {"noise", 10}, 3), img, cv::NORM_L1), 0.0);
  EXPECT_GT(cv::norm(perturb(img, {"blur", 2}, 3), img, cv::NORM_L1), 0.0);
  EXPECT_THROW(perturb(img, {"rotate", 1}, 1), std::invalid_argument);
  EXPECT_EQ(Perturbation({"noise", 5}).name(), "noise sigma 5");

  Fixture f;
  const auto r = Trainer(f.ds, smallSpec(), smallConfig(3), f.dir / "run").run();
  Predictor p(r.modelFile, "cpu", 1);
  const auto rows = evaluateRobustness(p, f.ds, "validation", defaultPerturbations());
  ASSERT_EQ(rows.size(), defaultPerturbations().size());
  const auto plain = evaluateModel(p, r.modelFile, f.ds, "validation");
  EXPECT_NEAR(rows[0].accuracy, plain.eval.accuracy, 1e-9) << "'none' is the plain evaluation";
  for (const auto& row : rows) EXPECT_EQ(row.classAccuracy.size(), 3u);
}

TEST(Trainer, NoiseAndBlurAugmentationIsSeededAndValidated) {
  Fixture f;
  TrainConfig cfg = smallConfig(2);
  cfg.noise = 0.05;
  cfg.blur = 1.5;
  const auto a = Trainer(f.ds, smallSpec(), cfg, f.dir / "a").run();
  const auto b = Trainer(f.ds, smallSpec(), cfg, f.dir / "b").run();
  ASSERT_EQ(a.history.size(), 2u);
  EXPECT_DOUBLE_EQ(a.history.back().trainLoss, b.history.back().trainLoss) << "same seed, same run";
  // The settings travel with the model and survive a JSON round trip.
  const TrainConfig back = nlohmann::json(cfg).get<TrainConfig>();
  EXPECT_DOUBLE_EQ(back.noise, 0.05);
  EXPECT_DOUBLE_EQ(back.blur, 1.5);
  cfg.noise = -0.1;
  EXPECT_THROW(cfg.validate(), std::invalid_argument);
  cfg.noise = 0;
  cfg.blur = 11;
  EXPECT_THROW(cfg.validate(), std::invalid_argument);
}

// A resume on another split (another --split-seed, files added or removed) would train on
// images that were validation images: refused, with the reason.
TEST(Trainer, ResumeOnAnotherSplitIsRefused) {
  Fixture f;
  cancelAfterTwoEpochs(f, smallConfig(4), f.dir / "run");
  writeImage(f.dir / "data" / "train" / "pattern0" / "extra.png", patternImage(0, 99, 40, 40));
  const Dataset grown = Dataset::scan(f.dir / "data");
  try {
    Trainer(grown, smallSpec(), smallConfig(4), f.dir / "run").run(true);
    ADD_FAILURE() << "resumed on another split";
  } catch (const ModelError& e) {
    EXPECT_NE(
        std::string(e.what()).find("split differs from the run's (72/18 images then, 73/18 now"),
        std::string::npos)
        << e.what();
  }
  fs::remove(f.dir / "data" / "train" / "pattern0" / "extra.png");
  EXPECT_EQ(Trainer(Dataset::scan(f.dir / "data"), smallSpec(), smallConfig(4), f.dir / "run")
                .run(true)
                .history.size(),
            4u);
}

// --ema: the weight average is what is validated, saved and checkpointed; it does not feed
// back into training, and a resume continues it exactly.
TEST(Trainer, WeightAverageIsValidatedSavedAndSurvivesAResume) {
  Fixture f;
  TrainConfig c = smallConfig(4);
  c.ema = 0.9;
  const TrainResult averaged = Trainer(f.ds, smallSpec(), c, f.dir / "averaged").run();
  const TrainResult plain = Trainer(f.ds, smallSpec(), smallConfig(4), f.dir / "plain").run();
  ASSERT_EQ(averaged.history.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_DOUBLE_EQ(averaged.history[i].trainLoss, plain.history[i].trainLoss)
        << "epoch " << i + 1;
  EXPECT_NE(averaged.history.back().valLoss, plain.history.back().valLoss)
      << "validated: the average";

  // model.sddm holds the average: its validation loss is the one the log recorded.
  Predictor predictor(averaged.modelFile, "cpu", 1);
  const auto ev = sdd::evaluateModel(predictor, averaged.modelFile, f.ds, "validation");
  double loss = 0;
  for (std::size_t k = 0; k < ev.probs.size(); ++k)
    loss -= std::log(ev.probs[k][std::size_t(ev.truth[k])]);
  EXPECT_NEAR(loss / double(ev.probs.size()), averaged.history.back().valLoss, 1e-4);

  const fs::path dir = f.dir / "resumed";
  cancelAfterTwoEpochs(f, c, dir);
  // The average is part of the run: resuming without it (or it without a run that had one) is
  // refused.
  EXPECT_THROW(Trainer(f.ds, smallSpec(), smallConfig(4), dir).run(true), ModelError);
  TrainConfig withAverage = c;
  EXPECT_THROW(Trainer(f.ds, smallSpec(), withAverage, f.dir / "plain").run(true), ModelError);
  const TrainResult resumed = Trainer(f.ds, smallSpec(), c, dir).run(true);
  ASSERT_EQ(resumed.history.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_NEAR(resumed.history[i].valLoss, averaged.history[i].valLoss, 1e-6) << "epoch " << i + 1;

  TrainConfig bad = c;
  bad.ema = 0.2;
  EXPECT_THROW(bad.validate(), std::invalid_argument);
  bad.ema = 0;
  bad.labelSmoothing = 1;
  EXPECT_THROW(bad.validate(), std::invalid_argument);
  bad.labelSmoothing = 0.1;
  const TrainConfig back = nlohmann::json(bad).get<TrainConfig>();
  EXPECT_DOUBLE_EQ(back.labelSmoothing, 0.1);
  EXPECT_DOUBLE_EQ(nlohmann::json(c).get<TrainConfig>().ema, 0.9);
}

// A grey split for a 3-channel model is held once (one channel), a split with one colour image
// as three channels; the normalization counts pixel values exactly as a float pass would.
TEST(TrainingData, GreyImagesAreHeldAsOneChannelAndNormalizedExactly) {
  TempDir dir;
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 4; ++n)
      writeImage(dir / ("grey/c" + std::to_string(c) + "/" + std::to_string(n) + ".png"),
                 patternImage(c, n, 32, 32, 3));
  ModelSpec spec = ModelSpec::tableII(2);
  spec.inputSize = 32;
  const Dataset grey = Dataset::scan(dir / "grey");
  const training::SplitData g = training::loadSplit(grey, Split::Train, spec, 1, {});
  ASSERT_EQ(g.x.dim(), 4);
  EXPECT_EQ(g.x.size(1), 1);
  const Normalization n = training::computeNormalization(g.x, 3);
  ASSERT_EQ(n.mean.size(), 3u);
  const auto f = g.x.to(torch::kFloat64).div(255.0);
  EXPECT_NEAR(n.mean[0], f.mean().item<double>(), 1e-6);
  EXPECT_NEAR(n.std[2], f.std().item<double>(), 1e-6);
  // The batch the network sees has three equal channels.
  const auto x = normalizeBatch(g.x.slice(0, 0, 2), n, torch::kCPU, false);
  EXPECT_EQ(x.size(1), 3);
  EXPECT_TRUE(torch::equal(x.select(1, 0), x.select(1, 2)));

  cv::Mat colour = patternImage(0, 9, 32, 32, 3);
  colour.at<cv::Vec3b>(5, 5) = cv::Vec3b(10, 200, 30);
  writeImage(dir / "grey/c0/colour.png", colour);
  const Dataset mixed = Dataset::scan(dir / "grey");
  EXPECT_EQ(training::loadSplit(mixed, Split::Train, spec, 1, {}).x.size(1), 3);
}

// The messages of a one-epoch run on a three-class set with pattern2 removed from `split`.
std::vector<std::string> messagesWithoutPattern2In(const std::string& split) {
  TempDir dir;
  makePatternDataset(dir / "data", 8, 2);
  fs::remove_all(dir / "data" / split / "pattern2");
  const Dataset ds = Dataset::scan(dir / "data");
  EXPECT_EQ(ds.classes().size(), 3u);
  Trainer trainer(ds, smallSpec(), smallConfig(1), dir / "run");
  std::vector<std::string> messages;
  trainer.onMessage = [&](const std::string& m) { messages.push_back(m); };
  trainer.run();
  return messages;
}

// MVTec AD keeps every defect image in test/: a class with no training images is trained
// on anyway (the others still are learnt), but the run says which class and what to do.
TEST(Trainer, AClassWithoutTrainingImagesIsNamedWithTheWayOut) {
  const std::vector<std::string> messages = messagesWithoutPattern2In("train");
  const auto named = std::find_if(messages.begin(), messages.end(), [](const std::string& m) {
    return m.find("class 'pattern2' has no training images (2 in validation)") !=
               std::string::npos &&
           m.find("--split-seed") != std::string::npos;
  });
  EXPECT_NE(named, messages.end());
}

// A class with one image has none left for validation: its recall is not measured, so the
// run says so instead of showing 0 ("never found") and a macro F1 lowered without a word.
TEST(Trainer, AClassWithoutValidationImagesIsNamedAndItsRecallIsNotShownAsZero) {
  const std::vector<std::string> messages = messagesWithoutPattern2In("validation");
  auto said = [&](const std::string& text) {
    return std::any_of(messages.begin(), messages.end(),
                       [&](const std::string& m) { return m.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(said("class 'pattern2' has no validation images (8 in training)"));
  EXPECT_TRUE(said("pattern2 n/a (no images)"));
}

// Without validation images nothing is scored: the epochs say "not validated" (and the log's
// validation cells are empty) instead of an accuracy and F1 of 0, and keeping the "best" epoch
// keeps the last, the only one known to be the most trained — not the first.
TEST(Trainer, WithoutValidationImagesNothingIsScoredAndTheBestEpochIsTheLast) {
  TempDir dir;
  makePatternDataset(dir / "data", 8, 0);
  ScanOptions opt;
  opt.validationFraction = 0;
  const Dataset ds = Dataset::scan(dir / "data", opt);
  ASSERT_TRUE(ds.indices(Split::Validation).empty());
  TrainConfig cfg = smallConfig(3);
  cfg.keep = "best";
  Trainer trainer(ds, smallSpec(), cfg, dir / "run");
  std::vector<std::string> messages;
  trainer.onMessage = [&](const std::string& m) { messages.push_back(m); };
  const TrainResult r = trainer.run();
  ASSERT_EQ(r.history.size(), 3u);
  for (const EpochStats& e : r.history) EXPECT_FALSE(e.validated) << "epoch " << e.epoch;
  EXPECT_EQ(r.bestEpoch, 3);
  EXPECT_TRUE(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
    return m.find("validation is not measured") != std::string::npos;
  }));
  const std::string log = sdd::test::readBytes(dir / "run" / "log.csv");
  EXPECT_NE(log.find("\n3,"), std::string::npos);
  EXPECT_NE(log.find(",,,"), std::string::npos) << log;
  EXPECT_FALSE(nlohmann::json(r.history[0]).get<EpochStats>().validated);  // the checkpoint's
}
