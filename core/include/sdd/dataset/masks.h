#pragma once
/// Pixel masks beside images: how the layouts users have name them, and how a scan pairs each
/// mask with its image (Dataset::scan attaches it as Sample::mask; a mask is never a sample).
/// Recognised: a mask folder (masks/, mask/, ground_truth/, groundtruth/, gt/, and the folders
/// that hold annotations: annotations/, labels/, label/, lable/, xml/, Pascal VOC's
/// SegmentationClass/, MMSegmentation's ann_dir/; also such a word joined to an image word:
/// AITEX's Mask_images/) mirroring the images (beside images/, imgs/, JPEGImages/, img_dir/, or
/// the class folders, or beside split folders as MVTec AD's ground_truth/ is, also in each of
/// several objects' folders), a name suffix (x_mask,
/// x_label, x_gt, x_GT, also with "-"), and a same-stem pair in one folder (x.jpg + x.png) where
/// one file is a single-channel image of at most two values. Thread-safety: free functions.

#include <array>
#include <cstdint>
#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/dataset/file_walk.h"
#include "sdd/imaging/image_loader.h"

namespace sdd {

/// True for the names of folders whose image files are masks and whose other files are
/// annotations (case-insensitive): never samples, never classes. Also joined to a split word:
/// train_masks, masks_test, DeepCrack's train_lab, CamVid's trainannot.
bool isMaskFolderName(const std::string& name);
/// True for the names of folders that mask folders mirror: images, imgs, image, img,
/// JPEGImages, pictures, photos (and bilder, imagenes …); also joined to a split word
/// (train_img, test-images).
bool isImageFolderName(const std::string& name);
/// The stem without a mask suffix ("x_mask" -> "x"), or "" when the stem has none.
std::string stemWithoutMaskSuffix(const std::string& stem);
/// A colour a segmentation export names a class by, red, green, blue.
using MaskColour = std::array<std::uint8_t, 3>;
/// The classes of a segmentation export's masks, from its labelmap.txt (CVAT's
/// "Segmentation mask 1.1" and Datumaro's Pascal VOC export: "scratch:128,0,0::" per line,
/// background first, "#" comments): line k names class number k and gives its colour.
struct MaskLabelMap {
  std::vector<std::string> names;
  std::vector<MaskColour> colours;
};
/// A label map file: a labelmap.txt as above, or Roboflow's _classes.csv of segmentation masks
/// ("Pixel Value, Class", then "1, scratch": names by number, no colours). Empty when it is not
/// one (a labelmap line without a name and three numbers, another CSV).
MaskLabelMap readMaskLabelMapFile(const std::filesystem::path& file);
/// The label map of the dataset in `folder`: its labelmap.txt or _classes.csv (any case), or
/// one of its split folders'; empty when there is none.
MaskLabelMap readMaskLabelMap(const std::filesystem::path& folder);

/// A mask's values as one 8-bit plane: its colours looked up in `colours` (a label map's, by
/// line) where that table holds them all, else a palette PNG's indices, else a grey file (or
/// one of equal channels) as it is. Empty when it cannot be a mask (colours in no table, not
/// 8 bits).
cv::Mat maskValues(const DecodedImage& image, const std::vector<MaskColour>& colours = {});

/// True when an image looks like a mask: one channel (or equal channels) of at most two
/// distinct values (an all-black mask of a defect-free image has one).
bool looksLikeMask(const cv::Mat& image);
/// True when a mask marks no defect: every pixel is zero (a defect-free image's mask).
bool maskIsBlank(const cv::Mat& mask);
/// The largest value a class-indexed mask holds: semantic segmentation sets (NEU-Seg's
/// annotations/, MMSegmentation's ann_dir/) mark each pixel with its class's number, 0 for
/// the background; a mask of 0 and 255 marks a defect, not a class (255 beside class numbers
/// is Pascal VOC's and MMSegmentation's "ignore" border, which names no class).
inline constexpr int kMaxMaskClassValue = 63;
/// The class a class-indexed mask marks: its most frequent non-zero value (the class covering
/// the most area, as an image's boxes give its class). 0 when the mask is blank, holds a value
/// above kMaxMaskClassValue (other than 255) or is not one 8-bit channel (or equal channels).
/// `mask` as maskValues gives it.
int maskClassValue(const cv::Mat& mask);
/// The key that pairs a file with its mask: its path relative to `root` with image and mask
/// folder names left out and, for a mask, its name suffix; lower-case free, '/'-separated.
std::string maskPairingKey(const std::filesystem::path& file, const std::filesystem::path& root,
                           bool isMask);

/// A file a scan found, as far as pairing needs it (from decoding it once).
struct PairingFile {
  std::filesystem::path path;
  bool readable = false;
  bool maskLike = false;  ///< looksLikeMask
  int width = 0, height = 0;
};
/// What pairing decided, per image file given.
struct MaskPairs {
  std::vector<std::filesystem::path> maskOf;  ///< its mask; empty: none
  std::vector<bool> isMask;                   ///< the file is a mask, not a sample
  std::vector<ScanIssue> issues;              ///< masks not attached, and why
  std::size_t attached = 0;
};
/// Pairs masks with images under `root`: `files` are the images the scan found (some of them
/// masks by name or by a same-stem partner), `maskFolderFiles` the files of mask folders. A
/// mask is attached only to an image of its size, one mask per image.
MaskPairs pairMasks(const std::filesystem::path& root, const std::vector<PairingFile>& files,
                    const std::vector<PairingFile>& maskFolderFiles);

/// A mask read for display or training: 255 where the defect is, 0 elsewhere (any non-zero
/// value of the file is the defect; of a palette PNG, any non-zero index). Empty, with `error` set,
/// when it cannot be read.
cv::Mat loadMask(const std::filesystem::path& file, std::string* error);

/// The bounding boxes of the 8-connected components of a binary image (non-zero = on), in
/// component order; `labels` (optional) gets each pixel's component, 1-based, 0 = off.
std::vector<cv::Rect> componentBoxes(const cv::Mat& binary, cv::Mat* labels = nullptr);

/// What one annotation file may have outlined from mask objects, in mask pixels: decoding and
/// tracing a mask costs in its pixels (a 4000 x 4000 one 0.14 s), so past 256 M of them, about
/// two seconds, a crafted file of thousands of huge masks keeps their boxes, not their outlines.
class OutlineBudget {
 public:
  explicit OutlineBudget(std::uint64_t pixels = std::uint64_t(256) << 20) : left_(pixels) {}
  /// Takes `pixels` from what is left; false, taking nothing, when fewer are left.
  bool take(std::uint64_t pixels) {
    if (pixels > left_) return false;
    left_ -= pixels;
    return true;
  }

