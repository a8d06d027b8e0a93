#include "training/training_data.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <iomanip>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "imaging/batch.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/parallel.h"
#include "sdd/util/runtime.h"

namespace fs = std::filesystem;

namespace sdd::training {

bool hasLocations(const Dataset& ds, Split split) {
  for (std::size_t i : ds.indices(split))
    if (!ds.samples()[i].mask.empty() || !ds.samples()[i].boxes.empty()) return true;
  return false;
}

cv::Mat locationTarget(const Sample& s, int side,
                       const std::function<void(const std::string&)>& message, cv::Mat* boxes) {
  cv::Mat full;
  if (!s.mask.empty()) {
    std::string error;
    full = loadMask(s.mask, &error);
    if (full.empty() && message)
      message("warning: mask " + s.mask.string() + " not used: " + error);
    if (!full.empty() && boxes) *boxes = cellBoxTarget(componentBoxes(full), full.size(), side);
  }
  if (full.empty() && !s.boxes.empty() && s.width > 0 && s.height > 0) {
    // Boxes as filled rectangles (their outlines where the annotation drew them), drawn
    // finely enough that a cell's share is close.
    const int fine = side * 8;
    full = cv::Mat::zeros(fine, fine, CV_8UC1);
    const double sx = double(fine) / s.width, sy = double(fine) / s.height;
    for (const BoundingBox& b : s.boxes)
      if (!b.outline.empty())
        fillRegion(b, full, {sx, sy});
      else
        cv::rectangle(
            full, cv::Point(int(std::floor((b.xmin - 1) * sx)), int(std::floor((b.ymin - 1) * sy))),
            cv::Point(int(std::ceil(b.xmax * sx)) - 1, int(std::ceil(b.ymax * sy)) - 1), 255,
            cv::FILLED);
    if (boxes) *boxes = cellBoxTarget(boxRects(s.boxes), cv::Size(s.width, s.height), side);
  }
  if (full.empty()) return {};
  cv::Mat out;
  cv::resize(full, out, cv::Size(side, side), 0, 0, cv::INTER_AREA);
  out.convertTo(out, CV_32F, 1.0 / 255);
  return out;
}

bool writeTarget(const Sample& sample, const ModelSpec& spec, float* row,
                 const std::function<void(const std::string&)>& message) {
  const int side = spec.mapSize();
  cv::Mat boxes;
  const cv::Mat t = locationTarget(sample, side, message, spec.mapBoxes ? &boxes : nullptr);
  if (t.empty()) return false;
  t.copyTo(cv::Mat(side, side, CV_32F, row));
  if (!boxes.empty()) {  // [m,m,5] -> the row's planes 1-5
    std::vector<cv::Mat> planes;
    for (int c = 1; c <= 5; ++c)
      planes.emplace_back(side, side, CV_32F, row + std::size_t(c) * side * side);
    cv::split(boxes, planes);
  }
  return true;
}

cv::Mat cellBoxTarget(const std::vector<cv::Rect>& rects, cv::Size size, int side) {
  cv::Mat out = cv::Mat::zeros(side, side, CV_32FC(5));
  if (size.width <= 0 || size.height <= 0) return out;
  const double cw = double(size.width) / side, ch = double(size.height) / side;
  std::vector<int> owner(std::size_t(side) * side, -1);  // the box each cell has; -1: none
  auto assign = [&](int i, int j, std::size_t k) {
    const cv::Rect& r = rects[k];
    const double cx = (j + 0.5) * cw, cy = (i + 0.5) * ch;
    float* v = out.ptr<float>(i, j);
    v[0] = float((cx - r.x) / cw);
    v[1] = float((cy - r.y) / ch);
    v[2] = float((r.x + r.width - cx) / cw);
    v[3] = float((r.y + r.height - cy) / ch);
    owner[std::size_t(i) * side + j] = int(k);
  };
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j) {
      const double cx = (j + 0.5) * cw, cy = (i + 0.5) * ch;
      for (std::size_t k = 0; k < rects.size(); ++k) {
        const cv::Rect& r = rects[k];
        const int have = owner[std::size_t(i) * side + j];
        if (r.width > 0 && r.height > 0 && cx > r.x && cx < r.x + r.width && cy > r.y &&
            cy < r.y + r.height && (have < 0 || r.area() < rects[std::size_t(have)].area()))
          assign(i, j, k);
      }
    }
  for (std::size_t k = 0; k < rects.size(); ++k) {
    const cv::Rect& r = rects[k];
    if (r.width <= 0 || r.height <= 0) continue;
    const int j = std::clamp(int((r.x + r.width / 2.0) / cw), 0, side - 1);
    const int i = std::clamp(int((r.y + r.height / 2.0) / ch), 0, side - 1);
    if (owner[std::size_t(i) * side + j] < 0) assign(i, j, k);
  }
  // Each box weighs the same in the loss, whatever the number of its cells: else a large box
  // (crazing's, of 30 cells) outweighs the small ones beside it (inclusions of 2 cells).
  // Measured: mAP@0.5 +0.005 to +0.034 on 3 seeds, inclusion 0.29 -> 0.35 (seed 42).
  std::vector<int> cellsOf(rects.size(), 0);
  int cells = 0, boxes = 0;
  for (int k : owner)
    if (k >= 0) boxes += cellsOf[std::size_t(k)]++ == 0, ++cells;
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j)
      if (const int k = owner[std::size_t(i) * side + j]; k >= 0)
        out.ptr<float>(i, j)[4] = float(double(cells) / boxes / cellsOf[std::size_t(k)]);
  return out;
}

