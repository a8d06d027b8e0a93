#include "sdd/imaging/image_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "sdd/dataset/box_annotations.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::jpegWithOrientation;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeBytes;

TEST(ImageLoader, ResizesAndConvertsToModelInput) {
  const cv::Mat gray = patternImage(0, 1, 64, 32, 1);
  const cv::Mat rgb = toModelInput(gray, 20, 3);
  EXPECT_EQ(rgb.rows, 20);
  EXPECT_EQ(rgb.cols, 20);
  EXPECT_EQ(rgb.channels(), 3);
  const cv::Mat g1 = toModelInput(patternImage(0, 1, 10, 10, 3), 40, 1);
  EXPECT_EQ(g1.channels(), 1);
  EXPECT_EQ(g1.rows, 40);
}

// Found by fuzz_image (fuzz/regressions/image): a JPEG whose header claims ~1 gigapixel made
// OpenCV allocate 3 GB. Headers declaring more than kMaxDecodedPixels are refused up front.
TEST(ImageLoader, HeadersClaimingGigapixelsAreRefusedBeforeDecoding) {
  for (const auto& f :
       fs::directory_iterator(fs::path(SDD_SOURCE_DIR) / "fuzz/regressions/image")) {
    const DecodedImage d = loadImage(f.path(), 0);
    EXPECT_FALSE(d.ok()) << f.path();
    EXPECT_NE(d.error.find("too large"), std::string::npos) << d.error;
  }
  for (const char* ext : {".png", ".bmp"}) {
    std::vector<uchar> buf;
    cv::imencode(ext, cv::Mat(4, 4, CV_8UC1, cv::Scalar(7)), buf);
    std::vector<std::uint8_t> bytes(buf.begin(), buf.end());
    EXPECT_TRUE(decodeImage(bytes).ok()) << ext;
    if (std::string(ext) == ".png") {  // IHDR width/height, big-endian
      bytes[16] = bytes[20] = 0x00;
      bytes[17] = bytes[21] = 0x01;
      bytes[18] = bytes[22] = 0x00;
    } else {  // BMP: little-endian at 18 and 22
      bytes[20] = bytes[24] = 0x01;
    }
    const DecodedImage d = decodeImage(bytes);
    EXPECT_FALSE(d.ok()) << ext;
    EXPECT_NE(d.error.find("too large"), std::string::npos) << ext << ": " << d.error;
  }
}

// One size rule for every path: `sdd scan` (no target size) refused a JPEG whose header says
// 65000 x 65000 while `sdd predict` (decoding at 1/8 scale for a 50-px model) classified it.
TEST(ImageLoader, AFileLargerThanAnyImageIsRefusedBeforeItIsRead) {
  // A 20 GB sparse file named x.png filled the memory of the scan (9 GB in 30 s) and never
  // ended. Sparse: no disk space is used.
  TempDir dir;
  const std::filesystem::path huge = dir / "cls" / "huge.png";
  writeBytes(huge, "\x89PNG\r\n\x1a\n");
  std::filesystem::resize_file(huge, kMaxFileBytes + 1);
  std::vector<std::uint8_t> bytes;
  std::string error;
  EXPECT_FALSE(readFileBytes(huge, bytes, error));
  EXPECT_EQ(error, "file too large to read (2.4 GB; at most 2.4 GB)");
  EXPECT_TRUE(bytes.empty());
  EXPECT_FALSE(loadImage(huge).ok());
  // The annotation readers refuse the same way.
  const std::filesystem::path json = dir / "cls" / "annotations.json";
  writeBytes(json, "{");
  std::filesystem::resize_file(json, kMaxFileBytes + 1);
  readAnnotationList(json, &error);
  EXPECT_NE(error.find("file too large to read"), std::string::npos) << error;
}

