#include "training/augmentation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sdd::training {

namespace {
// A box target's channels (cellBoxTarget: coverage, left, top, right, bottom, weight) after its
// planes were flipped or rotated: the distances trade places as the directions do.
torch::Tensor reorderBoxChannels(const torch::Tensor& t, std::vector<std::int64_t> order) {
  return t.index_select(0, torch::tensor(order, torch::kInt64));
}
}  // namespace

torch::Tensor augmentBatch(torch::Tensor x01, const TrainConfig& c, std::mt19937_64& rng,
                           torch::Tensor* target) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const bool square = x01.size(2) == x01.size(3);
  std::vector<torch::Tensor> out, targets;
  out.reserve(x01.size(0));
  for (long i = 0; i < x01.size(0); ++i) {
    torch::Tensor s = x01[i];
    torch::Tensor t = target ? (*target)[i] : torch::Tensor();
    const bool flipX = u(rng) < 0.5, flipY = u(rng) < 0.5;
    const int rot = square ? static_cast<int>(rng() % 4) : 0;
    for (torch::Tensor* m : {&s, &t}) {
      if (!m->defined()) continue;
      if (flipX) *m = m->flip({2});
      if (flipY) *m = m->flip({1});
      if (rot) *m = m->rot90(rot, {1, 2});
    }
    if (t.defined() && t.size(0) == 6) {
      if (flipX) t = reorderBoxChannels(t, {0, 3, 2, 1, 4, 5});  // left <-> right
      if (flipY) t = reorderBoxChannels(t, {0, 1, 4, 3, 2, 5});  // top <-> bottom
      // One quarter turn from rows towards columns: the new left was the top, and so on.
      for (int k = 0; k < rot; ++k) t = reorderBoxChannels(t, {0, 2, 3, 4, 1, 5});
    }
    if (target) targets.push_back(t);
    const double contrast = 1.0 + c.contrast * (2 * u(rng) - 1);
    const double brightness = c.brightness * (2 * u(rng) - 1);
    if (contrast != 1.0 || brightness != 0.0) {
      auto m = s.mean();
      s = ((s - m) * contrast + m + brightness).clamp(0.0, 1.0);
    }
    if (c.blur > 0 && u(rng) < 0.5) {
      // Separable Gaussian blur, sigma drawn in [0.3, blur] px, edges replicated.
      const double sigma = 0.3 + (c.blur - 0.3 > 0 ? (c.blur - 0.3) * u(rng) : 0.0);
      const int r = std::max(1, static_cast<int>(std::ceil(2 * sigma)));
      std::vector<float> k(2 * r + 1);
      float sum = 0;
      for (int t = -r; t <= r; ++t)
        sum += k[t + r] = static_cast<float>(std::exp(-t * t / (2 * sigma * sigma)));
      for (float& v : k) v /= sum;
      const long ch = s.size(0);
      const auto kt = torch::tensor(k);
      namespace F = torch::nn::functional;
      auto x = F::pad(s.unsqueeze(0), F::PadFuncOptions({r, r, r, r}).mode(torch::kReplicate));
      x = F::conv2d(x, kt.view({1, 1, 1, -1}).repeat({ch, 1, 1, 1}),
                    F::Conv2dFuncOptions().groups(ch));
      x = F::conv2d(x, kt.view({1, 1, -1, 1}).repeat({ch, 1, 1, 1}),
                    F::Conv2dFuncOptions().groups(ch));
      s = x.squeeze(0);
    }
    if (c.noise > 0) {
      // Sigma drawn in [0, noise]; the generator is seeded from ours, so runs (and resumes) repeat.
      const double sigma = c.noise * u(rng);
      auto gen = at::detail::createCPUGenerator(rng());
      s = (s + torch::randn(s.sizes(), gen, s.options()) * sigma).clamp(0.0, 1.0);
    }
    out.push_back(s);
  }
  if (target) *target = torch::stack(targets);
  return torch::stack(out);
}

}  // namespace sdd::training
