#pragma once
/// Classifying image files with a model file, on CUDA when available else CPU, with the
/// paper's timing (from reading the file to the decision).
/// Thread-safety: one Predictor per thread; it may be created on one thread and used on
/// another, but not used from two threads at once.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "sdd/model/model_spec.h"

namespace sdd {

struct Prediction {
  std::filesystem::path file;
  int classIndex = -1;  ///< -1 when the file could not be classified
  std::vector<float> probabilities;
  double readMs = 0, decodeMs = 0, preprocessMs = 0, inferenceMs = 0, totalMs = 0;
  std::string error;  ///< why the file could not be classified
  bool ok() const { return error.empty(); }
};

class Predictor {
 public:
  /// device: auto | cpu | cuda | cuda:N. threads: 0 = all cores. Throws ModelError.
  explicit Predictor(const std::filesystem::path& modelFile, const std::string& device = "auto",
                     int threads = 0);
  ~Predictor();
  Predictor(const Predictor&) = delete;
  Predictor& operator=(const Predictor&) = delete;

  const ModelMetadata& metadata() const;
  std::string deviceName() const;

  /// Read + decode + resize + normalize + forward + argmax, timed.
  Prediction predictFile(const std::filesystem::path& file);
  /// Probabilities for already-decoded images (any size/channels), in batches.
  std::vector<std::vector<float>> predictImages(const std::vector<cv::Mat>& images,
                                                int batchSize = 64);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sdd
