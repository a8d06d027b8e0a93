#include "sdd/model/model_spec.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "sdd/util/json.h"

namespace sdd {

ModelSpec ModelSpec::tableII(int numClasses) {
  ModelSpec s;
  s.numClasses = numClasses;
  return s;
}

// 100-px input: NEU's 200-px JPEGs are then decoded at half scale; accuracy was higher than
// at 200 px in our runs (docs/performance.md) for a quarter of the arithmetic (10.6 M MACs).
ModelSpec ModelSpec::recommended(int numClasses) {
  ModelSpec s;
  s.numClasses = numClasses;
  s.inputSize = 50;
  s.batchNorm = true;
  s.head = HeadType::GlobalAvgPool;
  s.fcWidth = 0;
  return s;
}

void ModelSpec::validate() const {
  auto fail = [](const std::string& why) {
    throw ModelError("invalid model architecture: " + why);
  };
  if (inputSize < 8) fail("input size must be at least 8 pixels");
  if (inputChannels != 1 && inputChannels != 3) fail("input channels must be 1 or 3");
  if (convChannels.empty()) fail("need at least one conv block");
  for (int c : convChannels)
    if (c <= 0) fail("conv widths must be positive");
  if (kernelSize < 1 || kernelSize % 2 == 0) fail("kernel size must be odd");
  if (fcWidth < 0) fail("FC width must be >= 0");
  if (dropout < 0 || dropout >= 1) fail("dropout must be in [0, 1)");
  if (numClasses < 2) fail("need at least 2 classes");
  if (defectMap && convChannels.size() < 2) fail("a defect map needs at least 2 conv blocks");
  if (mapBoxes && !defectMap) fail("map boxes need a defect map");
  // Upper bounds: a damaged or hand-edited model file must not make us allocate gigabytes.
  if (inputSize > 4096) fail("input size must be at most 4096 pixels");
  if (convChannels.size() > 12) fail("at most 12 conv blocks");
  for (int c : convChannels)
    if (c > 4096) fail("conv widths must be at most 4096");
  if (kernelSize > 15) fail("kernel size must be at most 15");
  if (fcWidth > 65536) fail("FC width must be at most 65536");
  if (numClasses > 10000) fail("at most 10000 classes");
  if (featureSize() < 1)
    fail(std::to_string(convChannels.size()) + " pooling blocks shrink a " +
         std::to_string(inputSize) + " px input to nothing");
  if (parameterCount() > 100'000'000) fail("more than 100 million weights");
  auto human = [](double v, const char* unit) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(v < 10 ? 1 : 0) << v << unit;
    return o.str();
  };
  if (macs() > kMaxMacs)
    fail(human(macs() / 1e9, " G") + " multiply-accumulates per image; at most " +
         human(kMaxMacs / 1e9, " G"));
  if (activationBytes() > kMaxActivationBytes)
    fail(human(activationBytes() / 1048576.0, " MB") + " of activations per image; at most " +
         human(kMaxActivationBytes / 1048576.0, " MB"));
}

std::vector<int> ModelSpec::descriptorParts() const {
  std::vector<int> parts{3 * inputChannels};
  for (int c : convChannels) parts.push_back(2 * std::max(c, 0));
  return parts;
}

int ModelSpec::descriptorSize() const {
  int n = 0;
  for (int part : descriptorParts()) n += part;
  return n;
}

int ModelSpec::featureSize() const {
  int s = inputSize;
  for (std::size_t i = 0; i < convChannels.size(); ++i) s /= 2;
  return s;
}

int ModelSpec::mapSize() const { return inputSize / 2 / 2; }

int ModelSpec::mapChannels() const { return defectMap ? (mapBoxes ? 5 : 1) : 0; }

