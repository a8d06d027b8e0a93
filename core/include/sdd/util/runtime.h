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

/// Picks the intra-op thread count that runs a repeated step (a training batch) fastest now,
/// by measuring: a few steps with each candidate (all the threads allowed, and one),
/// interleaved, then the faster by median for the rest of the round. Why: on a busy machine
/// (camera acquisition beside us) OpenMP threads wait at every barrier for a thread the
/// scheduler has parked, and a small network's steps, thousands of short parallel regions,
/// took 2-4x longer with 2 threads than with 1; idle, one thread is also faster for the
/// default recipe's 50-px network and slower for the Table II one. It measures again when the
/// chosen count's steps grow 1.5x slower than when chosen (the load changed) and every
/// kRecheckSteps steps (the load may have gone). Not thread-safe: one per training loop.
class ThreadTuner {
 public:
  /// `maxThreads`: the most threads allowed (<= 1: nothing to choose, always that).
  explicit ThreadTuner(int maxThreads);
  /// Sets LibTorch's thread count for the next step and returns it.
  int beginStep();
  /// The step begun last took `seconds`.
  void endStep(double seconds);
  /// The count chosen (the largest until a choice is made).
  int chosen() const { return chosen_; }

 private:
  static constexpr int kTrialsEach = 3;
  static constexpr int kRecheckSteps = 500;
  void restart();
  int max_;
  int chosen_;
  int trial_ = 0;  ///< steps measured this round; choose after 2 * kTrialsEach
  int current_ = 0;
  std::vector<double> times_[2];  ///< [0]: max_ threads, [1]: one thread
  double chosenMedian_ = 0;       ///< the chosen count's median step when chosen
  std::vector<double> recent_;    ///< its latest steps since
  int sinceChoice_ = 0;
};

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
