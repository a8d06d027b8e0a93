#include "sdd/inference/predictor.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "imaging/batch.h"
#include "inference/native_net.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"
#include "sdd/util/parallel.h"
#include "sdd/util/runtime.h"

namespace sdd {
namespace {
double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

struct Predictor::Impl {
  using Outputs = Predictor::Outputs;
  LoadedModel model;
  torch::Device device{torch::kCPU};
  std::string deviceName;
  bool channelsLast = true;
  std::string engine = "torch";
  bool keepDescriptors = false;
  cv::dnn::Net dnn;      ///< engine "opencv"
  cv::dnn::Net dnnGrey;  ///< the same net folded to take grey images as one channel, if it can
  std::unique_ptr<NativeNet> native;  ///< engine "native"
  int threads = 0;                    ///< for native batches (0: all cores)

  /// Grey images go to a 3-channel model as one channel when the folded net exists.
  bool greyPath(const cv::Mat& image) const {
    return image.channels() == 1 && (!dnnGrey.empty() || native);
  }

  /// The model input for a decoded image (1 channel when it takes the grey path).
  cv::Mat modelInput(const cv::Mat& image) const {
    const ModelSpec& spec = model.metadata.spec;
    return toModelInput(image, spec.inputSize, greyPath(image) ? 1 : spec.inputChannels);
  }

  /// Whether predictions carry an unknown score (the model has a detector).
  bool scoresUnknown() const {
    return model.metadata.confidenceRule && !model.metadata.confidenceRule->unknown.empty();
  }

  /// One probability vector per input (images made by modelInput, all of one kind), and its
  /// descriptor when `withDescriptors` (LibTorch: only its first `length` values when >= 0).
  Outputs run(const std::vector<cv::Mat>& inputs, bool withDescriptors, int length = -1) {
    Outputs out;
    out.probabilities.reserve(inputs.size());
    auto rows = [](const float* data, long n, long width, std::vector<std::vector<float>>& to) {
      for (long i = 0; i < n; ++i) to.emplace_back(data + i * width, data + (i + 1) * width);
    };
    if (native) {
      out.probabilities.resize(inputs.size());
      if (withDescriptors) out.descriptors.resize(inputs.size());
      // Over `threads` threads image by image; one image (a line's batch 1) stays on this one.
      parallelFor(inputs.size(), threads, [&](std::size_t i) {
        native->run(inputs[i], out.probabilities[i],
                    withDescriptors ? &out.descriptors[i] : nullptr, length);
      });
      return out;
    }
    if (engine == "opencv") {
      const bool grey = model.metadata.spec.inputChannels == 3 && inputs.front().channels() == 1;
      cv::dnn::Net& net = grey ? dnnGrey : dnn;
      net.setInput(cv::dnn::blobFromImages(inputs, 1.0 / 255.0));
      if (!withDescriptors) {
        const cv::Mat p = net.forward("probabilities");  // [N, classes], SoftMax inside
        rows(p.ptr<float>(), p.rows, p.cols, out.probabilities);
        return out;
      }
      std::vector<cv::Mat> outs;
      net.forward(outs, std::vector<cv::String>{"probabilities", "descriptor"});
      rows(outs[0].ptr<float>(), outs[0].rows, outs[0].cols, out.probabilities);
      rows(outs[1].ptr<float>(), outs[1].rows, outs[1].cols, out.descriptors);
      return out;
    }
    torch::NoGradGuard guard;
    auto x = normalizeBatch(imagesToTensorU8(inputs), model.metadata.normalization, device,
                            channelsLast);
    torch::Tensor logits, descriptor;
    if (withDescriptors)
      std::tie(logits, descriptor) = model.net->forwardWithDescriptor(x, length);
    else
      logits = model.net->forward(x);
    const torch::Tensor p = torch::softmax(logits, 1).to(torch::kCPU).contiguous();
    rows(p.data_ptr<float>(), p.size(0), p.size(1), out.probabilities);
    if (withDescriptors) {
      const torch::Tensor d = descriptor.to(torch::kCPU, torch::kFloat).contiguous();
      rows(d.data_ptr<float>(), d.size(0), d.size(1), out.descriptors);
    }
    return out;
  }

