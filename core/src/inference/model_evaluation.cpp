#include "sdd/inference/model_evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/label_store.h"

namespace sdd {
namespace {

std::string hex64(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

int ModelEvaluation::predicted(std::size_t k) const {
  const auto& p = probs.at(k);
  return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

std::vector<std::size_t> splitIndices(const Dataset& dataset, const std::string& split) {
  if (split != "validation" && split != "train" && split != "all")
    throw std::invalid_argument("unknown split '" + split +
                                "' (expected validation, train or all)");
  // Labeled images only: one without a class cannot be scored.
  if (split != "all") return dataset.indices(split == "train" ? Split::Train : Split::Validation);
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < dataset.samples().size(); ++i)
    if (dataset.samples()[i].label != kUnlabeled) idx.push_back(i);
  return idx;
}

ModelEvaluation evaluateModel(Predictor& predictor, const std::filesystem::path& modelFile,
                              const Dataset& dataset, const std::string& split,
                              const std::function<void(std::size_t, std::size_t)>& progress,
                              const std::atomic<bool>* cancel) {
  ModelEvaluation out;
  out.modelFile = modelFile;
  out.metadata = predictor.metadata();
  out.split = split;
  out.device = predictor.deviceName();
  requireSameClasses(out.metadata.classes, dataset.classes(), modelFile);
  const auto idx = splitIndices(dataset, split);
  if (idx.empty())
    throw DatasetError("the " + split + " split of " + dataset.root().string() + " has no images");
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (cancel && cancel->load()) {
      out.cancelled = true;
      break;
    }
    const Sample& s = dataset.samples()[idx[k]];
    Prediction p = predictor.predictFile(s.path);
    if (p.ok()) {
      out.samples.push_back(idx[k]);
      out.truth.push_back(s.label);
      out.probs.push_back(std::move(p.probabilities));
      out.unknownScores.push_back(p.unknownScore);
      if (!p.descriptor.empty()) out.descriptors.push_back(std::move(p.descriptor));
      out.ms.push_back(p.totalMs);
    } else {
      out.skipped.push_back({s.path, p.error});
    }
    if (progress) progress(k + 1, idx.size());
  }
  if (out.samples.empty()) {
    if (out.cancelled) return out;
    throw DatasetError("none of the " + std::to_string(idx.size()) + " images of the " + split +
                       " split could be classified (first: " + out.skipped.front().file.string() +
                       ": " + out.skipped.front().reason + ")");
  }
  out.eval = evaluate(out.truth, out.probs, dataset.classes());
  out.trainingOverlap = trainingOverlap(out.metadata.trainingImages, dataset, out.samples);
  out.medianMs = percentile(out.ms, 0.5);
  out.p95Ms = percentile(out.ms, 0.95);
  double sum = 0;
  for (double v : out.ms) sum += v;
  out.meanMs = sum / static_cast<double>(out.ms.size());
  return out;
}

std::string TrainingOverlap::warning() const {
  if (!overlapping) return {};
  char share[32];
  std::snprintf(share, sizeof share, "%.1f", 100.0 * this->share());
  return std::to_string(overlapping) + " of " + std::to_string(images) + " evaluated images (" +
         share +
         " %) are images this model was trained on (the same files): its figures on them "
         "overstate how it does on new images";
}

RuleFit fitConfidenceRule(Predictor& predictor, const std::filesystem::path& modelFile,
                          const Dataset& ds, const std::string& split, double maxRisk,
                          double maxKnownUnknown, bool reviewPerClass) {
  predictor.setKeepDescriptors(true);
  ModelEvaluation held = evaluateModel(predictor, modelFile, ds, split);
  ModelEvaluation train = evaluateModel(predictor, modelFile, ds, "train");
  RuleFitInput in;
  in.maxRisk = maxRisk;
  in.maxKnownUnknown = maxKnownUnknown;
  in.reviewPerClass = reviewPerClass;
  in.heldOutProbs = std::move(held.probs);
  in.heldOutTruth = std::move(held.truth);
  in.heldOutDescriptors = std::move(held.descriptors);
  in.trainDescriptors = std::move(train.descriptors);
  in.trainProbs = std::move(train.probs);
  in.trainLabels = std::move(train.truth);
  in.classes = static_cast<int>(ds.classes().size());
  in.descriptorParts = predictor.metadata().spec.descriptorParts();
  in.trainSizes = ds.imageSizes(Split::Train);
  const std::string name = ds.root().filename().string();
  in.heldOutName = "the " + split + " split of " + name;
  in.trainName = "the training split of " + name;
  return fitConfidenceRule(in);
}

namespace {
int sum(const std::vector<int>& v) {
  int s = 0;
  for (int x : v) s += x;
  return s;
}
}  // namespace

double PointingGame::map50() const {
  double total = 0;
  int n = 0;
  for (double ap : ap50)
    if (ap >= 0) total += ap, ++n;
  return n ? total / n : -1;
}

namespace {
struct Detection {
  std::size_t image;
  cv::Rect box;
  float score;
};

// VOC all-point average precision at IoU 0.5 of one class's detections against its boxes.
double averagePrecision50(std::vector<Detection> dets,
                          const std::vector<std::vector<cv::Rect>>& truth) {
  std::size_t positives = 0;
  for (const auto& t : truth) positives += t.size();
  if (positives == 0) return -1;
  std::stable_sort(dets.begin(), dets.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<std::vector<bool>> used(truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) used[i].assign(truth[i].size(), false);
  std::vector<double> precision, recall;
  std::size_t tp = 0, fp = 0;
  for (const Detection& d : dets) {
    double best = 0;
    std::ptrdiff_t match = -1;
    for (std::size_t k = 0; k < truth[d.image].size(); ++k)
      if (const double v = boxIoU(d.box, truth[d.image][k]); v > best)
        best = v, match = std::ptrdiff_t(k);
    if (best >= 0.5 && !used[d.image][std::size_t(match)]) {
      used[d.image][std::size_t(match)] = true;
      ++tp;
    } else {
      ++fp;
    }
    precision.push_back(double(tp) / double(tp + fp));
    recall.push_back(double(tp) / double(positives));
  }
  // Area under the precision envelope (the best precision at this recall or beyond).
  double ap = 0, prevRecall = 0;
  for (std::size_t i = 0; i < precision.size(); ++i) {
    double envelope = 0;
    for (std::size_t j = i; j < precision.size(); ++j) envelope = std::max(envelope, precision[j]);
    ap += (recall[i] - prevRecall) * envelope;
    prevRecall = recall[i];
  }
  return ap;
}
}  // namespace

int PointingGame::totalImages() const { return sum(images); }
int PointingGame::totalHits() const { return sum(hits); }
int PointingGame::totalCentreHits() const { return sum(centreHits); }
int PointingGame::totalBorderPeaks() const { return sum(borderPeaks); }

PointingGame pointingGame(Predictor& predictor, const Dataset& dataset, const std::string& split,
                          CamMethod method,
                          const std::function<void(std::size_t, std::size_t)>& progress,
                          const std::atomic<bool>* cancel) {
  requireSameClasses(predictor.metadata().classes, dataset.classes(), "the model");
  PointingGame g;
  g.classes = dataset.classes();
  const std::size_t n = g.classes.size();
  g.hits.assign(n, 0);
  g.centreHits.assign(n, 0);
  g.images.assign(n, 0);
  g.borderPeaks.assign(n, 0);
  g.method = toString(method);
  const auto idx = splitIndices(dataset, split);
  // DefectMap: per class, the boxes of each image and the regions found.
  std::vector<std::vector<std::vector<cv::Rect>>> truth(
      n, std::vector<std::vector<cv::Rect>>(idx.size()));
  std::vector<std::vector<Detection>> detections(n);
  std::vector<double> iouSum(n, 0.0);
  std::vector<int> iouImages(n, 0);
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (cancel && cancel->load()) {
      g.cancelled = true;
      break;
    }
    const Sample& s = dataset.samples()[idx[k]];
    if (progress) progress(k + 1, idx.size());
    if (s.boxes.empty() && s.mask.empty()) {
      ++g.withoutBoxes;
      continue;
    }
    const DecodedImage d = loadImage(s.path);
    if (!d.ok()) {
      ++g.failed;
      continue;
    }
    // Where the defect is: the mask's pixels and their components' boxes, or else the boxes
    // (their pixels: the outlines the annotation drew, else the rectangles).
    std::vector<cv::Rect> boxes;
    cv::Mat truthMask;
    if (!s.mask.empty()) {
      truthMask = loadMask(s.mask, nullptr);
      if (truthMask.size() != d.image.size()) truthMask.release();  // changed since the scan
    }
    if (!truthMask.empty()) {
      boxes = componentBoxes(truthMask);
    } else {
      boxes = boxRects(s.boxes);
      truthMask = cv::Mat::zeros(d.image.size(), CV_8UC1);
      for (const BoundingBox& b : s.boxes) fillRegion(b, truthMask);
    }
    if (boxes.empty()) {  // a defect-free image: nothing to point at
      ++g.withoutBoxes;
      continue;
    }
    const Explanation e = predictor.explain(d.image, s.label, method);
    const auto c = static_cast<std::size_t>(s.label);
    ++g.images[c];
    g.hits[c] += e.peak.x >= 0 && truthMask.at<std::uint8_t>(e.peak) ? 1 : 0;
    if (e.peak.x >= 0) {
      const int margin = std::max(1, int(0.08 * std::min(d.image.cols, d.image.rows)));
      const int edge =
          std::min({e.peak.x, e.peak.y, d.image.cols - 1 - e.peak.x, d.image.rows - 1 - e.peak.y});
      g.borderPeaks[c] += edge < margin ? 1 : 0;
    }
    if (method == CamMethod::DefectMap) {
      truth[c][k] = boxes;
      const auto best = std::max_element(e.probabilities.begin(), e.probabilities.end());
      const auto predicted = static_cast<std::size_t>(best - e.probabilities.begin());
      for (std::size_t r = 0; r < e.regions.size(); ++r)
        detections[predicted].push_back({k, e.regions[r], e.regionScores[r] * *best});
      const cv::Mat& inBoxes = truthMask;
      const cv::Mat onMap = e.heatmap >= Explanation::kRegionThreshold;
      const int uni = cv::countNonZero(inBoxes | onMap);
      iouSum[c] += uni ? double(cv::countNonZero(inBoxes & onMap)) / uni : 1.0;
      ++iouImages[c];
    }
    g.centreHits[c] += truthMask.at<std::uint8_t>(d.image.rows / 2, d.image.cols / 2) ? 1 : 0;
  }
  if (method == CamMethod::DefectMap) {
    for (std::size_t c = 0; c < n; ++c)
      g.ap50.push_back(averagePrecision50(detections[c], truth[c]));
    for (std::size_t c = 0; c < n; ++c)
      g.pixelIoUs.push_back(iouImages[c] ? iouSum[c] / iouImages[c] : -1.0);
    const int images = std::accumulate(iouImages.begin(), iouImages.end(), 0);
    if (images) g.pixelIoU = std::accumulate(iouSum.begin(), iouSum.end(), 0.0) / images;
  }
  return g;
}

std::string Perturbation::name() const {
  std::ostringstream o;
  if (kind == "none") return "none (original images)";
  o << kind << (kind == "brightness" ? (level >= 0 ? " +" : " ") : " sigma ") << level;
  return o.str();
}

std::vector<Perturbation> defaultPerturbations() {
  return {{"none", 0},        {"noise", 5},      {"noise", 10},       {"noise", 20},
          {"blur", 1},        {"blur", 2},       {"brightness", -40}, {"brightness", -20},
          {"brightness", 20}, {"brightness", 40}};
}

cv::Mat perturb(const cv::Mat& image, const Perturbation& p, std::uint64_t seed) {
  cv::Mat out;
  if (p.kind == "none") return image.clone();
  if (p.kind == "noise") {
    cv::Mat noise(image.size(), CV_32FC(image.channels()));
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, p.level);
    cv::Mat f;
    image.convertTo(f, CV_32F);
    f += noise;
    f.convertTo(out, CV_8U);  // saturating
    return out;
  }
  if (p.kind == "blur") {
    cv::GaussianBlur(image, out, cv::Size(0, 0), p.level);
    return out;
  }
  if (p.kind == "brightness") {
    image.convertTo(out, CV_8U, 1.0, p.level);
    return out;
  }
  throw std::invalid_argument("unknown perturbation '" + p.kind +
                              "' (expected none, noise, blur or brightness)");
}

std::vector<RobustnessRow> evaluateRobustness(Predictor& predictor, const Dataset& dataset,
                                              const std::string& split,
                                              const std::vector<Perturbation>& perturbations) {
  requireSameClasses(predictor.metadata().classes, dataset.classes(), "the model");
  const auto idx = splitIndices(dataset, split);
  std::vector<cv::Mat> originals;
  std::vector<int> truth;
  for (std::size_t i : idx) {
    const DecodedImage d = loadImage(dataset.samples()[i].path);
    if (!d.ok()) continue;
    originals.push_back(d.image);
    truth.push_back(dataset.samples()[i].label);
  }
  if (originals.empty()) throw DatasetError("the " + split + " split has no readable images");
  std::vector<RobustnessRow> rows;
  for (const Perturbation& p : perturbations) {
    std::vector<cv::Mat> images;
    images.reserve(originals.size());
    for (std::size_t k = 0; k < originals.size(); ++k)
      images.push_back(perturb(originals[k], p, 1000 + k));
    const Evaluation ev = evaluate(truth, predictor.predictImages(images), dataset.classes());
    RobustnessRow r;
    r.perturbation = p;
    r.accuracy = ev.accuracy;
    r.macroF1 = ev.macroF1;
    for (const auto& c : ev.perClass) r.classAccuracy.push_back(c.recall);
    rows.push_back(std::move(r));
  }
  return rows;
}

int weightLayers(const ModelSpec& spec) {
  return static_cast<int>(spec.convChannels.size()) + (spec.fcWidth > 0 ? 1 : 0) + 1;
}

ModelSummary summarize(const ModelEvaluation& ev, const std::string& name) {
  ModelSummary s;
  s.name = name;
  s.file = ev.modelFile;
  const ModelSpec& spec = ev.metadata.spec;
  s.architecture = spec.describe();
  s.layers = weightLayers(spec);
  s.weights = spec.parameterCount();
  s.macs = spec.macs();
  s.macroF1 = ev.eval.macroF1;
  s.minAuc = 1.0;
  for (const auto& c : ev.eval.perClass) {
    if (!std::isnan(c.auc) && c.auc <= s.minAuc) {
      s.minAuc = c.auc;
      s.minAucClass = c.name;
    }
  }
  s.medianMs = ev.medianMs;
  s.images = ev.samples.size();
  return s;
}

std::string modelLabel(const std::filesystem::path& file) {
  return (file.parent_path().filename() / file.filename()).string();
}

ModelComparison compareModels(
    const Dataset& dataset, const std::string& split,
    const std::vector<std::filesystem::path>& models, const std::string& device, int threads,
    const std::function<void(std::size_t, std::size_t, std::size_t)>& progress,
    const std::atomic<bool>* cancel) {
  ModelComparison out;
  for (std::size_t i = 0; i < models.size(); ++i) {
    if (cancel && cancel->load()) break;
    try {
      Predictor predictor(models[i], device, threads);
      if (predictor.metadata().classes != dataset.classes()) {
        out.skipped.push_back({models[i], "trained on other classes"});
        continue;
      }
      const ModelEvaluation ev = evaluateModel(
          predictor, models[i], dataset, split,
          [&](std::size_t done, std::size_t total) {
            if (progress) progress(i, done, total);
          },
          cancel);
      if (ev.cancelled) break;
      out.rows.push_back(summarize(ev, modelLabel(models[i])));
    } catch (const ModelError& e) {
      out.skipped.push_back({models[i], e.what()});
    } catch (const DatasetError& e) {
      out.skipped.push_back({models[i], e.what()});
    }
  }
  return out;
}

nlohmann::json evaluationJson(const ModelEvaluation& ev, const Dataset& dataset) {
  nlohmann::json j = toJson(ev.eval);
  j["model"] = ev.modelFile.string();
  j["dataset"] = dataset.root().string();
  j["split"] = ev.split;
  j["device"] = ev.device;
  j["ms_per_image"] = {{"median", ev.medianMs}, {"p95", ev.p95Ms}, {"mean", ev.meanMs}};
  j["images"] = ev.samples.size();
  j["skipped"] = ev.skipped.size();
  j["training_overlap"] = {{"recorded", ev.trainingOverlap.recorded},
                           {"overlapping", ev.trainingOverlap.overlapping},
                           {"share", ev.trainingOverlap.share()}};
  return j;
}

const std::vector<ReportedModel>& paperTableV() {
  static const std::vector<ReportedModel> rows = {
      {"ResNet152 [26]", "152", "55M", "0.912"},     {"ResNet50 [27]", "50", "55M", "0.975"},
      {"MobileNet-v1 [28]", "28", "4.2M", "< 0.95"}, {"previous work [32]", "6", "0.17M", "0.931"},
      {"proposed (paper)", "6", "0.08M", "0.978"},
  };
  return rows;
}

std::string datasetFingerprint(const Dataset& dataset) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* data, std::size_t n) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 1099511628211ull;
    }
  };
  for (const Sample& s : dataset.samples()) {
    const std::string rel = journalPath(dataset.root(), s.path);
    mix(rel.data(), rel.size() + 1);
    mix(&s.contentHash, sizeof s.contentHash);
    const std::string& label = dataset.className(s.label);
    mix(label.data(), label.size() + 1);
    const char split = s.split == Split::Train ? 't' : 'v';
    mix(&split, 1);
  }
  return hex64(h);
}

std::string fileFingerprint(const std::filesystem::path& file) {
  std::vector<std::uint8_t> bytes;
  std::string error;
  if (!readFileBytes(file, bytes, error))
    throw std::runtime_error("cannot read " + file.string() + ": " + error);
  return hex64(fnv1a64(bytes.data(), bytes.size()));
}

}  // namespace sdd
