#include "sdd/metrics/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace sdd {

namespace {

constexpr double kFloor = 1e-12;

int argmax(const std::vector<float>& p) {
  return int(std::max_element(p.begin(), p.end()) - p.begin());
}

// The mean negative log-likelihood of `truth` at temperature t.
double nll(const ProbabilityRows& probs, const std::vector<int>& truth, double t) {
  double sum = 0;
  for (std::size_t i = 0; i < probs.size(); ++i) {
    const auto& p = probs[i];
    // log softmax(log p / t) at the truth, computed stably from the largest term.
    double top = -1e300;
    for (float v : p) top = std::max(top, std::log(std::max(double(v), kFloor)) / t);
    double z = 0;
    for (float v : p) z += std::exp(std::log(std::max(double(v), kFloor)) / t - top);
    const double own = std::log(std::max(double(p[std::size_t(truth[i])]), kFloor)) / t;
    sum += -(own - top - std::log(z));
  }
  return probs.empty() ? 0 : sum / double(probs.size());
}

template <class Pick>
void subset(const ProbabilityRows& probs, const std::vector<int>& truth, Pick pick,
            ProbabilityRows& p, std::vector<int>& t) {
  for (std::size_t i = 0; i < probs.size(); ++i)
    if (pick(i)) {
      p.push_back(probs[i]);
      t.push_back(truth[i]);
    }
}

}  // namespace

std::vector<ReliabilityBin> reliabilityBins(const ProbabilityRows& probs,
                                            const std::vector<int>& truth, int bins) {
  std::vector<ReliabilityBin> out(std::size_t(std::max(bins, 0)));
  for (int b = 0; b < bins; ++b) {
    out[std::size_t(b)].from = double(b) / bins;
    out[std::size_t(b)].to = double(b + 1) / bins;
  }
  if (bins < 1) return out;
  for (std::size_t i = 0; i < probs.size(); ++i) {
    const int k = argmax(probs[i]);
    const double c = probs[i][std::size_t(k)];
    ReliabilityBin& bin = out[std::size_t(std::min(bins - 1, int(c * bins)))];
    bin.confidence += c;
    bin.accuracy += k == truth[i] ? 1 : 0;
    ++bin.images;
  }
  for (ReliabilityBin& bin : out)
    if (bin.images) {
      bin.confidence /= bin.images;
      bin.accuracy /= bin.images;
    }
  return out;
}

double expectedCalibrationError(const ProbabilityRows& probs, const std::vector<int>& truth,
                                int bins) {
  if (probs.empty() || bins < 1) return 0;
  double ece = 0;
  for (const ReliabilityBin& b : reliabilityBins(probs, truth, bins))
    ece += b.images * std::abs(b.accuracy - b.confidence);
  return ece / double(probs.size());
}

double brierScore(const ProbabilityRows& probs, const std::vector<int>& truth) {
  if (probs.empty()) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < probs.size(); ++i)
    for (std::size_t c = 0; c < probs[i].size(); ++c) {
      const double d = probs[i][c] - (int(c) == truth[i] ? 1.0 : 0.0);
      sum += d * d;
    }
  return sum / double(probs.size());
}

ProbabilityRows withTemperature(const ProbabilityRows& probs, double t) {
  ProbabilityRows out;
  out.reserve(probs.size());
  for (const auto& p : probs) {
    std::vector<double> z(p.size());
    double top = -1e300;
    for (std::size_t c = 0; c < p.size(); ++c) {
      z[c] = std::log(std::max(double(p[c]), kFloor)) / t;
      top = std::max(top, z[c]);
    }
    double sum = 0;
    for (double& v : z) sum += (v = std::exp(v - top));
    std::vector<float> q(p.size());
    for (std::size_t c = 0; c < p.size(); ++c) q[c] = float(z[c] / sum);
    out.push_back(std::move(q));
  }
  return out;
}

double fitTemperature(const ProbabilityRows& probs, const std::vector<int>& truth) {
  if (probs.empty()) return 1;
  // The NLL is convex in 1/t for fixed logits; golden-section search on log t is enough.
  double a = std::log(0.05), b = std::log(20.0);
  const double g = (std::sqrt(5.0) - 1) / 2;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = nll(probs, truth, std::exp(c)), fd = nll(probs, truth, std::exp(d));
  for (int it = 0; it < 80; ++it) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nll(probs, truth, std::exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nll(probs, truth, std::exp(d));
    }
  }
  return std::exp((a + b) / 2);
}

