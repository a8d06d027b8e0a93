#include "sdd/model/detector_net.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "sdd/imaging/image_loader.h"
#include "sdd/model/archive_check.h"

namespace fs = std::filesystem;

namespace sdd {
namespace {
constexpr const char* kMetadataKey = "sdd_metadata";

std::string shapeString(const torch::IntArrayRef& s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.size(); ++i) out += (i ? "," : "") + std::to_string(s[i]);
  return out + "]";
}
}  // namespace

DetectorNetImpl::DetectorNetImpl(const ModelSpec& spec) : spec_(spec) {
  spec_.validate();
  blocks_ = torch::nn::Sequential();
  int in = spec_.inputChannels;
  for (int out : spec_.convChannels) {
    blocks_->push_back(torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, spec_.kernelSize).stride(1).padding(spec_.kernelSize / 2)));
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
}

torch::Tensor DetectorNetImpl::features(torch::Tensor x) { return blocks_->forward(x); }

torch::Tensor DetectorNetImpl::classify(torch::Tensor f) {
  torch::Tensor x = spec_.head == HeadType::Flatten ? f.flatten(1) : f.mean({2, 3});
  if (hidden_) x = torch::relu(hidden_->forward(x));
  if (dropout_) x = dropout_->forward(x);
  return output_->forward(x);
}

torch::Tensor DetectorNetImpl::forward(torch::Tensor x) { return classify(features(x)); }

void toChannelsLast(torch::nn::Module& module) {
  torch::NoGradGuard guard;
  for (auto& p : module.parameters())
    if (p.dim() == 4) p.set_data(p.data().contiguous(torch::MemoryFormat::ChannelsLast));
}

// The model file format (version 2), entirely parsed by our own code: LibTorch's archive
// reader crashes on crafted files (docs/reliability.md), so a model file is no longer one.
//   "SDDMODEL"  u32 version  u64 header length  header JSON  tensor bytes  u32 CRC-32
// All integers little-endian; the CRC covers every byte before it. The header holds the
// metadata and, per weight, its name, dtype, shape, offset and size in the tensor bytes.
constexpr char kMagic[8] = {'S', 'D', 'D', 'M', 'O', 'D', 'E', 'L'};
constexpr std::uint32_t kFileVersion = 2;
constexpr std::size_t kPrefix = 8 + 4 + 8;

template <class T>
static void putLe(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
}
template <class T>
static T getLe(const std::vector<std::uint8_t>& b, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(b[at + i]) << (8 * i);
  return static_cast<T>(v);
}

// Every parameter and buffer, by name, as stored (contiguous, on the CPU).
static std::vector<std::pair<std::string, torch::Tensor>> namedTensors(DetectorNet& net) {
  std::vector<std::pair<std::string, torch::Tensor>> all;
  for (const auto& p : net->named_parameters(true)) all.emplace_back(p.key(), p.value());
  for (const auto& b : net->named_buffers(true)) all.emplace_back(b.key(), b.value());
  return all;
}

static const char* dtypeName(const torch::Tensor& t) {
  if (t.scalar_type() == torch::kFloat32) return "float32";
  if (t.scalar_type() == torch::kInt64) return "int64";
  throw ModelError(std::string("cannot store a tensor of type ") + c10::toString(t.scalar_type()));
}

