#pragma once
// Internal: the exponential moving average of a network's weights (TrainConfig::ema).

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "model/tensor_file.h"
#include "sdd/model/detector_net.h"

namespace sdd::training {

// The averaged weights (TrainConfig::ema): every parameter and floating-point buffer (BatchNorm
// statistics) of `average` moves towards the trained network's after each step; counters are
// copied. The tensor lists are taken once (loading a checkpoint restores them in place). The
// decay starts low so that the average is not dominated by the random initialisation.
class WeightAverage {
 public:
  WeightAverage(DetectorNet& average, DetectorNet& net) {
    for (auto& [name, t] : tensorfile::stateTensors(*average)) average_.push_back(t);
    for (auto& [name, t] : tensorfile::stateTensors(*net)) source_.push_back(t);
  }
  void update(double decay, std::int64_t step) {
    torch::NoGradGuard guard;
    const double d =
        std::min(decay, (1.0 + static_cast<double>(step)) / (10.0 + static_cast<double>(step)));
    for (std::size_t i = 0; i < average_.size(); ++i) {
      if (average_[i].is_floating_point())
        average_[i].mul_(d).add_(source_[i], 1.0 - d);
      else
        average_[i].copy_(source_[i]);
    }
  }

 private:
  std::vector<torch::Tensor> average_, source_;
};

}  // namespace sdd::training
