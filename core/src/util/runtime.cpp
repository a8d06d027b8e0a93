#include "sdd/util/runtime.h"

#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <torch/torch.h>

namespace sdd {

int configureThreads(int threads) {
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int n = threads > 0 ? threads : hw;
  torch::set_num_threads(n);
  return torch::get_num_threads();
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string resolveDevice(const std::string& requested) {
  if (requested.empty() || requested == "auto") return cudaAvailable() ? "cuda" : "cpu";
  if (requested == "cpu") return requested;
  if (requested.rfind("cuda", 0) == 0) {
    if (!cudaAvailable())
      throw std::invalid_argument("--device " + requested +
                                  ": this LibTorch build sees no CUDA device (use cpu or auto)");
    try {
      torch::Device d(requested);
      if (d.has_index() && d.index() >= static_cast<int>(torch::cuda::device_count()))
        throw std::invalid_argument("--device " + requested + ": only " +
                                    std::to_string(torch::cuda::device_count()) +
                                    " CUDA device(s) present");
    } catch (const c10::Error&) {
      throw std::invalid_argument("--device " + requested + ": not a valid device string");
    }
    return requested;
  }
  throw std::invalid_argument("--device " + requested + ": expected auto, cpu, cuda or cuda:N");
}

std::filesystem::path shippedModelFile() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SDD_MODEL")) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const fs::path exeDir = ec ? fs::current_path() : exe.parent_path();
  const fs::path candidates[] = {
      exeDir / "../share/sdd-workbench/models/neu-tableII.sddm",
      fs::path(SDD_SOURCE_DIR) / "resources/models/neu-tableII.sddm",
  };
  for (const auto& c : candidates)
    if (fs::exists(c, ec)) return fs::weakly_canonical(c, ec);
  return candidates[1];
}

}  // namespace sdd