  /// run() over any number of decoded images: batches of one kind (grey path or not), answers
  /// back in input order.
  Outputs batched(const std::vector<cv::Mat>& images, int batchSize, bool withDescriptors) {
    Outputs out;
    out.probabilities.resize(images.size());
    if (withDescriptors) out.descriptors.resize(images.size());
    const std::size_t step = std::size_t(std::max(batchSize, 1));
    for (const bool grey : {false, true}) {
      std::vector<std::size_t> idx;
      for (std::size_t i = 0; i < images.size(); ++i)
        if (greyPath(images[i]) == grey) idx.push_back(i);
      for (std::size_t b = 0; b < idx.size(); b += step) {
        std::vector<cv::Mat> batch;
        const std::size_t e = std::min(idx.size(), b + step);
        for (std::size_t k = b; k < e; ++k) batch.push_back(modelInput(images[idx[k]]));
        Outputs o = run(batch, withDescriptors);
        for (std::size_t k = b; k < e; ++k) {
          out.probabilities[idx[k]] = std::move(o.probabilities[k - b]);
          if (withDescriptors) out.descriptors[idx[k]] = std::move(o.descriptors[k - b]);
        }
      }
    }
    return out;
  }
};

Predictor::Predictor(const std::filesystem::path& modelFile, const std::string& device, int threads,
                     const std::string& engine)
    : impl_(std::make_unique<Impl>()) {
  if (engine != "auto" && engine != "torch" && engine != "opencv" && engine != "native")
    throw std::invalid_argument("unknown inference engine '" + engine +
                                "' (expected auto, native, torch or opencv)");
  configureThreads(threads);
  impl_->deviceName = resolveDevice(device);
  impl_->device = torch::Device(impl_->deviceName);
  impl_->channelsLast = impl_->device.is_cpu();
  impl_->model = loadModelFile(modelFile, impl_->device);
  if (impl_->channelsLast) toChannelsLast(*impl_->model.net);
  impl_->engine = engine != "auto" ? engine
                  : impl_->device.is_cpu() && NativeNet::supports(impl_->model.metadata.spec)
                      ? "native"
                      : "torch";
  if (impl_->engine == "native") {
    if (!impl_->device.is_cpu())
      throw std::invalid_argument("the native engine runs on the CPU only");
    impl_->native =
        std::make_unique<NativeNet>(*impl_->model.net, impl_->model.metadata.normalization);
    impl_->threads = threads;
  }
  if (impl_->engine == "opencv") {
    if (!impl_->device.is_cpu())
      throw std::invalid_argument("the opencv engine runs on the CPU only");
    const std::string bytes = onnxBytes(modelFile);
    try {
      impl_->dnn = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
      if (canFoldGreyInput(modelFile)) {
        const std::string grey = onnxBytesGreyInput(modelFile);
        impl_->dnnGrey = cv::dnn::readNetFromONNX(grey.data(), grey.size());
      }
    } catch (const cv::Exception& e) {
      throw ModelError("OpenCV DNN cannot load the ONNX export of " + modelFile.string() + ": " +
                       e.what());
    }
    if (threads > 0) cv::setNumThreads(threads);
  }
  // The first image should take as long as the next: one small generated JPEG through decode
  // and the engine pays their first-call set-up now (measured: a first NEU image took 10 ms,
  // 9.7 of them in the decoder, the next 0.44 ms).
  // A failure here is left to show on a real image, where it names the file.
  try {
    std::vector<std::uint8_t> jpeg;
    if (cv::imencode(".jpg", cv::Mat(32, 32, CV_8UC1, cv::Scalar(128)), jpeg)) {
      const DecodedImage d = decodeImage(jpeg, impl_->model.metadata.spec.inputSize);
      if (d.ok()) impl_->run({impl_->modelInput(d.image)}, impl_->scoresUnknown());
    }
  } catch (const std::exception&) {
  }
}

std::string Predictor::engine() const { return impl_->engine; }
void Predictor::setKeepDescriptors(bool keep) { impl_->keepDescriptors = keep; }

Predictor::~Predictor() = default;

const ModelMetadata& Predictor::metadata() const { return impl_->model.metadata; }
std::string Predictor::deviceName() const { return impl_->deviceName; }

Prediction Predictor::predictFile(const std::filesystem::path& file) {
  Prediction p;
  p.file = file;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::uint8_t> bytes;
  if (!readFileBytes(file, bytes, p.error)) return p;
  p.readMs = msSince(t0);
  auto t = std::chrono::steady_clock::now();
  DecodedImage d = decodeImage(bytes, impl_->model.metadata.spec.inputSize);
  if (!d.ok()) {
    p.error = d.error;
    return p;
  }
  p.decodeMs = msSince(t);
  p.width = d.width;
  p.height = d.height;
  t = std::chrono::steady_clock::now();
  cv::Mat input = impl_->modelInput(d.image);
  p.preprocessMs = msSince(t);
  t = std::chrono::steady_clock::now();
  const bool described = impl_->scoresUnknown() || impl_->keepDescriptors;
  // The decision needs only the descriptor's first parts (the unknown detector's).
  const int length = impl_->keepDescriptors || !impl_->scoresUnknown()
                         ? -1
                         : impl_->model.metadata.confidenceRule->unknown.descriptorLength();
  Outputs out = impl_->run({input}, described, length);
  p.probabilities = std::move(out.probabilities.front());
  if (described) {
    p.descriptor = std::move(out.descriptors.front());
    p.unknownScore = unknownScore(p.descriptor, p.probabilities);
  }
  p.classIndex = static_cast<int>(std::max_element(p.probabilities.begin(), p.probabilities.end()) -
                                  p.probabilities.begin());
  p.inferenceMs = msSince(t);
  p.totalMs = msSince(t0);
  return p;
}

Predictor::Outputs Predictor::predictImagesWithDescriptors(const std::vector<cv::Mat>& images,
                                                           int batchSize) {
  return impl_->batched(images, batchSize, true);
}

std::vector<std::vector<float>> Predictor::predictImages(const std::vector<cv::Mat>& images,
                                                         int batchSize) {
  return impl_->batched(images, batchSize, false).probabilities;
}

double Predictor::unknownScore(const std::vector<float>& descriptor,
                               const std::vector<float>& probabilities) const {
  if (!impl_->scoresUnknown()) return 0;
  return sdd::unknownScore(impl_->model.metadata.confidenceRule->unknown, descriptor,
                           probabilities);
}

const char* toString(CamMethod m) {
  switch (m) {
    case CamMethod::GradCam:
      return "gradcam";
    case CamMethod::HiResCam:
      return "hirescam";
    case CamMethod::DefectMap:
      break;
  }
  return "map";
}

CamMethod camMethodFromString(const std::string& name) {
  if (name == "gradcam") return CamMethod::GradCam;
  if (name == "hirescam") return CamMethod::HiResCam;
  if (name == "map") return CamMethod::DefectMap;
  throw std::invalid_argument("unknown CAM method '" + name + "' (expected gradcam or hirescam)");
}

namespace {
// The boxes of a map with mapBoxes: one per cell whose defect probability is at least
// Explanation::kCandidateScore (its box from the cell's distances, scored by that
// probability times the square root of its centre-ness), then non-maximum suppression at
// IoU 0.5; in pixels of an image of `size`.
std::pair<std::vector<cv::Rect>, std::vector<float>> decodeCellBoxes(const cv::Mat& probability,
                                                                     const torch::Tensor& d,
                                                                     cv::Size size) {
  const int side = probability.rows;
  const double cw = double(size.width) / side, ch = double(size.height) / side;
  const auto dist = d.accessor<float, 3>();
  std::vector<std::pair<float, cv::Rect2d>> cells;
  const cv::Rect2d image(0, 0, size.width, size.height);
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j)
      if (const float p = probability.at<float>(i, j); p >= Explanation::kCandidateScore) {
        const double cx = (j + 0.5) * cw, cy = (i + 0.5) * ch;
        const double l = dist[0][i][j], t = dist[1][i][j], r = dist[2][i][j], b = dist[3][i][j];
        const cv::Rect2d box(cv::Point2d(cx - l * cw, cy - t * ch),
                             cv::Point2d(cx + r * cw, cy + b * ch));
        // FCOS's centre-ness of the cell in its box, here from the predicted distances: a
        // cell near its box's edge predicts it worse (measured: mAP@0.5 +0.005 to +0.03).
        const double centre = std::min(l, r) / std::max(l, r) * std::min(t, b) / std::max(t, b);
        cells.emplace_back(float(p * std::pow(centre, 0.25)), box & image);
      }
  std::stable_sort(cells.begin(), cells.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<cv::Rect> boxes;
  std::vector<float> scores;
  std::vector<cv::Rect2d> kept;
  for (const auto& cell : cells) {
    const cv::Rect2d& box = cell.second;  // not a structured binding: lambdas capture it (C++17)
    if (box.area() <= 0 || std::any_of(kept.begin(), kept.end(),
                                       [&](const cv::Rect2d& k) { return boxIoU(k, box) > 0.5; }))
      continue;
    kept.push_back(box);
    boxes.emplace_back(cv::Point(int(std::lround(box.x)), int(std::lround(box.y))),
                       cv::Point(int(std::lround(box.br().x)), int(std::lround(box.br().y))));
    scores.push_back(cell.first);
  }
  return {boxes, scores};
}

// The model's defect map of one normalized input, at `size`, with the regions it finds;
// `turned`: averaged over the input's flips and quarter turns (a model trained with them).
Explanation defectMap(DetectorNet& net, const torch::Tensor& x, cv::Size size, int targetClass,
                      bool turned) {
  if (!net->spec().defectMap)
    throw std::invalid_argument(
        "this model has no defect map (train it on images with masks "
        "or boxes)");
  torch::NoGradGuard noGrad;
  const bool wasTraining = net->is_training();
  net->eval();
  // The map of each of the eight flips and quarter turns of the input (training augments with
  // all of them), turned back and averaged: box mAP@0.5 on NEU-DET's validation images 0.452 ->
  // 0.493, mean of 3 seeds' models (docs/performance.md), for 8 times the map's work.
  // k & 4: mirrored left-right; k & 3: quarter turns (square inputs only, as in training).
  std::vector<int> ks = {0};
  if (turned)
    ks = x.size(2) == x.size(3) ? std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7} : std::vector<int>{0, 4};
  std::vector<torch::Tensor> inputs;
  for (const int k : ks) {
    torch::Tensor t = x[0];
    if (k & 4) t = t.flip({2});
    if (k & 3) t = t.rot90(k & 3, {1, 2});
    inputs.push_back(t);
  }
  auto [allLogits, mapLogits] = net->forwardWithMap(torch::stack(inputs));
  if (wasTraining) net->train();
  std::vector<torch::Tensor> back;
  for (std::size_t i = 0; i < ks.size(); ++i) {
    const int k = ks[i];
    // Undone in reverse: the turns first, then the mirroring.
    const torch::Tensor m = turnMapPlanes(turnMapPlanes(mapLogits[long(i)], false, false, -(k & 3)),
                                          (k & 4) != 0, false, 0);
    back.push_back(net->spec().mapBoxes ? torch::cat({torch::sigmoid(m.slice(0, 0, 1)),
                                                      m.slice(0, 1, 5).clamp(-6, 6)})
                                        : torch::sigmoid(m.slice(0, 0, 1)));
  }
  // The probabilities and the log distances, averaged.
  const torch::Tensor mean = torch::stack(back).mean(0).to(torch::kCPU);
  const torch::Tensor prob =
      torch::softmax(allLogits.slice(0, 0, 1), 1).to(torch::kCPU).contiguous();
  const torch::Tensor map = mean[0].contiguous();
  const torch::Tensor cellBoxes =
      net->spec().mapBoxes ? mean.slice(0, 1, 5).exp() : torch::Tensor();
  Explanation e;
  e.probabilities.assign(prob.data_ptr<float>(), prob.data_ptr<float>() + prob.size(1));
  e.classIndex =
      targetClass >= 0 ? targetClass : static_cast<int>(prob[0].argmax().item<int64_t>());
  const cv::Mat small(int(map.size(0)), int(map.size(1)), CV_32F, map.data_ptr<float>());
  cv::resize(small, e.heatmap, size, 0, 0, cv::INTER_LINEAR);
  cv::minMaxLoc(e.heatmap, nullptr, nullptr, nullptr, &e.peak);
  if (cellBoxes.defined()) {
    std::tie(e.regions, e.regionScores) = decodeCellBoxes(small, cellBoxes.contiguous(), size);
    return e;
  }
  cv::Mat labels;
  const std::vector<cv::Rect> boxes =
      componentBoxes(e.heatmap >= Explanation::kRegionThreshold, &labels);
  // Each region's score: the map's maximum inside it, in one pass over the pixels.
  std::vector<float> best(boxes.size(), 0.f);
  for (int y = 0; y < labels.rows; ++y)
    for (int x = 0; x < labels.cols; ++x)
      if (const int k = labels.at<int>(y, x); k > 0)
        best[std::size_t(k - 1)] = std::max(best[std::size_t(k - 1)], e.heatmap.at<float>(y, x));
  std::vector<std::pair<float, cv::Rect>> found;
  for (std::size_t k = 0; k < boxes.size(); ++k) found.emplace_back(best[k], boxes[k]);
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [score, box] : found) {
    e.regions.push_back(box);
    e.regionScores.push_back(score);
  }
  return e;
}
}  // namespace