 private:
  std::uint64_t left_;
};

/// The contours of a binary image's non-zero pixels, outer ones and those of their holes, as
/// an outline (BoundingBox::outline), moved by `offset` (where the image's top left corner lies in
/// the picture); at most kMaxOutlinePoints points in all, longer contours simplified.
std::vector<std::vector<OutlinePoint>> maskOutline(const cv::Mat& binary, cv::Point2d offset = {});
/// An outline with at most kMaxOutlinePoints points in all: each polygon thinned evenly
/// (every k-th point kept); polygons of fewer than three points are dropped.
std::vector<std::vector<OutlinePoint>> limitOutline(std::vector<std::vector<OutlinePoint>> outline);
/// Fills the region of `box` into `canvas` (8-bit, one channel) with `value`: its outline's
/// polygons, odd-even (a polygon inside another is a hole), when it has one, else its rectangle
/// (xmin..xmax inclusive); picture coordinates are scaled by `scale` (canvas pixels per picture
/// pixel, pixel centres kept aligned).
void fillRegion(const BoundingBox& box, cv::Mat& canvas, cv::Size2d scale = {1, 1},
                int value = 255);

/// Pascal VOC boxes as pixel rectangles (xmin..xmax inclusive), as masks' components are.
std::vector<cv::Rect> boxRects(const std::vector<BoundingBox>& boxes);
/// Intersection over union of two boxes (0 when both are empty).
double boxIoU(const cv::Rect2d& a, const cv::Rect2d& b);

}  // namespace sdd
