#include "sdd/model/model_spec.h"

#include <chrono>
#include <ctime>
#include <sstream>

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
  s.inputSize = 100;
  s.batchNorm = true;
  s.head = HeadType::GlobalAvgPool;
  s.fcWidth = 0;
  return s;
}

void ModelSpec::validate() const {
  auto fail = [](const std::string& why) { throw ModelError("invalid model architecture: " + why); };
  if (inputSize < 8) fail("input size must be at least 8 pixels");
  if (inputChannels != 1 && inputChannels != 3) fail("input channels must be 1 or 3");
  if (convChannels.empty()) fail("need at least one conv block");
  for (int c : convChannels)
    if (c <= 0) fail("conv widths must be positive");
  if (kernelSize < 1 || kernelSize % 2 == 0) fail("kernel size must be odd");
  if (fcWidth < 0) fail("FC width must be >= 0");
  if (dropout < 0 || dropout >= 1) fail("dropout must be in [0, 1)");
  if (numClasses < 2) fail("need at least 2 classes");
  if (featureSize() < 1)
    fail(std::to_string(convChannels.size()) + " pooling blocks shrink a " +
         std::to_string(inputSize) + " px input to nothing");
}

int ModelSpec::featureSize() const {
  int s = inputSize;
  for (std::size_t i = 0; i < convChannels.size(); ++i) s /= 2;
  return s;
}

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
  return m;
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
  return o.str();
}

bool ModelSpec::operator==(const ModelSpec& o) const {
  return inputSize == o.inputSize && inputChannels == o.inputChannels &&
         convChannels == o.convChannels && kernelSize == o.kernelSize && head == o.head &&
         fcWidth == o.fcWidth && batchNorm == o.batchNorm && dropout == o.dropout &&
         numClasses == o.numClasses;
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
}

void from_json(const nlohmann::json& j, ModelSpec& s) {
  s.inputSize = j.at("input_size").get<int>();
  s.inputChannels = j.at("input_channels").get<int>();
  s.convChannels = j.at("conv_channels").get<std::vector<int>>();
  s.kernelSize = j.at("kernel_size").get<int>();
  const std::string head = j.at("head").get<std::string>();
  if (head != "flatten" && head != "gap") throw ModelError("unknown head type '" + head + "'");
  s.head = head == "flatten" ? HeadType::Flatten : HeadType::GlobalAvgPool;
  s.fcWidth = j.at("fc_width").get<int>();
  s.batchNorm = j.at("batch_norm").get<bool>();
  s.dropout = j.value("dropout", 0.0);
  s.numClasses = j.at("num_classes").get<int>();
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
}

void from_json(const nlohmann::json& j, ModelMetadata& m) {
  if (j.value("format", "") != "sdd-model") throw ModelError("not an SDD model (format tag missing)");
  m.formatVersion = j.at("format_version").get<int>();
  if (m.formatVersion > 1)
    throw ModelError("model format version " + std::to_string(m.formatVersion) +
                     " is newer than this program understands (1)");
  m.classes = j.at("classes").get<std::vector<std::string>>();
  m.spec = j.at("architecture").get<ModelSpec>();
  m.normalization.mean = j.at("normalization").at("mean").get<std::vector<float>>();
  m.normalization.std = j.at("normalization").at("std").get<std::vector<float>>();
  m.trainConfig = j.value("train_config", nlohmann::json::object());
  m.metrics = j.value("metrics", nlohmann::json::object());
  m.createdAt = j.value("created_at", "");
  m.tool = j.value("tool", "");
  if (static_cast<int>(m.classes.size()) != m.spec.numClasses)
    throw ModelError("model lists " + std::to_string(m.classes.size()) +
                     " classes but its architecture has " + std::to_string(m.spec.numClasses) +
                     " outputs");
  if (static_cast<int>(m.normalization.mean.size()) != m.spec.inputChannels ||
      static_cast<int>(m.normalization.std.size()) != m.spec.inputChannels)
    throw ModelError("normalization does not match the input channel count");
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