TEST(ImageLoader, TheSizeRuleIsTheSameAtEveryDecodeScale) {
  std::vector<uchar> buf;
  cv::imencode(".jpg", patternImage(0, 1, 16, 16, 1), buf);
  std::vector<std::uint8_t> bytes(buf.begin(), buf.end());
  std::size_t sof = 0;
  for (std::size_t i = 2; i + 9 < bytes.size(); ++i)
    if (bytes[i] == 0xFF && bytes[i + 1] == 0xC0) sof = i;
  ASSERT_GT(sof, 0u) << "no baseline SOF marker";
  for (std::size_t k : {sof + 5, sof + 7}) bytes[k] = 0xFD, bytes[k + 1] = 0xE8;  // 65000
  for (int target : {0, 50, 200}) {
    const DecodedImage d = decodeImage(bytes, target);
    EXPECT_FALSE(d.ok()) << "decoded for a " << target << "-px model";
    EXPECT_NE(d.error.find("65000 x 65000"), std::string::npos) << d.error;
  }
}

TEST(ImageLoader, APhotoTurnedByItsExifOrientationHasTheTurnedSizeAtEveryDecodeScale) {
  // A phone photo is stored landscape with EXIF orientation 6 ("turn 90 degrees clockwise");
  // OpenCV, browsers, CVAT and Ultralytics show and label it turned. The size the decode gives
  // (used to scale boxes and by the unknown rule's size check) must be the turned one also when
  // libjpeg decodes at a reduced scale and the size comes from the JPEG header.
  const std::string jpeg = jpegWithOrientation(patternImage(0, 1, 400, 100, 1), 6);
  const std::vector<std::uint8_t> bytes(jpeg.begin(), jpeg.end());
  for (int target : {0, 50}) {
    const DecodedImage d = decodeImage(bytes, target);
    ASSERT_TRUE(d.ok()) << d.error;
    EXPECT_EQ(d.orientation, 6);
    EXPECT_EQ(d.width, 100) << "at a " << target << "-px model";
    EXPECT_EQ(d.height, 400) << "at a " << target << "-px model";
    EXPECT_LT(d.image.cols, d.image.rows) << "the pixels are turned too";
  }
}

TEST(ImageLoader, ATiffKindTheDecoderCannotReadIsNotCalledCorrupt) {
  // A whole, valid 2 x 1 TIFF of 32-bit unsigned integer samples (OpenCV 4.6 reads float and
  // signed 32-bit ones only).
  const std::vector<std::uint8_t> tiff = {
      'I', 'I', 42, 0, 8,   0,   0,   0,                 // little-endian, IFD at 8
      8,   0,                                            // 8 entries
      0,   1,   3,  0, 1,   0,   0,   0,  2,   0, 0, 0,  // width 2
      1,   1,   3,  0, 1,   0,   0,   0,  1,   0, 0, 0,  // height 1
      2,   1,   3,  0, 1,   0,   0,   0,  32,  0, 0, 0,  // 32 bits per sample
      3,   1,   3,  0, 1,   0,   0,   0,  1,   0, 0, 0,  // no compression
      6,   1,   3,  0, 1,   0,   0,   0,  1,   0, 0, 0,  // black is zero
      17,  1,   4,  0, 1,   0,   0,   0,  110, 0, 0, 0,  // strip at 110
      23,  1,   4,  0, 1,   0,   0,   0,  8,   0, 0, 0,  // 8 bytes in it
      83,  1,   3,  0, 1,   0,   0,   0,  1,   0, 0, 0,  // unsigned integer samples
      0,   0,   0,  0,                                   // no next IFD
      1,   0,   0,  0, 255, 255, 255, 255};              // the two pixels
  const DecodedImage d = decodeImage(tiff, 0);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error.find("corrupt"), std::string::npos) << d.error;
  EXPECT_NE(d.error.find("32-bit unsigned integer samples, which the decoder does not read"),
            std::string::npos)
      << d.error;
}