std::int64_t ModelSpec::parameterCount() const {
  std::int64_t p = 0;
  std::int64_t in = inputChannels;
  for (int out : convChannels) {
    p += in * out * kernelSize * kernelSize + out;
    if (batchNorm) p += 2 * out;
    in = out;
  }
  const std::int64_t fs = featureSize();
  std::int64_t features = head == HeadType::Flatten ? in * fs * fs : in;
  if (fcWidth > 0) {
    p += features * fcWidth + fcWidth;
    features = fcWidth;
  }
  p += features * numClasses + numClasses;
  const std::int64_t projected = mapBoxes ? kMapWidth : mapChannels();
  for (std::size_t b = 1; defectMap && b < convChannels.size(); ++b)
    p += (convChannels[b] + 1) * projected;
  if (mapBoxes)
    p += kMapTowerDepth * (9 * kMapWidth * kMapWidth + kMapWidth) + (kMapWidth + 1) * mapChannels();
  return p;
}

std::int64_t ModelSpec::macs() const {
  std::int64_t m = 0;
  std::int64_t in = inputChannels, size = inputSize;
  for (int out : convChannels) {
    m += size * size * out * in * kernelSize * kernelSize;  // same padding, stride 1
    in = out;
    size /= 2;
  }
  std::int64_t features = head == HeadType::Flatten ? in * size * size : in;
  if (fcWidth > 0) {
    m += features * fcWidth;
    features = fcWidth;
  }
  m += features * numClasses;
  if (defectMap) {  // 1×1 convs at each block's size, then bilinear upsampling to the map's
    std::int64_t side = inputSize / 2;
    for (std::size_t b = 1; b < convChannels.size(); ++b) {
      side /= 2;
      m += (side * side * convChannels[b] + 4 * mapSize() * mapSize()) * (mapBoxes ? kMapWidth : 1);
    }
    if (mapBoxes)
      m += std::int64_t(mapSize()) * mapSize() *
           (kMapTowerDepth * 9 * kMapWidth * kMapWidth + kMapWidth * mapChannels());
  }
  return m;
}

std::int64_t ModelSpec::activationBytes() const {
  std::int64_t floats = static_cast<std::int64_t>(inputChannels) * inputSize * inputSize,
               size = inputSize;
  for (int out : convChannels) {
    floats += (batchNorm ? 3 : 2) * out * size * size;  // conv, [BatchNorm,] ReLU
    size /= 2;
    floats += out * size * size;  // pooled
  }
  return floats * 4;
}

std::string ModelSpec::describe() const {
  std::ostringstream o;
  o << inputSize << "x" << inputSize << "x" << inputChannels << " conv[";
  for (std::size_t i = 0; i < convChannels.size(); ++i) o << (i ? "," : "") << convChannels[i];
  o << "] k" << kernelSize << (batchNorm ? " bn" : "")
    << (head == HeadType::Flatten ? " flatten" : " gap");
  if (fcWidth > 0) o << " fc" << fcWidth;
  if (dropout > 0) o << " dropout" << dropout;
  o << " -> " << numClasses;
  if (defectMap) o << " + map" << mapSize() << (mapBoxes ? " boxes" : "");
  return o.str();
}

bool ModelSpec::operator==(const ModelSpec& o) const {
  return inputSize == o.inputSize && inputChannels == o.inputChannels &&
         convChannels == o.convChannels && kernelSize == o.kernelSize && head == o.head &&
         fcWidth == o.fcWidth && batchNorm == o.batchNorm && dropout == o.dropout &&
         numClasses == o.numClasses && defectMap == o.defectMap && mapBoxes == o.mapBoxes;
}

void to_json(nlohmann::json& j, const ModelSpec& s) {
  j = {{"input_size", s.inputSize},
       {"input_channels", s.inputChannels},
       {"conv_channels", s.convChannels},
       {"kernel_size", s.kernelSize},
       {"head", s.head == HeadType::Flatten ? "flatten" : "gap"},
       {"fc_width", s.fcWidth},
       {"batch_norm", s.batchNorm},
       {"dropout", s.dropout},
       {"num_classes", s.numClasses}};
  if (s.defectMap) j["defect_map"] = true;  // absent in files from before the map
  if (s.mapBoxes) j["map_boxes"] = true;    // absent in files from before the boxes
}

