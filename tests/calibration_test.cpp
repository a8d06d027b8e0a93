// Calibration of confidence: ECE and Brier as defined, temperature scaling that finds the
// temperature that made overconfident probabilities and never moves the decision, and the
// risk-coverage rule behind "review below this confidence", and the confidence rule a model
// file carries.
#include "sdd/metrics/calibration.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "sdd/model/model_spec.h"

using namespace sdd;

namespace {

/// `n` images over 3 classes whose true-class logit margin is random; probabilities at
/// temperature 1 are calibrated by construction (the label is drawn from them), then
/// sharpened by 1/`t`.
void makeSample(int n, double t, ProbabilityRows& probs, std::vector<int>& truth) {
  std::mt19937 rng(7);
  std::normal_distribution<double> logit(0, 2);
  for (int i = 0; i < n; ++i) {
    std::vector<double> z = {logit(rng), logit(rng), logit(rng)};
    double sum = 0;
    std::vector<float> p(3);
    for (double& v : z) sum += std::exp(v);
    for (int c = 0; c < 3; ++c) p[std::size_t(c)] = float(std::exp(z[std::size_t(c)]) / sum);
    std::discrete_distribution<int> draw(p.begin(), p.end());
    truth.push_back(draw(rng));
    probs.push_back(withTemperature({p}, 1.0 / t)[0]);  // overconfident for t > 1
  }
}

}  // namespace

TEST(Calibration, EceAndBrierAreZeroForCertainRightAnswersAndLargeForConfidentWrongOnes) {
  const ProbabilityRows right = {{1, 0, 0}, {0, 1, 0}};
  EXPECT_NEAR(expectedCalibrationError(right, {0, 1}), 0, 1e-9);
  EXPECT_NEAR(brierScore(right, {0, 1}), 0, 1e-9);
  const ProbabilityRows wrong = {{0.9f, 0.1f, 0}, {0.9f, 0.1f, 0}};
  EXPECT_NEAR(expectedCalibrationError(wrong, {1, 1}), 0.9, 1e-6);  // confident 0.9, right 0
  EXPECT_NEAR(brierScore(wrong, {1, 1}), 0.81 + 0.81, 1e-6);
  // Two bins: 0.55 (right) and 0.95 (wrong): |1 - 0.55| and |0 - 0.95|, averaged.
  EXPECT_NEAR(expectedCalibrationError({{0.55f, 0.45f}, {0.95f, 0.05f}}, {0, 1}), 0.7, 1e-6);
}

TEST(Calibration, TemperatureScalingFindsTheSharpeningAndKeepsEveryDecision) {
  ProbabilityRows probs;
  std::vector<int> truth;
  makeSample(4000, 2.5, probs, truth);
  const double t = fitTemperature(probs, truth);
  EXPECT_NEAR(t, 2.5, 0.3);
  const ProbabilityRows scaled = withTemperature(probs, t);
  for (std::size_t i = 0; i < probs.size(); ++i)
    EXPECT_EQ(std::max_element(scaled[i].begin(), scaled[i].end()) - scaled[i].begin(),
              std::max_element(probs[i].begin(), probs[i].end()) - probs[i].begin());
  const CalibrationReport r = calibrate(probs, truth);
  EXPECT_NEAR(r.temperature, t, 1e-6);
  EXPECT_LT(r.eceAfter, r.eceBefore / 2);  // cross-fitted, still much better
  EXPECT_LT(r.brierAfter, r.brierBefore);
  EXPECT_LT(r.eceAfter, 0.03);
  EXPECT_EQ(fitTemperature({}, {}), 1.0);
}