CalibrationReport calibrate(const ProbabilityRows& probs, const std::vector<int>& truth) {
  CalibrationReport r;
  r.images = int(probs.size());
  r.eceBefore = expectedCalibrationError(probs, truth);
  r.brierBefore = brierScore(probs, truth);
  r.temperature = fitTemperature(probs, truth);
  // Two folds by position (even / odd): each half scaled with the other half's temperature.
  ProbabilityRows scored(probs.size());
  for (int fold = 0; fold < 2; ++fold) {
    ProbabilityRows fitP, testP;
    std::vector<int> fitT, testT;
    subset(
        probs, truth, [&](std::size_t i) { return int(i % 2) != fold; }, fitP, fitT);
    subset(
        probs, truth, [&](std::size_t i) { return int(i % 2) == fold; }, testP, testT);
    const ProbabilityRows scaled = withTemperature(testP, fitTemperature(fitP, fitT));
    for (std::size_t k = 0, i = std::size_t(fold); k < scaled.size(); ++k, i += 2)
      scored[i] = scaled[k];
  }
  r.eceAfter = expectedCalibrationError(scored, truth);
  r.brierAfter = brierScore(scored, truth);
  return r;
}

std::vector<RiskCoveragePoint> riskCoverage(const ProbabilityRows& probs,
                                            const std::vector<int>& truth) {
  std::vector<std::size_t> order(probs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<double> conf(probs.size());
  for (std::size_t i = 0; i < probs.size(); ++i) conf[i] = probs[i][std::size_t(argmax(probs[i]))];
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return conf[a] > conf[b]; });
  std::vector<RiskCoveragePoint> curve;
  int errors = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (argmax(probs[i]) != truth[i]) ++errors;
    // One point per distinct confidence: images tied with the next are accepted together.
    if (k + 1 < order.size() && conf[order[k + 1]] == conf[i]) continue;
    curve.push_back(
        {conf[i], double(k + 1) / double(order.size()), double(errors) / double(k + 1)});
  }
  return curve;
}

RiskCoveragePoint operatingPoint(const std::vector<RiskCoveragePoint>& curve, double maxRisk) {
  RiskCoveragePoint best;
  best.threshold = std::nextafter(1.0, 2.0);
  for (const RiskCoveragePoint& p : curve)
    if (p.risk <= maxRisk && p.coverage > best.coverage) best = p;
  return best;
}

const char* toString(Decision decision) {
  switch (decision) {
    case Decision::Review:
      return "review";
    case Decision::Unknown:
      return "unknown";
    case Decision::Accept:
      break;
  }
  return "accept";
}

TrainedShapes trainedShapes(const std::vector<std::pair<int, int>>& sizes) {
  TrainedShapes s;
  for (const auto& [w, h] : sizes) {
    if (w <= 0 || h <= 0) continue;
    const double aspect = double(w) / double(h);
    if (s.empty()) {
      s = {std::min(w, h), aspect, aspect};
      continue;
    }
    s.minShortSide = std::min(s.minShortSide, std::min(w, h));
    s.minAspect = std::min(s.minAspect, aspect);
    s.maxAspect = std::max(s.maxAspect, aspect);
  }
  return s;
}

std::string outsideTrainedShapes(const TrainedShapes& shapes, int width, int height) {
  if (shapes.empty() || width <= 0 || height <= 0) return {};
  const std::string size = std::to_string(width) + "x" + std::to_string(height) + " px";
  if (std::min(width, height) * 4 < shapes.minShortSide)
    return size + ": far smaller than the images the model was trained on (shorter side " +
           std::to_string(shapes.minShortSide) + " px or more)";
  const double aspect = double(width) / double(height);
  if (aspect < shapes.minAspect / 2 || aspect > shapes.maxAspect * 2) {
    char text[160];
    std::snprintf(text, sizeof text,
                  ": width / height %.2f, far from the training images' %.2f to %.2f (squashed "
                  "into a square input)",
                  aspect, shapes.minAspect, shapes.maxAspect);
    return size + text;
  }
  return {};
}