// An integer field, by jsonInteger, with the field named.
static int intField(const nlohmann::json& v, const std::string& key,
                    long long lo = -1'000'000'000) {
  try {
    return static_cast<int>(jsonInteger(v, lo, 1'000'000'000));
  } catch (const JsonError& e) {
    throw ModelError("field '" + key + "': " + e.what());
  }
}

void from_json(const nlohmann::json& j, ModelSpec& s) {
  s.inputSize = intField(j.at("input_size"), "input_size");
  s.inputChannels = intField(j.at("input_channels"), "input_channels");
  s.convChannels.clear();
  for (const auto& c : j.at("conv_channels"))
    s.convChannels.push_back(intField(c, "conv_channels"));
  s.kernelSize = intField(j.at("kernel_size"), "kernel_size");
  const std::string head = j.at("head").get<std::string>();
  if (head != "flatten" && head != "gap") throw ModelError("unknown head type '" + head + "'");
  s.head = head == "flatten" ? HeadType::Flatten : HeadType::GlobalAvgPool;
  s.fcWidth = intField(j.at("fc_width"), "fc_width");
  s.batchNorm = j.at("batch_norm").get<bool>();
  s.dropout = j.value("dropout", 0.0);
  s.numClasses = intField(j.at("num_classes"), "num_classes");
  s.defectMap = j.value("defect_map", false);
  s.mapBoxes = j.value("map_boxes", false);
  s.validate();
}

void to_json(nlohmann::json& j, const ModelMetadata& m) {
  j = {{"format", "sdd-model"},
       {"format_version", m.formatVersion},
       {"classes", m.classes},
       {"architecture", m.spec},
       {"normalization", {{"mean", m.normalization.mean}, {"std", m.normalization.std}}},
       {"train_config", m.trainConfig},
       {"metrics", m.metrics},
       {"created_at", m.createdAt},
       {"tool", m.tool}};
  if (!m.trainingImages.empty()) {
    std::string hex;
    hex.reserve(m.trainingImages.size() * 16);
    char buf[17];
    for (const std::uint64_t h : m.trainingImages) {
      std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
      hex += buf;
    }
    j["training_images"] = {{"hash", "fnv1a-64 of the file bytes, 16 hex digits each, sorted"},
                            {"count", m.trainingImages.size()},
                            {"hashes", hex}};
  }
  if (m.confidenceRule) {
    const ConfidenceRule& r = *m.confidenceRule;
    j["confidence_rule"] = {{"temperature", r.temperature},
                            {"review_below", r.reviewBelow},
                            {"max_risk", r.maxRisk},
                            {"fitted_on", r.fittedOn}};
    if (!r.reviewBelowByClass.empty()) {  // null: the class has the overall threshold
      nlohmann::json byClass = nlohmann::json::array();
      for (double t : r.reviewBelowByClass)
        byClass.push_back(t >= 0 ? nlohmann::json(t) : nlohmann::json());
      j["confidence_rule"]["review_below_by_class"] = byClass;
    }
    if (!r.unknown.empty()) {
      nlohmann::json parts = nlohmann::json::array();
      for (const UnknownPart& p : r.unknown.parts)
        parts.push_back({{"name", p.name},
                         {"offset", p.offset},
                         {"length", p.length},
                         {"median", p.median},
                         {"q99", p.q99},
                         {"means", p.classes.means},
                         {"whitening", p.classes.whitening},
                         {"background_means", p.background.means},
                         {"background_whitening", p.background.whitening}});
      j["confidence_rule"]["unknown"] = {
          {"method",
           "max(input, block 1 + softmax), parts scaled by the training images' median "
           "and 99th percentile (sdd/metrics/unknown_score.h)"},
          {"threshold", r.unknown.threshold},
          {"max_known_unknown", r.unknown.maxKnownUnknown},
          {"fitted_on", r.unknown.fittedOn},
          {"parts", parts}};
    }
    if (!r.shapes.empty())
      j["confidence_rule"]["trained_shapes"] = {
          {"rule",
           "unknown when the shorter side is under a quarter of min_short_side, or width / "
           "height under half min_aspect or over twice max_aspect"},
          {"min_short_side", r.shapes.minShortSide},
          {"min_aspect", r.shapes.minAspect},
          {"max_aspect", r.shapes.maxAspect}};
  }
}

namespace {
std::vector<float> finiteFloats(const std::vector<double>& v, const char* what) {
  std::vector<float> out;
  out.reserve(v.size());
  for (double x : v) {
    if (!std::isfinite(x) || std::fabs(x) > 1e12)
      throw ModelError(std::string("unknown detector: ") + what + " value out of range");
    out.push_back(static_cast<float>(x));
  }
  return out;
}

GaussianDistance gaussiansFromJson(const nlohmann::json& means, const nlohmann::json& whitening,
                                   std::size_t dims, std::size_t groups) {
  GaussianDistance g;
  for (const auto& mean : means)
    g.means.push_back(finiteFloats(mean.get<std::vector<double>>(), "mean"));
  g.whitening = finiteFloats(whitening.get<std::vector<double>>(), "whitening");
  if (g.means.empty() && g.whitening.empty()) return g;  // none (a part without a background)
  if (g.means.size() != groups)
    throw ModelError("unknown detector: " + std::to_string(g.means.size()) + " means for " +
                     std::to_string(groups) + " groups");
  for (const auto& mean : g.means)
    if (!mean.empty() && mean.size() != dims)
      throw ModelError("unknown detector: a mean of " + std::to_string(mean.size()) +
                       " values for a part of " + std::to_string(dims));
  if (g.whitening.size() != dims * dims)
    throw ModelError("unknown detector: whitening of " + std::to_string(g.whitening.size()) +
                     " values for a part of " + std::to_string(dims));
  return g;
}

// The unknown detector of a model file, checked against the network it belongs to: a damaged
// or crafted file must not make the scorer read past its arrays.
UnknownDetector unknownDetectorFromJson(const nlohmann::json& u, const ModelSpec& spec) {
  UnknownDetector d;
  d.threshold = u.at("threshold").get<double>();
  d.maxKnownUnknown = u.value("max_known_unknown", 0.0);
  d.fittedOn = u.value("fitted_on", "");
  if (!(d.threshold >= 0 && std::isfinite(d.threshold)))
    throw ModelError("unknown detector: threshold out of range");
  const int dims = spec.descriptorSize();
  for (const auto& j : u.at("parts")) {
    UnknownPart p;
    p.name = j.at("name").get<std::string>();
    p.offset = intField(j.at("offset"), "unknown detector offset");
    p.length = intField(j.at("length"), "unknown detector length");
    p.median = j.at("median").get<double>();
    p.q99 = j.at("q99").get<double>();
    if (p.offset < 0 || p.length < 0 || p.offset > dims || p.length > dims - p.offset)
      throw ModelError("unknown detector: part '" + p.name + "' outside the descriptor of " +
                       std::to_string(dims));
    if (!std::isfinite(p.median) || !std::isfinite(p.q99))
      throw ModelError("unknown detector: part scale out of range");
    if (p.length > 0) {
      p.classes = gaussiansFromJson(j.at("means"), j.at("whitening"), std::size_t(p.length),
                                    std::size_t(spec.numClasses));
      if (p.classes.empty()) throw ModelError("unknown detector: part '" + p.name + "' is empty");
      p.background = gaussiansFromJson(j.value("background_means", nlohmann::json::array()),
                                       j.value("background_whitening", nlohmann::json::array()),
                                       std::size_t(p.length), 1);
    }
    d.parts.push_back(std::move(p));
  }
  return d;
}
}  // namespace

void from_json(const nlohmann::json& j, ModelMetadata& m) {
  if (j.value("format", "") != "sdd-model")
    throw ModelError("not an SDD model (format tag missing)");
  m.formatVersion = intField(j.at("format_version"), "format_version");
  if (m.formatVersion > 1)
    throw ModelError("model format version " + std::to_string(m.formatVersion) +
                     " is newer than this program understands (1)");
  m.classes = j.at("classes").get<std::vector<std::string>>();
  m.spec = j.at("architecture").get<ModelSpec>();
  // Read as double: converting an out-of-range number straight to float is undefined.
  auto floats = [&](const char* key) {
    std::vector<float> out;
    for (double v : j.at("normalization").at(key).get<std::vector<double>>()) {
      if (!std::isfinite(v) || std::fabs(v) > 1e6)
        throw ModelError(std::string("normalization ") + key + " value out of range");
      out.push_back(static_cast<float>(v));
    }
    return out;
  };
  m.normalization.mean = floats("mean");
  m.normalization.std = floats("std");
  m.trainConfig = j.value("train_config", nlohmann::json::object());
  m.metrics = j.value("metrics", nlohmann::json::object());
  m.createdAt = j.value("created_at", "");
  m.tool = j.value("tool", "");
  if (j.contains("training_images")) {
    const std::string hex = j.at("training_images").at("hashes").get<std::string>();
    const auto count =
        static_cast<std::size_t>(intField(j.at("training_images").at("count"), "count", 0));
    if (hex.size() != 16 * count || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw ModelError("training_images: expected " + std::to_string(count) +
                       " hashes of 16 hex digits");
    m.trainingImages.resize(count);
    for (std::size_t k = 0; k < count; ++k)
      m.trainingImages[k] = std::stoull(hex.substr(16 * k, 16), nullptr, 16);
  }
  if (j.contains("confidence_rule")) {
    const nlohmann::json& r = j.at("confidence_rule");
    ConfidenceRule rule;
    rule.temperature = r.at("temperature").get<double>();
    rule.reviewBelow = r.at("review_below").get<double>();
    rule.maxRisk = r.value("max_risk", 0.0);
    rule.fittedOn = r.value("fitted_on", "");
    if (!(rule.temperature >= 0.01 && rule.temperature <= 100))
      throw ModelError("confidence rule: temperature out of range [0.01, 100]");
    if (!(rule.reviewBelow >= 0 && rule.reviewBelow <= 1.0001))
      throw ModelError("confidence rule: review threshold out of range [0, 1]");
    if (r.contains("review_below_by_class")) {
      const nlohmann::json& byClass = r.at("review_below_by_class");
      if (!byClass.is_array() || byClass.size() != m.classes.size())
        throw ModelError("confidence rule: review_below_by_class is not one entry per class");
      for (const auto& t : byClass) {
        const double v = t.is_null() ? -1 : t.get<double>();
        if (!(v == -1 || (v >= 0 && v <= 1.0001)))
          throw ModelError("confidence rule: a class's review threshold out of range [0, 1]");
        rule.reviewBelowByClass.push_back(v);
      }
    }
    if (r.contains("unknown")) rule.unknown = unknownDetectorFromJson(r.at("unknown"), m.spec);
    if (r.contains("trained_shapes")) {
      const nlohmann::json& t = r.at("trained_shapes");
      rule.shapes.minShortSide = intField(t.at("min_short_side"), "min_short_side");
      rule.shapes.minAspect = t.at("min_aspect").get<double>();
      rule.shapes.maxAspect = t.at("max_aspect").get<double>();
      const TrainedShapes& sh = rule.shapes;
      if (!(sh.minShortSide >= 1 && sh.minAspect > 0 && sh.minAspect <= sh.maxAspect &&
            sh.maxAspect < 1e6))
        throw ModelError("confidence rule: trained shapes out of range");
    }
    m.confidenceRule = rule;
  }
  if (static_cast<int>(m.classes.size()) != m.spec.numClasses)
    throw ModelError("model lists " + std::to_string(m.classes.size()) +
                     " classes but its architecture has " + std::to_string(m.spec.numClasses) +
                     " outputs");
  if (static_cast<int>(m.normalization.mean.size()) != m.spec.inputChannels ||
      static_cast<int>(m.normalization.std.size()) != m.spec.inputChannels)
    throw ModelError("normalization does not match the input channel count");
  for (std::size_t c = 0; c < m.normalization.std.size(); ++c)
    if (!(m.normalization.std[c] > 0) || !std::isfinite(m.normalization.std[c]) ||
        !std::isfinite(m.normalization.mean[c]))
      throw ModelError("normalization mean/std must be finite, std > 0");
}

static std::string joinNames(const std::vector<std::string>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return "[" + s + "]";
}

void requireSameClasses(const std::vector<std::string>& model,
                        const std::vector<std::string>& dataset,
                        const std::filesystem::path& modelFile) {
  if (model == dataset) return;
  throw ModelError("model " + modelFile.string() + " was trained on classes " + joinNames(model) +
                   " but the dataset has " + joinNames(dataset));
}

std::string nowIso8601() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace sdd
