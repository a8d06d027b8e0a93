// The ONNX export, checked by an independent runtime: OpenCV's DNN module.
#include <gtest/gtest.h>

#include <opencv2/dnn.hpp>

#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"
#include "sdd/training/trainer.h"
#include "sdd/util/runtime.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;

namespace {

/// Largest absolute difference between LibTorch's and OpenCV DNN's probabilities.
double maxDifference(const fs::path& model, const fs::path& onnx,
                     const std::vector<cv::Mat>& images) {
  Predictor p(model, "cpu", 1);
  const auto ours = p.predictImages(images);
  cv::dnn::Net net = cv::dnn::readNetFromONNX(onnx.string());
  const ModelSpec& spec = p.metadata().spec;
  double worst = 0;
  for (std::size_t i = 0; i < images.size(); ++i) {
    const cv::Mat in =
        toModelInput(images[i], spec.inputSize, spec.inputChannels);  // RGB, model size
    net.setInput(cv::dnn::blobFromImage(in, 1.0 / 255.0));
    const cv::Mat out = net.forward("probabilities");
    EXPECT_EQ(out.total(), ours[i].size());
    for (std::size_t c = 0; c < ours[i].size(); ++c)
      worst = std::max(worst, std::abs(double(out.at<float>(0, int(c))) - double(ours[i][c])));
  }
  return worst;
}

/// Both engines give every image of `ds` the same class and probabilities within 1e-4.
void expectSameAnswers(Predictor& torchEngine, Predictor& openCvEngine, const Dataset& ds) {
  for (const auto& s : ds.samples()) {
    const Prediction a = torchEngine.predictFile(s.path), b = openCvEngine.predictFile(s.path);
    ASSERT_TRUE(a.ok() && b.ok()) << s.path;
    EXPECT_EQ(a.classIndex, b.classIndex) << s.path;
    for (std::size_t c = 0; c < a.probabilities.size(); ++c)
      EXPECT_NEAR(a.probabilities[c], b.probabilities[c], 1e-4);
    // The unknown score from the export's descriptor output (training fitted a detector).
    EXPECT_NEAR(a.unknownScore, b.unknownScore, 1e-3 * std::max(1.0, a.unknownScore)) << s.path;
  }
}

}  // namespace

TEST(OnnxExport, OpenCvDnnMatchesLibTorchOnGeneratedImagesForEveryHead) {
  test::TempDir dir;
  test::writePatternDataset(dir / "data", 3, 8);
  const Dataset ds = Dataset::scan(dir / "data");
  std::vector<cv::Mat> images;
  for (int n = 0; n < 6; ++n) images.push_back(test::patternImage(n % 3, 100 + n, 57, 43));
  for (int variant = 0; variant < 2; ++variant) {
    ModelSpec spec;
    spec.inputSize = 32;
    spec.convChannels = {6, 12};
    spec.fcWidth = variant == 0 ? 16 : 0;
    spec.head = variant == 0 ? HeadType::Flatten : HeadType::GlobalAvgPool;
    spec.batchNorm = variant == 1;
    TrainConfig cfg;
    cfg.epochs = 2;
    cfg.batchSize = 8;
    cfg.threads = 1;
    const fs::path run = dir / ("run" + std::to_string(variant));
    const auto r = Trainer(ds, spec, cfg, run).run();
    exportOnnx(r.modelFile, run / "model.onnx", "test");
    ASSERT_TRUE(fs::exists(run / "model.onnx"));
    EXPECT_LT(maxDifference(r.modelFile, run / "model.onnx", images), 1e-4) << spec.describe();
  }
  EXPECT_THROW(exportOnnx(dir / "missing.sddm", dir / "x.onnx"), ModelError);
  EXPECT_FALSE(fs::exists(dir / "x.onnx"));
}

