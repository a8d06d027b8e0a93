#include "sdd/metrics/unknown_score.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <stdexcept>

namespace sdd {

int GaussianDistance::dimension() const {
  if (whitening.empty()) return 0;
  return static_cast<int>(std::lround(std::sqrt(static_cast<double>(whitening.size()))));
}

GaussianDistance fitGaussians(const DescriptorRows& rows, const std::vector<int>& labels,
                              int groups) {
  if (rows.size() != labels.size())
    throw std::invalid_argument("unknown detector: descriptors and labels differ in number");
  const std::size_t d = rows.empty() ? 0 : rows.front().size();
  std::vector<std::size_t> used;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != d)
      throw std::invalid_argument("unknown detector: descriptors of unequal length");
    if (labels[i] >= 0 && labels[i] < groups) used.push_back(i);
  }
  if (d == 0 || used.size() < 2)
    throw std::invalid_argument("unknown detector: needs at least two labelled training images");

  const int D = static_cast<int>(d);
  std::vector<cv::Mat> sums(static_cast<std::size_t>(groups));
  std::vector<int> counts(static_cast<std::size_t>(groups), 0);
  for (auto& s : sums) s = cv::Mat::zeros(1, D, CV_64F);
  for (std::size_t i : used) {
    cv::Mat row(1, D, CV_32F, const_cast<float*>(rows[i].data()));
    cv::Mat r64;
    row.convertTo(r64, CV_64F);
    sums[std::size_t(labels[i])] += r64;
    ++counts[std::size_t(labels[i])];
  }
  GaussianDistance g;
  g.means.resize(std::size_t(groups));
  for (int c = 0; c < groups; ++c) {
    if (counts[std::size_t(c)] == 0) continue;
    cv::Mat mean = sums[std::size_t(c)] / counts[std::size_t(c)];
    g.means[std::size_t(c)].resize(d);
    for (int k = 0; k < D; ++k) g.means[std::size_t(c)][std::size_t(k)] = float(mean.at<double>(k));
    sums[std::size_t(c)] = mean;
  }
  // Shared within-group covariance of the centred rows.
  cv::Mat centred(static_cast<int>(used.size()), D, CV_64F);
  for (std::size_t r = 0; r < used.size(); ++r) {
    const std::size_t i = used[r];
    const cv::Mat& mean = sums[std::size_t(labels[i])];
    for (int k = 0; k < D; ++k)
      centred.at<double>(int(r), k) = double(rows[i][std::size_t(k)]) - mean.at<double>(k);
  }
  cv::Mat cov = centred.t() * centred / double(used.size());
  // Shrinkage towards the mean variance (and a floor, for values that never vary: a channel
  // that is always 0 after ReLU, or three equal channels of a grey image).
  const double floor = std::max(cv::trace(cov)[0] / D, 1e-12);
  cov = 0.95 * cov + cv::Mat::eye(D, D, CV_64F) * (0.05 * floor + 1e-6 * floor);
  cv::Mat values, vectors;
  cv::eigen(cov, values, vectors);  // cov = vectors^T diag(values) vectors
  g.whitening.resize(d * d);
  for (int k = 0; k < D; ++k) {
    const double scale = 1.0 / std::sqrt(std::max(values.at<double>(k), 1e-6 * floor));
    for (int c = 0; c < D; ++c)
      g.whitening[std::size_t(k * D + c)] = float(vectors.at<double>(k, c) * scale);
  }
  return g;
}

double distance(const GaussianDistance& g, const float* x, std::size_t d) {
  if (int(d) != g.dimension())
    throw std::invalid_argument("unknown score: " + std::to_string(d) +
                                " values for Gaussians of " + std::to_string(g.dimension()));
  double best = HUGE_VAL;
  std::vector<double> diff(d);
  for (const std::vector<float>& mean : g.means) {
    if (mean.empty()) continue;
    for (std::size_t k = 0; k < d; ++k) diff[k] = double(x[k]) - double(mean[k]);
    double dist = 0;
    for (std::size_t r = 0; r < d && dist < best; ++r) {
      const float* w = g.whitening.data() + r * d;
      double z = 0;
      for (std::size_t k = 0; k < d; ++k) z += double(w[k]) * diff[k];
      dist += z * z;
    }
    best = std::min(best, dist);
  }
  return best / double(d);
}

int UnknownDetector::descriptorLength() const {
  int n = 0;
  for (const UnknownPart& p : parts) n = std::max(n, p.offset + p.length);
  return n;
}

namespace {

double rawPartScore(const UnknownPart& p, const std::vector<float>& descriptor,
                    const std::vector<float>& probabilities) {
  if (p.length == 0)
    return probabilities.empty()
               ? 0.0
               : 1.0 - double(*std::max_element(probabilities.begin(), probabilities.end()));
  const float* x = descriptor.data() + p.offset;
  const std::size_t n = std::size_t(p.length);
  double v = distance(p.classes, x, n);
  if (!p.background.empty()) v -= distance(p.background, x, n);
  return v;
}

double scaled(const UnknownPart& p, double raw) {
  return (raw - p.median) / std::max(p.q99 - p.median, 1e-9);
}

}  // namespace

