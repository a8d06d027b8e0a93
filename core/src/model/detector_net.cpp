#include "sdd/model/detector_net.h"

#include <map>

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

void saveModelFile(const fs::path& file, DetectorNet& net, const ModelMetadata& meta) {
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp";
  try {
    torch::serialize::OutputArchive archive;
    // Weights are stored contiguous on the CPU so that any device/format can load them.
    DetectorNet copy(net->spec());
    {
      torch::NoGradGuard guard;
      auto src = net->named_parameters(true);
      for (auto& p : copy->named_parameters(true))
        p.value().copy_(src[p.key()].detach().to(torch::kCPU).contiguous());
      auto srcBuf = net->named_buffers(true);
      for (auto& b : copy->named_buffers(true))
        b.value().copy_(srcBuf[b.key()].detach().to(torch::kCPU).contiguous());
    }
    copy->save(archive);
    nlohmann::json j = meta;
    archive.write(kMetadataKey, c10::IValue(j.dump()));
    archive.save_to(tmp.string());
  } catch (const c10::Error& e) {
    fs::remove(tmp, ec);
    throw ModelError("cannot write model file " + file.string() + ": " + e.what_without_backtrace());
  }
  fs::rename(tmp, file, ec);
  if (ec) throw ModelError("cannot write model file " + file.string() + ": " + ec.message());
}

static ModelMetadata readMetadata(torch::serialize::InputArchive& archive, const fs::path& file) {
  c10::IValue value;
  if (!archive.try_read(kMetadataKey, value) || !value.isString())
    throw ModelError(file.string() + " is a LibTorch archive but not an SDD model (no metadata)");
  try {
    return nlohmann::json::parse(value.toStringRef()).get<ModelMetadata>();
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(file.string() + ": damaged model metadata: " + e.what());
  } catch (const ModelError& e) {
    throw ModelError(file.string() + ": " + e.what());
  }
}

static void loadArchive(torch::serialize::InputArchive& archive, const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw ModelError("model file does not exist: " + file.string());
  try {
    archive.load_from(file.string());
  } catch (const c10::Error& e) {
    throw ModelError(file.string() + " is not a readable SDD model file (" +
                     std::string(e.what_without_backtrace()).substr(0, 200) + ")");
  }
}

ModelMetadata readModelMetadata(const fs::path& file) {
  torch::serialize::InputArchive archive;
  loadArchive(archive, file);
  return readMetadata(archive, file);
}

LoadedModel loadModelFile(const fs::path& file, const torch::Device& device) {
  torch::serialize::InputArchive archive;
  loadArchive(archive, file);
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
