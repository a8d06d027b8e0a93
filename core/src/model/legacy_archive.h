#pragma once
// Internal: reads the LibTorch archives earlier versions wrote (model files version 1 and
// checkpoint.pt, both from torch::serialize::OutputArchive) with our own code. LibTorch's
// reader crashes on crafted archives (fuzz/known-libtorch-crashes), so it never sees them:
// checkZipArchive verifies the ZIP and its CRCs, then a restricted pickle reader (only the
// opcodes and globals such archives use; no code runs) parses data.pkl into attribute paths
// ("blocks.0.weight", "optimizer.state.0x55….exp_avg") whose tensors are copied out of the
// archive's storages after every size, stride and offset is checked.
// Thread-safety: an Archive is immutable after read().

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "sdd/model/archive_check.h"

namespace sdd::legacy {

struct TensorRef {
  std::string storage;  ///< key of the storage (the entry data/<key>)
  torch::ScalarType dtype = torch::kFloat32;
  std::int64_t offset = 0;
  std::vector<std::int64_t> sizes, strides;
};

/// One attribute: none, bool, int, float, string or tensor.
using Leaf = std::variant<std::monostate, bool, std::int64_t, double, std::string, TensorRef>;

class Archive {
 public:
  /// Parses `bytes` (which must outlive the Archive). Throws ModelError(bad + reason).
  static Archive read(const std::vector<std::uint8_t>& bytes, const std::string& bad);

  const std::map<std::string, Leaf>& values() const { return values_; }
  bool has(const std::string& path) const { return values_.count(path) > 0; }
  /// The string / integer at `path`; throws ModelError(bad + …) when absent or of another kind.
  const std::string& string(const std::string& path) const;
  std::int64_t integer(const std::string& path) const;
  /// Copies the tensor at `path` into `dst` (same dtype and shape). Throws ModelError
  /// "<where>'path' …" naming what is wrong; `needs` completes "but … needs SHAPE".
  void copyTensor(const std::string& path, torch::Tensor& dst, const std::string& where,
                  const std::string& needs) const;

 private:
  const std::vector<std::uint8_t>* bytes_ = nullptr;
  std::string bad_, prefix_;
  std::map<std::string, ZipEntry> entries_;
  std::map<std::string, Leaf> values_;
};

}  // namespace sdd::legacy
