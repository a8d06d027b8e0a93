#include "sdd/util/runtime.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <torch/torch.h>

namespace sdd {

namespace {
/// glibc serves each allocation above its mmap threshold (at most 32 MB) with a fresh mmap and
/// unmaps it on free, so every training batch page-faulted its activation buffers in again
/// (batch 32 of conv1 output alone is 41 MB): measured 16.5 s per Table II epoch, 26 s of system
/// time per two epochs. Serving everything from the heap and keeping freed memory there gave
/// 8.9 s and 3 s. Done once per process; the heap stays at its high-water mark.
void keepFreedMemoryInTheHeap() {
#if defined(__GLIBC__)
  static const bool done = [] {
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
    mallopt(M_TOP_PAD, 256 * 1024 * 1024);
    return true;
  }();
  (void)done;
#endif
}
}  // namespace

int configureThreads(int threads) {
  keepFreedMemoryInTheHeap();
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int n = threads > 0 ? threads : hw;
  torch::set_num_threads(n);
  return torch::get_num_threads();
}

ThreadTuner::ThreadTuner(int maxThreads) : max_(std::max(1, maxThreads)), chosen_(max_) {}

int ThreadTuner::beginStep() {
  current_ = chosen_;
  if (max_ > 1 && trial_ < 2 * kTrialsEach) current_ = trial_ % 2 == 0 ? max_ : 1;
  if (torch::get_num_threads() != current_) torch::set_num_threads(current_);
  return current_;
}

namespace {
double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
  return v[v.size() / 2];
}
}  // namespace

void ThreadTuner::endStep(double seconds) {
  if (max_ <= 1) return;
  if (trial_ < 2 * kTrialsEach) {
    times_[current_ == max_ ? 0 : 1].push_back(seconds);
    if (++trial_ < 2 * kTrialsEach) return;
    const double many = median(times_[0]), one = median(times_[1]);
    chosen_ = one < many ? 1 : max_;
    chosenMedian_ = std::min(one, many);
    recent_.clear();
    sinceChoice_ = 0;
    return;
  }
  recent_.push_back(seconds);
  if (recent_.size() > 8) recent_.erase(recent_.begin());
  if (++sinceChoice_ >= kRecheckSteps ||
      (recent_.size() == 8 && median(recent_) > 1.5 * chosenMedian_))
    restart();
}

void ThreadTuner::restart() {
  trial_ = 0;
  times_[0].clear();
  times_[1].clear();
}

std::int64_t physicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  return pages > 0 && pageSize > 0 ? static_cast<std::int64_t>(pages) * pageSize : 0;
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string resolveDevice(const std::string& requested) {
  if (requested.empty() || requested == "auto") return cudaAvailable() ? "cuda" : "cpu";
  if (requested == "cpu") return requested;
  if (requested.rfind("cuda", 0) == 0) {
    if (!cudaAvailable())
      throw std::invalid_argument("device " + requested +
                                  ": this LibTorch build sees no CUDA device (use cpu or auto)");
    try {
      torch::Device d(requested);
      if (d.has_index() && d.index() >= static_cast<int>(torch::cuda::device_count()))
        throw std::invalid_argument("device " + requested + ": only " +
                                    std::to_string(torch::cuda::device_count()) +
                                    " CUDA device(s) present");
    } catch (const c10::Error&) {
      throw std::invalid_argument("device " + requested + ": not a valid device string");
    }
    return requested;
  }
  throw std::invalid_argument("device " + requested + ": expected auto, cpu, cuda or cuda:N");
}

namespace {
std::filesystem::path shippedModel(const std::string& name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const fs::path exeDir = ec ? fs::current_path() : exe.parent_path();
  const fs::path candidates[] = {
      exeDir / "../share/sdd-workbench/models" / name,
      fs::path(SDD_SOURCE_DIR) / "resources/models" / name,
  };
  for (const auto& c : candidates)
    if (fs::exists(c, ec)) return fs::weakly_canonical(c, ec);
  return candidates[1];
}
}  // namespace

std::filesystem::path shippedModelFile() {
  if (const char* env = std::getenv("SDD_MODEL")) return env;
  return shippedModel("neu-default.sddm");
}

std::vector<std::filesystem::path> shippedModelFiles() {
  std::vector<std::filesystem::path> out{shippedModelFile()};
  std::error_code ec;
  for (const char* name : {"neu-tableII.sddm"}) {
    const auto file = shippedModel(name);
    if (std::filesystem::exists(file, ec) && file != out.front()) out.push_back(file);
  }
  return out;
}

}  // namespace sdd
