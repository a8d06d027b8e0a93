#include "sdd/model/detector_net.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "model/legacy_archive.h"
#include "model/tensor_file.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/model/archive_check.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd {
namespace {
constexpr const char* kMetadataKey = "sdd_metadata";

}  // namespace

DetectorNetImpl::DetectorNetImpl(const ModelSpec& spec) : spec_(spec) {
  spec_.validate();
  blocks_ = torch::nn::Sequential();
  int in = spec_.inputChannels;
  for (int out : spec_.convChannels) {
    blocks_->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, spec_.kernelSize)
                                             .stride(1)
                                             .padding(spec_.kernelSize / 2)));
    if (spec_.batchNorm) blocks_->push_back(torch::nn::BatchNorm2d(out));
    blocks_->push_back(torch::nn::ReLU());
    blocks_->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
    in = out;
  }
  register_module("blocks", blocks_);
  const int fs = spec_.featureSize();
  int features = spec_.head == HeadType::Flatten ? in * fs * fs : in;
  if (spec_.fcWidth > 0) {
    hidden_ = register_module("hidden", torch::nn::Linear(features, spec_.fcWidth));
    features = spec_.fcWidth;
  }
  if (spec_.dropout > 0) dropout_ = register_module("dropout", torch::nn::Dropout(spec_.dropout));
  output_ = register_module("output", torch::nn::Linear(features, spec_.numClasses));
  if (spec_.defectMap) {
    mapConvs_ = torch::nn::ModuleList();
    for (std::size_t b = 1; b < spec_.convChannels.size(); ++b)
      mapConvs_->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(
          spec_.convChannels[b], spec_.mapBoxes ? ModelSpec::kMapWidth : 1, 1)));
    register_module("map", mapConvs_);
    if (spec_.mapBoxes) {
      // The projections' sum goes through a small tower of 3×3 convs: a box's extent needs
      // more than a linear read of each cell's features (measured: mAP@0.5 0.26 -> 0.45).
      const int w = ModelSpec::kMapWidth;
      mapHead_ = torch::nn::Sequential();
      for (int k = 0; k < ModelSpec::kMapTowerDepth; ++k) {
        mapHead_->push_back(torch::nn::ReLU());
        mapHead_->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(w, w, 3).padding(1)));
      }
      mapHead_->push_back(torch::nn::ReLU());
      mapHead_->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(w, spec_.mapChannels(), 1)));
      register_module("map_head", mapHead_);
    }
  }
}

torch::Tensor DetectorNetImpl::features(torch::Tensor x) { return blocks_->forward(x); }

torch::Tensor DetectorNetImpl::classify(torch::Tensor f) {
  torch::Tensor x = spec_.head == HeadType::Flatten ? f.flatten(1) : f.mean({2, 3});
  if (hidden_) x = torch::relu(hidden_->forward(x));
  if (dropout_) x = dropout_->forward(x);
  return output_->forward(x);
}

torch::Tensor DetectorNetImpl::forward(torch::Tensor x) { return classify(features(x)); }

namespace {
/// Per channel of [N, C, H, W]: the spatial mean and standard deviation, and with `third` the
/// central third moment (written with raw moments only, as the ONNX export computes it).
std::vector<torch::Tensor> spatialMoments(const torch::Tensor& x, bool third) {
  const torch::Tensor m = x.mean({2, 3});
  const torch::Tensor x2 = x * x;
  const torch::Tensor e2 = x2.mean({2, 3});
  const torch::Tensor sd = torch::sqrt(torch::relu(e2 - m * m));
  // The input's deviation on a log scale: a flat image (deviation 0) is then as far from
  // textured ones as it looks, not a step or two below the least contrasted.
  std::vector<torch::Tensor> out{m, third ? torch::log(sd + 0.01) : sd};
  if (third) {
    const torch::Tensor e3 = (x2 * x).mean({2, 3});
    out.push_back(e3 - m * (e2 + e2 + e2) + m * m * m + m * m * m);
  }
  return out;
}
}  // namespace