namespace {
/// A uint8 tensor of `shape`: in memory, or in a file-backed shared map in the store's folder
/// when it is larger than the store's memory budget. The file is unlinked at once and its
/// blocks reserved (posix_fallocate), so a full disk is an error here, not a SIGBUS later.
torch::Tensor allocateImages(std::vector<std::int64_t> shape, const ImageStore& store,
                             const std::function<void(const std::string&)>& message) {
  std::int64_t bytes = 1;
  for (std::int64_t s : shape) bytes *= s;
  const std::int64_t budget = store.memoryBytes > 0 ? store.memoryBytes : physicalMemoryBytes() / 2;
  if (store.folder.empty() || bytes <= 0 || budget <= 0 || bytes <= budget)
    return torch::empty(shape, torch::kUInt8);
  const std::string where = store.folder.string();
  int fd = ::open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) {  // a file system without O_TMPFILE
    std::string name = (store.folder / "decoded-images-XXXXXX").string();
    fd = ::mkstemp(name.data());
    if (fd >= 0) ::unlink(name.c_str());
  }
  auto fail = [&](const std::string& what, int err) {
    if (fd >= 0) ::close(fd);
    return std::runtime_error("cannot keep " + std::to_string(bytes >> 20) +
                              " MB of decoded images in " + where + ": " + what + ": " +
                              std::strerror(err));
  };
  if (fd < 0) throw fail("cannot create a file", errno);
  if (const int err = ::posix_fallocate(fd, 0, bytes)) throw fail("no room", err);
  void* p = ::mmap(nullptr, std::size_t(bytes), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) throw fail("cannot map it", errno);
  ::close(fd);
  if (message)
    message("the decoded images (" + std::to_string(bytes >> 20) + " MB) are more than the " +
            std::to_string(budget >> 20) + " MB memory budget: kept in a file in " + where +
            " that the system pages in and out");
  return torch::from_blob(
      p, shape, [bytes](void* q) { ::munmap(q, std::size_t(bytes)); }, torch::kUInt8);
}
}  // namespace