UnknownDetector fitUnknownDetector(const DescriptorRows& descriptors,
                                   const std::vector<std::vector<float>>& probabilities,
                                   const std::vector<int>& labels, int classes, int inputLength,
                                   int block1Length) {
  if (descriptors.size() != labels.size() || probabilities.size() != labels.size())
    throw std::invalid_argument(
        "unknown detector: descriptors, probabilities and labels differ "
        "in number");
  if (inputLength <= 0 || block1Length <= 0)
    throw std::invalid_argument("unknown detector: empty descriptor parts");
  auto slice = [&](int from, int length) {
    DescriptorRows out;
    out.reserve(descriptors.size());
    for (const auto& r : descriptors) {
      if (int(r.size()) < from + length)
        throw std::invalid_argument("unknown detector: a descriptor of " +
                                    std::to_string(r.size()) + " values, shorter than its parts");
      out.emplace_back(r.begin() + from, r.begin() + from + length);
    }
    return out;
  };
  UnknownDetector det;
  UnknownPart input{"input", 0, inputLength, {}, {}, 0, 1};
  input.classes = fitGaussians(slice(0, inputLength), labels, classes);
  UnknownPart block1{"block 1", inputLength, block1Length, {}, {}, 0, 1};
  const DescriptorRows b1 = slice(inputLength, block1Length);
  block1.classes = fitGaussians(b1, labels, classes);
  std::vector<int> one(labels.size(), 0);
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= classes) one[i] = -1;
  block1.background = fitGaussians(b1, one, 1);
  UnknownPart softmax{"softmax", 0, 0, {}, {}, 0, 1};
  det.parts = {input, block1, softmax};
  for (UnknownPart& p : det.parts) {
    std::vector<double> raw;
    for (std::size_t i = 0; i < descriptors.size(); ++i)
      if (labels[i] >= 0 && labels[i] < classes)
        raw.push_back(rawPartScore(p, descriptors[i], probabilities[i]));
    std::sort(raw.begin(), raw.end());
    p.median = raw[raw.size() / 2];
    p.q99 = raw[std::size_t(0.99 * double(raw.size() - 1))];
  }
  return det;
}

double unknownScore(const UnknownDetector& det, const std::vector<float>& descriptor,
                    const std::vector<float>& probabilities) {
  if (det.empty()) return 0;
  if (int(descriptor.size()) < det.descriptorLength())
    throw std::invalid_argument("unknown score: a descriptor of " +
                                std::to_string(descriptor.size()) + " values for a detector of " +
                                std::to_string(det.descriptorLength()));
  // max(input, block 1 + softmax): the parts are found by name so that a model file written
  // with them in another order reads the same.
  double alone = -HUGE_VAL, sum = 0;
  for (const UnknownPart& p : det.parts) {
    const double v = scaled(p, rawPartScore(p, descriptor, probabilities));
    if (p.name == "input")
      alone = std::max(alone, v);
    else if (p.name == "softmax")
      sum += std::min(v, 1.0);  // doubt alone is "review", not "unknown"
    else
      sum += v;
  }
  return std::max(alone, sum);
}

std::vector<double> unknownScores(const UnknownDetector& det, const DescriptorRows& rows,
                                  const std::vector<std::vector<float>>& probabilities) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(unknownScore(det, rows[i],
                               i < probabilities.size() ? probabilities[i] : std::vector<float>{}));
  return out;
}

double unknownThreshold(std::vector<double> scores, double maxShare) {
  if (scores.empty()) return 0;
  std::sort(scores.begin(), scores.end());
  // Scores strictly above the threshold are unknown: at most floor(maxShare * n) of them.
  const std::size_t allowed =
      static_cast<std::size_t>(std::floor(std::clamp(maxShare, 0.0, 1.0) * double(scores.size())));
  if (allowed >= scores.size()) return 0;
  return scores[scores.size() - 1 - allowed];
}

double aurocOfScores(const std::vector<double>& negatives, const std::vector<double>& positives) {
  if (negatives.empty() || positives.empty()) return 0.5;
  std::vector<double> neg = negatives;
  std::sort(neg.begin(), neg.end());
  double wins = 0;
  for (double p : positives) {
    const auto lo = std::lower_bound(neg.begin(), neg.end(), p);
    const auto hi = std::upper_bound(neg.begin(), neg.end(), p);
    wins += double(lo - neg.begin()) + 0.5 * double(hi - lo);
  }
  return wins / (double(neg.size()) * double(positives.size()));
}

}  // namespace sdd
