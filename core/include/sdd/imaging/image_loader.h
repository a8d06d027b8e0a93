#pragma once
/// Decoding image files (OpenCV) and bringing them to the model's input size and
/// channel count. No LibTorch here: the result is a cv::Mat of uint8.
/// Thread-safety: free functions, safe from any thread.

#include <array>
#include <cstdint>
#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace sdd {

/// Result of reading one file: the decoded image or the reason it could not be used.
struct DecodedImage {
  cv::Mat image;              ///< BGR or gray uint8 as stored, empty on error
  std::string error;          ///< why the file was rejected, empty on success
  int width = 0, height = 0;  ///< of the file as stored (`image` may be a reduced decode)
  /// The EXIF orientation a JPEG's pixels were turned by (1 to 8, as EXIF numbers them; 1:
  /// as stored): `image`, `width` and `height` are the turned picture's, as viewers show it.
  int orientation = 1;
  /// A palette PNG's colours (red, green, blue) by index, which `image` holds as colours;
  /// empty for other files. Masks read their class numbers through it (maskValues).
  std::vector<std::array<std::uint8_t, 3>> palette;
  bool ok() const { return error.empty(); }
};

/// Reads a whole file into memory. Returns false and sets `error` when it cannot, or when it
/// is larger than kMaxFileBytes.
bool readFileBytes(const std::filesystem::path& file, std::vector<std::uint8_t>& bytes,
                   std::string& error);

/// The largest file read whole (images, model files, annotation files): 2.4 GB, 150
/// megapixels in four 32-bit channels uncompressed, more than any image decodeImage accepts
/// needs. A larger file (a 20 GB sparse file named x.png, a disk image) is refused before it
/// fills the memory.
inline constexpr std::uint64_t kMaxFileBytes = 2'400'000'000;

/// Why `file` is too large to read whole ("file too large to read (20.0 GB; at most 2.4 GB)"),
/// or "" when it is not (or its size cannot be told: reading it will say why). The one check
/// every reader of whole files makes.
std::string tooLargeToRead(const std::filesystem::path& file);

/// FNV-1a 64-bit hash of a byte buffer (duplicate detection, not security).
std::uint64_t fnv1a64(const std::uint8_t* data, std::size_t size);

/// Decodes an in-memory image file, rejecting empty, non-image, truncated and
/// undecodable data with a human-readable reason. With `targetSize` > 0 (the model input it
/// is decoded for), a JPEG at least twice that size in both directions is decoded at the
/// largest of 1/2, 1/4, 1/8 scale that keeps it at least `targetSize` (jpegReduction):
/// training and inference both decode this way, so they see the same pixels.
DecodedImage decodeImage(const std::vector<std::uint8_t>& bytes, int targetSize = 0);

/// decodeImage refuses images whose header declares more pixels than this, whatever scale
/// they would be decoded at: 150 megapixels, 450 MB as BGR. Every path (scan, training,
/// prediction, thumbnails) decodes through decodeImage, so one rule holds everywhere.
inline constexpr std::uint64_t kMaxDecodedPixels = 150'000'000;

/// Reads and decodes a file (see decodeImage); with `contentHash`, also the FNV-1a 64 of its
/// bytes when it decodes (the dataset scan's: prediction does not pay for it).
DecodedImage loadImage(const std::filesystem::path& file, int targetSize = 0,
                       std::uint64_t* contentHash = nullptr);

/// The JPEG decoding scale (1, 2, 4 or 8) decodeImage uses for `targetSize`; 1 for other
/// formats, for a JPEG whose size does not divide, or without a target.
int jpegReduction(const std::vector<std::uint8_t>& bytes, int targetSize);

/// Converts to `channels` (1 = gray, 3 = RGB order) and resizes to size×size (area
/// interpolation when shrinking, linear when enlarging). Output is CV_8UC1 or CV_8UC3.
cv::Mat toModelInput(const cv::Mat& image, int size, int channels);

/// The image file extensions we read, lower case with the dot (".jpg" … ".webp", ".pgm"): the
/// formats decodeImage knows by their signature. Matched without regard to case.
const std::vector<std::string>& imageExtensions();
bool isImageExtension(const std::filesystem::path& file);

}  // namespace sdd

namespace sdd {

/// Loads many files in parallel, each through loadImage + toModelInput. `errors[i]` is
/// empty on success; a failed image is left empty.
struct LoadedInputs {
  std::vector<cv::Mat> images;
  std::vector<std::string> errors;
  std::vector<std::pair<int, int>> sizes;  ///< each file's (width, height) as stored
  std::size_t failed = 0;
};
LoadedInputs loadModelInputs(const std::vector<std::filesystem::path>& files, int size,
                             int channels, int threads = 0);
/// True for a 3-channel image whose three channels are equal everywhere (a grey image decoded
/// as colour: training holds it as one channel).
bool isGrey(const cv::Mat& image);

}  // namespace sdd