InputImage decodeInput(const fs::path& file, const ModelSpec& spec) {
  InputImage out;
  const DecodedImage d = loadImage(file, spec.inputSize);
  if (!d.ok()) {
    out.error = d.error;
    return out;
  }
  out.image = toModelInput(d.image, spec.inputSize, spec.inputChannels);
  out.colour = out.image.channels() == 3 && !isGrey(out.image);
  return out;
}

void copyToRow(const cv::Mat& m, long channels, std::uint8_t* row) {
  const std::size_t plane = m.total();
  std::vector<cv::Mat> planes;
  for (long c = 0; c < channels; ++c)
    planes.emplace_back(m.rows, m.cols, CV_8UC1, row + std::size_t(c) * plane);
  if (m.channels() == 1)
    for (cv::Mat& p : planes) m.copyTo(p);
  else if (channels == 1)
    cv::extractChannel(m, planes[0], 0);
  else
    cv::split(m, planes);  // into the row's planes: they have the size and type split makes
}

namespace {
/// The defect-map targets of the kept samples (spec.defectMap), their masks decoded on every
/// thread as the images were; messages after.
void addTargets(SplitData& d, const Dataset& ds, const std::vector<std::size_t>& keptSamples,
                const ModelSpec& spec, int threads,
                const std::function<void(const std::string&)>& message) {
  if (!spec.defectMap) return;
  const int side = spec.mapSize();
  const auto n = static_cast<long>(keptSamples.size());
  d.target = torch::zeros({n, spec.mapBoxes ? 6 : 1, side, side});
  d.hasTarget = torch::zeros({n});
  float* const rows = d.target.data_ptr<float>();
  float* const has = d.hasTarget.data_ptr<float>();
  const std::size_t perRow = std::size_t(d.target.size(1)) * side * side;
  std::vector<std::string> said(keptSamples.size());
  parallelFor(keptSamples.size(), threads, [&](std::size_t k) {
    has[k] = writeTarget(ds.samples()[keptSamples[k]], spec, rows + k * perRow,
                         [&](const std::string& m) { said[k] = m; });
  });
  for (const std::string& m : said)
    if (!m.empty() && message) message(m);
}

/// Counts `image`'s pixel values into `counts` (one array per channel of the image).
void countPixels(const cv::Mat& image, std::array<std::uint64_t, 256>* counts) {
  const int c = image.channels();
  for (int i = 0; i < image.rows; ++i) {
    const std::uint8_t* p = image.ptr<std::uint8_t>(i);
    for (int j = 0; j < image.cols * c; ++j) ++counts[j % c][p[j]];
  }
}

/// The mean and deviation per model channel from pixel counts per channel held.
Normalization normalizationFromCounts(const PixelCounts& counts, int channels) {
  Normalization norm;
  norm.mean.clear();
  norm.std.clear();
  for (int k = 0; k < channels; ++k) {
    const auto& h = counts[std::size_t(counts.size() == 1 ? 0 : k)];
    double count = 0, sum = 0, squares = 0;
    for (int v = 0; v < 256; ++v) {
      const double f = v / 255.0, w = double(h[std::size_t(v)]);
      count += w;
      sum += w * f;
      squares += w * f * f;
    }
    const double mean = count ? sum / count : 0.5;
    // Sample deviation, as torch's std() gave before.
    const double var = count > 1 ? (squares - count * mean * mean) / (count - 1) : 0.0;
    norm.mean.push_back(static_cast<float>(mean));
    norm.std.push_back(std::max(1e-3f, static_cast<float>(std::sqrt(std::max(0.0, var)))));
  }
  return norm;
}

/// The split decoded once to find the files that decode, whether any has colour and the
/// pixel counts; the images and their defect-map targets are made again for each batch
/// (BatchReader).
SplitData streamSplit(const Dataset& ds, Split split, const ModelSpec& spec, int threads,
                      const std::function<void(const std::string&)>& message) {
  const std::vector<std::size_t> indices = ds.indices(split);
  std::vector<std::string> errors(indices.size());
  std::vector<char> colour(indices.size(), 0);
  std::array<std::uint64_t, 256> grey{};
  std::array<std::array<std::uint64_t, 256>, 3> rgb{};
  std::mutex countsMutex;
  parallelFor(indices.size(), threads, [&](std::size_t i) {
    const InputImage in = decodeInput(ds.samples()[indices[i]].path, spec);
    if (!in.error.empty()) {
      errors[i] = in.error;
      return;
    }
    colour[i] = in.colour;
    std::array<std::array<std::uint64_t, 256>, 3> mine{};
    cv::Mat counted = in.image;
    if (!in.colour && counted.channels() == 3) cv::extractChannel(in.image, counted, 0);
    countPixels(counted, mine.data());
    const std::lock_guard<std::mutex> lock(countsMutex);
    for (int c = 0; c < counted.channels(); ++c)
      for (int v = 0; v < 256; ++v) (in.colour ? rgb[c] : grey)[v] += mine[c][v];
  });
  auto streamed = std::make_shared<StreamedImages>();
  streamed->spec = spec;
  std::vector<int64_t> labels;
  bool anyColour = false;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const Sample& s = ds.samples()[indices[i]];
    if (!errors[i].empty()) {
      if (message) message("warning: skipping " + s.path.string() + ": " + errors[i]);
      continue;
    }
    anyColour = anyColour || colour[i];
    streamed->samples.push_back(s);
    labels.push_back(s.label);
  }
  // The counts of the tensor loadSplit would hold: grey images count in every channel of a
  // split with colour (their one channel is repeated there).
  streamed->channels = anyColour ? 3 : 1;
  if (anyColour)
    for (auto& c : rgb)
      for (int v = 0; v < 256; ++v) c[v] += grey[v];
  streamed->counts = anyColour ? PixelCounts(rgb.begin(), rgb.end()) : PixelCounts{grey};
  SplitData d;
  d.y = torch::tensor(labels, torch::kInt64);
  d.streamed = std::move(streamed);
  return d;
}
}  // namespace

