#include <gtest/gtest.h>

#include "sdd/inference/predictor.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"
#include "test_support.h"

using namespace sdd;
using sdd::test::TempDir;

namespace {
std::int64_t torchCount(DetectorNet& net) {
  std::int64_t n = 0;
  for (const auto& p : net->parameters()) n += p.numel();
  return n;
}

ModelMetadata metaFor(const ModelSpec& spec) {
  ModelMetadata m;
  for (int i = 0; i < spec.numClasses; ++i) m.classes.push_back("class " + std::to_string(i));
  m.spec = spec;
  m.normalization.mean.assign(spec.inputChannels, 0.4f);
  m.normalization.std.assign(spec.inputChannels, 0.2f);
  m.metrics = {{"val_macro_f1", 0.5}};
  m.trainConfig = {{"epochs", 3}};
  return m;
}
}  // namespace

TEST(ModelSpec, TableIIHas172102ParametersAndAbout43MMacs) {
  const ModelSpec s = ModelSpec::tableII();
  EXPECT_EQ(s.featureSize(), 12);
  EXPECT_EQ(s.parameterCount(), 172102);
  // conv: 8.64M + 3 x 11.52M; FC: 9216*16 + 16*6.
  EXPECT_EQ(s.macs(), 8640000 + 3 * 11520000 + 9216 * 16 + 16 * 6);
  DetectorNet net(s);
  EXPECT_EQ(torchCount(net), 172102);
}

TEST(ModelSpec, GlobalAveragePoolHeadHas25670Parameters) {
  ModelSpec s = ModelSpec::tableII();
  s.head = HeadType::GlobalAvgPool;
  EXPECT_EQ(s.parameterCount(), 25670);
  DetectorNet net(s);
  EXPECT_EQ(torchCount(net), 25670);
}

// docs/model-size.md: the variants of Table II that fit the paper's stated 0.08M weights.
TEST(ModelSpec, ReducedVariantsFitThePapersWeightBudget) {
  ModelSpec fc4 = ModelSpec::tableII();
  fc4.fcWidth = 4;
  EXPECT_EQ(fc4.parameterCount(), 61426);
  ModelSpec narrow = ModelSpec::tableII();
  narrow.convChannels = {8, 16, 32, 32};
  narrow.fcWidth = 8;
  EXPECT_EQ(narrow.parameterCount(), 52206);
  DetectorNet net(narrow);
  EXPECT_EQ(torchCount(net), 52206);
}

TEST(ModelSpec, AnalyticCountMatchesTorchForVariants) {
  ModelSpec s;
  s.inputSize = 64;
  s.inputChannels = 1;
  s.convChannels = {4, 6, 10};
  s.batchNorm = true;
  s.fcWidth = 0;
  s.numClasses = 3;
  DetectorNet net(s);
  EXPECT_EQ(torchCount(net), s.parameterCount());
}

TEST(ModelSpec, RejectsSpecsThatCannotBuild) {
  ModelSpec s;
  s.inputSize = 16;
  s.convChannels = {8, 8, 8, 8, 8};  // 16 / 2^5 = 0
  EXPECT_THROW(s.validate(), ModelError);
  ModelSpec k;
  k.kernelSize = 4;
  EXPECT_THROW(k.validate(), ModelError);
}

TEST(DetectorNet, OutputShapeIsBatchByClasses) {
  ModelSpec s = ModelSpec::tableII(4);
  DetectorNet net(s);
  const auto y = net->forward(torch::zeros({2, 3, 200, 200}));
  EXPECT_EQ(y.sizes().vec(), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(net->features(torch::zeros({1, 3, 200, 200})).sizes().vec(),
            (std::vector<int64_t>{1, 64, 12, 12}));
}

TEST(ModelFile, SaveLoadRoundTripKeepsWeightsAndMetadata) {
  TempDir dir;
  ModelSpec s;
  s.inputSize = 32;
  s.convChannels = {4, 8};
  s.numClasses = 3;
  s.batchNorm = true;
  torch::manual_seed(1);
  DetectorNet net(s);
  toChannelsLast(*net);
  net->eval();
  const auto x = torch::rand({2, 3, 32, 32});
  const auto before = net->forward(x);
  saveModelFile(dir / "m.sddm", net, metaFor(s));
  LoadedModel loaded = loadModelFile(dir / "m.sddm");
  EXPECT_TRUE(torch::allclose(loaded.net->forward(x), before));
  EXPECT_EQ(loaded.metadata.spec, s);
  EXPECT_EQ(loaded.metadata.classes, metaFor(s).classes);
  EXPECT_FLOAT_EQ(loaded.metadata.normalization.mean[1], 0.4f);
  EXPECT_EQ(loaded.metadata.metrics["val_macro_f1"], 0.5);
  EXPECT_EQ(loaded.metadata.trainConfig["epochs"], 3);
  EXPECT_EQ(readModelMetadata(dir / "m.sddm").spec, s);
  EXPECT_FALSE(std::filesystem::exists(dir / "m.sddm.tmp"));
}

TEST(ModelFile, WeightsFromAnotherArchitectureAreAClearError) {
  TempDir dir;
  ModelSpec a;
  a.inputSize = 32;
  a.convChannels = {4, 8};
  a.numClasses = 3;
  ModelSpec b = a;
  b.convChannels = {4, 12};
  DetectorNet net(a);
  saveModelFile(dir / "m.sddm", net, metaFor(b));  // metadata claims another architecture
  try {
    loadModelFile(dir / "m.sddm");
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("m.sddm"), std::string::npos) << e.what();
  }
}

TEST(ModelFile, GarbageAndMissingFilesAreClearErrors) {
  TempDir dir;
  sdd::test::writeBytes(dir / "junk.sddm", "definitely not a model");
  EXPECT_THROW(loadModelFile(dir / "junk.sddm"), ModelError);
  EXPECT_THROW(loadModelFile(dir / "missing.sddm"), ModelError);
}

TEST(ModelFile, TruncatedFilesAreClearErrorsAtEveryLength) {
  TempDir dir;
  ModelSpec s;
  s.inputSize = 32;
  s.convChannels = {4, 8};
  s.numClasses = 3;
  DetectorNet net(s);
  saveModelFile(dir / "m.sddm", net, metaFor(s));
  const std::string whole = sdd::test::readBytes(dir / "m.sddm");
  int tried = 0;
  for (std::size_t len = 0; len < whole.size(); len += std::max<std::size_t>(1, whole.size() / 40)) {
    sdd::test::writeBytes(dir / "cut.sddm", whole.substr(0, len));
    EXPECT_THROW(loadModelFile(dir / "cut.sddm"), ModelError) << len << " of " << whole.size() << " bytes";
    EXPECT_THROW(Predictor(dir / "cut.sddm", "cpu", 1, "torch"), ModelError) << len;
    EXPECT_THROW(Predictor(dir / "cut.sddm", "cpu", 1, "opencv"), ModelError) << len;
    EXPECT_THROW(onnxBytes(dir / "cut.sddm"), ModelError) << len;
    ++tried;
  }
  EXPECT_GE(tried, 40);
}

TEST(ModelFile, DifferentClassListIsAClearError) {
  try {
    requireSameClasses({"a", "b"}, {"a", "c"}, "m.sddm");
    FAIL();
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("[a, b]"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("[a, c]"), std::string::npos);
  }
  EXPECT_NO_THROW(requireSameClasses({"a", "b"}, {"a", "b"}, "m.sddm"));
}