double reviewThreshold(const ConfidenceRule& rule, int label) {
  if (label >= 0 && static_cast<std::size_t>(label) < rule.reviewBelowByClass.size() &&
      rule.reviewBelowByClass[static_cast<std::size_t>(label)] >= 0)
    return rule.reviewBelowByClass[static_cast<std::size_t>(label)];
  return rule.reviewBelow;
}

std::string classReviewThresholds(const ConfidenceRule& rule,
                                  const std::vector<std::string>& classNames) {
  std::ostringstream o;
  for (std::size_t k = 0; k < rule.reviewBelowByClass.size(); ++k) {
    if (rule.reviewBelowByClass[k] < 0) continue;
    o << (o.tellp() > 0 ? ", " : "")
      << (k < classNames.size() ? classNames[k] : "class " + std::to_string(k)) << " "
      << std::setprecision(4) << rule.reviewBelowByClass[k];
  }
  return o.str();
}

std::vector<RiskCoveragePoint> perClassOperatingPoints(const ProbabilityRows& calibrated,
                                                       const std::vector<int>& truth, int classes,
                                                       double maxRisk,
                                                       std::vector<std::size_t>* images) {
  std::vector<ProbabilityRows> probs(static_cast<std::size_t>(std::max(0, classes)));
  std::vector<std::vector<int>> truths(probs.size());
  for (std::size_t i = 0; i < calibrated.size(); ++i) {
    const int k = argmax(calibrated[i]);
    if (k < 0 || static_cast<std::size_t>(k) >= probs.size()) continue;
    probs[std::size_t(k)].push_back(calibrated[i]);
    truths[std::size_t(k)].push_back(truth[i]);
  }
  std::vector<RiskCoveragePoint> out(probs.size());
  if (images) images->assign(probs.size(), 0);
  for (std::size_t k = 0; k < probs.size(); ++k) {
    if (images) (*images)[k] = probs[k].size();
    if (probs[k].empty())
      out[k].threshold = -1;
    else
      out[k] = operatingPoint(riskCoverage(probs[k], truths[k]), maxRisk);
  }
  return out;
}

Decided decide(const std::vector<float>& probabilities, const ConfidenceRule& rule,
               double unknownScore, int width, int height) {
  Decided d;
  if (probabilities.empty()) return d;
  const std::vector<float> scaled =
      rule.temperature == 1 ? probabilities : withTemperature({probabilities}, rule.temperature)[0];
  d.label = argmax(scaled);
  d.calibrated = scaled[std::size_t(d.label)];
  d.decision = d.calibrated < reviewThreshold(rule, d.label) ? Decision::Review : Decision::Accept;
  if (!rule.unknown.empty() && rule.unknown.threshold > 0 && unknownScore > rule.unknown.threshold)
    d.decision = Decision::Unknown;
  d.outside = outsideTrainedShapes(rule.shapes, width, height);
  if (!d.outside.empty()) d.decision = Decision::Unknown;
  return d;
}

namespace {
double shareAbove(const std::vector<double>& scores, double threshold) {
  if (scores.empty()) return 0;
  return double(
             std::count_if(scores.begin(), scores.end(), [&](double v) { return v > threshold; })) /
         double(scores.size());
}
}  // namespace

