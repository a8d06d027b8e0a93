// The native engine (core/src/inference/native_net.h) against LibTorch: the same
// probabilities and descriptor for every kind of network the project builds.
#include <gtest/gtest.h>

#include "inference/native_kernels.h"
#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/model/detector_net.h"
#include "sdd/util/runtime.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;

namespace {

/// A model file with `spec`'s network at random weights and random BatchNorm statistics
/// (so that folding them into the convolutions is checked, not skipped).
fs::path randomModel(const fs::path& file, const ModelSpec& spec, const Normalization& norm) {
  torch::manual_seed(7);
  DetectorNet net(spec);
  torch::NoGradGuard guard;
  for (auto& m : net->modules(false))
    if (auto* bn = m->as<torch::nn::BatchNorm2dImpl>()) {
      bn->running_mean.uniform_(-0.5, 0.5);
      bn->running_var.uniform_(0.5, 2.0);
      bn->weight.uniform_(0.5, 1.5);
      bn->bias.uniform_(-0.2, 0.2);
    }
  ModelMetadata meta;
  meta.spec = spec;
  meta.normalization = norm;
  for (int c = 0; c < spec.numClasses; ++c) meta.classes.push_back("c" + std::to_string(c));
  saveModelFile(file, net, meta);
  return file;
}

/// Both engines on `images`: probabilities within 1e-5, every descriptor value within 1e-4
/// (relative above 1).
void expectSameOutputs(const fs::path& model, const std::vector<cv::Mat>& images) {
  Predictor torchEngine(model, "cpu", 1, "torch"), native(model, "cpu", 1, "native");
  EXPECT_EQ(native.engine(), "native");
  const auto a = torchEngine.predictImagesWithDescriptors(images, 4);
  const auto b = native.predictImagesWithDescriptors(images, 4);
  ASSERT_EQ(a.probabilities.size(), b.probabilities.size());
  for (std::size_t i = 0; i < images.size(); ++i) {
    ASSERT_EQ(a.probabilities[i].size(), b.probabilities[i].size());
    for (std::size_t c = 0; c < a.probabilities[i].size(); ++c)
      EXPECT_NEAR(a.probabilities[i][c], b.probabilities[i][c], 1e-5) << "image " << i;
    ASSERT_EQ(a.descriptors[i].size(), b.descriptors[i].size());
    for (std::size_t d = 0; d < a.descriptors[i].size(); ++d)
      EXPECT_NEAR(a.descriptors[i][d], b.descriptors[i][d],
                  1e-4 * std::max(1.f, std::abs(a.descriptors[i][d])))
          << "image " << i << ", descriptor value " << d;
  }
}

std::vector<cv::Mat> someImages(int channels) {
  std::vector<cv::Mat> images;
  for (int n = 0; n < 6; ++n) images.push_back(test::patternImage(n % 3, 40 + n, 57, 43, channels));
  return images;
}

}  // namespace

TEST(NativeEngine, MatchesLibTorchForEveryKindOfNetwork) {
  test::TempDir dir;
  std::vector<ModelSpec> specs;
  specs.push_back(ModelSpec::recommended(6));  // widths 8..64: the register-blocked kernels
  ModelSpec flat;  // Table II's kind: flatten + hidden layer, odd widths (the generic kernel)
  flat.inputSize = 32;
  flat.convChannels = {6, 12};
  flat.fcWidth = 16;
  specs.push_back(flat);
  ModelSpec wide;  // 5×5 kernels, one input channel, BatchNorm, a width of 24
  wide.inputSize = 40;
  wide.inputChannels = 1;
  wide.kernelSize = 5;
  wide.convChannels = {16, 24, 32};
  wide.batchNorm = true;
  wide.head = HeadType::GlobalAvgPool;
  wide.fcWidth = 0;
  wide.numClasses = 3;
  specs.push_back(wide);
  for (std::size_t k = 0; k < specs.size(); ++k) {
    SCOPED_TRACE(specs[k].describe());
    Normalization norm;
    norm.mean.resize(std::size_t(specs[k].inputChannels), 0.45f);
    norm.std.resize(std::size_t(specs[k].inputChannels), 0.2f);
    const fs::path model = randomModel(dir / ("m" + std::to_string(k) + ".sddm"), specs[k], norm);
    for (const int channels : {3, 1}) expectSameOutputs(model, someImages(channels));
  }
}

