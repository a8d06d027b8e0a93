#pragma once
// Internal: a split's images decoded once into memory for training, the normalization
// statistics of the training images, and the fingerprint of a split that a resume compares.

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <string>

#include "sdd/dataset/dataset.h"
#include "sdd/model/model_spec.h"

namespace sdd::training {

struct SplitData {
  // uint8 [N,C,H,W]; C is 1 when every image of a 3-channel model is grey (R = G = B), which
  // holds the split once instead of three times (normalizeBatch and broadcasting repeat it).
  torch::Tensor x;
  torch::Tensor y;  // int64 [N]
  // With a defect map (spec.defectMap): the share of each map cell that is defect, from the
  // image's mask or else its boxes (float [N,1,m,m]; with spec.mapBoxes [N,6,m,m]: then also
  // channels 1-5 of cellBoxTarget), and whether the image has either (float [N], 1 or 0:
  // images with neither train only the classifier).
  torch::Tensor target, hasTarget;
};

/// Whether any image of `split` has a mask or defect boxes: something a defect map can learn.
bool hasLocations(const Dataset& ds, Split split);

/// The defect-map target of one sample at side `side`: the share of each cell covered by its
/// mask (when it has one) or its boxes; empty when it has neither (or its mask is unreadable,
/// said through `message`).
/// With `boxes` non-null it also gets cellBoxTarget of the mask's components or the boxes.
cv::Mat locationTarget(const Sample& sample, int side,
                       const std::function<void(const std::string&)>& message,
                       cv::Mat* boxes = nullptr);

/// The box regression target of a side × side map over an image of `size` with defect
/// rectangles `rects` (pixels): CV_32FC(5) per cell, the distances from the cell's centre to
/// the left, top, right and bottom edges of its box (in cells) and a weight (0: no box there,
/// nothing to learn; else every box's cells share the same total, and the weights of the
/// image's cells average 1). A cell's box is the smallest one holding the cell's centre; a box
/// that holds no cell centre (smaller than a cell) goes to the cell its own centre lies in
/// when that cell has no box yet.
cv::Mat cellBoxTarget(const std::vector<cv::Rect>& rects, cv::Size size, int side);

/// Where a split's decoded images are held: in memory, or, when they would take more than
/// `memoryBytes`, in a file-backed map in `folder` (an unlinked file, so nothing is left
/// behind), which the system pages in and out as batches read it.
struct ImageStore {
  std::filesystem::path folder;  ///< empty: always in memory
  std::int64_t memoryBytes = 0;  ///< 0: half of this machine's memory
};

/// Decodes the images of `split` at the network's input size. A file that changed since the
/// scan is skipped with a message rather than ending hours of training. Throws
/// std::runtime_error when the images must go to `store`'s folder and cannot (no room).
SplitData loadSplit(const Dataset& ds, Split split, const ModelSpec& spec, int threads,
                    const std::function<void(const std::string&)>& message,
                    const ImageStore& store = {});

/// Per-channel mean and standard deviation of uint8 images [N,C,H,W], in [0,1] units, for a
/// model of `channels` (a single stored grey channel gives that many equal entries). Counts
/// pixel values in one pass (exact, no float copy of the images).
Normalization computeNormalization(const torch::Tensor& u8, int channels);

/// What the splits lack for a useful run, one sentence each: no validation images, a class
/// without training images (MVTec AD keeps every defect in test/), with the way out.
std::vector<std::string> splitWarnings(const Dataset& ds);

/// Which files are in the training and in the validation split (not their labels: a resumed
/// run may use labels corrected since), as 16 hex digits.
std::string splitFingerprint(const Dataset& ds);

}  // namespace sdd::training