TEST(Calibration, TheOperatingPointAcceptsTheMostImagesWithinTheErrorTarget) {
  // Confidences 0.99 0.95 0.9 (right), 0.8 (wrong), 0.7 0.6 (right), 0.5 (wrong).
  const ProbabilityRows probs = {{0.99f, 0.01f}, {0.95f, 0.05f}, {0.9f, 0.1f}, {0.8f, 0.2f},
                                 {0.7f, 0.3f},   {0.6f, 0.4f},   {0.5f, 0.5f}};
  const std::vector<int> truth = {0, 0, 0, 1, 0, 0, 1};
  const auto curve = riskCoverage(probs, truth);
  ASSERT_EQ(curve.size(), 7u);
  EXPECT_NEAR(curve[2].coverage, 3.0 / 7, 1e-9);
  EXPECT_NEAR(curve[3].risk, 1.0 / 4, 1e-9);
  const RiskCoveragePoint none = operatingPoint(curve, 0.0);
  EXPECT_NEAR(none.threshold, 0.9, 1e-6);  // the three sure ones
  EXPECT_NEAR(none.coverage, 3.0 / 7, 1e-9);
  const RiskCoveragePoint some = operatingPoint(curve, 0.2);
  EXPECT_NEAR(some.threshold, 0.6, 1e-6);  // 1 error in 6
  EXPECT_NEAR(some.coverage, 6.0 / 7, 1e-9);
  EXPECT_EQ(operatingPoint({}, 0.1).coverage, 0.0);
}

// The confidence rule decides accept or review on the calibrated top probability and never
// changes the class; a model file keeps it, and refuses a damaged one.
TEST(Calibration, TheConfidenceRuleSendsAnAmbiguousImageToReviewAndTravelsInTheModelFile) {
  ConfidenceRule rule;
  rule.temperature = 2;
  rule.reviewBelow = 0.8;
  const Decided sure = decide({0.001f, 0.998f, 0.001f}, rule);
  EXPECT_EQ(sure.decision, Decision::Accept);
  EXPECT_EQ(sure.label, 1);
  EXPECT_LT(sure.calibrated, 0.998f);  // softened by the temperature
  EXPECT_GT(sure.calibrated, 0.8f);
  const Decided ambiguous = decide({0.554f, 0.440f, 0.006f}, rule);
  EXPECT_EQ(ambiguous.decision, Decision::Review);
  EXPECT_EQ(ambiguous.label, 0);
  EXPECT_STREQ(toString(ambiguous.decision), "review");
  EXPECT_EQ(decide({0.5f, 0.5f}, ConfidenceRule{}).decision, Decision::Accept);  // no rule

  ModelMetadata meta;
  meta.classes = {"a", "b"};
  meta.spec = ModelSpec::tableII(2);
  rule.maxRisk = 0.002;
  rule.fittedOn = "test, validation split, 10 images";
  meta.confidenceRule = rule;
  const ModelMetadata back = nlohmann::json(meta).get<ModelMetadata>();
  ASSERT_TRUE(back.confidenceRule.has_value());
  EXPECT_EQ(back.confidenceRule->temperature, 2);
  EXPECT_EQ(back.confidenceRule->reviewBelow, 0.8);
  EXPECT_EQ(back.confidenceRule->fittedOn, rule.fittedOn);
  meta.confidenceRule.reset();
  EXPECT_FALSE(nlohmann::json(meta).get<ModelMetadata>().confidenceRule.has_value());
  nlohmann::json bad = nlohmann::json(back);
  bad["confidence_rule"]["temperature"] = -1;
  EXPECT_THROW(bad.get<ModelMetadata>(), ModelError);
}

