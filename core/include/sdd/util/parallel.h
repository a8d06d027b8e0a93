#pragma once
/// A minimal parallel-for over std::thread for I/O-and-decode work (file scans, image
/// loading). LibTorch keeps its own intra-op pool for tensor math.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sdd {

/// Calls fn(i) for i in [0, n) on up to `threads` threads (0 = all cores). fn must be
/// safe to call concurrently for different i. The first exception fn throws stops the
/// remaining work and is rethrown here, on the caller's thread (escaping a worker thread it
/// would have called std::terminate: an OpenCV out-of-memory error aborted `sdd train`).
template <typename Fn>
void parallelFor(std::size_t n, int threads, Fn fn) {
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers =
      std::min<std::size_t>(n, threads > 0 ? static_cast<std::size_t>(threads) : hw);
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex errorMutex;
  auto loop = [&] {
    try {
      for (std::size_t i = next++; i < n; i = next++) fn(i);
    } catch (...) {
      next = n;
      const std::lock_guard<std::mutex> lock(errorMutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(loop);
  loop();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace sdd