TEST(OnnxExport, ShippedModelMatchesLibTorchOnRealNeuImages) {
  const fs::path neu = test::neuDetDir();
  if (neu.empty()) GTEST_SKIP() << "data/NEU-DET not present";
  test::TempDir dir;
  exportOnnx(shippedModelFile(), dir / "neu.onnx");
  const Dataset ds = Dataset::scan(neu);
  std::vector<cv::Mat> images;
  const auto val = ds.indices(Split::Validation);
  for (std::size_t k = 0; k < val.size(); k += 6)
    images.push_back(loadImage(ds.samples()[val[k]].path).image);  // 60 images
  EXPECT_LT(maxDifference(shippedModelFile(), dir / "neu.onnx", images), 1e-4);
}

TEST(OnnxExport, TheOpenCvEngineOfPredictorGivesTheSameAnswers) {
  test::TempDir dir;
  test::writePatternDataset(dir / "data", 3, 6);
  const Dataset ds = Dataset::scan(dir / "data");
  ModelSpec spec;
  spec.inputSize = 32;
  spec.convChannels = {6, 12};
  TrainConfig cfg;
  cfg.epochs = 2;
  cfg.batchSize = 8;
  cfg.threads = 1;
  const auto r = Trainer(ds, spec, cfg, dir / "run").run();
  Predictor torchP(r.modelFile, "cpu", 1, "torch");
  Predictor cvP(r.modelFile, "cpu", 1, "opencv");
  EXPECT_EQ(cvP.engine(), "opencv");
  ASSERT_TRUE(torchP.metadata().confidenceRule.has_value());
  ASSERT_FALSE(torchP.metadata().confidenceRule->unknown.empty());
  expectSameAnswers(torchP, cvP, ds);
  test::writeBytes(dir / "bad.jpg", "not an image");
  EXPECT_FALSE(cvP.predictFile(dir / "bad.jpg").ok());
  EXPECT_THROW(Predictor(r.modelFile, "cpu", 1, "tensorrt"), std::invalid_argument);
}

TEST(OnnxExport, GreyImagesTakeTheFoldedOneChannelNetWithTheSameAnswers) {
  test::TempDir dir;
  for (int c = 0; c < 3; ++c)
    for (int n = 0; n < 6; ++n)
      test::writeImage(dir / "data" / ("c" + std::to_string(c)) / (std::to_string(n) + ".png"),
                       test::patternImage(c, n, 40, 40, 1));
  const Dataset ds = Dataset::scan(dir / "data");
  for (const bool bn : {false, true}) {
    ModelSpec spec;
    spec.inputSize = 32;
    spec.convChannels = {6, 12};
    spec.batchNorm = bn;
    TrainConfig cfg;
    cfg.epochs = 2;
    cfg.batchSize = 8;
    cfg.threads = 1;
    const auto r = Trainer(ds, spec, cfg, dir / ("run" + std::to_string(bn))).run();
    ASSERT_TRUE(canFoldGreyInput(r.modelFile));
    EXPECT_FALSE(onnxBytesGreyInput(r.modelFile).empty());
    Predictor torchP(r.modelFile, "cpu", 1, "torch");
    Predictor cvP(r.modelFile, "cpu", 1, "opencv");
    // Grey files (the folded net) one at a time.
    expectSameAnswers(torchP, cvP, ds);
    // A mixed batch: grey and colour images come back in input order.
    std::vector<cv::Mat> images;
    for (int n = 0; n < 6; ++n)
      images.push_back(test::patternImage(n % 3, 50 + n, 45, 37, n % 2 ? 1 : 3));
    const auto a = torchP.predictImages(images, 4), b = cvP.predictImages(images, 4);
    ASSERT_EQ(a.size(), images.size());
    ASSERT_EQ(b.size(), images.size());
    for (std::size_t i = 0; i < images.size(); ++i)
      for (std::size_t c = 0; c < a[i].size(); ++c) EXPECT_NEAR(a[i][c], b[i][c], 1e-4) << i;
    // Colour batches of changing size on one net (OpenCV 4.6 could not broadcast the
    // normalization constants once the batch size changed).
    std::vector<cv::Mat> colour;
    for (int n = 0; n < 5; ++n) colour.push_back(test::patternImage(n % 3, 70 + n, 40, 40, 3));
    for (int batch : {1, 5, 2}) {
      const auto t = torchP.predictImages(colour, batch), o = cvP.predictImages(colour, batch);
      ASSERT_EQ(o.size(), colour.size());
      for (std::size_t i = 0; i < colour.size(); ++i)
        for (std::size_t c = 0; c < t[i].size(); ++c)
          EXPECT_NEAR(t[i][c], o[i][c], 1e-4) << batch << " " << i;
    }
  }
}

