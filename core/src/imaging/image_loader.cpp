#include "sdd/imaging/image_loader.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "image_header.h"
#include "sdd/util/ascii.h"

namespace sdd {
namespace {

using header::Format;

// Cameras write 10-, 12- and 14-bit pixels into 16-bit files, and OpenCV's own 8-bit
// conversion keeps the high byte: a 12-bit image came out as 0..15, nearly black. The bits
// the file declares significant (PNG sBIT, PNM maximum value) are used when it says;
// otherwise the image's own peak, rounded up to an even bit count (10, 12, 14, 16), as no
// sensor writes odd depths. A dark 12-bit image whose peak is below 1024 is read as 10-bit
// and so comes out brighter than its neighbours: the price of files that do not say.
int sixteenBitDepth(const cv::Mat& img, int declared) {
  if (declared >= 8 && declared <= 16) return declared;
  double peak = 0;
  cv::minMaxLoc(img.reshape(1), nullptr, &peak);
  int bits = 8;
  while (bits < 16 && peak >= double(1 << bits)) ++bits;
  return bits + (bits % 2);
}

// 8 bits per sample, whatever the file held: 16-bit by its significant bits, floating point
// as [0, 1] when it lies there (what image pipelines write) and as grey levels otherwise, with
// NaN as 0.
cv::Mat toEightBit(cv::Mat img, int declaredBits) {
  switch (img.depth()) {
    case CV_8U:
      return img;
    case CV_16U: {
      const int bits = sixteenBitDepth(img, declaredBits);
      cv::Mat out;
      img.convertTo(out, CV_8U, 1.0 / double(1 << (bits - 8)));
      return out;
    }
    case CV_32F:
    case CV_64F: {
      cv::Mat f;
      img.convertTo(f, CV_32F);
      cv::patchNaNs(f, 0);
      double lo = 0, hi = 0;
      cv::minMaxLoc(f.reshape(1), &lo, &hi);
      cv::Mat out;
      f.convertTo(out, CV_8U, hi <= 1.0 && lo >= 0.0 ? 255.0 : 1.0);
      return out;
    }
    default: {  // signed integers: saturated to 0..255
      cv::Mat out;
      img.convertTo(out, CV_8U);
      return out;
    }
  }
}

}  // namespace

int jpegReduction(const std::vector<std::uint8_t>& bytes, int targetSize) {
  int w = 0, h = 0;
  if (targetSize <= 0 || header::sniff(bytes) != Format::Jpeg || !header::jpegSize(bytes, w, h))
    return 1;
  for (int k : {8, 4, 2})
    if (w % k == 0 && h % k == 0 && w / k >= targetSize && h / k >= targetSize) return k;
  return 1;
}

const std::vector<std::string>& imageExtensions() {
  static const std::vector<std::string> known = {".jpg",  ".jpeg", ".png", ".bmp", ".tif", ".tiff",
                                                 ".webp", ".pgm",  ".ppm", ".pbm", ".pnm"};
  return known;
}

bool isImageExtension(const std::filesystem::path& file) {
  const std::string ext = asciiLower(file.extension().string());
  const auto& known = imageExtensions();
  return std::find(known.begin(), known.end(), ext) != known.end();
}

std::uint64_t fnv1a64(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 1099511628211ull;
  }
  return h;
}

std::string tooLargeToRead(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  if (ec || bytes <= kMaxFileBytes) return {};
  char text[96];
  std::snprintf(text, sizeof text, "file too large to read (%.1f GB; at most %.1f GB)",
                static_cast<double>(bytes) / 1e9, static_cast<double>(kMaxFileBytes) / 1e9);
  return text;
}

bool readFileBytes(const std::filesystem::path& file, std::vector<std::uint8_t>& bytes,
                   std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    error = std::filesystem::exists(file, ec) ? "not a regular file" : "file does not exist";
    return false;
  }
  if (error = tooLargeToRead(file); !error.empty()) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot open file for reading (permissions?)";
    return false;
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  bytes.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    error = "read error";
    return false;
  }
  return true;
}

