#include "sdd/imaging/image_loader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "sdd/util/ascii.h"

namespace sdd {
namespace {

enum class Format { Unknown, Jpeg, Png, Bmp, Tiff };

Format sniff(const std::vector<std::uint8_t>& b) {
  auto starts = [&](std::initializer_list<std::uint8_t> sig) {
    return b.size() >= sig.size() && std::equal(sig.begin(), sig.end(), b.begin());
  };
  if (starts({0xFF, 0xD8, 0xFF})) return Format::Jpeg;
  if (starts({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) return Format::Png;
  if (starts({'B', 'M'})) return Format::Bmp;
  if (starts({'I', 'I', 42, 0}) || starts({'M', 'M', 0, 42})) return Format::Tiff;
  return Format::Unknown;
}

// libjpeg "repairs" a truncated JPEG by padding it with grey and OpenCV returns that as a
// valid image, so truncation has to be detected by looking for the end-of-image marker.
bool hasJpegEnd(const std::vector<std::uint8_t>& b) {
  const std::size_t window = std::min<std::size_t>(b.size(), 4096);
  for (std::size_t i = b.size() - 1; i > b.size() - window; --i) {
    if (b[i] == 0xD9 && b[i - 1] == 0xFF) return true;
  }
  return false;
}

bool hasPngEnd(const std::vector<std::uint8_t>& b) {
  static const std::uint8_t iend[] = {'I', 'E', 'N', 'D'};
  return b.size() >= 12 && std::search(b.end() - std::min<std::size_t>(b.size(), 64), b.end(),
                                       std::begin(iend), std::end(iend)) != b.end();
}

// A BMP declares its file size and pixel-data offset; a shorter file is truncated.
bool bmpComplete(const std::vector<std::uint8_t>& b) {
  if (b.size() < 54) return false;
  const std::uint32_t declared = b[2] | (b[3] << 8) | (b[4] << 16) | (std::uint32_t(b[5]) << 24);
  return declared == 0 || b.size() >= declared;
}

// Width and height from a JPEG's start-of-frame marker; false when none is found.
bool jpegSize(const std::vector<std::uint8_t>& b, int& width, int& height) {
  std::size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) {  // garbage between segments: libjpeg skips to the next marker, so do we
      ++i;
      continue;
    }
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      height = (b[i + 5] << 8) | b[i + 6];
      width = (b[i + 7] << 8) | b[i + 8];
      return width > 0 && height > 0;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length field
      i += 2;
      continue;
    }
    i += 2 + ((b[i + 2] << 8) | b[i + 3]);
  }
  return false;
}

// Width and height from the header of a PNG (IHDR), BMP (info header) or TIFF (first IFD);
// false when the header is too short to say. JPEG: jpegSize.
std::uint32_t be32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
}

bool headerSize(const std::vector<std::uint8_t>& b, Format format, std::uint64_t& w,
                std::uint64_t& h) {
  switch (format) {
    case Format::Jpeg: {
      int jw = 0, jh = 0;
      if (!jpegSize(b, jw, jh)) return false;
      w = static_cast<std::uint64_t>(jw);
      h = static_cast<std::uint64_t>(jh);
      return true;
    }
    case Format::Png:
      if (b.size() < 24) return false;
      w = be32(b, 16);
      h = be32(b, 20);
      return true;
    case Format::Bmp: {
      if (b.size() < 26) return false;
      auto le = [&](std::size_t at) {
        return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (std::uint32_t(b[at + 3]) << 24);
      };
      const auto sw = static_cast<std::int32_t>(le(18)), sh = static_cast<std::int32_t>(le(22));
      w = static_cast<std::uint64_t>(sw < 0 ? -static_cast<std::int64_t>(sw) : sw);
      h = static_cast<std::uint64_t>(sh < 0 ? -static_cast<std::int64_t>(sh) : sh);
      return true;
    }
    case Format::Tiff: {
      const bool little = b[0] == 'I';
      auto u16 = [&](std::size_t at) -> std::uint32_t {
        return little ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
      };
      auto u32 = [&](std::size_t at) -> std::uint32_t {
        return little ? u16(at) | (u16(at + 2) << 16) : (u16(at) << 16) | u16(at + 2);
      };
      if (b.size() < 8) return false;
      const std::size_t ifd = u32(4);
      if (ifd + 2 > b.size()) return false;
      const std::size_t n = u16(ifd);
      w = h = 0;
      for (std::size_t i = 0; i < n && ifd + 2 + 12 * (i + 1) <= b.size(); ++i) {
        const std::size_t e = ifd + 2 + 12 * i;
        const std::uint32_t tag = u16(e), type = u16(e + 2);
        const std::uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);  // SHORT or LONG
        if (tag == 256) w = value;
        if (tag == 257) h = value;
      }
      return w > 0 && h > 0;
    }
    case Format::Unknown:
      break;
  }
  return false;
}

}  // namespace