TEST(OnnxExport, TheDefectMapIsASecondOutputThatMatchesLibTorch) {
  // An untrained map checks the arithmetic as well as a trained one: 1x1 convs, bilinear
  // upsampling by 2 and 4, the sum and the sigmoid.
  test::TempDir dir;
  test::writePatternDataset(dir / "data", 3, 4);
  ModelSpec spec;
  spec.inputSize = 32;
  spec.convChannels = {6, 12, 12, 8};
  spec.head = HeadType::GlobalAvgPool;
  spec.fcWidth = 0;
  spec.batchNorm = true;
  spec.defectMap = spec.mapBoxes = true;
  TrainConfig cfg;
  cfg.epochs = 1;
  cfg.batchSize = 8;
  cfg.threads = 1;
  const auto r = Trainer(Dataset::scan(dir / "data"), spec, cfg, dir / "run").run();
  exportOnnx(r.modelFile, dir / "model.onnx", "test");
  LoadedModel m = loadModelFile(r.modelFile);
  ASSERT_TRUE(m.metadata.spec.defectMap);
  cv::dnn::Net net = cv::dnn::readNetFromONNX((dir / "model.onnx").string());
  const Normalization& norm = m.metadata.normalization;
  for (int n = 0; n < 4; ++n) {
    const cv::Mat in = toModelInput(test::patternImage(n % 3, 300 + n, 45, 45), 32, 3);
    const cv::Mat blob = cv::dnn::blobFromImage(in, 1.0 / 255.0);
    net.setInput(blob);
    std::vector<cv::Mat> outs;
    net.forward(outs, std::vector<cv::String>{"defect_map", "defect_boxes"});
    const cv::Mat& theirs = outs[0];
    ASSERT_EQ(theirs.total(), 8u * 8u);
    ASSERT_EQ(outs[1].total(), 4u * 8u * 8u);
    torch::Tensor x =
        torch::from_blob(const_cast<float*>(blob.ptr<float>()), {1, 3, 32, 32}).clone();
    x = (x - torch::tensor(norm.mean).view({1, -1, 1, 1})) /
        torch::tensor(norm.std).view({1, -1, 1, 1});
    torch::NoGradGuard guard;
    const torch::Tensor logits = m.net->forwardWithMap(x).second;
    const torch::Tensor ours = torch::sigmoid(logits.slice(1, 0, 1)).contiguous();
    const torch::Tensor boxes = logits.slice(1, 1, 5).clamp(-6, 6).exp().contiguous();
    ASSERT_EQ(ours.numel(), 64);
    double worst = 0, worstBox = 0;
    for (int k = 0; k < 64; ++k)
      worst = std::max(worst, std::abs(double(theirs.ptr<float>()[k]) - ours.data_ptr<float>()[k]));
    for (int k = 0; k < 256; ++k) {
      const double want = boxes.data_ptr<float>()[k];
      worstBox = std::max(worstBox, std::abs(outs[1].ptr<float>()[k] - want) / std::max(1.0, want));
    }
    EXPECT_LT(worst, 1e-4) << "image " << n;
    EXPECT_LT(worstBox, 1e-4) << "image " << n << ": the box distances";
  }
}
