// Writes what a second ONNX runtime must reproduce: the shipped model's ONNX export, model
// inputs made from real NEU validation images (every 6th: 60 images) exactly as the program
// makes them (decoded, RGB, resized, pixels / 255, NCHW), and LibTorch's outputs for them:
// probabilities, calibrated probabilities (the model's temperature) and the unknown score's
// descriptor. tests/onnxruntime_check.js compares ONNX Runtime's outputs with them.
// With --map: the shipped model's weights plus a defect map (random 1x1 convs: the arithmetic
// is what is checked), and the map's output too.
//   onnx_reference OUT_DIR [--map]   (exit 77 without data/NEU-DET: nothing real to compare on)
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sdd/dataset/dataset.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/metrics/calibration.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"
#include "sdd/util/runtime.h"
#include "test_support.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const bool withMap = argc == 3 && std::string(argv[2]) == "--map";
  if (argc != 2 && !withMap) {
    std::fprintf(stderr, "usage: onnx_reference OUT_DIR [--map]\n");
    return 2;
  }
  const fs::path out = argv[1];
  const fs::path neu = sdd::test::neuDetDir();
  if (neu.empty()) {
    std::puts("data/NEU-DET not present: no real images to compare on");
    return 77;
  }
  try {
    fs::create_directories(out);
    fs::path model = sdd::shippedModelFile();
    if (withMap) {
      sdd::LoadedModel shipped = sdd::loadModelFile(model);
      sdd::ModelMetadata meta = shipped.metadata;
      meta.spec.defectMap = meta.spec.mapBoxes = true;
      torch::manual_seed(7);
      sdd::DetectorNet net(meta.spec);
      auto from = shipped.net->named_parameters(), to = net->named_parameters();
      for (auto& item : from) to[item.key()].data().copy_(item.value().data());
      auto fromBuffers = shipped.net->named_buffers(), toBuffers = net->named_buffers();
      for (auto& item : fromBuffers) toBuffers[item.key()].copy_(item.value());
      model = out / "map.sddm";
      sdd::saveModelFile(model, net, meta);
    }
    sdd::exportOnnx(model, out / "model.onnx");
    sdd::Predictor predictor(model, "cpu", 1);
    const sdd::ModelSpec& spec = predictor.metadata().spec;
    const sdd::Dataset ds = sdd::Dataset::scan(neu);
    const auto val = ds.indices(sdd::Split::Validation);
    std::vector<cv::Mat> images;
    std::vector<float> inputs;
    for (std::size_t k = 0; k < val.size(); k += 6) {
      images.push_back(sdd::loadImage(ds.samples()[val[k]].path).image);
      const cv::Mat in = sdd::toModelInput(images.back(), spec.inputSize, spec.inputChannels);
      for (int c = 0; c < in.channels(); ++c)  // HWC -> CHW
        for (int y = 0; y < in.rows; ++y)
          for (int x = 0; x < in.cols; ++x)
            inputs.push_back(float(in.ptr<std::uint8_t>(y)[x * in.channels() + c]) / 255.0f);
    }
    const sdd::Predictor::Outputs o = predictor.predictImagesWithDescriptors(images);
    const double t = predictor.metadata().confidenceRule
                         ? predictor.metadata().confidenceRule->temperature
                         : 1.0;
    nlohmann::json j = {
        {"shape", {images.size(), spec.inputChannels, spec.inputSize, spec.inputSize}},
        {"inputs", inputs},
        {"probabilities", o.probabilities},
        {"calibrated_probabilities", sdd::withTemperature(o.probabilities, t)},
        {"descriptor", o.descriptors}};
    if (withMap) {  // LibTorch's map of the same inputs
      sdd::LoadedModel m = sdd::loadModelFile(model);
      const auto n = static_cast<long>(images.size());
      torch::Tensor x =
          torch::from_blob(inputs.data(), {n, spec.inputChannels, spec.inputSize, spec.inputSize})
              .clone();
      x = (x - torch::tensor(m.metadata.normalization.mean).view({1, -1, 1, 1})) /
          torch::tensor(m.metadata.normalization.std).view({1, -1, 1, 1});
      torch::NoGradGuard guard;
      const torch::Tensor logits = m.net->forwardWithMap(x).second;
      auto rowsOf = [n](const torch::Tensor& t) {
        const torch::Tensor flat = t.flatten(1).contiguous();
        std::vector<std::vector<float>> rows;
        for (long i = 0; i < n; ++i)
          rows.emplace_back(flat[i].data_ptr<float>(), flat[i].data_ptr<float>() + flat.size(1));
        return rows;
      };
      j["defect_map"] = rowsOf(torch::sigmoid(logits.slice(1, 0, 1)));
      j["defect_boxes"] = rowsOf(logits.slice(1, 1, 5).clamp(-6, 6).exp());
    }
    std::ofstream f(out / "reference.json");
    f << j.dump();
    if (!f) throw std::runtime_error("cannot write " + (out / "reference.json").string());
    std::printf("%zu NEU images, model %s, temperature %.4f\n", images.size(),
                model.filename().c_str(), t);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "onnx_reference: %s\n", e.what());
    return 1;
  }
  return 0;
}
