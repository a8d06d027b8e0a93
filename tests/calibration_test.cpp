// Calibration of confidence: ECE and Brier as defined, temperature scaling that finds the
// temperature that made overconfident probabilities and never moves the decision, and the
// risk-coverage rule behind "review below this confidence", and the confidence rule a model
// file carries.
#include "sdd/metrics/calibration.h"

#include <gtest/gtest.h>

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
