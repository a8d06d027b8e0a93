// Training-time augmentation (core/src/training/augmentation.h), on its own.
#include "training/augmentation.h"

#include <gtest/gtest.h>

#include <random>

using sdd::TrainConfig;
using sdd::training::augmentBatch;

namespace {
torch::Tensor batch() {
  torch::manual_seed(3);
  return torch::rand({4, 3, 12, 12});
}
}  // namespace

TEST(Augmentation, RepeatsForTheSameGeneratorAndKeepsPixelsInRange) {
  TrainConfig c;
  c.noise = 0.1;
  c.blur = 1.5;
  std::mt19937_64 a(7), b(7), other(8);
  const torch::Tensor x = batch();
  const torch::Tensor ya = augmentBatch(x, c, a), yb = augmentBatch(x, c, b),
                      yc = augmentBatch(x, c, other);
  EXPECT_TRUE(torch::equal(ya, yb))
      << "the same seed must give the same batch (runs repeat, resumes match)";
  EXPECT_FALSE(torch::equal(ya, yc));
  EXPECT_EQ(ya.sizes(), x.sizes());
  EXPECT_GE(ya.min().item<float>(), 0.f);
  EXPECT_LE(ya.max().item<float>(), 1.f);
}

// Without jitter, noise or blur an image is only flipped or rotated: every pixel value is
// kept, just moved.
TEST(Augmentation, FlipsAndRotationsOnlyMovePixels) {
  TrainConfig c;
  c.brightness = c.contrast = 0;
  std::mt19937_64 rng(1);
  const torch::Tensor x = batch();
  const torch::Tensor y = augmentBatch(x, c, rng);
  bool moved = false;
  for (long i = 0; i < x.size(0); ++i) {
    EXPECT_TRUE(
        torch::equal(std::get<0>(x[i].flatten().sort()), std::get<0>(y[i].flatten().sort())))
        << "image " << i;
    moved = moved || !torch::equal(x[i], y[i]);
  }
  EXPECT_TRUE(moved) << "four images, none flipped or rotated";
}

// Non-square images are flipped but never rotated (a rotation would change their shape).
TEST(Augmentation, NonSquareImagesKeepTheirShape) {
  TrainConfig c;
  std::mt19937_64 rng(2);
  const torch::Tensor x = torch::rand({3, 1, 8, 16});
  EXPECT_EQ(augmentBatch(x, c, rng).sizes(), x.sizes());
}
