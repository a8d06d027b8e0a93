#pragma once
/// Process-wide LibTorch settings: thread count and device choice.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sdd {

/// Sets LibTorch intra-op threads (0 = all cores; LibTorch here starts with 1). Returns
/// the number in effect.
int configureThreads(int threads);

/// Resolves "auto" to "cuda" when torch::cuda::is_available(), else "cpu". Throws
/// std::invalid_argument for an unknown device or CUDA requested but unavailable.
std::string resolveDevice(const std::string& requested);

/// Bytes of physical memory of this machine; 0 when unknown.
std::int64_t physicalMemoryBytes();

/// True when this LibTorch build can see a CUDA device.
bool cudaAvailable();

/// The pretrained NEU model that ships with the program (the recommended recipe,
/// neu-default.sddm): $SDD_MODEL when set, else the installed copy
/// (<prefix>/share/sdd-workbench/models), else the source tree's resources/.
std::filesystem::path shippedModelFile();

/// Every model that ships with the program, the default first: neu-default.sddm and the
/// paper's Table II network trained here (neu-tableII.sddm), for comparisons (Table V).
std::vector<std::filesystem::path> shippedModelFiles();

}  // namespace sdd
