#pragma once
/// Structural check of a LibTorch archive (a ZIP file: model files and checkpoints of earlier
/// versions). LibTorch's own reader crashed on damaged and crafted archives (found by
/// fuzz/fuzz_model_file), so we check the ZIP structure and every entry's CRC and then read
/// the archive with our own code (model/legacy_archive.h), never with LibTorch.
/// Thread-safety: a pure function.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sdd {

/// Empty when `bytes` is a complete ZIP archive whose stored entries all match their CRC-32;
/// otherwise the reason, e.g. "entry 'm/data/3' is damaged (CRC mismatch)".
std::string checkZipArchive(const std::vector<std::uint8_t>& bytes);

struct ZipEntry {
  std::size_t offset = 0, size = 0;  ///< of the entry's bytes in the archive
};
/// The same check; on success `stored` maps the name of every stored (uncompressed) entry to
/// where its bytes lie in `bytes`.
std::string checkZipArchive(const std::vector<std::uint8_t>& bytes,
                            std::map<std::string, ZipEntry>& stored);

/// A ZIP of stored entries as LibTorch writes them (no compression, data descriptors or
/// ZIP64), with valid CRCs: what tests and fuzzers wrap crafted archive contents in.
std::string makeStoredZip(const std::vector<std::pair<std::string, std::string>>& entries);

/// CRC-32 (IEEE 802.3, as ZIP uses).
std::uint32_t crc32(const std::uint8_t* data, std::size_t size);

}  // namespace sdd