void saveModelFile(const fs::path& file, DetectorNet& net, const ModelMetadata& meta) {
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp";
  std::string payload;
  nlohmann::json tensors = nlohmann::json::array();
  {
    torch::NoGradGuard guard;
    for (const auto& [name, value] : namedTensors(net)) {
      const torch::Tensor t = value.detach().to(torch::kCPU).contiguous();
      const std::size_t size = t.numel() * t.element_size();
      tensors.push_back({{"name", name}, {"dtype", dtypeName(t)}, {"shape", t.sizes().vec()},
                         {"offset", payload.size()}, {"size", size}});
      payload.append(static_cast<const char*>(t.data_ptr()), size);
    }
  }
  const std::string header = nlohmann::json{{"metadata", meta}, {"tensors", tensors}}.dump();
  std::string bytes(kMagic, sizeof kMagic);
  putLe<std::uint32_t>(bytes, kFileVersion);
  putLe<std::uint64_t>(bytes, header.size());
  bytes += header;
  bytes += payload;
  putLe<std::uint32_t>(bytes, crc32(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      const int err = errno;
      throw ModelError("cannot write model file " + file.string() + ": " + std::strerror(err ? err : EIO));
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      const int err = errno;
      out.close();
      fs::remove(tmp, ec);
      throw ModelError("cannot write model file " + file.string() + ": " + std::strerror(err ? err : EIO));
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) throw ModelError("cannot write model file " + file.string() + ": " + ec.message());
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

namespace {
struct SddFile {
  nlohmann::json header;
  std::size_t payload = 0, payloadEnd = 0;
};
}  // namespace

// Checks the prefix, size and CRC of a version-2 file and parses its header.
static SddFile parseSddFile(const std::vector<std::uint8_t>& b, const fs::path& file) {
  const std::string bad = file.string() + " is not a readable SDD model file: ";
  if (b.size() < kPrefix + 4) throw ModelError(bad + "truncated (" + std::to_string(b.size()) + " bytes)");
  const auto version = getLe<std::uint32_t>(b, 8);
  if (version > kFileVersion)
    throw ModelError(file.string() + ": model file version " + std::to_string(version) +
                     " is newer than this program understands (" + std::to_string(kFileVersion) + ")");
  const auto headerLen = getLe<std::uint64_t>(b, 12);
  if (headerLen > b.size() - kPrefix - 4) throw ModelError(bad + "truncated or damaged (header length)");
  if (crc32(b.data(), b.size() - 4) != getLe<std::uint32_t>(b, b.size() - 4))
    throw ModelError(bad + "damaged or truncated (CRC mismatch)");
  SddFile f;
  try {
    f.header = nlohmann::json::parse(b.begin() + kPrefix, b.begin() + kPrefix + headerLen);
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(bad + "damaged header: " + e.what());
  }
  if (!f.header.is_object() || !f.header.contains("metadata") || !f.header.contains("tensors") ||
      !f.header["tensors"].is_array())
    throw ModelError(bad + "header lacks metadata or tensors");
  f.payload = kPrefix + headerLen;
  f.payloadEnd = b.size() - 4;
  return f;
}

static void readSddWeights(const std::vector<std::uint8_t>& b, const SddFile& f, DetectorNet& net,
                           const fs::path& file) {
  const std::string where = file.string() + ": ";
  std::map<std::string, const nlohmann::json*> entries;
  for (const auto& e : f.header["tensors"]) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string())
      throw ModelError(where + "damaged weight table");
    entries[e["name"].get<std::string>()] = &e;
  }
  torch::NoGradGuard guard;
  std::size_t used = 0;
  for (auto& [name, t] : namedTensors(net)) {
    const auto it = entries.find(name);
    if (it == entries.end())
      throw ModelError(where + "weight '" + name + "' is missing for its architecture (" +
                       net->spec().describe() + ")");
    const nlohmann::json& e = *it->second;
    try {
      const auto shape = e.at("shape").get<std::vector<std::int64_t>>();
      if (shape != t.sizes().vec())
        throw ModelError(where + "weight '" + name + "' has shape " + shapeString(shape) +
                         " but the architecture (" + net->spec().describe() + ") needs " +
                         shapeString(t.sizes()));
      if (e.at("dtype").get<std::string>() != dtypeName(t))
        throw ModelError(where + "weight '" + name + "' has the wrong type");
      const auto offset = e.at("offset").get<std::uint64_t>(), size = e.at("size").get<std::uint64_t>();
      if (size != static_cast<std::uint64_t>(t.numel() * t.element_size()) ||
          offset > f.payloadEnd - f.payload || size > f.payloadEnd - f.payload - offset)
        throw ModelError(where + "weight '" + name + "' lies outside the file");
      std::memcpy(t.data_ptr(), b.data() + f.payload + offset, size);  // little-endian hosts
    } catch (const nlohmann::json::exception& ex) {
      throw ModelError(where + "weight '" + name + "': damaged entry: " + ex.what());
    }
    ++used;
  }
  if (used != entries.size())
    throw ModelError(where + "holds weights its architecture (" + net->spec().describe() + ") does not have");
}

static bool isSddFile(const std::vector<std::uint8_t>& b) {
  return b.size() >= sizeof kMagic && std::equal(kMagic, kMagic + sizeof kMagic, b.begin());
}
static bool isZip(const std::vector<std::uint8_t>& b) {
  return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
}

static std::vector<std::uint8_t> readModelBytes(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw ModelError("model file does not exist: " + file.string());
  std::vector<std::uint8_t> bytes;
  std::string error;
  if (!readFileBytes(file, bytes, error)) throw ModelError("cannot read " + file.string() + ": " + error);
  if (!isSddFile(bytes) && !isZip(bytes))
    throw ModelError(file.string() + " is not an SDD model file (unrecognised signature)");
  return bytes;
}