SplitData loadSplit(const Dataset& ds, Split split, const ModelSpec& spec, int threads,
                    const std::function<void(const std::string&)>& message,
                    const ImageStore& store) {
  std::vector<fs::path> files;
  std::vector<int64_t> labels;
  for (std::size_t i : ds.indices(split)) {
    files.push_back(ds.samples()[i].path);
    labels.push_back(ds.samples()[i].label);
  }
  // Each image is decoded straight into its row of one [N,1,S,S] tensor when it is grey (or
  // the model takes one channel): the split is held once, with no decoded copies beside it.
  // Colour images wait as Mats; if there are any, every row gets three channels at the end.
  const long count = static_cast<long>(files.size()), px = spec.inputSize;
  torch::Tensor plane;
  bool stream = store.stream;
  if (!stream) try {
      plane = allocateImages({count, 1, px, px}, store, message);
    } catch (const std::runtime_error& e) {
      if (message)
        message(std::string(e.what()) + "; decoding them from their files for each batch instead");
      stream = true;
    }
  if (stream) return streamSplit(ds, split, spec, threads, message);
  std::uint8_t* const rows = plane.data_ptr<std::uint8_t>();
  std::vector<cv::Mat> colour(files.size());
  std::vector<std::string> errors(files.size());
  parallelFor(files.size(), threads, [&](std::size_t i) {
    InputImage in = decodeInput(files[i], spec);
    if (!in.error.empty())
      errors[i] = std::move(in.error);
    else if (in.colour)
      colour[i] = std::move(in.image);
    else
      copyToRow(in.image, 1, rows + i * std::size_t(px * px));
  });
  std::vector<int64_t> kept, keptRows;
  std::vector<std::size_t> keptSamples;
  const std::vector<std::size_t> indices = ds.indices(split);
  bool anyColour = false;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!errors[i].empty()) {
      // The file changed since the scan; skip it rather than abort hours of training.
      if (message) message("warning: skipping " + files[i].string() + ": " + errors[i]);
      continue;
    }
    anyColour = anyColour || !colour[i].empty();
    kept.push_back(labels[i]);
    keptRows.push_back(static_cast<int64_t>(i));
    keptSamples.push_back(indices[i]);
  }
  SplitData d;
  if (anyColour) {
    d.x = allocateImages({count, 3, px, px}, store, message);
    d.x.copy_(plane.expand({count, 3, px, px}));
    plane = torch::Tensor();
    std::uint8_t* const rgb = d.x.data_ptr<std::uint8_t>();
    for (std::size_t i = 0; i < colour.size(); ++i)
      if (!colour[i].empty()) copyToRow(colour[i], 3, rgb + i * std::size_t(3 * px * px));
  } else {
    d.x = std::move(plane);
  }
  if (keptRows.size() != files.size()) {  // only when a file failed: a copy without its rows
    torch::Tensor x = allocateImages({long(keptRows.size()), d.x.size(1), px, px}, store, message);
    torch::index_select_out(x, d.x, 0, torch::tensor(keptRows, torch::kInt64));
    d.x = x;
  }
  d.y = torch::tensor(kept, torch::kInt64);
  addTargets(d, ds, keptSamples, spec, threads, message);
  return d;
}

