#include "imaging/batch.h"

namespace sdd {

torch::Tensor imagesToTensorU8(const std::vector<cv::Mat>& images) {
  if (images.empty()) return torch::empty({0}, torch::kUInt8);
  const int h = images[0].rows, w = images[0].cols, c = images[0].channels();
  torch::Tensor out = torch::empty({static_cast<long>(images.size()), c, h, w}, torch::kUInt8);
  for (std::size_t i = 0; i < images.size(); ++i) {
    const cv::Mat m = images[i].isContinuous() ? images[i] : images[i].clone();
    TORCH_CHECK(m.rows == h && m.cols == w && m.channels() == c, "images differ in size");
    // from_blob does not own the Mat's memory: copy_ takes the bytes before the Mat dies.
    out[static_cast<long>(i)].copy_(
        torch::from_blob(m.data, {h, w, c}, torch::kUInt8).permute({2, 0, 1}));
  }
  return out;
}

torch::Tensor normalizeBatch(const torch::Tensor& u8, const Normalization& norm,
                             const torch::Device& device, bool channelsLast) {
  const long c = static_cast<long>(norm.mean.size());
  auto mean = torch::tensor(norm.mean).view({1, c, 1, 1}).to(device);
  auto inv = (1.0 / torch::tensor(norm.std)).view({1, c, 1, 1}).to(device);
  torch::Tensor x = u8.to(device).to(torch::kFloat32).mul_(1.0 / 255.0);
  // One stored channel for a model of c: broadcasting repeats it (out of place).
  x = u8.size(1) == c ? x.sub_(mean).mul_(inv) : (x - mean) * inv;
  if (channelsLast) x = x.contiguous(torch::MemoryFormat::ChannelsLast);
  return x;
}

}  // namespace sdd
