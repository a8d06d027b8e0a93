#pragma once
/// Labeling with the model's help: scoring a dataset's images in batches, the suggestion an
/// image's probabilities make, the order of the review queue, and bulk acceptance of the
/// suggestions above a confidence (with the accuracy that threshold had on the labeled
/// validation images). The probabilities come from a Predictor and are kept in a
/// PredictionStore; the labels go to the LabelStore like any other.
/// Thread-safety: plain functions over values; scoreImages uses its Predictor alone.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"
#include "sdd/labels/prediction_store.h"
#include "sdd/metrics/calibration.h"

namespace sdd {

class Predictor;

/// What a model suggests for one image: its most probable class, that probability and the
/// margin to the second most probable (small margin: the model hesitates).
struct Suggestion {
  int label = kUnlabeled;  ///< kUnlabeled: no probabilities
  float confidence = 0;
  float margin = 0;
  bool valid() const { return label != kUnlabeled; }
};
Suggestion suggestionOf(const std::vector<float>& probabilities);

/// The stored probabilities of each sample of `dataset`, by sample index (empty where none).
std::vector<std::vector<float>> predictionsBySample(const Dataset& dataset,
                                                    const StoredPredictions& stored);

/// One image scored (or not: then `error` says why and `probabilities` is empty).
struct ScoredImage {
  std::size_t index = 0;  ///< into the files given
  std::vector<float> probabilities;
  double unknownScore = 0;    ///< when the model has an unknown detector (else 0)
  int width = 0, height = 0;  ///< of the file as stored (decide() checks it)
  std::string error;
};

/// Scores `files` in chunks of `chunk`: decodes a chunk in parallel, classifies it in
/// batches of 64, then calls `onChunk` with its results (on the calling thread) before the
/// next. `cancel` (may be null) stops between chunks. Returns the number of files scored.
std::size_t scoreImages(Predictor& predictor, const std::vector<std::filesystem::path>& files,
                        const std::function<void(const std::vector<ScoredImage>&)>& onChunk,
                        const std::atomic<bool>* cancel = nullptr, std::size_t chunk = 256);

/// Scores the samples `indices` of `dataset` as scoreImages does and, with a `store`, keeps
/// each chunk's probabilities there for `model` (fileFingerprint of the model file) before
/// `onChunk` sees it; ScoredImage::index is a position in `indices`. Throws ModelError when
/// the model's classes are not the dataset's.
std::size_t scoreSamples(Predictor& predictor, const Dataset& dataset,
                         const std::vector<std::size_t>& indices, PredictionStore* store,
                         const std::string& model,
                         const std::function<void(const std::vector<ScoredImage>&)>& onChunk,
                         const std::atomic<bool>* cancel = nullptr, std::size_t chunk = 256);

enum class ReviewOrder {
  LeastConfident,  ///< images without a class that have a suggestion, smallest margin first
  LikelyErrors,    ///< labeled images whose label is not the suggestion, most confident first
  FileOrder,       ///< images without a class, in scan order
  /// images without a class that have a suggestion: those the model's rule calls unknown
  /// first, then review, then accepted ones; least confident first within each
  DoubtsFirst,
};
const char* toString(ReviewOrder order);
/// "least-confident", "likely-errors", "file-order" or "doubts-first"; throws
/// std::invalid_argument otherwise.
ReviewOrder reviewOrderFromString(const std::string& name);

/// The images to decide, in `order`, among `candidates` (sample indices; empty: all).
/// `decisions` (by sample index; missing or empty: none) is the model's decision on each
/// image, which DoubtsFirst orders by; without any it is LeastConfident.
std::vector<std::size_t> reviewQueue(const Dataset& dataset,
                                     const std::vector<std::vector<float>>& predictions,
                                     ReviewOrder order,
                                     const std::vector<std::size_t>& candidates = {},
                                     const std::vector<std::optional<Decision>>& decisions = {});

/// What "accept every suggestion with confidence >= threshold" would do.
struct BulkAcceptance {
  double threshold = 0;
  std::vector<std::size_t> images;    ///< samples it labels (without a class, confident enough)
  std::vector<std::size_t> perClass;  ///< how many of them per class
  /// Labeled validation images whose suggestion is that confident, and how many of those
  /// suggestions are their label: the accuracy the threshold had where it can be checked.
  std::size_t validationChecked = 0, validationCorrect = 0;
  double validationAccuracy() const;  ///< NaN when nothing could be checked
};
/// Plans a bulk acceptance among `candidates` (sample indices; empty: all); only images
/// without a class and with a suggestion are labeled. Validation images marked in
/// `unchecked` (labeledInBulk) do not count for the accuracy.
BulkAcceptance planBulkAcceptance(const Dataset& dataset,
                                  const std::vector<std::vector<float>>& predictions,
                                  double threshold, const std::vector<std::size_t>& candidates = {},
                                  const std::vector<bool>& unchecked = {});
/// The samples whose current label a bulk acceptance gave (nobody looked at them): a model's
/// accuracy checked against them would be checked against a model.
std::vector<bool> labeledInBulk(const Dataset& dataset, const LabelStore& journal);
/// The journal's method for a bulk acceptance: "bulk >= 0.95".
std::string bulkMethod(double threshold);
/// The label assignments of a plan: first labels (compare-and-set on "no class").
std::vector<LabelAssignment> bulkAssignments(const Dataset& dataset,
                                             const std::vector<std::vector<float>>& predictions,
                                             const BulkAcceptance& plan);

}  // namespace sdd
