#include "training/training_data.h"

#include <algorithm>
#include <iomanip>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "imaging/batch.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/parallel.h"

namespace fs = std::filesystem;

namespace sdd::training {

bool hasLocations(const Dataset& ds, Split split) {
  for (std::size_t i : ds.indices(split))
    if (!ds.samples()[i].mask.empty() || !ds.samples()[i].boxes.empty()) return true;
  return false;
}

cv::Mat locationTarget(const Sample& s, int side,
                       const std::function<void(const std::string&)>& message) {
  cv::Mat full;
  if (!s.mask.empty()) {
    std::string error;
    full = loadMask(s.mask, &error);
    if (full.empty() && message)
      message("warning: mask " + s.mask.string() + " not used: " + error);
  }
  if (full.empty() && !s.boxes.empty() && s.width > 0 && s.height > 0) {
    // Boxes as filled rectangles, drawn finely enough that a cell's share is close.
    const int fine = side * 8;
    full = cv::Mat::zeros(fine, fine, CV_8UC1);
    const double sx = double(fine) / s.width, sy = double(fine) / s.height;
    for (const BoundingBox& b : s.boxes)
      cv::rectangle(
          full, cv::Point(int(std::floor((b.xmin - 1) * sx)), int(std::floor((b.ymin - 1) * sy))),
          cv::Point(int(std::ceil(b.xmax * sx)) - 1, int(std::ceil(b.ymax * sy)) - 1), 255,
          cv::FILLED);
  }
  if (full.empty()) return {};
  cv::Mat out;
  cv::resize(full, out, cv::Size(side, side), 0, 0, cv::INTER_AREA);
  out.convertTo(out, CV_32F, 1.0 / 255);
  return out;
}

SplitData loadSplit(const Dataset& ds, Split split, const ModelSpec& spec, int threads,
                    const std::function<void(const std::string&)>& message) {
  std::vector<fs::path> files;
  std::vector<int64_t> labels;
  for (std::size_t i : ds.indices(split)) {
    files.push_back(ds.samples()[i].path);
    labels.push_back(ds.samples()[i].label);
  }
  LoadedInputs in = loadModelInputs(files, spec.inputSize, spec.inputChannels, threads);
  std::vector<cv::Mat> images;
  std::vector<int64_t> kept;
  std::vector<std::size_t> keptSamples;
  const std::vector<std::size_t> indices = ds.indices(split);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!in.errors[i].empty()) {
      // The file changed since the scan; skip it rather than abort hours of training.
      if (message) message("warning: skipping " + files[i].string() + ": " + in.errors[i]);
      continue;
    }
    images.push_back(in.images[i]);
    kept.push_back(labels[i]);
    keptSamples.push_back(indices[i]);
  }
  SplitData d;
  d.x = imagesToTensorU8(images);
  d.y = torch::tensor(kept, torch::kInt64);
  if (spec.defectMap) {
    const int side = spec.mapSize();
    const auto n = static_cast<long>(keptSamples.size());
    d.target = torch::zeros({n, 1, side, side});
    d.hasTarget = torch::zeros({n});
    // Masks are decoded here, on every thread, as the images were; messages after.
    std::vector<cv::Mat> targets(keptSamples.size());
    std::vector<std::string> said(keptSamples.size());
    parallelFor(keptSamples.size(), threads, [&](std::size_t k) {
      targets[k] = locationTarget(ds.samples()[keptSamples[k]], side,
                                  [&](const std::string& m) { said[k] = m; });
    });
    for (const std::string& m : said)
      if (!m.empty() && message) message(m);
    for (long k = 0; k < n; ++k) {
      const cv::Mat& t = targets[std::size_t(k)];
      if (t.empty()) continue;
      d.target[k][0].copy_(
          torch::from_blob(const_cast<float*>(t.ptr<float>()), {side, side}, torch::kFloat32));
      d.hasTarget[k] = 1.0f;
    }
  }
  return d;
}

Normalization computeNormalization(const torch::Tensor& u8) {
  Normalization n;
  n.mean.clear();
  n.std.clear();
  const long c = u8.size(1);
  for (long k = 0; k < c; ++k) {
    auto ch = u8.select(1, k).to(torch::kFloat64).div(255.0);
    n.mean.push_back(static_cast<float>(ch.mean().item<double>()));
    n.std.push_back(std::max(1e-3f, static_cast<float>(ch.std().item<double>())));
  }
  return n;
}

// A resume on another split (another split seed, files added or removed) would mix
// validation images into training unnoticed.
std::string splitFingerprint(const Dataset& ds) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  };
  for (Split split : {Split::Train, Split::Validation}) {
    std::vector<std::string> names;
    for (std::size_t i : ds.indices(split))
      names.push_back(ds.samples()[i].path.lexically_relative(ds.root()).generic_string());
    std::sort(names.begin(), names.end());
    mix(split == Split::Train ? "train" : "validation");
    for (const auto& n : names) mix(n);
  }
  std::ostringstream o;
  o << std::hex << std::setw(16) << std::setfill('0') << h;
  return o.str();
}

}  // namespace sdd::training