Explanation Predictor::explain(const cv::Mat& image, int targetClass, CamMethod method) {
  const ModelSpec& spec = impl_->model.metadata.spec;
  const int classes = static_cast<int>(impl_->model.metadata.classes.size());
  if (targetClass >= classes || targetClass < -1)
    throw std::invalid_argument("explain: class " + std::to_string(targetClass) + " of " +
                                std::to_string(classes));
  cv::Mat input = toModelInput(image, spec.inputSize, spec.inputChannels);
  auto x = normalizeBatch(imagesToTensorU8({input}), impl_->model.metadata.normalization,
                          impl_->device, impl_->channelsLast);
  DetectorNet& net = impl_->model.net;
  if (method == CamMethod::DefectMap) {
    // (a model file says how it was trained; one that does not was augmented, the default)
    const nlohmann::json& config = impl_->model.metadata.trainConfig;
    const bool augmented = !config.is_object() || !config.contains("augment") ||
                           !config["augment"].is_boolean() || config["augment"].get<bool>();
    return defectMap(net, x, image.size(), targetClass, augmented);
  }
  const bool wasTraining = net->is_training();
  net->eval();
  torch::Tensor features = net->features(x).detach().requires_grad_(true);
  torch::Tensor logits = net->classify(features);
  torch::Tensor prob = torch::softmax(logits, 1).detach().to(torch::kCPU).contiguous();

  Explanation e;
  e.probabilities.assign(prob.data_ptr<float>(), prob.data_ptr<float>() + prob.size(1));
  e.classIndex =
      targetClass >= 0 ? targetClass : static_cast<int>(prob[0].argmax().item<int64_t>());
  const torch::Tensor grad = torch::autograd::grad({logits[0][e.classIndex]}, {features})[0];
  // Grad-CAM: channel weights = spatially averaged gradients. HiResCAM: the gradient at
  // each position (for a flatten head this is each position's exact linear contribution).
  const torch::Tensor weights =
      method == CamMethod::GradCam ? grad.mean({2, 3}, /*keepdim=*/true) : grad;
  torch::Tensor cam = torch::relu((weights * features.detach()).sum(1))[0];
  cam = cam.to(torch::kCPU, torch::kFloat).contiguous();
  if (wasTraining) net->train();

  cv::Mat small(static_cast<int>(cam.size(0)), static_cast<int>(cam.size(1)), CV_32F,
                cam.data_ptr<float>());
  double maxValue = 0;
  cv::minMaxLoc(small, nullptr, &maxValue);
  cv::resize(small, e.heatmap, image.size(), 0, 0, cv::INTER_LINEAR);
  if (maxValue > 0) {
    e.heatmap /= maxValue;
    cv::minMaxLoc(e.heatmap, nullptr, nullptr, nullptr, &e.peak);
  } else {
    e.heatmap.setTo(0);
  }
  return e;
}

std::vector<cv::Rect> Explanation::shownRegions() const {
  std::vector<cv::Rect> out;
  for (std::size_t k = 0; k < regions.size() && k < regionScores.size(); ++k)
    if (regionScores[k] >= kRegionThreshold) out.push_back(regions[k]);
  return out;
}

bool peakInsideBoxes(const Explanation& e, const std::vector<cv::Rect>& boxes) {
  if (e.peak.x < 0) return false;
  for (const cv::Rect& b : boxes)
    if (b.contains(e.peak)) return true;
  return false;
}

}  // namespace sdd