// A class can have a review threshold of its own (a critical defect reviewed unless very
// sure): it applies to images whose most probable class it is, others keep the overall one.
// Fitted per class, each class's accepted held-out images stay within the error target; the
// thresholds travel in the model file (null: the overall one) and a damaged list is refused.
TEST(Calibration, AClassWithAReviewThresholdOfItsOwnIsReviewedByItAndItTravels) {
  ConfidenceRule rule;
  rule.reviewBelow = 0.8;
  rule.reviewBelowByClass = {0.95, -1, -1};
  EXPECT_EQ(reviewThreshold(rule, 0), 0.95);
  EXPECT_EQ(reviewThreshold(rule, 1), 0.8);
  EXPECT_EQ(reviewThreshold(rule, 7), 0.8);                                  // beyond the list
  EXPECT_EQ(decide({0.9f, 0.05f, 0.05f}, rule).decision, Decision::Review);  // class 0: 0.95
  EXPECT_EQ(decide({0.05f, 0.9f, 0.05f}, rule).decision, Decision::Accept);  // class 1: 0.8
  EXPECT_EQ(decide({0.97f, 0.02f, 0.01f}, rule).decision, Decision::Accept);
  EXPECT_EQ(classReviewThresholds(rule, {"crazing", "pits", "scratch"}), "crazing 0.95");

  // Class 0 predicted right with confidence 0.99-0.7, wrong at 0.75; class 1 always right.
  const ProbabilityRows probs = {{0.99f, 0.01f}, {0.9f, 0.1f}, {0.75f, 0.25f}, {0.7f, 0.3f},
                                 {0.2f, 0.8f},   {0.4f, 0.6f}, {0.45f, 0.55f}};
  const std::vector<int> truth = {0, 0, 1, 0, 1, 1, 1};
  std::vector<std::size_t> images;
  const auto points = perClassOperatingPoints(probs, truth, 3, 0.0, &images);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(images, (std::vector<std::size_t>{4, 3, 0}));
  EXPECT_NEAR(points[0].threshold, 0.9, 1e-6);   // above the wrong 0.75
  EXPECT_NEAR(points[1].threshold, 0.55, 1e-6);  // every one of class 1
  EXPECT_EQ(points[2].threshold, -1);            // none predicted: the overall threshold
  RuleFitInput in;
  in.heldOutProbs = probs;
  in.heldOutTruth = truth;
  in.classes = 2;
  in.maxRisk = 0;
  in.reviewPerClass = true;
  const RuleFit fit = fitConfidenceRule(in);
  ASSERT_EQ(fit.rule.reviewBelowByClass.size(), 2u);
  for (std::size_t i = 0; i < probs.size(); ++i) {
    const Decided d = decide(probs[i], fit.rule);
    if (d.decision == Decision::Accept) {
      EXPECT_EQ(d.label, truth[i]) << "image " << i;
    }
  }
  EXPECT_NE(describe(fit, {"crazing", "pits"}).find("crazing: review below"), std::string::npos);

  ModelMetadata meta;
  meta.classes = {"a", "b", "c"};
  meta.spec = ModelSpec::tableII(3);
  meta.confidenceRule = rule;
  nlohmann::json j = meta;
  EXPECT_TRUE(j["confidence_rule"]["review_below_by_class"][1].is_null());
  const ModelMetadata back = j.get<ModelMetadata>();
  EXPECT_EQ(back.confidenceRule->reviewBelowByClass, rule.reviewBelowByClass);
  for (const nlohmann::json& bad :
       {nlohmann::json::array({0.9, nullptr}), nlohmann::json::array({1.5, nullptr, nullptr}),
        nlohmann::json::array({"x", nullptr, nullptr})}) {
    j["confidence_rule"]["review_below_by_class"] = bad;
    EXPECT_THROW(j.get<ModelMetadata>(), std::exception) << bad.dump();
  }
}

// A model cannot judge an image far smaller than every image it was trained on (a 3x3 crop of
// a 200-px defect image, blown up 16x into its input), nor one squashed into its square input
// from a very different shape: such an image is unknown, with the reason, whatever its SoftMax
// says; the shapes are the training images' and travel in the model file.
TEST(Calibration, ImagesFarOutsideTheTrainedSizesAreUnknownWithTheReason) {
  ConfidenceRule rule;
  rule.shapes = trainedShapes({{200, 200}, {240, 200}, {0, 0}});
  EXPECT_EQ(rule.shapes.minShortSide, 200);
  EXPECT_DOUBLE_EQ(rule.shapes.minAspect, 1.0);
  EXPECT_DOUBLE_EQ(rule.shapes.maxAspect, 1.2);
  const std::vector<float> sure = {0.001f, 0.998f, 0.001f};
  EXPECT_EQ(decide(sure, rule, 0, 200, 200).decision, Decision::Accept);
  EXPECT_EQ(decide(sure, rule, 0, 50, 50).decision, Decision::Accept) << "4x smaller: still";
  EXPECT_EQ(decide(sure, rule, 0, 4000, 4000).decision, Decision::Accept) << "larger is fine";
  EXPECT_EQ(decide(sure, rule, 0, 480, 200).decision, Decision::Accept) << "2.4 = 2 x 1.2";
  EXPECT_EQ(decide(sure, rule).decision, Decision::Accept) << "size not given";
  const Decided tiny = decide(sure, rule, 0, 3, 3);
  EXPECT_EQ(tiny.decision, Decision::Unknown);
  EXPECT_EQ(tiny.label, 1) << "the rule never moves the arg-max";
  EXPECT_NE(tiny.outside.find("3x3 px: far smaller"), std::string::npos) << tiny.outside;
  EXPECT_NE(tiny.outside.find("200 px"), std::string::npos) << tiny.outside;
  EXPECT_EQ(decide(sure, rule, 0, 49, 60).decision, Decision::Unknown);
  const Decided strip = decide(sure, rule, 0, 2000, 200);
  EXPECT_EQ(strip.decision, Decision::Unknown);
  EXPECT_NE(strip.outside.find("width / height 10.00"), std::string::npos) << strip.outside;
  EXPECT_EQ(decide(sure, rule, 0, 200, 410).decision, Decision::Unknown) << "tall: 0.49 < 0.5";
  EXPECT_TRUE(decide(sure, ConfidenceRule{}, 0, 3, 3).outside.empty()) << "nothing recorded";

  ModelMetadata meta;
  meta.classes = {"a", "b", "c"};
  meta.spec = ModelSpec::tableII(3);
  meta.confidenceRule = rule;
  const ModelMetadata back = nlohmann::json(meta).get<ModelMetadata>();
  ASSERT_TRUE(back.confidenceRule.has_value());
  EXPECT_EQ(back.confidenceRule->shapes.minShortSide, 200);
  EXPECT_DOUBLE_EQ(back.confidenceRule->shapes.maxAspect, 1.2);
  nlohmann::json bad = nlohmann::json(back);
  bad["confidence_rule"]["trained_shapes"]["min_aspect"] = 5;  // above max_aspect
  EXPECT_THROW(bad.get<ModelMetadata>(), ModelError);
}

