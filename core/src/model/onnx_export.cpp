#include "sdd/model/onnx_export.h"

#include <cmath>
#include <cstring>

#include "sdd/model/detector_net.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd {
namespace {

/// Minimal protobuf writer: varints, length-delimited fields, fixed32 floats.
class Pb {
 public:
  const std::string& bytes() const { return out_; }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(char((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(char(v));
  }
  void key(int field, int wire) { varint(std::uint64_t(field) << 3 | std::uint64_t(wire)); }
  void i64(int field, std::int64_t v) {
    key(field, 0);
    varint(std::uint64_t(v));
  }
  void f32(int field, float v) {
    key(field, 5);
    char b[4];
    std::memcpy(b, &v, 4);
    out_.append(b, 4);
  }
  void str(int field, const std::string& s) {
    key(field, 2);
    varint(s.size());
    out_ += s;
  }
  void msg(int field, const Pb& m) { str(field, m.bytes()); }

 private:
  std::string out_;
};

// ONNX enums and field numbers (onnx.proto, IR version 7, opset 13).
constexpr int kFloat = 1;
constexpr int kAttrFloat = 1, kAttrInt = 2, kAttrString = 3, kAttrInts = 7;

Pb tensor(const std::string& name, const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  Pb p;
  for (auto d : c.sizes()) p.i64(1, d);  // dims
  p.i64(2, kFloat);                      // data_type
  p.str(8, name);                        // name
  p.str(9, std::string(static_cast<const char*>(c.data_ptr()),
                       c.numel() * sizeof(float)));  // raw_data
  return p;
}

Pb attrInts(const std::string& name, const std::vector<std::int64_t>& v) {
  Pb a;
  a.str(1, name);
  for (auto x : v) a.i64(8, x);
  a.i64(20, kAttrInts);
  return a;
}
Pb attrInt(const std::string& name, std::int64_t v) {
  Pb a;
  a.str(1, name);
  a.i64(3, v);
  a.i64(20, kAttrInt);
  return a;
}
Pb attrString(const std::string& name, const std::string& v) {
  Pb a;
  a.str(1, name);
  a.str(4, v);
  a.i64(20, kAttrString);
  return a;
}
Pb attrFloat(const std::string& name, float v) {
  Pb a;
  a.str(1, name);
  a.f32(2, v);
  a.i64(20, kAttrFloat);
  return a;
}

Pb node(const std::string& op, const std::vector<std::string>& in, const std::string& out,
        const std::vector<Pb>& attrs = {}) {
  Pb n;
  for (const auto& i : in) n.str(1, i);
  n.str(2, out);
  n.str(3, out);  // node name = its output
  n.str(4, op);
  for (const auto& a : attrs) n.msg(5, a);
  return n;
}

/// ValueInfoProto for a float tensor with a symbolic batch dimension.
Pb valueInfo(const std::string& name, const std::vector<std::int64_t>& dims) {
  Pb shape;
  {
    Pb batch;
    batch.str(2, "batch");
    shape.msg(1, batch);
  }
  for (auto d : dims) {
    Pb dim;
    dim.i64(1, d);
    shape.msg(1, dim);
  }
  Pb tensorType;
  tensorType.i64(1, kFloat);
  tensorType.msg(2, shape);
  Pb type;
  type.msg(1, tensorType);
  Pb v;
  v.str(1, name);
  v.msg(2, type);
  return v;
}

Pb prop(const std::string& k, const std::string& v) {
  Pb p;
  p.str(1, k);
  p.str(2, v);
  return p;
}

}  // namespace

namespace {
bool equalPerChannel(const Normalization& n) {
  for (std::size_t i = 1; i < n.mean.size(); ++i)
    if (n.mean[i] != n.mean[0] || n.std[i] != n.std[0]) return false;
  return true;
}

std::string buildOnnx(LoadedModel& m, const fs::path& modelFile, const std::string& producerVersion,
                      bool greyInput) {
  const ModelSpec& spec = m.metadata.spec;
  DetectorNet& net = m.net;
  torch::NoGradGuard guard;

  Pb graph;
  std::vector<Pb> inits;
  const int c = greyInput ? 1 : spec.inputChannels;
  const auto norm = [&](const std::vector<float>& v) {
    return torch::tensor(v).narrow(0, 0, c).view({1, c, 1, 1});
  };
  // (x - mean) / std as a BatchNormalization node (scale 1/std, bias -mean/std, statistics
  // 0 and 1): OpenCV's DNN module (4.6) cannot broadcast a [1, C, 1, 1] Sub/Div constant over a
  // batch of more than one image, but runs BatchNormalization at any batch size.
  const torch::Tensor mean = norm(m.metadata.normalization.mean).flatten();
  const torch::Tensor stdev = norm(m.metadata.normalization.std).flatten();
  inits.push_back(tensor("norm_scale", 1.0 / stdev));
  inits.push_back(tensor("norm_bias", -mean / stdev));
  inits.push_back(tensor("norm_zero", torch::zeros({c})));
  inits.push_back(tensor("norm_one", torch::ones({c})));
  graph.msg(
      1, node("BatchNormalization", {"image", "norm_scale", "norm_bias", "norm_zero", "norm_one"},
              "normalized", {attrFloat("epsilon", 0.0f)}));
  std::string x = "normalized";
  int block = 0, convIndex = 0;
  // The defect map (ModelSpec::defectMap): a 1x1 conv of each block's output from the second
  // on, upsampled bilinearly to the second block's size (half-pixel centres, as LibTorch's
  // align_corners=false), summed; a sigmoid makes the output "defect_map".
  std::int64_t side = spec.inputSize;
  std::string mapSum;
  // The descriptor (DetectorNetImpl::forwardWithDescriptor): per channel, the spatial mean and
  // standard deviation (and for the input the central third moment) of the input and of each
  // block's output, from raw moments with elementwise operators only (no broadcasting, which
  // OpenCV's DNN module does not do for every operator).
  std::vector<std::string> means, deviations, thirds;
  std::vector<std::string> descriptorParts;
  auto addMoments = [&](const std::string& in, const std::string& p, bool third) {
    auto op = [&](const char* type, const std::vector<std::string>& args, const std::string& out) {
      graph.msg(1, node(type, args, p + out));
      return p + out;
    };
    const std::string m = op("GlobalAveragePool", {in}, ".m");
    const std::string x2 = op("Mul", {in, in}, ".x2");
    const std::string e2 = op("GlobalAveragePool", {x2}, ".e2");
    const std::string mm = op("Mul", {m, m}, ".mm");
    const std::string var = op("Relu", {op("Sub", {e2, mm}, ".var_raw")}, ".var");
    const std::string sd = op("Sqrt", {var}, ".sd");
    std::vector<std::string> parts{m, sd};
    if (third) {
      // log(sd + 0.01), the input's deviation on a log scale; the constant added by a
      // BatchNormalization node (bias 0.01), which every runtime broadcasts over the batch.
      inits.push_back(tensor(p + ".eps", torch::full({c}, 0.01)));
      inits.push_back(tensor(p + ".zero", torch::zeros({c})));
      inits.push_back(tensor(p + ".one", torch::ones({c})));
      graph.msg(1, node("BatchNormalization", {sd, p + ".one", p + ".eps", p + ".zero", p + ".one"},
                        p + ".sd_eps", {attrFloat("epsilon", 0.0f)}));
      parts[1] = op("Log", {p + ".sd_eps"}, ".log_sd");
    }
    if (third) {
      const std::string e3 = op("GlobalAveragePool", {op("Mul", {x2, in}, ".x3")}, ".e3");
      const std::string e2x3 = op("Sum", {e2, e2, e2}, ".e2x3");
      const std::string mmm = op("Mul", {mm, m}, ".mmm");
      const std::string c3 =
          op("Sum", {op("Sub", {e3, op("Mul", {m, e2x3}, ".m_e2x3")}, ".c3a"), mmm, mmm}, ".c3");
      parts.push_back(c3);
    }
    for (std::string part : parts) {
      // A 3-channel model folded to a grey input: its three input channels were equal.
      if (third && c != spec.inputChannels) {
        graph.msg(1, node("Concat", {part, part, part}, part + ".rgb", {attrInt("axis", 1)}));
        part += ".rgb";
      }
      graph.msg(1, node("Flatten", {part}, part + ".flat", {attrInt("axis", 1)}));
      descriptorParts.push_back(part + ".flat");
    }
  };
  addMoments("normalized", "input", true);
  for (const auto& child : net->blocks()->children()) {
    const std::string p = "block" + std::to_string(block);
    if (auto conv = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(child)) {
      const std::string w = p + ".conv.weight", b = p + ".conv.bias";
      // Three equal input channels: summing the first layer's weights over them is exact.
      const bool fold = greyInput && convIndex == 0;
      inits.push_back(tensor(w, fold ? conv->weight.sum(1, /*keepdim=*/true) : conv->weight));
      inits.push_back(tensor(b, conv->bias));
      const std::int64_t k = spec.kernelSize, pad = k / 2;
      graph.msg(1, node("Conv", {x, w, b}, p + ".conv",
                        {attrInts("kernel_shape", {k, k}), attrInts("pads", {pad, pad, pad, pad}),
                         attrInts("strides", {1, 1})}));
      x = p + ".conv";
      ++convIndex;
    } else if (auto bn = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(child)) {
      inits.push_back(tensor(p + ".bn.scale", bn->weight));
      inits.push_back(tensor(p + ".bn.bias", bn->bias));
      inits.push_back(tensor(p + ".bn.mean", bn->running_mean));
      inits.push_back(tensor(p + ".bn.var", bn->running_var));
      graph.msg(1, node("BatchNormalization",
                        {x, p + ".bn.scale", p + ".bn.bias", p + ".bn.mean", p + ".bn.var"},
                        p + ".bn", {attrFloat("epsilon", float(bn->options.eps()))}));
      x = p + ".bn";
    } else if (std::dynamic_pointer_cast<torch::nn::ReLUImpl>(child)) {
      graph.msg(1, node("Relu", {x}, p + ".relu"));
      x = p + ".relu";
    } else if (std::dynamic_pointer_cast<torch::nn::MaxPool2dImpl>(child)) {
      graph.msg(1, node("MaxPool", {x}, p + ".pool",
                        {attrInts("kernel_shape", {2, 2}), attrInts("strides", {2, 2})}));
      x = p + ".pool";
      addMoments(x, p, false);
      side /= 2;
      if (spec.defectMap && block >= 1) {
        auto conv = net->mapConvs()[std::size_t(block - 1)]->as<torch::nn::Conv2dImpl>();
        const std::string q = "map" + std::to_string(block);
        inits.push_back(tensor(q + ".weight", conv->weight));
        inits.push_back(tensor(q + ".bias", conv->bias));
        graph.msg(1, node("Conv", {x, q + ".weight", q + ".bias"}, q,
                          {attrInts("kernel_shape", {1, 1}), attrInts("strides", {1, 1})}));
        std::string m = q;
        if (side != spec.mapSize()) {
          const float scale = float(spec.mapSize()) / float(side);
          if (std::int64_t(std::floor(float(side) * scale)) != spec.mapSize())
            throw ModelError("ONNX export: the defect map of " + spec.describe() +
                             " needs a resize by a factor ONNX cannot state exactly");
          inits.push_back(tensor(q + ".scales", torch::tensor({1.f, 1.f, scale, scale})));
          graph.msg(1, node("Resize", {q, "", q + ".scales"}, q + ".up",
                            {attrString("mode", "linear"),
                             attrString("coordinate_transformation_mode", "half_pixel")}));
          m = q + ".up";
        }
        if (!mapSum.empty()) {
          graph.msg(1, node("Add", {mapSum, m}, q + ".sum"));
          m = q + ".sum";
        }
        mapSum = m;
      }
      ++block;
    } else {
      throw ModelError("ONNX export: unexpected layer in " + modelFile.string());
    }
  }
  if (spec.head == HeadType::GlobalAvgPool) {
    graph.msg(1, node("GlobalAveragePool", {x}, "gap"));
    x = "gap";
  }
  graph.msg(1, node("Flatten", {x}, "features", {attrInt("axis", 1)}));
  x = "features";
  auto gemm = [&](const std::string& name, const torch::nn::Linear& fc) {
    inits.push_back(tensor(name + ".weight", fc->weight));
    inits.push_back(tensor(name + ".bias", fc->bias));
    graph.msg(1, node("Gemm", {x, name + ".weight", name + ".bias"}, name, {attrInt("transB", 1)}));
    x = name;
  };
  if (net->hidden()) {
    gemm("hidden", net->hidden());
    graph.msg(1, node("Relu", {x}, "hidden.relu"));
    x = "hidden.relu";
  }
  const std::string penultimate = x;
  gemm("logits", net->output());
  graph.msg(1, node("Softmax", {x}, "probabilities", {attrInt("axis", 1)}));
  // The confidence rule's temperature as a second output layer with weights and bias divided
  // by it (exact: softmax(logits / T)), so that no runtime has to broadcast a scalar.
  const double temperature = m.metadata.confidenceRule ? m.metadata.confidenceRule->temperature : 1;
  inits.push_back(tensor("calibrated_logits.weight", net->output()->weight / temperature));
  inits.push_back(tensor("calibrated_logits.bias", net->output()->bias / temperature));
  graph.msg(1, node("Gemm", {penultimate, "calibrated_logits.weight", "calibrated_logits.bias"},
                    "calibrated_logits", {attrInt("transB", 1)}));
  graph.msg(
      1, node("Softmax", {"calibrated_logits"}, "calibrated_probabilities", {attrInt("axis", 1)}));
  graph.msg(1, node("Concat", descriptorParts, "descriptor", {attrInt("axis", 1)}));
  if (spec.mapBoxes) {
    // The tower; its last 1×1 conv is written as two, channel 0 (the defect probability) and
    // channels 1-4 (the box distances), which spares the runtime a Slice.
    std::size_t k = 0;
    const auto layers = net->mapHead()->children();
    for (const auto& child : layers) {
      const std::string q = "map_head" + std::to_string(k++);
      if (std::dynamic_pointer_cast<torch::nn::ReLUImpl>(child)) {
        graph.msg(1, node("Relu", {mapSum}, q));
        mapSum = q;
        continue;
      }
      auto conv = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(child);
      if (!conv) throw ModelError("ONNX export: unexpected map layer in " + modelFile.string());
      const std::int64_t ks = conv->weight.size(2), pad = ks / 2;
      const std::vector<std::pair<std::string, std::pair<long, long>>> parts =
          k < layers.size()
              ? std::vector<std::pair<std::string, std::pair<long, long>>>{{q,
                                                                            {0,
                                                                             conv->weight.size(0)}}}
              : std::vector<std::pair<std::string, std::pair<long, long>>>{
                    {"map_logit", {0, 1}}, {"map_log_distances", {1, 5}}};
      for (const auto& [out, range] : parts) {
        inits.push_back(tensor(out + ".weight", conv->weight.slice(0, range.first, range.second)));
        inits.push_back(tensor(out + ".bias", conv->bias.slice(0, range.first, range.second)));
        graph.msg(1, node("Conv", {mapSum, out + ".weight", out + ".bias"}, out,
                          {attrInts("kernel_shape", {ks, ks}),
                           attrInts("pads", {pad, pad, pad, pad}), attrInts("strides", {1, 1})}));
      }
      if (k < layers.size()) mapSum = q;
    }
    graph.msg(1, node("Sigmoid", {"map_logit"}, "defect_map"));
    graph.msg(1, node("Exp", {"map_log_distances"}, "defect_boxes"));
  } else if (spec.defectMap) {
    graph.msg(1, node("Sigmoid", {mapSum}, "defect_map"));
  }

  graph.str(2, "sdd_detector");
  for (const auto& i : inits) graph.msg(5, i);
  graph.str(10, spec.describe());
  graph.msg(11, valueInfo("image", {c, spec.inputSize, spec.inputSize}));
  graph.msg(12, valueInfo("probabilities", {spec.numClasses}));
  graph.msg(12, valueInfo("calibrated_probabilities", {spec.numClasses}));
  graph.msg(12, valueInfo("descriptor", {spec.descriptorSize()}));
  if (spec.defectMap) graph.msg(12, valueInfo("defect_map", {1, spec.mapSize(), spec.mapSize()}));
  if (spec.mapBoxes) graph.msg(12, valueInfo("defect_boxes", {4, spec.mapSize(), spec.mapSize()}));

  Pb model;
  model.i64(1, 7);  // ir_version
  model.str(2, "SDD Workbench");
  model.str(3, producerVersion);
  model.str(4, "sdd.workbench");
  model.i64(5, 1);
  model.str(6, "Steel surface defect classifier. Input: " + std::string(c == 3 ? "RGB" : "grey") +
                   " pixels / 255 as float NCHW, " + std::to_string(spec.inputSize) + "x" +
                   std::to_string(spec.inputSize) +
                   "; outputs: probabilities (SoftMax), calibrated_probabilities (at the model's "
                   "temperature), descriptor (the unknown score's input: the spatial mean of each "
                   "conv block's output)" +
                   (spec.defectMap ? std::string(", defect_map (the defect probability per cell, "
                                                 "[N,1,m,m])")
                                   : std::string()) +
                   (spec.mapBoxes ? std::string(", defect_boxes (per cell, the distances from its "
                                                "centre to its defect's left, top, right and "
                                                "bottom edges, in cells, [N,4,m,m])")
                                  : std::string()) +
                   ".");
  model.msg(7, graph);
  Pb opset;
  opset.str(1, "");
  opset.i64(2, 13);
  model.msg(8, opset);
  model.msg(14, prop("classes", dumpJson(m.metadata.classes)));
  model.msg(14, prop("input", dumpJson({{"name", "image"},
                                        {"layout", "NCHW"},
                                        {"channels", c == 3 ? "RGB" : "grey"},
                                        {"size", spec.inputSize},
                                        {"scale", "pixel / 255"},
                                        {"normalization", "inside the graph"}})));
  model.msg(14, prop("architecture", spec.describe()));
  model.msg(14, prop("sdd_metadata", dumpJson(m.metadata)));
  return model.bytes();
}
}  // namespace

std::string onnxBytes(const fs::path& modelFile, const std::string& producerVersion) {
  LoadedModel m = loadModelFile(modelFile);
  return buildOnnx(m, modelFile, producerVersion, false);
}

bool canFoldGreyInput(const fs::path& modelFile) {
  const ModelMetadata meta = readModelMetadata(modelFile);
  return meta.spec.inputChannels == 3 && equalPerChannel(meta.normalization);
}

std::string onnxBytesGreyInput(const fs::path& modelFile) {
  LoadedModel m = loadModelFile(modelFile);
  if (m.metadata.spec.inputChannels != 3 || !equalPerChannel(m.metadata.normalization))
    throw ModelError("cannot fold " + modelFile.string() +
                     " to grey input: it is not a 3-channel model with the same normalization "
                     "for every channel");
  return buildOnnx(m, modelFile, "", true);
}

void exportOnnx(const fs::path& modelFile, const fs::path& onnxFile,
                const std::string& producerVersion) {
  const std::string bytes = onnxBytes(modelFile, producerVersion);
  writeFileAtomically(onnxFile, bytes);
}

}  // namespace sdd
