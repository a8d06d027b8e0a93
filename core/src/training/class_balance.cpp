#include "training/class_balance.h"

#include <algorithm>

namespace sdd::training {

ClassBalance balanceClasses(const torch::Tensor& y, int classes, const TrainConfig& config) {
  ClassBalance b;
  const torch::Tensor counts = torch::bincount(y, {}, classes);
  b.counts.assign(counts.data_ptr<int64_t>(), counts.data_ptr<int64_t>() + counts.numel());
  const std::string how = b.how = config.balanceFor(b.counts);
  if (how == "sampling") {
    b.imagesByClass.assign(b.counts.size(), {});
    const int64_t* labels = y.data_ptr<int64_t>();
    for (long i = 0; i < y.size(0); ++i) b.imagesByClass[std::size_t(labels[i])].push_back(i);
    b.imagesByClass.erase(std::remove_if(b.imagesByClass.begin(), b.imagesByClass.end(),
                                         [](const auto& v) { return v.empty(); }),
                          b.imagesByClass.end());
  } else if (how == "weights" || how == "sqrt") {
    // w_c ~ 1 / n_c or 1 / sqrt(n_c), scaled so that the average weight of a training image
    // stays 1 (the learning rate means what it did).
    const torch::Tensor n = counts.to(torch::kFloat64).clamp_min(1);
    torch::Tensor w = how == "weights" ? 1.0 / n : 1.0 / torch::sqrt(n);
    w = w * (double(y.size(0)) / (w * counts.to(torch::kFloat64)).sum());
    b.lossWeights = w.to(torch::kFloat32);
  }
  return b;
}

std::string ClassBalance::describe() const {
  const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
  return "classes evened out (" + how + "): the training classes have " +
         (lo == counts.end() ? std::string("no")
                             : std::to_string(*lo) + " to " + std::to_string(*hi)) +
         " images";
}

std::vector<std::int64_t> epochOrder(long n, const std::vector<std::vector<std::int64_t>>& byClass,
                                     std::mt19937_64& rng) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(std::max(0L, n)));
  if (byClass.empty()) {
    for (long i = 0; i < n; ++i) order[std::size_t(i)] = i;
    for (long i = n; i > 1; --i) std::swap(order[std::size_t(i - 1)], order[rng() % i]);
    return order;
  }
  for (std::int64_t& o : order) {
    const auto& images = byClass[rng() % byClass.size()];
    o = images[rng() % images.size()];
  }
  return order;
}

}  // namespace sdd::training
