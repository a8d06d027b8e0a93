// libFuzzer target: the JSON metadata inside a model file (architecture, classes,
// normalization). Mutating a whole file almost never passes its CRC, so this target builds a
// well-formed version-2 file (detector_net.cpp: "SDDMODEL", u32 version, u64 header length,
// header, tensor bytes, CRC-32) around the fuzzed metadata text and the weights of a tiny
// model, and loads it through loadModelFile as a damaged or hand-edited file would be.
#include <torch/torch.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz_model_support.h"
#include "sdd/model/archive_check.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/model_spec.h"

namespace {

struct Tiny {
  std::string tensors;  // the header's "tensors" array, as JSON text
  std::string payload;
};

template <class T>
void putLe(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
}

const Tiny& tiny() {
  static const Tiny t = [] {
    const sdd::ModelMetadata meta = sdd::fuzz::tinyModelMetadata();
    sdd::DetectorNet net(meta.spec);
    const auto file = sdd::fuzz::scratchDir() / "tiny.sddm";
    sdd::saveModelFile(file, net, meta);
    std::ifstream in(file, std::ios::binary);
    const std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::uint64_t headerLen = 0;
    for (int i = 0; i < 8; ++i)
      headerLen |= std::uint64_t(static_cast<std::uint8_t>(b[12 + i])) << (8 * i);
    const auto header = nlohmann::json::parse(b.substr(20, headerLen));
    return Tiny{header.at("tensors").dump(), b.substr(20 + headerLen, b.size() - 24 - headerLen)};
  }();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string header =
      "{\"metadata\":" + std::string(reinterpret_cast<const char*>(data), size) +
      ",\"tensors\":" + tiny().tensors + "}";
  std::string bytes = "SDDMODEL";
  putLe<std::uint32_t>(bytes, 2);
  putLe<std::uint64_t>(bytes, header.size());
  bytes += header + tiny().payload;
  putLe<std::uint32_t>(
      bytes, sdd::crc32(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  const auto file = sdd::fuzz::scratchDir() / "meta.sddm";
  sdd::fuzz::writeFile(file, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  sdd::fuzz::loadAndRunModel(file);
  return 0;
}