RuleFit fitConfidenceRule(const RuleFitInput& in) {
  if (in.heldOutProbs.empty())
    throw std::invalid_argument("a confidence rule needs held-out images to be fitted on");
  RuleFit fit;
  fit.calibration = calibrate(in.heldOutProbs, in.heldOutTruth);
  fit.operating = operatingPoint(
      riskCoverage(withTemperature(in.heldOutProbs, fit.calibration.temperature), in.heldOutTruth),
      in.maxRisk);
  ConfidenceRule& rule = fit.rule;
  rule.temperature = fit.calibration.temperature;
  rule.reviewBelow = fit.operating.threshold;
  rule.maxRisk = in.maxRisk;
  rule.shapes = trainedShapes(in.trainSizes);
  rule.fittedOn = in.heldOutName + ", " + std::to_string(in.heldOutProbs.size()) + " images";
  if (in.reviewPerClass) {
    fit.perClassOperating =
        perClassOperatingPoints(withTemperature(in.heldOutProbs, rule.temperature), in.heldOutTruth,
                                in.classes, in.maxRisk, &fit.perClassImages);
    for (const RiskCoveragePoint& p : fit.perClassOperating)
      rule.reviewBelowByClass.push_back(p.threshold);
  }
  if (in.heldOutDescriptors.empty() || in.trainDescriptors.empty()) return fit;

  if (in.descriptorParts.size() < 2)
    throw std::invalid_argument("a confidence rule needs the descriptor's parts");
  rule.unknown = fitUnknownDetector(in.trainDescriptors, in.trainProbs, in.trainLabels, in.classes,
                                    in.descriptorParts[0], in.descriptorParts[1]);
  const std::vector<double> scores =
      unknownScores(rule.unknown, in.heldOutDescriptors, in.heldOutProbs);
  rule.unknown.threshold = unknownThreshold(scores, in.maxKnownUnknown);
  rule.unknown.maxKnownUnknown = in.maxKnownUnknown;
  rule.unknown.fittedOn = "Gaussians on " + in.trainName + " (" +
                          std::to_string(in.trainDescriptors.size()) + " images), threshold on " +
                          in.heldOutName;
  fit.knownUnknown = shareAbove(scores, rule.unknown.threshold);
  // Two folds by position, as for the temperature.
  std::size_t called = 0;
  for (std::size_t fold = 0; fold < 2; ++fold) {
    std::vector<double> fitScores, testScores;
    for (std::size_t i = 0; i < scores.size(); ++i)
      (i % 2 != fold ? fitScores : testScores).push_back(scores[i]);
    const double t = unknownThreshold(fitScores, in.maxKnownUnknown);
    for (double v : testScores) called += v > t ? 1 : 0;
  }
  fit.knownUnknownCrossFitted = double(called) / double(scores.size());
  return fit;
}

std::string describe(const RuleFit& fit, const std::vector<std::string>& classNames) {
  const ConfidenceRule& r = fit.rule;
  std::ostringstream o;
  o << std::fixed << "confidence rule fitted on " << r.fittedOn << ": temperature "
    << std::setprecision(3) << r.temperature << ", ECE " << std::setprecision(4)
    << fit.calibration.eceBefore << " -> " << fit.calibration.eceAfter
    << " (two-fold cross-fitted)\n"
    << "review below a calibrated top probability of " << r.reviewBelow << ": "
    << std::setprecision(1) << 100 * fit.operating.coverage << " % accepted with "
    << std::setprecision(2) << 100 * fit.operating.risk << " % errors among them (target "
    << 100 * r.maxRisk << " %; threshold chosen on these images)\n";
  for (std::size_t k = 0; k < fit.perClassOperating.size(); ++k) {
    const std::string name = k < classNames.size() ? classNames[k] : "class " + std::to_string(k);
    o << "  " << name << ": review below " << std::setprecision(3)
      << reviewThreshold(r, static_cast<int>(k));
    if (fit.perClassImages[k] > 0)
      o << " (fitted on the " << fit.perClassImages[k]
        << " images predicted as it: " << std::setprecision(1)
        << 100 * fit.perClassOperating[k].coverage << " % accepted, " << std::setprecision(2)
        << 100 * fit.perClassOperating[k].risk << " % errors among them)";
    else
      o << " (no image predicted as it: the overall threshold)";
    o << "\n";
  }
  if (!r.unknown.empty())
    o << "unknown above a score of " << std::setprecision(2) << r.unknown.threshold << " ("
      << r.unknown.fittedOn << "): " << std::setprecision(1) << 100 * fit.knownUnknown
      << " % of the held-out known images called unknown, " << 100 * fit.knownUnknownCrossFitted
      << " % two-fold cross-fitted (target " << 100 * r.unknown.maxKnownUnknown << " %)\n";
  if (!r.shapes.empty())
    o << "unknown too: images with a shorter side under " << (r.shapes.minShortSide + 3) / 4
      << " px or a width / height outside " << std::setprecision(2) << r.shapes.minAspect / 2
      << " to " << r.shapes.maxAspect * 2 << " (the training images: shorter side "
      << r.shapes.minShortSide << " px or more, width / height " << r.shapes.minAspect << " to "
      << r.shapes.maxAspect << ")\n";
  return o.str();
}

}  // namespace sdd
