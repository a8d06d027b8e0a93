#pragma once
/// Evaluating a model file on a dataset split the paper's way: every image is read,
/// decoded, preprocessed and classified on its own (batch 1) and timed from file read to
/// decision. One pass gives the metrics (Table IV, Figs. 6-7), the per-image SoftMax
/// outputs (Fig. 8) and the inference timing, and a Table V row.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/metrics/metrics.h"
#include "sdd/model/model_spec.h"

namespace sdd {

/// How many evaluated images are files the model was trained on (byte for byte: the same
/// content hash), which makes its figures look better than they are on new images (e.g. a
/// re-split of the data it was trained on).
struct TrainingOverlap {
  bool recorded = false;  ///< the model file records its training images
  std::size_t images = 0, overlapping = 0;
  double share() const { return images ? double(overlapping) / double(images) : 0.0; }
  /// "N of M evaluated images (x %) are images this model was trained on: ..." or "" when
  /// there are none (or nothing is recorded).
  std::string warning() const;
};
/// The overlap of dataset samples `samples` (indices, or rows) with a model's training images
/// (ModelMetadata::trainingImages).
template <class Index>
TrainingOverlap trainingOverlap(const std::vector<std::uint64_t>& trainingImages,
                                const Dataset& dataset, const std::vector<Index>& samples) {
  TrainingOverlap o;
  o.recorded = !trainingImages.empty();
  o.images = samples.size();
  for (const Index i : samples)
    if (const std::uint64_t h = dataset.samples()[std::size_t(i)].contentHash; h && o.recorded)
      o.overlapping += std::binary_search(trainingImages.begin(), trainingImages.end(), h);
  return o;
}

struct ModelEvaluation {
  std::filesystem::path modelFile;
  ModelMetadata metadata;
  std::string split;                      ///< validation | train | all
  std::string device;                     ///< what ran it, e.g. "cpu (2 threads)"
  std::vector<std::size_t> samples;       ///< Dataset::samples() index of each result
  std::vector<int> truth;                 ///< current label of each sample
  std::vector<std::vector<float>> probs;  ///< SoftMax output of each sample
  std::vector<double> unknownScores;      ///< of each sample (all 0: the model has no detector)
  std::vector<std::vector<float>> descriptors;  ///< of each sample, when the predictor gave them
  std::vector<double> ms;                       ///< file read -> decision, per image
  std::vector<ScanIssue> skipped;               ///< images that could not be classified
  Evaluation eval;
  TrainingOverlap trainingOverlap;  ///< of the evaluated samples
  double medianMs = 0, p95Ms = 0, meanMs = 0;
  bool cancelled = false;

