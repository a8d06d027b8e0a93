#include "model/tensor_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "sdd/model/archive_check.h"
#include "sdd/model/model_spec.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd::tensorfile {
namespace {
constexpr std::size_t kPrefix = 8 + 4 + 8;

template <class T>
void putLe(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
}
template <class T>
T getLe(const std::vector<std::uint8_t>& b, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(b[at + i]) << (8 * i);
  return static_cast<T>(v);
}

const char* dtypeName(const torch::Tensor& t) {
  if (t.scalar_type() == torch::kFloat32) return "float32";
  if (t.scalar_type() == torch::kInt64) return "int64";
  throw ModelError(std::string("cannot store a tensor of type ") + c10::toString(t.scalar_type()));
}
}  // namespace

std::string shapeString(torch::IntArrayRef s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.size(); ++i) out += (i ? "," : "") + std::to_string(s[i]);
  return out + "]";
}

NamedTensors stateTensors(torch::nn::Module& module) {
  NamedTensors all;
  for (const auto& p : module.named_parameters(true)) all.emplace_back(p.key(), p.value());
  for (const auto& b : module.named_buffers(true)) all.emplace_back(b.key(), b.value());
  return all;
}

std::string pack(const char (&magic)[8], std::uint32_t version, nlohmann::json header,
                 const NamedTensors& tensors) {
  std::string payload;
  nlohmann::json table = nlohmann::json::array();
  {
    torch::NoGradGuard guard;
    for (const auto& [name, value] : tensors) {
      const torch::Tensor t = value.detach().to(torch::kCPU).contiguous();
      const std::size_t size = t.numel() * t.element_size();
      table.push_back({{"name", name},
                       {"dtype", dtypeName(t)},
                       {"shape", t.sizes().vec()},
                       {"offset", payload.size()},
                       {"size", size}});
      payload.append(static_cast<const char*>(t.data_ptr()), size);
    }
  }
  header["tensors"] = std::move(table);
  const std::string text = dumpJson(header);
  std::string bytes(magic, sizeof magic);
  putLe<std::uint32_t>(bytes, version);
  putLe<std::uint64_t>(bytes, text.size());
  bytes += text;
  bytes += payload;
  putLe<std::uint32_t>(bytes,
                       crc32(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  return bytes;
}

bool hasMagic(const std::vector<std::uint8_t>& b, const char (&magic)[8]) {
  return b.size() >= sizeof magic && std::equal(magic, magic + sizeof magic, b.begin());
}

Parsed parse(const std::vector<std::uint8_t>& b, std::uint32_t maxVersion, const std::string& bad,
             const fs::path& file) {
  if (b.size() < kPrefix + 4)
    throw ModelError(bad + "truncated (" + std::to_string(b.size()) + " bytes)");
  Parsed f;
  f.version = getLe<std::uint32_t>(b, 8);
  if (f.version > maxVersion)
    throw ModelError(file.string() + ": file format version " + std::to_string(f.version) +
                     " is newer than this program understands (" + std::to_string(maxVersion) +
                     ")");
  const auto headerLen = getLe<std::uint64_t>(b, 12);
  if (headerLen > b.size() - kPrefix - 4)
    throw ModelError(bad + "truncated or damaged (header length)");
  if (crc32(b.data(), b.size() - 4) != getLe<std::uint32_t>(b, b.size() - 4))
    throw ModelError(bad + "damaged or truncated (CRC mismatch)");
  try {
    f.header =
        parseJson(std::string_view(reinterpret_cast<const char*>(b.data()) + kPrefix, headerLen));
  } catch (const JsonError& e) {
    throw ModelError(bad + "damaged header: " + e.what());
  }
  if (!f.header.is_object() || !f.header.contains("tensors") || !f.header["tensors"].is_array())
    throw ModelError(bad + "header lacks its tensor table");
  f.payload = kPrefix + headerLen;
  f.payloadEnd = b.size() - 4;
  // Every entry's byte range is a pair of whole numbers inside the payload, and no two
  // ranges overlap: a float offset (1e300) used to be read as 0, silently giving two weight
  // tensors the same bytes.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (const auto& e : f.header["tensors"]) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string())
      throw ModelError(bad + "damaged tensor table");
    const std::string name = e["name"].get<std::string>();
    const auto* offset = e.contains("offset") ? &e["offset"] : nullptr;
    const auto* size = e.contains("size") ? &e["size"] : nullptr;
    if (!offset || !size || !offset->is_number_unsigned() || !size->is_number_unsigned())
      throw ModelError(bad + "tensor '" + name + "': offset and size must be whole numbers >= 0");
    const auto o = offset->get<std::uint64_t>(), n = size->get<std::uint64_t>();
    const std::uint64_t room = f.payloadEnd - f.payload;
    if (o > room || n > room - o)
      throw ModelError(bad + "tensor '" + name + "' lies outside the file");
    if (!f.entries.emplace(name, &e).second)
      throw ModelError(bad + "tensor '" + name + "' is listed twice");
    if (n > 0) ranges.emplace_back(o, o + n);
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second)
      throw ModelError(bad + "two tensors share the same bytes");
  return f;
}

void copyInto(const std::vector<std::uint8_t>& b, const Parsed& f, const std::string& name,
              torch::Tensor& t, const std::string& where, const std::string& needs) {
  const auto it = f.entries.find(name);
  if (it == f.entries.end()) throw ModelError(where + "'" + name + "' is missing for " + needs);
  const nlohmann::json& e = *it->second;
  try {
    const auto shape = e.at("shape").get<std::vector<std::int64_t>>();
    if (shape != t.sizes().vec())
      throw ModelError(where + "'" + name + "' has shape " + shapeString(shape) + " but " + needs +
                       " needs " + shapeString(t.sizes()));
    if (e.at("dtype").get<std::string>() != dtypeName(t))
      throw ModelError(where + "'" + name + "' has the wrong type");
    const auto offset = e.at("offset").get<std::uint64_t>(),
               size = e.at("size").get<std::uint64_t>();
    if (size != static_cast<std::uint64_t>(t.numel() * t.element_size()) ||
        offset > f.payloadEnd - f.payload || size > f.payloadEnd - f.payload - offset)
      throw ModelError(where + "'" + name + "' lies outside the file");
    torch::NoGradGuard guard;
    if (t.is_contiguous() && t.device().is_cpu()) {
      std::memcpy(t.data_ptr(), b.data() + f.payload + offset, size);  // little-endian hosts
    } else {
      auto src = torch::empty(
          t.sizes(),
          t.options().device(torch::kCPU).memory_format(torch::MemoryFormat::Contiguous));
      std::memcpy(src.data_ptr(), b.data() + f.payload + offset, size);
      t.copy_(src);
    }
  } catch (const nlohmann::json::exception& ex) {
    throw ModelError(where + "'" + name + "': damaged entry: " + ex.what());
  }
}

}  // namespace sdd::tensorfile