std::pair<torch::Tensor, torch::Tensor> DetectorNetImpl::forwardWithDescriptor(torch::Tensor x,
                                                                               int length) {
  std::vector<torch::Tensor> parts = spatialMoments(x, true);
  std::int64_t have = 3 * x.size(1);
  // Every block ends with its max-pool (see the constructor).
  for (auto& layer : *blocks_) {
    x = layer.forward(x);
    if (layer.ptr()->as<torch::nn::MaxPool2dImpl>() && (length < 0 || have < length)) {
      for (torch::Tensor& t : spatialMoments(x, false)) parts.push_back(std::move(t));
      have += 2 * x.size(1);
    }
  }
  return {classify(x), torch::cat(parts, 1)};
}

std::pair<torch::Tensor, torch::Tensor> DetectorNetImpl::forwardWithMap(torch::Tensor x) {
  if (!mapConvs_) throw std::logic_error("forwardWithMap: the model has no defect map");
  const std::int64_t side = spec_.mapSize();
  torch::Tensor map;
  int block = 0;
  for (auto& layer : *blocks_) {
    x = layer.forward(x);
    if (!layer.ptr()->as<torch::nn::MaxPool2dImpl>()) continue;
    if (block++ == 0) continue;  // the map starts at the second block
    torch::Tensor m = mapConvs_[block - 2]->as<torch::nn::Conv2dImpl>()->forward(x);
    if (m.size(2) != side)
      m = torch::nn::functional::interpolate(m, torch::nn::functional::InterpolateFuncOptions()
                                                    .size(std::vector<std::int64_t>{side, side})
                                                    .mode(torch::kBilinear)
                                                    .align_corners(false));
    map = map.defined() ? map + m : m;
  }
  if (mapHead_) map = mapHead_->forward(map);
  return {classify(x), map};
}

torch::Tensor turnMapPlanes(torch::Tensor planes, bool flipX, bool flipY, int turns) {
  const auto reorder = [&](std::vector<std::int64_t> order) {
    if (planes.size(0) < 5) return;  // no distances
    for (std::int64_t c = 5; c < planes.size(0); ++c) order.push_back(c);
    planes = planes.index_select(0, torch::tensor(order, torch::kInt64));
  };
  turns = ((turns % 4) + 4) % 4;
  if (flipX) planes = planes.flip({2});
  if (flipY) planes = planes.flip({1});
  if (turns) planes = planes.rot90(turns, {1, 2});
  if (flipX) reorder({0, 3, 2, 1, 4});  // left <-> right
  if (flipY) reorder({0, 1, 4, 3, 2});  // top <-> bottom
  // One quarter turn from rows towards columns: the new left was the top, and so on.
  for (int k = 0; k < turns; ++k) reorder({0, 2, 3, 4, 1});
  return planes;
}

void toChannelsLast(torch::nn::Module& module) {
  torch::NoGradGuard guard;
  for (auto& p : module.parameters())
    if (p.dim() == 4) p.set_data(p.data().contiguous(torch::MemoryFormat::ChannelsLast));
}

// The model file format (version 2), entirely parsed by our own code (model/tensor_file.h):
// "SDDMODEL" container whose header holds the metadata and the weight table.
constexpr char kMagic[8] = {'S', 'D', 'D', 'M', 'O', 'D', 'E', 'L'};
constexpr std::uint32_t kFileVersion = 2;

static tensorfile::NamedTensors namedTensors(DetectorNet& net) {
  return tensorfile::stateTensors(*net);
}

void saveModelFile(const fs::path& file, DetectorNet& net, const ModelMetadata& meta) {
  writeFileAtomically(
      file, tensorfile::pack(kMagic, kFileVersion, {{"metadata", meta}}, namedTensors(net)));
}

static ModelMetadata metadataFromJson(const nlohmann::json& j, const fs::path& file) {
  try {
    return j.get<ModelMetadata>();
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(file.string() + ": damaged model metadata: " + e.what());
  } catch (const ModelError& e) {
    throw ModelError(file.string() + ": " + e.what());
  }
}

