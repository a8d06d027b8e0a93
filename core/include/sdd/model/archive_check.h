#pragma once
/// Structural check of a LibTorch archive (a ZIP file) before LibTorch parses it.
/// LibTorch 1.13 does not verify the CRC-32 of the entries it reads, and a single damaged
/// byte in the TorchScript text inside an archive makes its parser throw from a context
/// that calls std::terminate (found by fuzz/fuzz_model_file). Checking the ZIP structure and
/// every entry's CRC first turns truncation and random damage into a clear error.
/// A file crafted with valid CRCs is still LibTorch's to parse (docs/reliability.md).
/// Thread-safety: a pure function.

#include <cstdint>
#include <string>
#include <vector>

namespace sdd {

/// Empty when `bytes` is a complete ZIP archive whose stored entries all match their CRC-32;
/// otherwise the reason, e.g. "entry 'm/data/3' is damaged (CRC mismatch)".
std::string checkZipArchive(const std::vector<std::uint8_t>& bytes);

/// CRC-32 (IEEE 802.3, as ZIP uses).
std::uint32_t crc32(const std::uint8_t* data, std::size_t size);

}  // namespace sdd