static ModelMetadata readMetadata(torch::serialize::InputArchive& archive, const fs::path& file) {
  c10::IValue value;
  if (!archive.try_read(kMetadataKey, value) || !value.isString())
    throw ModelError(file.string() + " is a LibTorch archive but not an SDD model (no metadata)");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(value.toStringRef());
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(file.string() + ": damaged model metadata: " + e.what());
  }
  return metadataFromJson(j, file);
}

void loadCheckedArchive(torch::serialize::InputArchive& archive, const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw ModelError("model file does not exist: " + file.string());
  // Read once, check the ZIP structure and CRCs, then hand LibTorch the same bytes.
  std::vector<std::uint8_t> bytes;
  std::string error;
  if (!readFileBytes(file, bytes, error)) throw ModelError("cannot read " + file.string() + ": " + error);
  error = checkZipArchive(bytes);
  if (!error.empty()) throw ModelError(file.string() + " is not a readable SDD model file: " + error);
  try {
    archive.load_from(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  } catch (const c10::Error& e) {
    throw ModelError(file.string() + " is not a readable SDD model file (" +
                     std::string(e.what_without_backtrace()).substr(0, 200) + ")");
  }
}

// LibTorch parses parts of an archive lazily: its errors can come from any later read.
template <class F>
static auto torchErrorsAsModelErrors(const fs::path& file, F&& f) {
  try {
    return f();
  } catch (const ModelError&) {
    throw;
  } catch (const c10::Error& e) {
    throw ModelError(file.string() + " is not a readable SDD model file (" +
                     std::string(e.what_without_backtrace()).substr(0, 200) + ")");
  } catch (const std::exception& e) {  // e.g. torch::jit::ErrorReport from its script parser
    throw ModelError(file.string() + " is not a readable SDD model file (" +
                     std::string(e.what()).substr(0, 200) + ")");
  }
}

ModelMetadata readModelMetadata(const fs::path& file) {
  const auto bytes = readModelBytes(file);
  if (isSddFile(bytes)) return metadataFromJson(parseSddFile(bytes, file).header["metadata"], file);
  return torchErrorsAsModelErrors(file, [&] {
    torch::serialize::InputArchive archive;
    loadCheckedArchive(archive, file);
    return readMetadata(archive, file);
  });
}

static LoadedModel loadModelFileUnchecked(const fs::path& file, const torch::Device& device);

LoadedModel loadModelFile(const fs::path& file, const torch::Device& device) {
  const auto bytes = readModelBytes(file);
  if (!isSddFile(bytes))  // a version-1 file: a LibTorch archive
    return torchErrorsAsModelErrors(file, [&] { return loadModelFileUnchecked(file, device); });
  const SddFile f = parseSddFile(bytes, file);
  LoadedModel out;
  out.metadata = metadataFromJson(f.header["metadata"], file);
  out.net = DetectorNet(out.metadata.spec);
  readSddWeights(bytes, f, out.net, file);
  out.net->to(device);
  out.net->eval();
  return out;
}

ModelMetadata upgradeModelFile(const fs::path& file, const fs::path& out) {
  std::error_code ec;
  if (fs::equivalent(file, out, ec)) throw ModelError("will not overwrite the model it reads: " + out.string());
  LoadedModel m = loadModelFile(file);
  saveModelFile(out, m.net, m.metadata);
  return m.metadata;
}

static LoadedModel loadModelFileUnchecked(const fs::path& file, const torch::Device& device) {
  torch::serialize::InputArchive archive;
  loadCheckedArchive(archive, file);
  LoadedModel out;
  out.metadata = readMetadata(archive, file);
  out.net = DetectorNet(out.metadata.spec);
  std::map<std::string, std::vector<int64_t>> expected;
  for (const auto& p : out.net->named_parameters(true)) expected[p.key()] = p.value().sizes().vec();
  try {
    out.net->load(archive);
  } catch (const c10::Error& e) {
    throw ModelError(file.string() + ": weights do not match its architecture (" +
                     out.metadata.spec.describe() + "): " +
                     std::string(e.what_without_backtrace()).substr(0, 200));
  }
  // InputArchive replaces tensors whatever their shape, so check shapes ourselves.
  for (const auto& p : out.net->named_parameters(true)) {
    if (p.value().sizes().vec() != expected[p.key()])
      throw ModelError(file.string() + ": weight '" + p.key() + "' has shape " +
                       shapeString(p.value().sizes()) + " but the architecture (" +
                       out.metadata.spec.describe() + ") needs " +
                       shapeString(expected[p.key()]));
  }
  out.net->to(device);
  out.net->eval();
  return out;
}

}  // namespace sdd