DecodedImage decodeImage(const std::vector<std::uint8_t>& bytes, int targetSize) {
  DecodedImage out;
  if (bytes.empty()) {
    out.error = "empty file (0 bytes)";
    return out;
  }
  const Format format = header::sniff(bytes);
  if (format == Format::Unknown) {
    out.error = "not an image (unrecognised file signature)";
    return out;
  }
  out.error = header::truncation(bytes, format);
  if (out.error.empty()) out.error = header::undecodable(bytes, format);
  if (!out.error.empty()) return out;
  // Refuse what would need gigabytes before the decoder allocates it (found by fuzz_image:
  // a 16-byte change to a JPEG header asked for 3 GB). 10,000 x 10,000 still decodes. The
  // rule is on the size the header declares, whatever the decode scale, so that scanning,
  // training, prediction and the browser all accept or refuse the same files.
  std::uint64_t w = 0, h = 0;
  if (header::declaredSize(bytes, format, w, h) && w * h > kMaxDecodedPixels) {
    out.error = "image too large to decode (" + std::to_string(w) + " x " + std::to_string(h) +
                " pixels; at most " + std::to_string(kMaxDecodedPixels / 1'000'000) +
                " megapixels)";
    return out;
  }
  try {
    cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1,
                const_cast<std::uint8_t*>(bytes.data()));
    // Any depth, brought to 8 bits by toEightBit (16-bit, floating point); alpha dropped.
    // A JPEG at least twice the model input is decoded at 1/2, 1/4 or 1/8 scale by
    // libjpeg's scaled IDCT: much less work than decoding all pixels and shrinking them.
    const int k = jpegReduction(bytes, targetSize);
    if (w > 0 && h > 0 && w < (1u << 30) && h < (1u << 30)) {  // the header's, where it says
      out.width = static_cast<int>(w);
      out.height = static_cast<int>(h);
    }
    const int scale = k == 8   ? cv::IMREAD_REDUCED_GRAYSCALE_8
                      : k == 4 ? cv::IMREAD_REDUCED_GRAYSCALE_4
                      : k == 2 ? cv::IMREAD_REDUCED_GRAYSCALE_2
                               : 0;
    cv::Mat img = cv::imdecode(raw, cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH | scale);
    if (img.empty()) {
      out.error = "cannot decode image data (corrupt file)";
      return out;
    }
    if (format == Format::Jpeg) out.orientation = header::jpegOrientation(bytes);
    if (format == Format::Png) out.palette = header::pngPalette(bytes);
    img = toEightBit(img, header::significantBits(bytes, format));
    if (img.channels() == 4) cv::cvtColor(img, img, cv::COLOR_BGRA2BGR);
    out.image = img;
    // OpenCV turns a JPEG by its EXIF orientation (5 to 8: a quarter turn) as viewers and
    // labeling tools show it; the header's size is the stored one, so it turns too.
    if (k > 1 && out.width != out.height && img.cols == out.height / k && img.rows == out.width / k)
      std::swap(out.width, out.height);
    if (k == 1 || out.width <= 0 || out.height <= 0) {
      out.width = img.cols;
      out.height = img.rows;
    }
  } catch (const cv::Exception& e) {
    out.error = std::string("cannot decode image data: ") + e.what();
  }
  return out;
}

DecodedImage loadImage(const std::filesystem::path& file, int targetSize,
                       std::uint64_t* contentHash) {
  std::vector<std::uint8_t> bytes;
  DecodedImage out;
  if (!readFileBytes(file, bytes, out.error)) return out;
  out = decodeImage(bytes, targetSize);
  if (contentHash && out.ok()) *contentHash = fnv1a64(bytes.data(), bytes.size());
  return out;
}

cv::Mat toModelInput(const cv::Mat& image, int size, int channels) {
  cv::Mat converted;
  if (channels == 1) {
    if (image.channels() == 1) {
      converted = image;
    } else {
      cv::cvtColor(image, converted, cv::COLOR_BGR2GRAY);
    }
  } else {
    if (image.channels() == 1) {
      cv::cvtColor(image, converted, cv::COLOR_GRAY2RGB);
    } else {
      cv::cvtColor(image, converted, cv::COLOR_BGR2RGB);
    }
  }
  if (converted.cols == size && converted.rows == size) return converted.clone();
  cv::Mat resized;
  const bool shrinking = converted.cols > size || converted.rows > size;
  cv::resize(converted, resized, cv::Size(size, size), 0, 0,
             shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
  return resized;
}

}  // namespace sdd

#include "sdd/util/parallel.h"

namespace sdd {

bool isGrey(const cv::Mat& m) {
  if (m.channels() != 3 || m.depth() != CV_8U) return false;
  for (int y = 0; y < m.rows; ++y) {
    const auto* p = m.ptr<std::uint8_t>(y);
    for (int x = 0; x < m.cols; ++x, p += 3)
      if (p[0] != p[1] || p[0] != p[2]) return false;
  }
  return true;
}

LoadedInputs loadModelInputs(const std::vector<std::filesystem::path>& files, int size,
                             int channels, int threads) {
  LoadedInputs out;
  out.images.resize(files.size());
  out.errors.resize(files.size());
  out.sizes.resize(files.size());
  parallelFor(files.size(), threads, [&](std::size_t i) {
    DecodedImage d = loadImage(files[i], size);
    if (!d.ok()) {
      out.errors[i] = d.error;
      return;
    }
    out.sizes[i] = {d.width, d.height};
    out.images[i] = toModelInput(d.image, size, channels);
  });
  for (const auto& e : out.errors) out.failed += !e.empty();
  return out;
}

}  // namespace sdd
