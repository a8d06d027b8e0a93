#include <gtest/gtest.h>

#include <functional>

#include "sdd/inference/predictor.h"
#include "sdd/model/archive_check.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"
#include "sdd/util/runtime.h"
#include "test_support.h"
#include "training/checkpoint.h"

using namespace sdd;
namespace fs = std::filesystem;
using sdd::test::TempDir;

namespace {
std::int64_t torchCount(DetectorNet& net) {
  std::int64_t n = 0;
  for (const auto& p : net->parameters()) n += p.numel();
  return n;
}

/// 16-px input, one conv block of 4, GAP, 2 classes: the smallest model worth saving.
ModelSpec tinySpec() {
  ModelSpec s;
  s.inputSize = 16;
  s.convChannels = {4};
  s.head = HeadType::GlobalAvgPool;
  s.fcWidth = 0;
  s.numClasses = 2;
  return s;
}

/// 32-px input, conv 4-8, flatten head with FC 16, 3 classes: two conv blocks to save and load.
ModelSpec twoBlockSpec() {
  ModelSpec s;
  s.inputSize = 32;
  s.convChannels = {4, 8};
  s.numClasses = 3;
  return s;
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
  ModelSpec s = twoBlockSpec();
  s.batchNorm = true;
  torch::manual_seed(1);
  DetectorNet net(s);
  toChannelsLast(*net);
  net->eval();
  const auto x = torch::rand({2, 3, 32, 32});
  const auto before = net->forward(x);
  ModelMetadata meta = metaFor(s);
  meta.trainingImages = {3, 0xfedcba9876543210ull, 0xffffffffffffffffull};
  saveModelFile(dir / "m.sddm", net, meta);
  LoadedModel loaded = loadModelFile(dir / "m.sddm");
  EXPECT_TRUE(torch::allclose(loaded.net->forward(x), before));
  EXPECT_EQ(loaded.metadata.trainingImages, meta.trainingImages);
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
  const ModelSpec a = twoBlockSpec();
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
  const ModelSpec s = twoBlockSpec();
  DetectorNet net(s);
  saveModelFile(dir / "m.sddm", net, metaFor(s));
  const std::string whole = sdd::test::readBytes(dir / "m.sddm");
  int tried = 0;
  for (std::size_t len = 0; len < whole.size();
       len += std::max<std::size_t>(1, whole.size() / 40)) {
    sdd::test::writeBytes(dir / "cut.sddm", whole.substr(0, len));
    EXPECT_THROW(loadModelFile(dir / "cut.sddm"), ModelError)
        << len << " of " << whole.size() << " bytes";
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

// Found while writing fuzz_model_metadata: metadata edited to absurd sizes made
// loading try to allocate terabytes, and a zero std divided every pixel by zero.
TEST(ModelFile, DamagedMetadataIsAClearErrorBeforeAnyAllocation) {
  TempDir dir;
  const ModelSpec s = tinySpec();
  DetectorNet net(s);
  auto writeWithMetadata = [&](const std::string& name, nlohmann::json meta) {
    torch::serialize::OutputArchive archive;
    net->save(archive);
    archive.write("sdd_metadata", c10::IValue(meta.dump()));
    archive.save_to((dir / name).string());
    return dir / name;
  };
  nlohmann::json good = metaFor(s);
  good["training_images"] = {{"count", 2}, {"hashes", "00000000000000010000000000000002"}};
  EXPECT_NO_THROW(loadModelFile(writeWithMetadata("good.sddm", good)));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/architecture/conv_channels/0", "1000000"},
      {"/architecture/input_size", "1000000"},
      {"/architecture/kernel_size", "999"},
      {"/architecture/fc_width", "100000000"},
      {"/normalization/std/0", "0"},
      {"/normalization/mean/1", "1e39"},
      {"/training_images/count", "3"},
      {"/training_images/hashes", "\"0000000000000001000000000000000g\""}};
  for (const auto& [pointer, value] : cases) {
    nlohmann::json bad = good;
    bad[nlohmann::json::json_pointer(pointer)] = nlohmann::json::parse(value);
    const auto file = writeWithMetadata("bad.sddm", bad);
    try {
      loadModelFile(file);
      ADD_FAILURE() << pointer << " = " << value << " was accepted";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.sddm"), std::string::npos) << e.what();
    }
  }
}

namespace {
/// `file` (an SDD container: model or checkpoint) with its header JSON text replaced by
/// `edit(header)` and the CRC made valid again: what a crafted file looks like.
std::string withHeader(const std::string& file,
                       const std::function<std::string(std::string)>& edit) {
  auto le = [](const std::string& b, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t(std::uint8_t(b[at + i])) << (8 * i);
    return v;
  };
  const std::size_t len = le(file, 12, 8);
  const std::string header = edit(file.substr(20, len));
  std::string out = file.substr(0, 12);
  for (int i = 0; i < 8; ++i) out += char((header.size() >> (8 * i)) & 0xFF);
  out += header + file.substr(20 + len, file.size() - 20 - len - 4);
  const std::uint32_t crc = crc32(reinterpret_cast<const std::uint8_t*>(out.data()), out.size());
  for (int i = 0; i < 4; ++i) out += char((crc >> (8 * i)) & 0xFF);
  return out;
}

void replaceFirst(std::string& s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}
}  // namespace

// A crafted model file (valid CRC) with a float tensor offset was read as offset 0 (undefined
// float-to-int conversion): predictions changed silently. Offsets and sizes must be whole
// numbers inside the file, and no two tensors may share bytes.
TEST(ModelFile, FloatOrOverlappingTensorOffsetsAreRefused) {
  TempDir dir;
  const ModelSpec s = tinySpec();
  DetectorNet net(s);
  saveModelFile(dir / "m.sddm", net, metaFor(s));
  const std::string good = sdd::test::readBytes(dir / "m.sddm");
  const std::vector<std::pair<std::string, std::function<void(std::string&)>>> cases = {
      {"a float offset",
       [](std::string& h) { replaceFirst(h, "\"offset\":0", "\"offset\":1e300"); }},
      {"a fractional offset",
       [](std::string& h) { replaceFirst(h, "\"offset\":0", "\"offset\":0.5"); }},
      {"a negative size", [](std::string& h) { replaceFirst(h, "\"size\":", "\"size\":-"); }},
      {"every offset 0", [](std::string& h) {
         for (std::size_t at = h.find("\"offset\":"); at != std::string::npos;
              at = h.find("\"offset\":", at + 1)) {
           const std::size_t end = h.find_first_of(",}", at);
           h.replace(at, end - at, "\"offset\":0");
         }
       }}};
  for (const auto& c : cases) {
    const std::string& what = c.first;
    const auto& edit = c.second;
    sdd::test::writeBytes(dir / "bad.sddm", withHeader(good, [&edit](std::string h) {
                            edit(h);
                            return h;
                          }));
    try {
      loadModelFile(dir / "bad.sddm");
      ADD_FAILURE() << what << " was accepted";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.sddm"), std::string::npos)
          << what << ": " << e.what();
    }
  }
}

// A model file or checkpoint whose JSON nests 100,000 levels deep (valid CRC) crashed every
// command that read it (SIGSEGV). Now: a ModelError, before the parser runs.
TEST(ModelFile, DeeplyNestedJsonInAModelOrCheckpointIsAClearError) {
  TempDir dir;
  const ModelSpec s = tinySpec();
  DetectorNet net(s);
  saveModelFile(dir / "m.sddm", net, metaFor(s));
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  sdd::test::writeBytes(dir / "deep.sddm",
                        withHeader(sdd::test::readBytes(dir / "m.sddm"), [&](std::string h) {
                          replaceFirst(h, "\"metrics\":", "\"metrics\":" + deep + ",\"was\":");
                          return h;
                        }));
  EXPECT_THROW(readModelMetadata(dir / "deep.sddm"), ModelError);
  EXPECT_THROW(loadModelFile(dir / "deep.sddm"), ModelError);

  torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
  sdd::checkpoint::save(dir / "c.sddc", net, nullptr, opt, "adam", {{"epoch", 1}});
  sdd::test::writeBytes(dir / "deep.sddc",
                        withHeader(sdd::test::readBytes(dir / "c.sddc"), [&](std::string h) {
                          replaceFirst(h, "{", "{\"deep\":" + deep + ",");
                          return h;
                        }));
  try {
    sdd::checkpoint::load(dir / "deep.sddc", net, nullptr, opt, "adam",
                          [](const nlohmann::json&) {});
    FAIL() << "the nested checkpoint was read";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("nested deeper"), std::string::npos) << e.what();
  }
}

// A spec asking for more compute or memory per image than a line PC has is refused with the
// figure and the limit, before anything is allocated (one needed 275 GB of activations).
TEST(ModelSpec, ArchitecturesNeedingTooMuchMemoryOrComputeAreRefused) {
  ModelSpec huge = tinySpec();
  huge.inputSize = 4096;
  huge.convChannels = {4096};
  try {
    huge.validate();
    FAIL() << "accepted " << huge.describe();
  } catch (const ModelError& e) {
    const std::string what = e.what();
    EXPECT_TRUE(what.find("multiply-accumulates") != std::string::npos ||
                what.find("activations") != std::string::npos)
        << what;
  }
  ModelSpec wide = ModelSpec::recommended();
  wide.inputSize = 4096;  // `sdd train --input-size 4096`: 1.6 GB per image
  EXPECT_THROW(wide.validate(), ModelError);
  EXPECT_GT(wide.activationBytes(), ModelSpec::kMaxActivationBytes);
  wide.inputSize = 1024;
  EXPECT_NO_THROW(wide.validate());
  EXPECT_NO_THROW(ModelSpec::tableII().validate());
}

// Found by fuzz_model_file (fuzz/regressions/model_file): one changed byte in the TorchScript
// text inside a (version-1, LibTorch archive) model file made LibTorch's parser call
// std::terminate. Version-2 files are our own format with a CRC over every byte: each
// single-byte change is a ModelError. Version-1 files get their ZIP CRCs checked first.
TEST(ModelFile, EverySingleDamagedByteIsAClearError) {
  TempDir dir;
  const ModelSpec s = tinySpec();
  DetectorNet net(s);
  saveModelFile(dir / "m.sddm", net, metaFor(s));
  const std::string whole = sdd::test::readBytes(dir / "m.sddm");
  ASSERT_EQ(whole.substr(0, 8), "SDDMODEL");
  int rejected = 0;
  for (std::size_t at = 0; at < whole.size(); at += 3) {
    std::string damaged = whole;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    sdd::test::writeBytes(dir / "d.sddm", damaged);
    try {
      loadModelFile(dir / "d.sddm");
      ADD_FAILURE() << "byte " << at << " changed, still loaded";
    } catch (const ModelError& e) {
      ++rejected;
      EXPECT_NE(std::string(e.what()).find("d.sddm"), std::string::npos) << e.what();
    }
  }
  EXPECT_GT(rejected, 100);
  // The version-1 files the fuzzer found, replayed: one fails the CRC check; the other has
  // valid CRCs and crashed LibTorch's script parser — our own reader never runs that text.
  const auto crash = fs::path(SDD_SOURCE_DIR) / "fuzz/regressions/model_file";
  int damaged = 0, crafted = 0;
  for (const auto& f : fs::directory_iterator(crash)) {
    const std::string b = sdd::test::readBytes(f.path());
    ++(checkZipArchive(std::vector<std::uint8_t>(b.begin(), b.end())).empty() ? crafted : damaged);
    try {
      loadModelFile(f.path());
      ADD_FAILURE() << f.path() << " loaded";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(f.path().filename().string()), std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(damaged, 1);
  EXPECT_EQ(crafted, 1);
}

// Model files written before the version-2 format still load, with the same weights.
TEST(ModelFile, ShippedModelsAreVersion2AndAnUpgradeKeepsEveryWeight) {
  for (const auto& m : shippedModelFiles()) {
    EXPECT_EQ(sdd::test::readBytes(m).substr(0, 8), "SDDMODEL") << m;
  }
  TempDir dir;
  ModelSpec s;
  s.inputSize = 16;
  s.convChannels = {4, 8};
  s.batchNorm = true;
  s.numClasses = 3;
  DetectorNet net(s);
  {  // a version-1 file, as saveModelFile wrote them before: a LibTorch archive
    torch::serialize::OutputArchive archive;
    net->save(archive);
    archive.write("sdd_metadata", c10::IValue(nlohmann::json(metaFor(s)).dump()));
    archive.save_to((dir / "v1.sddm").string());
  }
  const std::string v1 = sdd::test::readBytes(dir / "v1.sddm");
  EXPECT_EQ(checkZipArchive(std::vector<std::uint8_t>(v1.begin(), v1.end())), "");
  upgradeModelFile(dir / "v1.sddm", dir / "v2.sddm");
  EXPECT_THROW(upgradeModelFile(dir / "v2.sddm", dir / "v2.sddm"), ModelError);
  EXPECT_EQ(sdd::test::readBytes(dir / "v1.sddm"), v1);  // the old file is untouched
  LoadedModel a = loadModelFile(dir / "v1.sddm"), b = loadModelFile(dir / "v2.sddm");
  auto pb = b.net->named_parameters(true);
  for (const auto& p : a.net->named_parameters(true))
    EXPECT_TRUE(torch::equal(p.value(), pb[p.key()])) << p.key();
  auto bb = b.net->named_buffers(true);
  for (const auto& p : a.net->named_buffers(true))
    EXPECT_TRUE(torch::equal(p.value(), bb[p.key()])) << p.key();
}

TEST(ArchiveCheck, Crc32MatchesTheStandardCheckValue) {
  const std::string s = "123456789";
  EXPECT_EQ(crc32(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()), 0xCBF43926u);
}

// Version-1 files are read by our restricted pickle reader: a pickle that would run code in
// Python (os.system), uses an opcode LibTorch archives never contain, or points a weight
// outside its storage is a clear error, and nothing runs.
TEST(LegacyArchive, PicklesThatCallAnythingElseOrReachOutsideTheirStorageAreRefused) {
  using namespace std::string_literals;
  TempDir dir;
  auto loadPickle = [&](const std::string& pickle, std::size_t storageBytes = 64) {
    std::vector<std::pair<std::string, std::string>> entries = {{"m/data.pkl", pickle},
                                                                {"m/version", "3\n"}};
    entries.emplace_back("m/data/0", std::string(storageBytes, '\0'));
    sdd::test::writeBytes(dir / "v1.sddm", makeStoredZip(entries));
    try {
      loadModelFile(dir / "v1.sddm");
    } catch (const ModelError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  // cos\nsystem\n(S'touch x'\ntR. — the classic: in Python this runs a shell command.
  EXPECT_NE(loadPickle("\x80\x02"
                       "cos\nsystem\nX\x07\x00\x00\x00touch x\x85R."s),
            "loaded");
  EXPECT_NE(loadPickle("\x80\x02"
                       "cos\nsystem\nX\x07\x00\x00\x00touch x\x85R."s)
                .find("unsupported call 'os system'"),
            std::string::npos);
  EXPECT_FALSE(fs::exists("x"));
  EXPECT_NE(loadPickle("\x80\x02"
                       "cbuiltins\neval\n)\x81."s)
                .find("object of class 'builtins eval'"),
            std::string::npos);
  EXPECT_NE(loadPickle("\x80\x04\x95\x00."s).find("unsupported pickle opcode 0x95"),
            std::string::npos);
  EXPECT_NE(loadPickle("\x80\x02h\x05"s).find("memo entry 5 missing"), std::string::npos);
  EXPECT_NE(loadPickle("\x80\x02((((("s).find("ends early"), std::string::npos);
  EXPECT_NE(loadPickle("").find("ends early"), std::string::npos);

  // A real version-1 file whose first weight is re-pointed past the end of its storage.
  ModelSpec s;
  s.inputSize = 16;
  s.convChannels = {4};
  s.numClasses = 2;
  DetectorNet net(s);
  torch::serialize::OutputArchive archive;
  net->save(archive);
  ModelMetadata meta;
  meta.spec = s;
  meta.classes = {"a", "b"};
  meta.normalization.mean = {0.5f, 0.5f, 0.5f};
  meta.normalization.std = {0.25f, 0.25f, 0.25f};
  archive.write("sdd_metadata", c10::IValue(nlohmann::json(meta).dump()));
  archive.save_to((dir / "real.sddm").string());
  const std::string real = sdd::test::readBytes(dir / "real.sddm");
  std::vector<std::uint8_t> bytes(real.begin(), real.end());
  std::map<std::string, ZipEntry> entries;
  ASSERT_EQ(checkZipArchive(bytes, entries), "");
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& [name, e] : entries) parts.emplace_back(name, real.substr(e.offset, e.size));
  for (auto& [name, data] : parts) {
    if (name.size() < 9 || name.substr(name.size() - 9) != "/data.pkl") continue;
    // The first tensor: _rebuild_tensor_v2((storage…), 0 = offset → BININT1 0 after BINPERSID.
    const auto at = data.find("Q");
    ASSERT_NE(at, std::string::npos);
    const auto offset = data.find('K', at);
    ASSERT_NE(offset, std::string::npos);
    data[offset + 1] = '\x7f';  // storage offset 127: past the end of a 108-float storage's view
  }
  sdd::test::writeBytes(dir / "outside.sddm", makeStoredZip(parts));
  try {
    loadModelFile(dir / "outside.sddm");
    ADD_FAILURE() << "loaded";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("lies outside its storage"), std::string::npos)
        << e.what();
  }
  // And the untouched archive, rewrapped, still loads: the reader is not simply refusing.
  parts.clear();
  for (const auto& [name, e] : entries) parts.emplace_back(name, real.substr(e.offset, e.size));
  sdd::test::writeBytes(dir / "same.sddm", makeStoredZip(parts));
  EXPECT_NO_THROW(loadModelFile(dir / "same.sddm"));
}