Normalization computeNormalization(const torch::Tensor& u8, int channels) {
  const torch::Tensor x = u8.contiguous();
  const long n = x.size(0), c = x.size(1), plane = x.size(2) * x.size(3);
  // A histogram of the 256 values per channel gives the exact mean and deviation.
  PixelCounts counts(std::size_t(c), std::array<std::uint64_t, 256>{});
  const std::uint8_t* p = x.data_ptr<std::uint8_t>();
  for (long i = 0; i < n; ++i)
    for (long k = 0; k < c; ++k)
      for (long j = 0; j < plane; ++j) ++counts[std::size_t(k)][*p++];
  return normalizationFromCounts(counts, channels);
}

Normalization normalizationOf(const SplitData& data, int channels) {
  return data.streamed ? normalizationFromCounts(data.streamed->counts, channels)
                       : computeNormalization(data.x, channels);
}

// A resume on another split (another split seed, files added or removed) would mix
// validation images into training unnoticed.
std::vector<std::string> splitWarnings(const Dataset& ds) {
  std::vector<std::string> out;
  if (ds.indices(Split::Validation).empty())
    out.push_back("no validation images: validation is not measured (its figures show as n/a)");
  const std::vector<std::size_t> train = ds.classCounts(Split::Train);
  const std::vector<std::size_t> val = ds.classCounts(Split::Validation);
  for (std::size_t k = 0; k < train.size(); ++k)
    if (train[k] == 0)
      out.push_back("class '" + ds.classes()[k] + "' has no training images (" +
                    std::to_string(val[k]) +
                    " in validation): the model cannot learn it; split the labeled images "
                    "afresh (sdd train --split-seed N) or move some into the training split");
    else if (val[k] == 0 && !ds.indices(Split::Validation).empty())
      out.push_back("class '" + ds.classes()[k] + "' has no validation images (" +
                    std::to_string(train[k]) +
                    " in training): its recall and F1 cannot be measured, and its F1 counts as "
                    "0 in the macro F1; label more images of it");
  return out;
}

std::string splitFingerprint(const Dataset& ds) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  };
  for (Split split : {Split::Train, Split::Validation}) {
    std::vector<std::string> names;
    for (std::size_t i : ds.indices(split))
      names.push_back(ds.samples()[i].path.lexically_relative(ds.root()).generic_string());
    std::sort(names.begin(), names.end());
    mix(split == Split::Train ? "train" : "validation");
    for (const auto& n : names) mix(n);
  }
  std::ostringstream o;
  o << std::hex << std::setw(16) << std::setfill('0') << h;
  return o.str();
}

}  // namespace sdd::training