namespace {
/// `n` descriptors of 8 values around each of `classes` class means (class c's mean is 4 in
/// coordinate c, 0 elsewhere; unit spread) with a confident SoftMax for their class. As a
/// model's descriptor: the first 3 values the input's part, the other 5 the first block's.
void makeClusters(int classes, int n, DescriptorRows& rows, ProbabilityRows& probs,
                  std::vector<int>& labels, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0, 1);
  std::uniform_real_distribution<float> sure(0.8f, 1.0f);
  for (int c = 0; c < classes; ++c)
    for (int i = 0; i < n; ++i) {
      std::vector<float> d(8);
      for (int k = 0; k < 8; ++k) d[std::size_t(k)] = noise(rng) + (k == c + 3 ? 4.0f : 0.0f);
      rows.push_back(d);
      std::vector<float> p(std::size_t(classes), 0.0f);
      p[std::size_t(c)] = sure(rng);
      for (int o = 0; o < classes; ++o)
        if (o != c) p[std::size_t(o)] = (1 - p[std::size_t(c)]) / float(classes - 1);
      probs.push_back(p);
      labels.push_back(c);
    }
}
}  // namespace

// The unknown score: around 0 for images like the training ones, far larger for one far from
// every class even when its SoftMax is sure; the threshold calls at most the allowed share of
// known images unknown; unknown outranks review and accept; the detector travels in the model
// file and a damaged one is refused.
TEST(UnknownScore, AFarImageIsUnknownWhateverTheSoftMaxSays) {
  DescriptorRows train, val;
  ProbabilityRows trainP, valP;
  std::vector<int> trainLabels, valLabels;
  makeClusters(3, 200, train, trainP, trainLabels, 1);
  makeClusters(3, 100, val, valP, valLabels, 2);
  UnknownDetector det = fitUnknownDetector(train, trainP, trainLabels, 3, 3, 5);
  ASSERT_EQ(det.parts.size(), 3u);
  EXPECT_EQ(det.descriptorLength(), 8);
  const std::vector<double> known = unknownScores(det, val, valP);
  std::vector<double> sorted = known;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_LT(std::abs(sorted[sorted.size() / 2]), 1.0);  // scaled: a typical image near 0

  det.threshold = unknownThreshold(known, 0.01);
  const auto above =
      std::count_if(known.begin(), known.end(), [&](double v) { return v > det.threshold; });
  EXPECT_LE(above, 3);  // 1 % of 300
  EXPECT_GE(above, 2);  // and not far fewer: the threshold is not needlessly high
  std::vector<float> far(8, 0.0f);
  far[7] = 40;  // far along a direction no class uses, in the first block's part
  const std::vector<float> confident{0.01f, 0.98f, 0.01f};
  EXPECT_GT(unknownScore(det, far, confident), 10 * det.threshold);
  std::vector<float> flat(8, 0.0f);
  flat[0] = -30;  // an input unlike every training image's (a blank frame, say)
  EXPECT_GT(unknownScore(det, flat, confident), det.threshold);
  EXPECT_THROW(unknownScore(det, std::vector<float>(3, 0.0f), confident), std::invalid_argument);

  ConfidenceRule rule;
  rule.reviewBelow = 0.8;
  rule.unknown = det;
  EXPECT_EQ(decide(confident, rule, unknownScore(det, far, confident)).decision,
            Decision::Unknown);  // a confident SoftMax does not make it known
  EXPECT_EQ(decide(valP.front(), rule, known.front()).decision == Decision::Unknown,
            known.front() > det.threshold);
  EXPECT_STREQ(toString(Decision::Unknown), "unknown");

  // AUROC: separated scores 1, equal ones 0.5.
  EXPECT_DOUBLE_EQ(aurocOfScores({1, 2, 3}, {4, 5}), 1.0);
  EXPECT_DOUBLE_EQ(aurocOfScores({1, 1}, {1, 1}), 0.5);
  EXPECT_DOUBLE_EQ(aurocOfScores({4, 5}, {1, 2, 3}), 0.0);

  ModelMetadata meta;
  meta.classes = {"a", "b", "c"};
  meta.spec = ModelSpec::recommended(3);
  meta.spec.inputChannels = 1;  // a descriptor of 3 + 2 x (2 + 1) = 9 >= 8 values
  meta.spec.convChannels = {2, 1};
  meta.normalization = {{0.5f}, {0.25f}};
  det.parts[1].length = 5;
  meta.confidenceRule = rule;
  meta.confidenceRule->unknown = det;
  const ModelMetadata back = nlohmann::json(meta).get<ModelMetadata>();
  ASSERT_TRUE(back.confidenceRule.has_value());
  EXPECT_EQ(back.confidenceRule->unknown.threshold, det.threshold);
  EXPECT_EQ(unknownScore(back.confidenceRule->unknown, far, confident),
            unknownScore(det, far, confident));
  nlohmann::json bad = nlohmann::json(meta);
  bad["confidence_rule"]["unknown"]["parts"][1]["whitening"].erase(0);
  EXPECT_THROW(bad.get<ModelMetadata>(), ModelError);
  bad = nlohmann::json(meta);
  bad["confidence_rule"]["unknown"]["parts"][1]["means"].erase(0);
  EXPECT_THROW(bad.get<ModelMetadata>(), ModelError);
  bad = nlohmann::json(meta);
  bad["confidence_rule"]["unknown"]["parts"][1]["offset"] = 7;  // past the descriptor's end
  EXPECT_THROW(bad.get<ModelMetadata>(), ModelError);
}

