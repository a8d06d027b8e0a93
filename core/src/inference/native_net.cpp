#include "inference/native_net.h"

#include <algorithm>
#include <cmath>

#include "inference/native_kernels.h"
#include "sdd/model/detector_net.h"

namespace sdd {
namespace {
std::vector<float> toVector(const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat).contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

// Mean, deviation and (with `third`) the central third moment of each channel of an
// h × w × c channels-last buffer whose rows lie `rowStride` floats apart, appended as all
// means, then all deviations (their logarithm + 0.01 with `third`), then all third moments:
// DetectorNet's spatialMoments. One pass of raw sums in double.
void appendMoments(const float* x, int h, int w, int c, std::size_t rowStride, bool third,
                   std::vector<float>& out) {
  constexpr int kMax = 256;  // channels summed on the stack; more take the heap
  double stack[3 * kMax];
  std::vector<double> heap(c > kMax ? std::size_t(3 * c) : 0);
  double* s1 = c > kMax ? heap.data() : stack;
  double* s2 = s1 + c;
  double* s3 = s2 + c;
  std::fill(s1, s1 + 3 * c, 0.0);
  for (int y = 0; y < h; ++y) {
    const float* row = x + std::size_t(y) * rowStride;
    for (int i = 0; i < w; ++i, row += c)
      for (int k = 0; k < c; ++k) {
        const double v = row[k], v2 = v * v;
        s1[k] += v;
        s2[k] += v2;
        if (third) s3[k] += v2 * v;
      }
  }
  const double n = double(h) * double(w);
  const std::size_t at = out.size();
  out.resize(at + std::size_t((third ? 3 : 2) * c));
  for (int k = 0; k < c; ++k) {
    const double m = s1[k] / n, e2 = s2[k] / n, e3 = s3[k] / n;
    const double sd = std::sqrt(std::max(e2 - m * m, 0.0));
    out[at + std::size_t(k)] = float(m);
    out[at + std::size_t(c + k)] = float(third ? std::log(sd + 0.01) : sd);
    if (third) out[at + std::size_t(2 * c + k)] = float(e3 - 3 * m * e2 + 2 * m * m * m);
  }
}

void dense(const std::vector<float>& weights, const std::vector<float>& bias, int in, int out,
           const float* x, float* y) {
  for (int o = 0; o < out; ++o) {
    const float* w = weights.data() + std::size_t(o) * std::size_t(in);
    double s = bias[std::size_t(o)];
    for (int i = 0; i < in; ++i) s += double(w[i]) * x[i];
    y[o] = float(s);
  }
}

// The buffers of one image's pass, kept per thread between images.
struct Buffers {
  std::vector<float> padded, next, conv, features;
};
}  // namespace

bool NativeNet::supports(const ModelSpec& spec) { return spec.kernelSize % 2 == 1; }

NativeNet::NativeNet(DetectorNetImpl& net, const Normalization& normalization)
    : spec_(net.spec()), norm_(normalization) {
  if (!supports(spec_))
    throw ModelError("the native engine runs odd kernel sizes only, not " +
                     std::to_string(spec_.kernelSize));
  torch::NoGradGuard guard;
  const int k = spec_.kernelSize;
  Conv* current = nullptr;
  torch::Tensor w, b;
  for (const auto& layer : net.blocks()->children()) {
    if (auto* conv = layer->as<torch::nn::Conv2dImpl>()) {
      w = conv->weight.detach().to(torch::kCPU, torch::kFloat);
      b = conv->bias.defined() ? conv->bias.detach().to(torch::kCPU, torch::kFloat)
                               : torch::zeros({w.size(0)});
    } else if (auto* bn = layer->as<torch::nn::BatchNorm2dImpl>()) {
      const torch::Tensor scale =
          bn->weight.detach().cpu() / torch::sqrt(bn->running_var.cpu() + bn->options.eps());
      w = w * scale.view({-1, 1, 1, 1});
      b = (b - bn->running_mean.cpu()) * scale + bn->bias.detach().cpu();
    } else if (layer->as<torch::nn::ReLUImpl>()) {
      convs_.emplace_back();
      current = &convs_.back();
      current->cout = int(w.size(0));
      current->cin = int(w.size(1));
      current->weights = toVector(w.permute({2, 3, 1, 0}));  // [co][ci][ky][kx] -> [ky][kx][ci][co]
      current->bias = toVector(b);
    }
  }
  if (int(convs_.size()) != int(spec_.convChannels.size()))
    throw ModelError("the native engine did not find the model's conv blocks");
  // One grey channel for all inputs: exact when every channel is normalized alike.
  const bool alike = std::adjacent_find(norm_.mean.begin(), norm_.mean.end(),
                                        std::not_equal_to<>()) == norm_.mean.end() &&
                     std::adjacent_find(norm_.std.begin(), norm_.std.end(),
                                        std::not_equal_to<>()) == norm_.std.end();
  if (spec_.inputChannels > 1 && alike) {
    const Conv& first = convs_.front();
    greyFirst_.cin = 1;
    greyFirst_.cout = first.cout;
    greyFirst_.bias = first.bias;
    greyFirst_.weights.assign(std::size_t(k * k * first.cout), 0.f);
    for (int t = 0; t < k * k; ++t)
      for (int ci = 0; ci < first.cin; ++ci)
        for (int co = 0; co < first.cout; ++co)
          greyFirst_.weights[std::size_t(t * first.cout + co)] +=
              first.weights[std::size_t((t * first.cin + ci) * first.cout + co)];
  }
  if (net.hidden()) {
    hidden_.in = int(net.hidden()->weight.size(1));
    hidden_.out = int(net.hidden()->weight.size(0));
    hidden_.weights = toVector(net.hidden()->weight);
    hidden_.bias = toVector(net.hidden()->bias);
  }
  output_.in = int(net.output()->weight.size(1));
  output_.out = int(net.output()->weight.size(0));
  output_.weights = toVector(net.output()->weight);
  output_.bias = toVector(net.output()->bias);
}

void NativeNet::run(const cv::Mat& input, std::vector<float>& probabilities,
                    std::vector<float>* descriptor, int length) const {
  static thread_local Buffers buf;
  static const native::ConvRelu convRelu = native::convRelu();
  const int k = spec_.kernelSize, pad = k / 2, channels = spec_.inputChannels;
  const bool grey = input.channels() == 1 && channels > 1;
  const bool folded = grey && greyFirst_.cin == 1;
  if (input.rows != spec_.inputSize || input.cols != spec_.inputSize ||
      (input.channels() != channels && !grey) || input.depth() != CV_8U)
    throw std::invalid_argument("native engine: the input is not the model's input size");
  // The normalized input with its zero border, channels-last.
  int h = spec_.inputSize, w = spec_.inputSize, c = folded ? 1 : channels;
  buf.padded.assign(std::size_t(h + 2 * pad) * std::size_t(w + 2 * pad) * std::size_t(c), 0.f);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = input.ptr<std::uint8_t>(y);
    float* dst = buf.padded.data() + (std::size_t(y + pad) * std::size_t(w + 2 * pad) + pad) * c;
    for (int x = 0; x < w; ++x)
      for (int ch = 0; ch < c; ++ch) {
        const int from = grey ? 0 : ch;
        dst[x * c + ch] = (float(row[x * input.channels() + from]) * (1.f / 255.f) -
                           norm_.mean[std::size_t(ch)]) /
                          norm_.std[std::size_t(ch)];
      }
  }
  if (descriptor) {
    descriptor->clear();
    // The input's moments, from the interior (the border is padding).
    std::vector<float> moments;
    appendMoments(buf.padded.data() + (std::size_t(pad) * std::size_t(w + 2 * pad) + pad) * c, h, w,
                  c, std::size_t(w + 2 * pad) * c, true, moments);
    for (int part = 0; part < 3; ++part)  // folded: the one channel's values for each
      for (int ch = 0; ch < channels; ++ch)
        descriptor->push_back(moments[std::size_t(part * c + (folded ? 0 : ch))]);
  }
  for (std::size_t b = 0; b < convs_.size(); ++b) {
    const Conv& conv = b == 0 && folded ? greyFirst_ : convs_[b];
    const int co = conv.cout;
    buf.conv.resize(std::size_t(h) * std::size_t(w) * std::size_t(co));
    convRelu(buf.padded.data(), h, w, conv.cin, k, conv.weights.data(), conv.bias.data(), co,
             buf.conv.data());
    // 2×2 max-pool (floor), into the next block's padded input (or the features).
    const int ph = h / 2, pw = w / 2;
    const bool last = b + 1 == convs_.size();
    const int border = last ? 0 : pad;
    std::vector<float>& to = last ? buf.features : buf.next;
    const std::size_t stride = std::size_t(pw + 2 * border) * std::size_t(co);
    to.assign(std::size_t(ph + 2 * border) * stride, 0.f);
    for (int y = 0; y < ph; ++y)
      for (int x = 0; x < pw; ++x) {
        const float* a = buf.conv.data() + (std::size_t(2 * y) * w + 2 * x) * co;
        const float* d = a + std::size_t(w) * co;
        float* o = to.data() + std::size_t(y + border) * stride + std::size_t(x + border) * co;
        for (int ch = 0; ch < co; ++ch)
          o[ch] = std::max(std::max(a[ch], a[ch + co]), std::max(d[ch], d[ch + co]));
      }
    if (descriptor && (length < 0 || int(descriptor->size()) < length))
      appendMoments(to.data() + std::size_t(border) * stride + std::size_t(border) * co, ph, pw, co,
                    stride, false, *descriptor);
    if (!last) std::swap(buf.padded, buf.next);
    h = ph;
    w = pw;
    c = co;
  }
  // The head: global average pool, or the features flattened in LibTorch's [c][y][x] order.
  std::vector<float> x;
  if (spec_.head == HeadType::GlobalAvgPool) {
    x.assign(std::size_t(c), 0.f);
    std::vector<double> sum(std::size_t(c), 0.0);
    for (int p = 0; p < h * w; ++p)
      for (int ch = 0; ch < c; ++ch) sum[std::size_t(ch)] += buf.features[std::size_t(p * c + ch)];
    for (int ch = 0; ch < c; ++ch) x[std::size_t(ch)] = float(sum[std::size_t(ch)] / (h * w));
  } else {
    x.resize(std::size_t(c) * std::size_t(h) * std::size_t(w));
    for (int ch = 0; ch < c; ++ch)
      for (int p = 0; p < h * w; ++p)
        x[std::size_t(ch * h * w + p)] = buf.features[std::size_t(p * c + ch)];
  }
  if (hidden_.out > 0) {
    std::vector<float> y(std::size_t(hidden_.out));
    dense(hidden_.weights, hidden_.bias, hidden_.in, hidden_.out, x.data(), y.data());
    for (float& v : y) v = std::max(v, 0.f);
    x = std::move(y);
  }
  std::vector<float> logits(std::size_t(output_.out));
  dense(output_.weights, output_.bias, output_.in, output_.out, x.data(), logits.data());
  const float top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  probabilities.resize(logits.size());
  for (std::size_t i = 0; i < logits.size(); ++i)
    sum += probabilities[i] = std::exp(logits[i] - top);
  for (float& p : probabilities) p = float(p / sum);
}

}  // namespace sdd