// Checks the prefix, size and CRC of a version-2 file and parses its header.
static tensorfile::Parsed parseSddFile(const std::vector<std::uint8_t>& b, const fs::path& file) {
  const std::string bad = file.string() + " is not a readable SDD model file: ";
  tensorfile::Parsed f = tensorfile::parse(b, kFileVersion, bad, file);
  if (!f.header.contains("metadata")) throw ModelError(bad + "header lacks metadata");
  return f;
}

static void readSddWeights(const std::vector<std::uint8_t>& b, const tensorfile::Parsed& f,
                           DetectorNet& net, const fs::path& file) {
  const std::string needs = "the architecture (" + net->spec().describe() + ")";
  auto all = namedTensors(net);
  for (auto& [name, t] : all)
    tensorfile::copyInto(b, f, name, t, file.string() + ": weight ", needs);
  if (all.size() != f.entries.size())
    throw ModelError(file.string() + ": holds weights its architecture (" + net->spec().describe() +
                     ") does not have");
}

static bool isSddFile(const std::vector<std::uint8_t>& b) {
  return tensorfile::hasMagic(b, kMagic);
}
static bool isZip(const std::vector<std::uint8_t>& b) {
  return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
}

static std::vector<std::uint8_t> readModelBytes(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw ModelError("model file does not exist: " + file.string());
  std::vector<std::uint8_t> bytes;
  std::string error;
  if (!readFileBytes(file, bytes, error))
    throw ModelError("cannot read " + file.string() + ": " + error);
  if (!isSddFile(bytes) && !isZip(bytes))
    throw ModelError(file.string() + " is not an SDD model file (unrecognised signature)");
  return bytes;
}

// A version-1 file: a LibTorch archive, read by our own code (model/legacy_archive.h).
static ModelMetadata readV1Metadata(const legacy::Archive& archive, const fs::path& file) {
  if (!archive.has(kMetadataKey))
    throw ModelError(file.string() + " is a LibTorch archive but not an SDD model (no metadata)");
  nlohmann::json j;
  try {
    j = parseJson(archive.string(kMetadataKey));
  } catch (const JsonError& e) {
    throw ModelError(file.string() + ": damaged model metadata: " + e.what());
  }
  return metadataFromJson(j, file);
}

static std::string v1Bad(const fs::path& file) {
  return file.string() + " is not a readable SDD model file: ";
}

ModelMetadata readModelMetadata(const fs::path& file) {
  const auto bytes = readModelBytes(file);
  if (isSddFile(bytes)) return metadataFromJson(parseSddFile(bytes, file).header["metadata"], file);
  return readV1Metadata(legacy::Archive::read(bytes, v1Bad(file)), file);
}

LoadedModel loadModelFile(const fs::path& file, const torch::Device& device) {
  const auto bytes = readModelBytes(file);
  LoadedModel out;
  if (isSddFile(bytes)) {
    const tensorfile::Parsed f = parseSddFile(bytes, file);
    out.metadata = metadataFromJson(f.header["metadata"], file);
    out.net = DetectorNet(out.metadata.spec);
    readSddWeights(bytes, f, out.net, file);
  } else {
    const legacy::Archive archive = legacy::Archive::read(bytes, v1Bad(file));
    out.metadata = readV1Metadata(archive, file);
    out.net = DetectorNet(out.metadata.spec);
    const std::string needs = "the architecture (" + out.metadata.spec.describe() + ")";
    for (auto& [name, t] : namedTensors(out.net))
      archive.copyTensor(name, t, file.string() + ": weight ", needs);
  }
  out.net->to(device);
  out.net->eval();
  return out;
}

ModelMetadata upgradeModelFile(const fs::path& file, const fs::path& out,
                               const std::optional<ConfidenceRule>& rule) {
  std::error_code ec;
  if (fs::equivalent(file, out, ec))
    throw ModelError("will not overwrite the model it reads: " + out.string());
  LoadedModel m = loadModelFile(file);
  if (rule) m.metadata.confidenceRule = rule;
  saveModelFile(out, m.net, m.metadata);
  return m.metadata;
}

}  // namespace sdd
