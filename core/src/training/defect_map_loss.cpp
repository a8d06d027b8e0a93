#include "training/defect_map_loss.h"

namespace sdd::training {

torch::Tensor defectMapLoss(const torch::Tensor& logits, const torch::Tensor& target,
                            const torch::Tensor& has) {
  const torch::Tensor perImage =
      torch::nn::functional::binary_cross_entropy_with_logits(
          logits.slice(1, 0, 1), target.slice(1, 0, 1),
          torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone))
          .mean({1, 2, 3});
  torch::Tensor loss = (perImage * has).sum() / has.sum().clamp_min(1.0);
  if (logits.size(1) == 1) return loss;
  const torch::Tensor d = logits.slice(1, 1, 5).clamp(-6, 6).exp(), t = target.slice(1, 1, 5);
  const torch::Tensor w = target.select(1, 5) * has.view({-1, 1, 1});
  auto area = [](const torch::Tensor& b) {
    return (b.select(1, 0) + b.select(1, 2)) * (b.select(1, 1) + b.select(1, 3));
  };
  const torch::Tensor m = torch::minimum(d, t);
  const torch::Tensor inter = (m.select(1, 0) + m.select(1, 2)) * (m.select(1, 1) + m.select(1, 3));
  const torch::Tensor iou = inter / (area(d) + area(t) - inter).clamp_min(1e-6);
  return loss + ((1 - iou) * w).sum() / w.sum().clamp_min(1.0);
}

}  // namespace sdd::training
