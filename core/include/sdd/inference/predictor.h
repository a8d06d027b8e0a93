#pragma once
/// Classifying image files with a model file, on CUDA when available else CPU, with the
/// paper's timing (from reading the file to the decision).
/// Thread-safety: one Predictor per thread; it may be created on one thread and used on
/// another, but not used from two threads at once.

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "sdd/model/model_spec.h"

namespace sdd {

struct Prediction {
  std::filesystem::path file;
  int classIndex = -1;  ///< -1 when the file could not be classified
  std::vector<float> probabilities;
  int width = 0, height = 0;  ///< of the file as stored (decide() checks it against the model's)
  /// How unlike every trained class the image is (sdd/metrics/unknown_score.h); 0 when the
  /// model has no unknown detector.
  double unknownScore = 0;
  /// The descriptor the unknown score is computed from: filled when the model has an unknown
  /// detector (with the LibTorch and native engines only the first values it needs) or, whole, when
  /// the predictor was asked to keep them (setKeepDescriptors).
  std::vector<float> descriptor;
  double readMs = 0, decodeMs = 0, preprocessMs = 0, inferenceMs = 0, totalMs = 0;
  std::string error;  ///< why the file could not be classified
  bool ok() const { return error.empty(); }
};

/// How the class-activation map is formed from the last conv block's activations A and the
/// gradient G of the class score with respect to them.
enum class CamMethod {
  GradCam,    ///< Selvaraju et al. 2017: ReLU(sum_k mean(G_k) A_k)
  HiResCam,   ///< Draelos & Carin 2020: ReLU(sum_k G_k * A_k), faithful for flatten heads
  DefectMap,  ///< not a CAM: the model's own defect map (ModelSpec::defectMap), trained on
              ///< masks and boxes; the same for every class
};
const char* toString(CamMethod m);
/// "gradcam", "hirescam" or "map"; throws std::invalid_argument otherwise.
CamMethod camMethodFromString(const std::string& name);

/// A class-activation explanation of one image's score for one class.
struct Explanation {
  int classIndex = -1;               ///< the class explained (default: the predicted one)
  std::vector<float> probabilities;  ///< of the whole image
  cv::Mat heatmap;                   ///< CV_32F, the input image's size, 0..1 (all 0: no evidence)
  cv::Point peak{-1, -1};            ///< heat-map maximum, in input-image pixels
  /// DefectMap only: the defects found, in input-image pixels, best first, with their scores.
  /// A map with boxes (ModelSpec::mapBoxes): the cells' boxes down to kCandidateScore after
  /// non-maximum suppression, scored by their cell's defect probability; shown are those of
  /// at least kRegionThreshold (shownRegions), the others count for average precision. Else
  /// the connected components of map >= kRegionThreshold, scored by the map's maximum inside.
  std::vector<cv::Rect> regions;
  std::vector<float> regionScores;
  static constexpr float kRegionThreshold = 0.5f;
  static constexpr float kCandidateScore = 0.05f;
  /// The regions scored at least kRegionThreshold: the defects a user is shown.
  std::vector<cv::Rect> shownRegions() const;
};

/// The "pointing game": does the heat-map peak fall inside one of the defect boxes?
/// Returns false for an empty heat map or no boxes.
bool peakInsideBoxes(const Explanation& e, const std::vector<cv::Rect>& boxes);

class Predictor {
 public:
  /// device: auto | cpu | cuda | cuda:N. threads: 0 = all cores. engine: "auto" (native on
  /// the CPU, LibTorch on CUDA), "native" (the classifier in plain C++, CPU only,
  /// core/src/inference/native_net.h: the fastest at batch 1), "torch" (LibTorch) or "opencv"
  /// (the model's ONNX export run by OpenCV's DNN module, CPU only). native spreads a batch's
  /// images over `threads` threads; opencv sets OpenCV's global thread count to it when > 0.
  /// Explanations (explain) always run on LibTorch. Throws ModelError, and
  /// std::invalid_argument for an unknown engine or native/opencv with CUDA.
  explicit Predictor(const std::filesystem::path& modelFile, const std::string& device = "auto",
                     int threads = 0, const std::string& engine = "auto");
  ~Predictor();
  Predictor(const Predictor&) = delete;
  Predictor& operator=(const Predictor&) = delete;

  const ModelMetadata& metadata() const;
  /// predictFile fills Prediction::descriptor even for a model without an unknown detector
  /// (to fit one: sdd calibrate).
  void setKeepDescriptors(bool keep);
  std::string deviceName() const;
  /// The engine in use: "native", "torch" or "opencv" ("auto" resolved).
  std::string engine() const;

  /// Read + decode + resize + normalize + forward + argmax, timed.
  Prediction predictFile(const std::filesystem::path& file);
  /// Probabilities for already-decoded images (any size/channels), in batches. Explanations
  /// (explain) always run on LibTorch.
  std::vector<std::vector<float>> predictImages(const std::vector<cv::Mat>& images,
                                                int batchSize = 64);
  /// Probabilities and the descriptor the unknown score works on (DetectorNet
  /// forwardWithDescriptor), for already-decoded images, in batches.
  struct Outputs {
    std::vector<std::vector<float>> probabilities, descriptors;
  };
  Outputs predictImagesWithDescriptors(const std::vector<cv::Mat>& images, int batchSize = 64);
  /// The unknown score of an image's descriptor and probabilities under the model's rule (0
  /// without a detector).
  double unknownScore(const std::vector<float>& descriptor,
                      const std::vector<float>& probabilities) const;
  /// Class-activation map on the last conv block for `image` (any size/channels), or with
  /// DefectMap the model's defect map (heatmap = defect probability, not rescaled).
  /// `targetClass` -1 = the predicted class. Throws std::invalid_argument for a class out
  /// of range, or DefectMap for a model without a map.
  Explanation explain(const cv::Mat& image, int targetClass = -1,
                      CamMethod method = CamMethod::GradCam);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sdd