TEST(ImageLoader, JpegsTwiceTheModelInputAreDecodedAtReducedScale) {
  TempDir dir;
  const cv::Mat big = patternImage(0, 1, 200, 200, 1);
  std::vector<uchar> jpg;
  cv::imencode(".jpg", big, jpg);
  const std::vector<std::uint8_t> bytes(jpg.begin(), jpg.end());
  EXPECT_EQ(jpegReduction(bytes, 0), 1);
  EXPECT_EQ(jpegReduction(bytes, 200), 1);
  EXPECT_EQ(jpegReduction(bytes, 100), 2);
  EXPECT_EQ(jpegReduction(bytes, 50), 4);
  EXPECT_EQ(jpegReduction(bytes, 32), 4);  // 1/8 would be 25 px, smaller than the model input
  EXPECT_EQ(jpegReduction(bytes, 25), 8);
  const DecodedImage half = decodeImage(bytes, 100);
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half.image.size(), cv::Size(100, 100));
  EXPECT_EQ(half.image.channels(), 1);
  // The scaled decode is close to decoding everything and shrinking with area averaging.
  cv::Mat area;
  cv::resize(decodeImage(bytes).image, area, cv::Size(100, 100), 0, 0, cv::INTER_AREA);
  EXPECT_LT(cv::norm(half.image, area, cv::NORM_L1) / (100.0 * 100.0), 3.0);
  // PNG and odd sizes are decoded whole.
  std::vector<uchar> png;
  cv::imencode(".png", big, png);
  EXPECT_EQ(jpegReduction(std::vector<std::uint8_t>(png.begin(), png.end()), 50), 1);
  cv::imencode(".jpg", patternImage(0, 1, 201, 200, 1), jpg);
  EXPECT_EQ(jpegReduction(std::vector<std::uint8_t>(jpg.begin(), jpg.end()), 50), 1);
}

namespace {

std::vector<std::uint8_t> encode(const char* ext, const cv::Mat& m,
                                 const std::vector<int>& params = {}) {
  std::vector<uchar> buf;
  EXPECT_TRUE(cv::imencode(ext, m, buf, params)) << ext;
  return {buf.begin(), buf.end()};
}

std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// The PNG with an sBIT chunk saying `bits` are significant (OpenCV does not write one),
// placed after the signature and the IHDR chunk, where libpng expects it.
std::vector<std::uint8_t> withSignificantBits(std::vector<std::uint8_t> png, int bits) {
  std::vector<std::uint8_t> chunk = {0, 0, 0, 1, 's', 'B', 'I', 'T', std::uint8_t(bits)};
  const std::uint32_t crc = crc32(chunk.data() + 4, chunk.size() - 4);
  for (int s : {24, 16, 8, 0}) chunk.push_back(std::uint8_t(crc >> s));
  png.insert(png.begin() + 33, chunk.begin(), chunk.end());
  return png;
}

double maxDifference(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return HUGE_VAL;
  return cv::norm(a, b, cv::NORM_INF);
}

}  // namespace

// Cameras store 10-, 12- and 14-bit pixels in 16-bit files. OpenCV's own 8-bit conversion
// keeps the high byte, which turned a 12-bit image into grey levels 0..15, nearly black.
TEST(ImageLoader, SixteenBitImagesAreScaledByTheBitsTheyUse) {
  const cv::Mat grey = patternImage(0, 1, 40, 30, 1);
  cv::Mat twelve, full;
  grey.convertTo(twelve, CV_16U, 16.0);       // 12-bit data, peak >= 2048
  grey.convertTo(full, CV_16U, 257.0);        // all 16 bits used
  for (const char* ext : {".png", ".tif"}) {  // (OpenCV's PGM says 65535: see below)
    const DecodedImage d = decodeImage(encode(ext, twelve));
    ASSERT_TRUE(d.ok()) << ext << ": " << d.error;
    EXPECT_EQ(maxDifference(d.image, grey), 0) << ext;
    EXPECT_LE(maxDifference(decodeImage(encode(ext, full)).image, grey), 1) << ext;
  }
  // A dark 12-bit image (peak below 1024) in a file that does not say its depth is read as
  // 10-bit: four times brighter than it is. A PNG's sBIT chunk or a PNM's maximum value say
  // (a PNM's is the scale by definition: OpenCV writes 65535, and its 12-bit data stays dark).
  const cv::Mat dark = grey / 8;
  cv::Mat dark12;
  dark.convertTo(dark12, CV_16U, 16.0);
  EXPECT_EQ(maxDifference(decodeImage(encode(".png", dark12)).image, dark * 4), 0);
  const DecodedImage said = decodeImage(withSignificantBits(encode(".png", dark12), 12));
  ASSERT_TRUE(said.ok()) << said.error;
  EXPECT_EQ(maxDifference(said.image, dark), 0);
  std::string pgm = "P5\n# 12-bit camera\n40 30\n4095\n";
  for (int y = 0; y < dark12.rows; ++y)
    for (int x = 0; x < dark12.cols; ++x) {
      const std::uint16_t v = dark12.at<std::uint16_t>(y, x);
      pgm += char(v >> 8);
      pgm += char(v & 0xFF);
    }
  const DecodedImage pnm = decodeImage(std::vector<std::uint8_t>(pgm.begin(), pgm.end()));
  ASSERT_TRUE(pnm.ok()) << pnm.error;
  EXPECT_EQ(maxDifference(pnm.image, dark), 0);
}