int jpegReduction(const std::vector<std::uint8_t>& bytes, int targetSize) {
  int w = 0, h = 0;
  if (targetSize <= 0 || sniff(bytes) != Format::Jpeg || !jpegSize(bytes, w, h)) return 1;
  for (int k : {8, 4, 2})
    if (w % k == 0 && h % k == 0 && w / k >= targetSize && h / k >= targetSize) return k;
  return 1;
}

bool isImageExtension(const std::filesystem::path& file) {
  const std::string ext = asciiLower(file.extension().string());
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".tif" ||
         ext == ".tiff";
}

std::uint64_t fnv1a64(const std::uint8_t* data, std::size_t size) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 1099511628211ull;
  }
  return h;
}

bool readFileBytes(const std::filesystem::path& file, std::vector<std::uint8_t>& bytes,
                   std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    error = std::filesystem::exists(file, ec) ? "not a regular file" : "file does not exist";
    return false;
  }
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
  const Format format = sniff(bytes);
  switch (format) {
    case Format::Unknown:
      out.error = "not an image (unrecognised file signature)";
      return out;
    case Format::Jpeg:
      if (!hasJpegEnd(bytes)) {
        out.error = "truncated JPEG (no end-of-image marker)";
        return out;
      }
      break;
    case Format::Png:
      if (!hasPngEnd(bytes)) {
        out.error = "truncated PNG (no IEND chunk)";
        return out;
      }
      break;
    case Format::Bmp:
      if (!bmpComplete(bytes)) {
        out.error = "truncated BMP (shorter than its header declares)";
        return out;
      }
      break;
    case Format::Tiff:
      break;
  }
  // Refuse what would need gigabytes before the decoder allocates it (found by fuzz_image:
  // a 16-byte change to a JPEG header asked for 3 GB). 10,000 x 10,000 still decodes. The
  // rule is on the size the header declares, whatever the decode scale, so that scanning,
  // training, prediction and the browser all accept or refuse the same files.
  std::uint64_t w = 0, h = 0;
  if (headerSize(bytes, format, w, h) && w * h > kMaxDecodedPixels) {
    out.error = "image too large to decode (" + std::to_string(w) + " x " + std::to_string(h) +
                " pixels; at most " + std::to_string(kMaxDecodedPixels / 1'000'000) +
                " megapixels)";
    return out;
  }
  try {
    cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1,
                const_cast<std::uint8_t*>(bytes.data()));
    // IMREAD_UNCHANGED would keep 16-bit and alpha; we want 8-bit gray or BGR.
    // A JPEG at least twice the model input is decoded at 1/2, 1/4 or 1/8 scale by
    // libjpeg's scaled IDCT: much less work than decoding all pixels and shrinking them.
    const int k = jpegReduction(bytes, targetSize);
    const int scale = k == 8   ? cv::IMREAD_REDUCED_GRAYSCALE_8
                      : k == 4 ? cv::IMREAD_REDUCED_GRAYSCALE_4
                      : k == 2 ? cv::IMREAD_REDUCED_GRAYSCALE_2
                               : 0;
    cv::Mat img = cv::imdecode(raw, cv::IMREAD_ANYCOLOR | scale);
    if (img.empty()) {
      out.error = "cannot decode image data (corrupt file)";
      return out;
    }
    if (img.depth() != CV_8U) img.convertTo(img, CV_8U);
    if (img.channels() == 4) cv::cvtColor(img, img, cv::COLOR_BGRA2BGR);
    out.image = img;
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
  parallelFor(files.size(), threads, [&](std::size_t i) {
    DecodedImage d = loadImage(files[i], size);
    if (!d.ok()) {
      out.errors[i] = d.error;
      return;
    }
    out.images[i] = toModelInput(d.image, size, channels);
  });
  for (const auto& e : out.errors) out.failed += !e.empty();
  return out;
}

}  // namespace sdd