TEST(NativeEngine, GreyImagesMatchWhetherOrNotTheFirstLayerCanBeFolded) {
  test::TempDir dir;
  // Channels normalized alike: a grey image goes through the first layer as one channel.
  const fs::path alike =
      randomModel(dir / "alike.sddm", ModelSpec::recommended(6), Normalization{});
  expectSameOutputs(alike, someImages(1));
  // Normalized differently: the grey image is repeated into three channels instead.
  Normalization differ;
  differ.mean = {0.3f, 0.5f, 0.7f};
  differ.std = {0.2f, 0.25f, 0.3f};
  const fs::path model = randomModel(dir / "differ.sddm", ModelSpec::recommended(6), differ);
  expectSameOutputs(model, someImages(1));
  expectSameOutputs(model, someImages(3));
}

TEST(NativeEngine, ShippedModelGivesTheSameDecisionsOnRealNeuImages) {
  const fs::path neu = test::neuDetDir();
  if (neu.empty()) GTEST_SKIP() << "data/NEU-DET not present";
  const Dataset ds = Dataset::scan(neu);
  Predictor torchEngine(shippedModelFile(), "cpu", 1, "torch");
  Predictor native(shippedModelFile(), "cpu", 1, "native");
  const auto val = ds.indices(Split::Validation);
  for (std::size_t k = 0; k < val.size(); k += 6) {  // 60 images
    const fs::path file = ds.samples()[val[k]].path;
    const Prediction a = torchEngine.predictFile(file), b = native.predictFile(file);
    ASSERT_TRUE(a.ok() && b.ok()) << file;
    EXPECT_EQ(a.classIndex, b.classIndex) << file;
    for (std::size_t c = 0; c < a.probabilities.size(); ++c)
      EXPECT_NEAR(a.probabilities[c], b.probabilities[c], 1e-5) << file;
    EXPECT_NEAR(a.unknownScore, b.unknownScore, 1e-3 * std::max(1.0, a.unknownScore)) << file;
  }
}

TEST(NativeEngine, BothBuildsOfTheConvolutionAgree) {
  // The baseline build runs on any CPU; the AVX2 one where the CPU has it. Same sums.
  const int h = 5, w = 7, cin = 3, k = 3;
  for (const int cout : {8, 16, 32, 64, 5}) {
    const auto floats = [](int n) { return std::vector<float>(static_cast<std::size_t>(n)); };
    std::vector<float> in = floats((h + 2) * (w + 2) * cin), weights = floats(k * k * cin * cout),
                       bias = floats(cout);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = float((i * 37) % 11) / 5.f - 1.f;
    for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = float((i * 53) % 13) / 6.f - 1.f;
    for (std::size_t i = 0; i < bias.size(); ++i) bias[i] = float(i % 3) - 1.f;
    std::vector<float> a = floats(h * w * cout), b = a, naive = a;
    native::baseline::convRelu(in.data(), h, w, cin, k, weights.data(), bias.data(), cout,
                               a.data());
    native::convRelu()(in.data(), h, w, cin, k, weights.data(), bias.data(), cout, b.data());
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        for (int o = 0; o < cout; ++o) {
          double s = bias[std::size_t(o)];
          for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx)
              for (int c = 0; c < cin; ++c)
                s += double(in[std::size_t(((y + ky) * (w + 2) + x + kx) * cin + c)]) *
                     weights[std::size_t(((ky * k + kx) * cin + c) * cout + o)];
          naive[std::size_t((y * w + x) * cout + o)] = float(std::max(s, 0.0));
        }
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_NEAR(a[i], naive[i], 1e-4) << "cout " << cout;
      EXPECT_NEAR(b[i], naive[i], 1e-4) << "cout " << cout << " (" << native::convReluIsa() << ")";
    }
  }
}