// Image pipelines write floating-point TIFFs in [0, 1]; OpenCV refused them as 8-bit, and the
// file was reported as corrupt.
TEST(ImageLoader, FloatingPointImagesAreReadAsGreyLevels) {
  const cv::Mat grey = patternImage(0, 1, 40, 30, 1);
  cv::Mat unit;
  grey.convertTo(unit, CV_32F, 1.0 / 255);
  unit.at<float>(3, 4) = std::numeric_limits<float>::quiet_NaN();
  const DecodedImage d = decodeImage(encode(".tif", unit));
  ASSERT_TRUE(d.ok()) << d.error;
  cv::Mat expected = grey.clone();
  expected.at<std::uint8_t>(3, 4) = 0;  // NaN reads as 0
  EXPECT_LE(maxDifference(d.image, expected), 1);
  cv::Mat levels;  // already grey levels (0..255 as float): kept as they are
  grey.convertTo(levels, CV_32F);
  EXPECT_LE(maxDifference(decodeImage(encode(".tif", levels)).image, grey), 1);
}

TEST(ImageLoader, WebpAndPnmFilesAreReadAndTheirTruncationIsNamed) {
  for (const char* name : {"a.webp", "b.WEBP", "c.pgm", "d.ppm", "e.pnm", "f.pbm"})
    EXPECT_TRUE(isImageExtension(name)) << name;
  const cv::Mat colour = patternImage(2, 1, 40, 30, 3);
  struct Case {
    const char* ext;
    std::vector<int> params;
    const char* truncated;
  };
  for (const Case& c : {Case{".webp", {cv::IMWRITE_WEBP_QUALITY, 101}, "truncated WebP"},
                        Case{".ppm", {}, "truncated PNM"}, Case{".pgm", {}, "truncated PNM"}}) {
    const cv::Mat image = std::string(c.ext) == ".pgm" ? patternImage(2, 1, 40, 30, 1) : colour;
    std::vector<std::uint8_t> bytes = encode(c.ext, image, c.params);
    const DecodedImage d = decodeImage(bytes);
    ASSERT_TRUE(d.ok()) << c.ext << ": " << d.error;
    EXPECT_EQ(maxDifference(d.image, image), 0) << c.ext;  // lossless
    bytes.resize(bytes.size() / 2);
    const DecodedImage cut = decodeImage(bytes);
    EXPECT_FALSE(cut.ok()) << c.ext;
    EXPECT_NE(cut.error.find(c.truncated), std::string::npos) << c.ext << ": " << cut.error;
  }
  // A lossless WebP whose header claims 16384 x 16384 pixels is refused before decoding.
  std::vector<std::uint8_t> webp = encode(".webp", colour, {cv::IMWRITE_WEBP_QUALITY, 101});
  ASSERT_EQ(std::string(webp.begin() + 12, webp.begin() + 16), "VP8L");
  webp[21] = webp[22] = 0xFF;
  webp[23] = 0xFF;
  webp[24] |= 0x0F;
  const DecodedImage big = decodeImage(webp);
  EXPECT_FALSE(big.ok());
  EXPECT_NE(big.error.find("16384 x 16384"), std::string::npos) << big.error;
}
