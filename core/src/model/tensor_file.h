#pragma once
// Internal: the container of our own file formats for tensors (model files "SDDMODEL",
// training checkpoints "SDDCHKPT"), parsed entirely by our code — LibTorch's archive reader
// crashes on crafted files (docs/reliability.md).
//   magic (8 bytes)  u32 version  u64 header length  header JSON  tensor bytes  u32 CRC-32
// All integers little-endian; the CRC covers every byte before it. The header is a JSON
// object; its "tensors" array holds, per tensor, name, dtype, shape, offset and size in the
// tensor bytes. Thread-safety: pure functions.

#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sdd::tensorfile {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

/// Every parameter and then every buffer of `module`, by name (the tensors themselves).
NamedTensors stateTensors(torch::nn::Module& module);

/// The whole file: `header` plus a "tensors" table, then the tensors (copied to the CPU,
/// contiguous; float32 or int64), then the CRC.
std::string pack(const char (&magic)[8], std::uint32_t version, nlohmann::json header,
                 const NamedTensors& tensors);

bool hasMagic(const std::vector<std::uint8_t>& bytes, const char (&magic)[8]);

struct Parsed {
  std::uint32_t version = 0;
  nlohmann::json header;
  std::size_t payload = 0, payloadEnd = 0;
  std::map<std::string, const nlohmann::json*> entries;  ///< into header["tensors"]
};

/// Checks size, version, CRC and the header. Errors are ModelError starting with `bad`
/// ("FILE is not a readable SDD model file: ") and naming the reason; a newer version says so.
Parsed parse(const std::vector<std::uint8_t>& bytes, std::uint32_t maxVersion,
             const std::string& bad, const std::filesystem::path& file);

/// Copies the entry `name` into `dst` (same shape and dtype, lying inside the file).
/// Throws ModelError "<where>'name' …" when it is missing, mis-shaped or out of bounds;
/// `needs` completes "but … needs SHAPE" (e.g. "the architecture (…)").
void copyInto(const std::vector<std::uint8_t>& bytes, const Parsed& f, const std::string& name,
              torch::Tensor& dst, const std::string& where, const std::string& needs);

std::string shapeString(torch::IntArrayRef shape);

}  // namespace sdd::tensorfile
