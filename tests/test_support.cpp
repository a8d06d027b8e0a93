#include "test_support.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace sdd::test {

TempDir::TempDir() {
  static int counter = 0;
  path_ = fs::temp_directory_path() /
          ("sdd-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

cv::Mat patternImage(int cls, int variant, int width, int height, int channels) {
  std::mt19937 rng(static_cast<unsigned>(cls * 7919 + variant));
  std::normal_distribution<float> noise(0.f, 12.f);
  cv::Mat img(height, width, CV_8UC1);
  // The classes differ in ways that survive the trainer's augmentation (flips, 90-degree
  // rotations, brightness/contrast): stripes in either orientation, a bright disk, a ring,
  // and a checkerboard.
  const int phase = static_cast<int>(rng() % 8);
  const bool vertical = rng() % 2;
  const int cx = width / 4 + static_cast<int>(rng() % (width / 2 + 1));
  const int cy = height / 4 + static_cast<int>(rng() % (height / 2 + 1));
  const double r = std::min(width, height) / 5.0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      float v = 110;
      const double d = std::hypot(x - cx, y - cy);
      switch (cls % 4) {
        case 0:
          v += (((vertical ? x : y) + phase) / 4 % 2) ? 70 : -40;
          break;
        case 1:
          v += d < r ? 120 : -30;
          break;
        case 2:
          v += (d > r * 0.6 && d < r * 1.2) ? 120 : -30;
          break;
        case 3:
          v += (((x + phase) / 5 + (y + phase) / 5) % 2) ? 70 : -40;
          break;
      }
      img.at<std::uint8_t>(y, x) = cv::saturate_cast<std::uint8_t>(v + noise(rng));
    }
  }
  if (channels == 1) return img;
  cv::Mat color;
  cv::cvtColor(img, color, cv::COLOR_GRAY2BGR);
  return color;
}

ShapeImage shapeOnTexture(int cls, int variant, int size, bool defect) {
  std::mt19937 rng(static_cast<unsigned>(cls * 104729 + variant));
  std::normal_distribution<float> noise(0.f, 10.f);
  ShapeImage out;
  out.image.create(size, size, CV_8UC1);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      out.image.at<std::uint8_t>(y, x) =
          cv::saturate_cast<std::uint8_t>(120 + 8 * std::sin(x * 0.7 + y * 0.3) + noise(rng));
  out.mask = cv::Mat::zeros(size, size, CV_8UC1);
  if (!defect) return out;
  const int w = size / 5 + static_cast<int>(rng() % (size / 5 + 1));
  const int x0 = static_cast<int>(rng() % (size - w)), y0 = static_cast<int>(rng() % (size - w));
  switch (cls % 3) {
    case 0:
      cv::rectangle(out.mask, cv::Rect(x0, y0, w, w * 2 / 3), 255, cv::FILLED);
      break;
    case 1:
      cv::circle(out.mask, {x0 + w / 2, y0 + w / 2}, w / 2, 255, cv::FILLED);
      break;
    default:
      cv::line(out.mask, {x0, y0}, {x0 + w, y0 + w}, 255, std::max(2, size / 16));
      break;
  }
  out.image.setTo(cls % 3 == 1 ? 40 : 220, out.mask);
  out.box = cv::boundingRect(out.mask);
  return out;
}

void writeImage(const fs::path& file, const cv::Mat& image) {
  fs::create_directories(file.parent_path());
  if (!cv::imwrite(file.string(), image)) throw std::runtime_error("cannot write " + file.string());
}

void writeBytes(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string palettePng(const cv::Mat& indices,
                       const std::vector<std::array<std::uint8_t, 3>>& palette) {
  const auto crc32 = [](const std::string& bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (const unsigned char b : bytes) {
      c ^= b;
      for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
  };
  const auto be32 = [](std::uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  const auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(std::uint32_t(data.size())) + type + data + be32(crc32(type + data));
  };
  // The pixels as a zlib stream of stored (uncompressed) deflate blocks: each row after its
  // filter byte 0.
  std::string raw;
  for (int y = 0; y < indices.rows; ++y) {
    raw += '\0';
    raw.append(indices.ptr<char>(y), std::size_t(indices.cols));
  }
  std::string z = "\x78\x01";
  for (std::size_t at = 0; at < raw.size(); at += 65535) {
    const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
    z += char(at + n == raw.size() ? 1 : 0);
    z += {char(n), char(n >> 8), char(~n), char(~n >> 8)};
    z += raw.substr(at, n);
  }
  std::uint32_t a = 1, b = 0;  // Adler-32
  for (const unsigned char c : raw) a = (a + c) % 65521, b = (b + a) % 65521;
  z += be32((b << 16) | a);
  std::string plte;
  for (const auto& rgb : palette) plte += {char(rgb[0]), char(rgb[1]), char(rgb[2])};
  const std::string ihdr = be32(std::uint32_t(indices.cols)) + be32(std::uint32_t(indices.rows)) +
                           std::string{8, 3, 0, 0, 0};  // 8 bits, palette
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("PLTE", plte) +
         chunk("IDAT", z) + chunk("IEND", "");
}

std::string jpegWithOrientation(const cv::Mat& image, int orientation) {
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", image, jpeg);
  const std::vector<uchar> exif = {0xFF,
                                   0xE1,
                                   0x00,
                                   0x22,
                                   'E',
                                   'x',
                                   'i',
                                   'f',
                                   0,
                                   0,  // APP1, 34 bytes
                                   'I',
                                   'I',
                                   0x2A,
                                   0,
                                   8,
                                   0,
                                   0,
                                   0,  // TIFF, IFD at 8
                                   1,
                                   0,  // one entry:
                                   0x12,
                                   0x01,
                                   3,
                                   0,
                                   1,
                                   0,
                                   0,
                                   0,  // orientation, a SHORT
                                   uchar(orientation),
                                   0,
                                   0,
                                   0,  // its value
                                   0,
                                   0,
                                   0,
                                   0};                // no next IFD
  std::string bytes(jpeg.begin(), jpeg.begin() + 2);  // SOI, then APP1, then the rest
  bytes.append(exif.begin(), exif.end());
  bytes.append(jpeg.begin() + 2, jpeg.end());
  return bytes;
}

std::string readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path neuDetDir() {
  if (const char* env = std::getenv("SDD_NEU_DIR")) return env;
  const fs::path p = fs::path(SDD_SOURCE_DIR) / "data/NEU-DET";
  return fs::exists(p / "train") ? p : fs::path();
}

void writePatternDataset(const std::filesystem::path& root, int classes, int perClass, int size) {
  for (int c = 0; c < classes; ++c)
    for (int n = 0; n < perClass; ++n)
      writeImage(root / ("c" + std::to_string(c)) / (std::to_string(n) + ".png"),
                 patternImage(c, n, size, size));
}

}  // namespace sdd::test