  int predicted(std::size_t k) const;
};

/// Sample indices of a split by name ("validation", "train" or "all"). Throws
/// std::invalid_argument for another name.
std::vector<std::size_t> splitIndices(const Dataset& dataset, const std::string& split);

/// Runs `predictor` over the split's images. Throws ModelError when the model's classes
/// differ from the dataset's and DatasetError when the split has no usable image.
/// `progress(done, total)` is called after each image; `cancel` stops early (the result
/// then holds what was done, with cancelled = true).
ModelEvaluation evaluateModel(Predictor& predictor, const std::filesystem::path& modelFile,
                              const Dataset& dataset, const std::string& split,
                              const std::function<void(std::size_t, std::size_t)>& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

/// Fits a model's confidence rule on a dataset the way `sdd calibrate` does: temperature,
/// review threshold and the unknown detector's threshold on the images of `split` (held out),
/// the unknown detector's Gaussians on the training split; with `reviewPerClass`, a review
/// threshold per class too (RuleFitInput::reviewPerClass). Throws what evaluateModel throws.
RuleFit fitConfidenceRule(Predictor& predictor, const std::filesystem::path& modelFile,
                          const Dataset& dataset, const std::string& split, double maxRisk,
                          double maxKnownUnknown, bool reviewPerClass = false);

/// The "pointing game" per class: for every image with defect boxes, is the Grad-CAM peak
/// for its labelled class inside a box? Reported next to a trivial baseline (the image
/// centre), because NEU boxes often cover much of the image.
struct PointingGame {
  std::vector<std::string> classes;
  std::vector<int> hits, centreHits, images;  ///< per class, over images with boxes
  std::vector<int> borderPeaks;  ///< per class: peak within 8 % of the image size of its border
  int withoutBoxes = 0;          ///< images of the split that have no boxes
  /// With CamMethod::DefectMap, how well the map's regions (Explanation::regions) match the
  /// boxes: AP at IoU 0.5 per class (VOC all-point; detections carry the predicted class and
  /// score region score x class probability, ground truth the image's label; -1: no boxes),
  /// and the mean pixel IoU of map >= 0.5 against the annotated pixels (the mask, else the
  /// boxes' outlines or rectangles), over all images and per class (-1: no image).
  std::vector<double> ap50;
  double pixelIoU = -1;
  std::vector<double> pixelIoUs;
  double map50() const;  ///< mean of ap50 over classes with boxes; -1 without
  std::string method;    ///< toString(CamMethod)
  int failed = 0;        ///< unreadable images
  bool cancelled = false;
  int totalImages() const;
  int totalHits() const;
  int totalCentreHits() const;
  int totalBorderPeaks() const;
};
PointingGame pointingGame(Predictor& predictor, const Dataset& dataset, const std::string& split,
                          CamMethod method,
                          const std::function<void(std::size_t, std::size_t)>& progress = {},
                          const std::atomic<bool>* cancel = nullptr);

/// A generated change to an image, for robustness checks.
struct Perturbation {
  std::string kind;  ///< none | noise (Gaussian, sigma in grey levels) | blur (Gaussian, sigma in
                     ///< px) | brightness (added grey levels)
  double level = 0;
  std::string name() const;  ///< e.g. "noise sigma 10"
};
/// The perturbations `sdd eval --perturb` uses by default.
std::vector<Perturbation> defaultPerturbations();
/// Applies `p` to an 8-bit image (noise is seeded: the same call gives the same image).
cv::Mat perturb(const cv::Mat& image, const Perturbation& p, std::uint64_t seed);

struct RobustnessRow {
  Perturbation perturbation;
  double accuracy = 0, macroF1 = 0;
  std::vector<double> classAccuracy;  ///< recall per class
};
/// Evaluates the split on perturbed copies of its images (generated in memory; the files are
/// only read), one row per perturbation. Throws like evaluateModel.
std::vector<RobustnessRow> evaluateRobustness(Predictor& predictor, const Dataset& dataset,
                                              const std::string& split,
                                              const std::vector<Perturbation>& perturbations);

/// One row of the paper's Table V for a model we measured.
struct ModelSummary {
  std::string name;  ///< shown in the table, e.g. the run folder
  std::filesystem::path file;
  std::string architecture;
  int layers = 0;  ///< weight layers: conv + FC, as the paper counts them
  std::int64_t weights = 0, macs = 0;
  double macroF1 = 0, minAuc = 0, medianMs = 0;
  std::string minAucClass;
  std::size_t images = 0;
};
ModelSummary summarize(const ModelEvaluation& ev, const std::string& name);
/// How a model is named in a comparison: its folder and file name
/// ("2026-11-24T22-16-07Z/model.sddm").
std::string modelLabel(const std::filesystem::path& file);

/// A model a comparison left out, and why (trained on other classes, unreadable).
struct SkippedModel {
  std::filesystem::path file;
  std::string reason;
};
/// Table V of the models we measured: one row per model evaluated, in the order given.
struct ModelComparison {
  std::vector<ModelSummary> rows;
  std::vector<SkippedModel> skipped;
};
/// Evaluates each model file on `split` (evaluateModel, batch 1, on `device`); a model that
/// cannot be used for this dataset is listed in `skipped` with the reason and does not stop
/// the rest. `progress(model, done, total)` follows the images of model number `model`;
/// `cancel` stops between images (the rows then hold the models finished).
ModelComparison compareModels(
    const Dataset& dataset, const std::string& split,
    const std::vector<std::filesystem::path>& models, const std::string& device, int threads = 1,
    const std::function<void(std::size_t, std::size_t, std::size_t)>& progress = {},
    const std::atomic<bool>* cancel = nullptr);

/// The evaluation as JSON, the one schema of `sdd eval --json`, `sdd report --json` and the
/// workbench: the metrics (toJson: accuracy, per class, macro, confusion matrix, ROC) plus
/// model, dataset, split, device, images, skipped and ms_per_image {median, p95, mean}.
nlohmann::json evaluationJson(const ModelEvaluation& ev, const Dataset& dataset);
/// Weight layers of a spec (conv blocks + hidden FC + output FC).
int weightLayers(const ModelSpec& spec);

/// The rows the paper reports in its Table V (its own numbers, never ours).
struct ReportedModel {
  std::string model, layers, weights, f1;
};
const std::vector<ReportedModel>& paperTableV();

/// Fingerprint of a dataset as used: FNV-1a 64 over every sample's relative path, file
/// content hash, current label and split, in scan order; as 16 hex digits.
std::string datasetFingerprint(const Dataset& dataset);
/// FNV-1a 64 of a file's bytes as 16 hex digits (throws std::runtime_error if unreadable).
std::string fileFingerprint(const std::filesystem::path& file);

}  // namespace sdd
