#include "training/augmentation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sdd/model/detector_net.h"

namespace sdd::training {

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
    if (flipX) s = s.flip({2});
    if (flipY) s = s.flip({1});
    if (rot) s = s.rot90(rot, {1, 2});
    // (a box target's planes: coverage, left, top, right, bottom, weight)
    if (t.defined()) t = turnMapPlanes(t, flipX, flipY, rot);
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
