#pragma once
/// "Not one of mine": how unlike every trained class an image is, from the network's own
/// descriptor of it (DetectorNet::forwardWithDescriptor: per channel, the spatial mean and
/// deviation of the input and of each conv block's output) and its SoftMax.
///
/// The score combines three parts, each measured against the training images and scaled so
/// that the training images' median is 0 and their 99th percentile 1:
///  - "block 1": the relative Mahalanobis distance (Ren et al. 2021) of the first block's
///    moments: the squared distance to the nearest class Gaussian (one covariance shared by the
///    classes) minus that to one Gaussian of all training images;
///  - "softmax": 1 - the top probability (Hendrycks & Gimpel 2017);
///  - "input": the Mahalanobis distance of the input's own moments (mean, log deviation, third
///    moment), which catches what no texture filter sees: flat, blank or saturated images.
/// score = max(block 1 + min(softmax, 1), input): the SoftMax's doubt adds at most what the
/// least sure 1 % of training images show, so an image torn between two known classes goes to
/// review, and only features unlike the training images' make it unknown. Chosen by measurement
/// (docs/performance.md, "Unknown images": leave-one-class-out on NEU and generated far-away
/// images, bench/unknown_bench.cpp). Above the detector's threshold the decision is "unknown",
/// whatever the SoftMax says. Thread-safety: plain functions over values.

#include <string>
#include <vector>

namespace sdd {

using DescriptorRows = std::vector<std::vector<float>>;

/// Squared Mahalanobis distance, divided by the dimension, to the nearest of some Gaussians
/// that share one covariance.
struct GaussianDistance {
  std::vector<std::vector<float>> means;  ///< per Gaussian (class); empty: a class without images
  std::vector<float> whitening;           ///< D x D row-major: W^T W = the inverse covariance
  int dimension() const;                  ///< D (0 when empty)
  bool empty() const { return whitening.empty(); }
};
/// Fits one Gaussian per label 0..groups-1 (other labels ignored) with the shared covariance
/// shrunk 5 % towards its mean variance. Throws std::invalid_argument for rows of unequal
/// length or fewer than two labelled rows.
GaussianDistance fitGaussians(const DescriptorRows& rows, const std::vector<int>& labels,
                              int groups);
/// Throws std::invalid_argument when the row's length is not the dimension.
double distance(const GaussianDistance& g, const float* row, std::size_t length);

/// One part of the score: a slice of the descriptor (or the SoftMax, length 0), its Gaussians,
/// and its scale on the training images.
struct UnknownPart {
  std::string name;             ///< "input" | "block 1" | "softmax"
  int offset = 0, length = 0;   ///< the descriptor slice; length 0: 1 - the top probability
  GaussianDistance classes;     ///< distance to the nearest class
  GaussianDistance background;  ///< subtracted when not empty (relative distance)
  double median = 0, q99 = 1;   ///< of the training images' raw part scores
};

struct UnknownDetector {
  std::vector<UnknownPart> parts;  ///< input, block 1, softmax (or empty: no detector)
  /// Scores above it are "unknown"; 0 = never unknown.
  double threshold = 0;
  /// The share of known images it was chosen to call unknown, and on what, in words.
  double maxKnownUnknown = 0;
  std::string fittedOn;

  bool empty() const { return parts.empty(); }
  /// The descriptor length it needs (0 for an empty detector).
  int descriptorLength() const;
};

/// Fits the detector on training images: their descriptors, SoftMax outputs and labels
/// (0..classes-1; others ignored). `inputLength` and `block1Length`: the descriptor's first
/// two parts (ModelSpec::descriptorParts). Throws std::invalid_argument for inconsistent
/// sizes or fewer than two labelled images.
UnknownDetector fitUnknownDetector(const DescriptorRows& descriptors,
                                   const std::vector<std::vector<float>>& probabilities,
                                   const std::vector<int>& labels, int classes, int inputLength,
                                   int block1Length);

/// The score of one image (0 for an empty detector). Throws std::invalid_argument when the
/// descriptor is shorter than the detector needs.
double unknownScore(const UnknownDetector& detector, const std::vector<float>& descriptor,
                    const std::vector<float>& probabilities);
std::vector<double> unknownScores(const UnknownDetector& detector, const DescriptorRows& rows,
                                  const std::vector<std::vector<float>>& probabilities);

/// The threshold that calls at most the share `maxShare` of `knownScores` unknown. 0 for no
/// scores.
double unknownThreshold(std::vector<double> knownScores, double maxShare);

/// Area under the ROC curve of a score that should be higher for `positives` than for
/// `negatives` (ties count half). 0.5 when either is empty.
double aurocOfScores(const std::vector<double>& negatives, const std::vector<double>& positives);

}  // namespace sdd
