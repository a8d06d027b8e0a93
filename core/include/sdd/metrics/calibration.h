#pragma once
/// How far a classifier's confidence can be trusted, from its probabilities and the true
/// labels: expected calibration error (ECE, equal-width bins) and the Brier score,
/// temperature scaling (one temperature for all classes, fitted by likelihood), and the
/// risk-coverage curve of a "review below this confidence" rule with the operating point for
/// a target error rate. Temperature scaling never changes which class is most probable.
/// Works on probabilities (a model's SoftMax output): log p stands for the logits, which is
/// exact up to a per-image constant that SoftMax ignores; p is clamped at 1e-12.
/// Thread-safety: plain functions over values.

#include <string>
#include <utility>
#include <vector>

#include "sdd/metrics/unknown_score.h"

namespace sdd {

using ProbabilityRows = std::vector<std::vector<float>>;

/// One bin of a reliability diagram: the images whose top probability is in [from, to), their
/// mean top probability and the share of them classified right.
struct ReliabilityBin {
  double from = 0, to = 0, confidence = 0, accuracy = 0;
  int images = 0;
};
std::vector<ReliabilityBin> reliabilityBins(const ProbabilityRows& probs,
                                            const std::vector<int>& truth, int bins = 15);

/// ECE: the images binned by top probability into `bins` equal-width bins; the mean over
/// images of |bin accuracy - bin mean confidence|. 0 for no images.
double expectedCalibrationError(const ProbabilityRows& probs, const std::vector<int>& truth,
                                int bins = 15);
/// Brier score: the mean over images of the squared distance between the probabilities and
/// the one-hot truth (0 perfect, 2 worst).
double brierScore(const ProbabilityRows& probs, const std::vector<int>& truth);

/// The probabilities at temperature `t`: softmax(log p / t). t > 1 softens, t < 1 sharpens.
ProbabilityRows withTemperature(const ProbabilityRows& probs, double t);
/// The temperature in [0.05, 20] that minimizes the negative log-likelihood of `truth`
/// (golden-section search on log t). 1 for no images.
double fitTemperature(const ProbabilityRows& probs, const std::vector<int>& truth);

/// Calibration measured honestly on the data it is fitted on: two-fold cross-fitting (each
/// half scaled with the temperature fitted on the other half), so that no image is scored
/// with a temperature that saw it; `temperature` is then fitted on all images, for use.
struct CalibrationReport {
  double temperature = 1;
  double eceBefore = 0, eceAfter = 0;      ///< after: cross-fitted
  double brierBefore = 0, brierAfter = 0;  ///< after: cross-fitted
  int images = 0;
};
CalibrationReport calibrate(const ProbabilityRows& probs, const std::vector<int>& truth);

/// One point of the risk-coverage curve: accepting the images whose top probability is at
/// least `threshold` accepts the fraction `coverage` of them, with error rate `risk` among
/// those accepted.
struct RiskCoveragePoint {
  double threshold = 1, coverage = 0, risk = 0;
};
/// The curve, one point per distinct confidence, from the most confident image down.
std::vector<RiskCoveragePoint> riskCoverage(const ProbabilityRows& probs,
                                            const std::vector<int>& truth);
/// The point of largest coverage whose risk is at most `maxRisk` (coverage 0, threshold above
/// every confidence when none is).
RiskCoveragePoint operatingPoint(const std::vector<RiskCoveragePoint>& curve, double maxRisk);

/// The sizes of the images a model was trained on, as far as judging a new image needs them:
/// an image much smaller than all of them (its shorter side under a quarter of theirs: blown
/// up 4x beyond anything seen) or of a very different shape (width / height more than twice
/// outside theirs: squashed into the network's square input) is outside what the model can
/// judge, whatever its SoftMax says.
struct TrainedShapes {
  int minShortSide = 0;                 ///< 0: not recorded (model files before 2026-12-06)
  double minAspect = 0, maxAspect = 0;  ///< width / height
  bool empty() const { return minShortSide <= 0; }
};
/// The shapes of images given as (width, height); empty for none.
TrainedShapes trainedShapes(const std::vector<std::pair<int, int>>& sizes);
/// Why a width x height image is outside `shapes`, in words naming both; "" when it is not (or
/// nothing is recorded, or the size is unknown: 0).
std::string outsideTrainedShapes(const TrainedShapes& shapes, int width, int height);

/// A model's rule for trusting its decisions, kept in its model file (fitted at the end of
/// training, or by `sdd calibrate`): the temperature its probabilities are scaled with, the
/// calibrated top probability below which an image goes to a person (review) instead of being
/// accepted, and the detector whose score above its threshold makes an image "unknown".
struct ConfidenceRule {
  double temperature = 1;
  double reviewBelow = 0;  ///< 0: every decision accepted
  /// Thresholds for images whose most probable class is k (a critical class reviewed more
  /// often, or one fitted on its own): entry k < 0, or no entry, is reviewBelow.
  std::vector<double> reviewBelowByClass;
  double maxRisk = 0;       ///< the error rate among accepted images it was chosen for
  std::string fittedOn;     ///< the data it was fitted on, in words
  UnknownDetector unknown;  ///< empty: nothing is called unknown
  TrainedShapes shapes;     ///< empty: any image size is judged
};
/// The review threshold for an image whose most probable class is `label`.
double reviewThreshold(const ConfidenceRule& rule, int label);
/// The classes with a threshold of their own, as "crazing 0.99, scratches 0.95" ("" when none).
std::string classReviewThresholds(const ConfidenceRule& rule,
                                  const std::vector<std::string>& classNames);
/// Unknown outranks review: an image unlike every class is not one a person should confirm as
/// the class the SoftMax happened to pick.
enum class Decision { Accept, Review, Unknown };
const char* toString(Decision decision);  ///< "accept" | "review" | "unknown"
struct Decided {
  Decision decision = Decision::Accept;
  int label = -1;        ///< the most probable class (the rule never changes it)
  float calibrated = 0;  ///< its probability at the rule's temperature
  std::string outside;   ///< why the image is outside the trained shapes (then Unknown)
};
/// Everything a confidence rule is fitted from, and the figures it was fitted to: the
/// temperature and review threshold on held-out images (`heldOut*`, normally the validation
/// split), the unknown detector's Gaussians on the training images' descriptors, its threshold
/// on the held-out images' scores.
struct RuleFitInput {
  ProbabilityRows heldOutProbs;
  std::vector<int> heldOutTruth;
  DescriptorRows heldOutDescriptors;  ///< empty: no unknown detector
  DescriptorRows trainDescriptors;
  ProbabilityRows trainProbs;
  std::vector<std::pair<int, int>> trainSizes;  ///< the training images' (width, height)
  std::vector<int> trainLabels;
  int classes = 0;
  /// The descriptor's parts (ModelSpec::descriptorParts): the input's, then each block's.
  std::vector<int> descriptorParts;
  double maxRisk = 0.002;         ///< error rate allowed among accepted held-out images
  double maxKnownUnknown = 0.01;  ///< share of held-out (known) images allowed to be unknown
  /// Also a review threshold per class: the lowest that keeps the error rate among accepted
  /// held-out images *predicted as that class* at most maxRisk (perClassReviewThresholds).
  bool reviewPerClass = false;
  std::string heldOutName = "validation split", trainName = "training split";
};
struct RuleFit {
  ConfidenceRule rule;
  CalibrationReport calibration;
  RiskCoveragePoint operating;  ///< on the held-out images, at the rule's threshold
  /// Per class (with reviewPerClass): the held-out images predicted as it and its operating
  /// point there.
  std::vector<std::size_t> perClassImages;
  std::vector<RiskCoveragePoint> perClassOperating;
  /// The share of held-out known images called unknown: at the rule's threshold (chosen on
  /// them), and two-fold cross-fitted (each half judged with the other half's threshold).
  double knownUnknown = 0, knownUnknownCrossFitted = 0;
};
/// Fits the whole rule. Throws std::invalid_argument when there are no held-out images.
RuleFit fitConfidenceRule(const RuleFitInput& in);
/// The fit in a few lines of words and figures, for the CLI and the training log (classes
/// named by `classNames` where given, else by number).
std::string describe(const RuleFit& fit, const std::vector<std::string>& classNames = {});

/// For each class k < `classes`, the operating point (at `maxRisk`) of the calibrated held-out
/// images whose most probable class is k; a class no image is predicted as gets threshold -1
/// (the global one then holds). `images`, when given, receives how many each class had.
std::vector<RiskCoveragePoint> perClassOperatingPoints(const ProbabilityRows& calibrated,
                                                       const std::vector<int>& truth, int classes,
                                                       double maxRisk,
                                                       std::vector<std::size_t>* images = nullptr);

/// The decision for one image's probabilities and unknown score under `rule`; with the
/// image's stored size (width, height > 0), one outside the rule's trained shapes is Unknown.
Decided decide(const std::vector<float>& probabilities, const ConfidenceRule& rule,
               double unknownScore = 0, int width = 0, int height = 0);

}  // namespace sdd
