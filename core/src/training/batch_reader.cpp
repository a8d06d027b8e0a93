#include "training/batch_reader.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace sdd::training {

BatchReader::BatchReader(const SplitData& data, torch::Tensor order, long batch,
                         std::function<void(const std::string&)> message)
    : data_(data),
      order_(std::move(order)),
      batch_(std::max(1L, batch)),
      batches_(std::size_t((order_.size(0) + batch_ - 1) / batch_)),
      message_(std::move(message)) {}

BatchReader::BatchReader(const SplitData& data, long batch,
                         std::function<void(const std::string&)> message)
    : BatchReader(data, torch::arange(data.y.size(0), torch::kInt64), batch, std::move(message)) {}

BatchReader::~BatchReader() {
  if (ahead_.valid()) ahead_.wait();  // it reads data_, which may go first
}

torch::Tensor BatchReader::rowsOf(std::size_t b) const {
  const long lo = long(b) * batch_;
  return order_.slice(0, lo, std::min(order_.size(0), lo + batch_));
}

BatchReader::Decoded BatchReader::decode(const torch::Tensor& rows) const {
  const StreamedImages& s = *data_.streamed;
  const long n = rows.size(0), px = s.spec.inputSize, plane = px * px;
  Decoded out;
  out.images = torch::empty({n, s.channels, px, px}, torch::kUInt8);
  std::uint8_t* const dst = out.images.data_ptr<std::uint8_t>();
  const int64_t* const row = rows.data_ptr<int64_t>();
  // Said once for all readers of the split, by a reader that has someone to tell.
  auto sayOnce = [&](const std::string& key, const std::string& text) {
    if (!message_) return;
    const std::lock_guard<std::mutex> lock(s.failedMutex);
    if (s.failed.insert(key).second) out.failed.push_back(text);
  };
  std::vector<char> blank(std::size_t(n), 0);
  for (long i = 0; i < n; ++i) {
    const fs::path& file = s.samples[std::size_t(row[i])].path;
    const InputImage in = decodeInput(file, s.spec);
    std::uint8_t* const at = dst + i * s.channels * plane;
    if (in.error.empty()) {
      copyToRow(in.image, s.channels, at);
      continue;
    }
    // Changed or gone since the load pass: training goes on with a mid-grey image there,
    // rather than stopping hours of it.
    std::fill(at, at + s.channels * plane, std::uint8_t(128));
    blank[std::size_t(i)] = 1;
    sayOnce(file.string(), "warning: " + file.string() + ": " + in.error +
                               " (changed since training started? a blank image stands in for it)");
  }
  if (s.spec.defectMap) {
    const int side = s.spec.mapSize();
    out.target = torch::zeros({n, s.spec.mapBoxes ? 6 : 1, side, side});
    out.hasTarget = torch::zeros({n});
    const std::size_t perRow = std::size_t(out.target.size(1)) * side * side;
    float* const target = out.target.data_ptr<float>();
    float* const has = out.hasTarget.data_ptr<float>();
    for (long i = 0; i < n; ++i)  // a blank image stood in: there is nothing to locate
      has[i] = !blank[std::size_t(i)] &&
               writeTarget(s.samples[std::size_t(row[i])], s.spec, target + i * perRow,
                           [&](const std::string& m) { sayOnce(m, m); });
  }
  return out;
}

BatchReader::Batch BatchReader::next() {
  if (next_ >= batches_) return {};
  const std::size_t b = next_++;
  Batch out;
  out.rows = rowsOf(b);
  if (!data_.streamed) {
    out.images = data_.x.index_select(0, out.rows);
    if (data_.target.defined()) {
      out.target = data_.target.index_select(0, out.rows);
      out.hasTarget = data_.hasTarget.index_select(0, out.rows);
    }
    return out;
  }
  Decoded d = ahead_.valid() ? ahead_.get() : decode(out.rows);
  if (next_ < batches_)
    ahead_ = std::async(std::launch::async, [this, rows = rowsOf(next_)] { return decode(rows); });
  if (message_)
    for (const std::string& m : d.failed) message_(m);
  out.images = std::move(d.images);
  out.target = std::move(d.target);
  out.hasTarget = std::move(d.hasTarget);
  return out;
}

}  // namespace sdd::training