// Fitting the whole rule: the temperature, the review threshold and the unknown detector, with
// the share of held-out known images called unknown reported both as chosen and cross-fitted.
TEST(UnknownScore, TheRuleFitReportsItsFiguresAndSaysWhatItWasFittedOn) {
  RuleFitInput in;
  ProbabilityRows unused;
  std::vector<int> valLabels;
  makeClusters(3, 200, in.trainDescriptors, in.trainProbs, in.trainLabels, 3);
  makeClusters(3, 100, in.heldOutDescriptors, unused, in.heldOutTruth, 4);
  makeSample(300, 1.0, in.heldOutProbs, valLabels);
  in.heldOutTruth = valLabels;
  in.classes = 3;
  in.descriptorParts = {3, 5};
  const RuleFit fit = fitConfidenceRule(in);
  EXPECT_FALSE(fit.rule.unknown.empty());
  EXPECT_GT(fit.rule.unknown.threshold, 0);
  EXPECT_LE(fit.knownUnknown, 0.01);
  EXPECT_LT(fit.knownUnknownCrossFitted, 0.05);
  const std::string text = describe(fit);
  EXPECT_NE(text.find("validation split"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown above"), std::string::npos) << text;
  in.heldOutProbs.clear();
  EXPECT_THROW(fitConfidenceRule(in), std::invalid_argument);
}
