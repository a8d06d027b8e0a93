#pragma once
// Helpers shared by the tests: temporary folders and generated images.
#include <array>
#include <cstdint>
#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace sdd::test {

/// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

/// A synthetic "defect" image whose class is learnable even under flips and 90-degree
/// rotations: 0 = stripes, 1 = bright disk, 2 = ring, 3 = checkerboard (class % 4);
/// `variant` seeds noise, position and orientation.
cv::Mat patternImage(int cls, int variant, int width = 48, int height = 48, int channels = 3);

/// A defect on a textured background and its pixel mask (255 on the defect, 0 elsewhere):
/// class 0 = a bright rectangle, 1 = a dark disk, 2 = a bright diagonal bar (class % 3), at a
/// position and size seeded by `variant`. With `defect` false, plain texture and a black mask.
struct ShapeImage {
  cv::Mat image, mask;
  cv::Rect box;  ///< the defect's bounding box
};
ShapeImage shapeOnTexture(int cls, int variant, int size = 48, bool defect = true);

/// A folder-per-class dataset in `root`: classes c0, c1, ... with `perClass` PNG pattern
/// images (patternImage(class, n)) of `size` x `size` pixels each.
void writePatternDataset(const std::filesystem::path& root, int classes, int perClass,
                         int size = 40);

/// Writes an image (format from the extension), creating folders.
void writeImage(const std::filesystem::path& file, const cv::Mat& image);
void writeBytes(const std::filesystem::path& file, const std::string& bytes);
/// `image` as a JPEG file's bytes carrying an EXIF `orientation` (1 to 8), as a phone stores a
/// photo: the pixels as taken, the tag saying how to turn them for viewing.
std::string jpegWithOrientation(const cv::Mat& image, int orientation);
/// An 8-bit palette PNG file's bytes: `indices` (CV_8UC1) as the pixels, `palette` (red, green,
/// blue per index) as its colours, as Pascal VOC stores class-indexed masks (OpenCV writes no
/// such file).
std::string palettePng(const cv::Mat& indices,
                       const std::vector<std::array<std::uint8_t, 3>>& palette);
std::string readBytes(const std::filesystem::path& file);

/// True when a scan (an sdd::Dataset) skipped or named the file called `name` with a reason
/// containing `reasonPart`. (A template so that the tools built from this file without the
/// core still link.)
template <typename Dataset>
bool skippedWith(const Dataset& ds, const std::string& name, const std::string& reasonPart) {
  for (const auto& s : ds.skipped())
    if (s.file.filename() == name && s.reason.find(reasonPart) != std::string::npos) return true;
  return false;
}

/// The real NEU-DET folder (data/NEU-DET in the source tree or $SDD_NEU_DIR); empty if absent.
std::filesystem::path neuDetDir();

}  // namespace sdd::test
