#pragma once
// Internal: a split's images decoded once into memory for training (or, for sets larger than
// memory and disk, decoded from their files batch by batch), the normalization statistics of
// the training images, and the fingerprint of a split that a resume compares.

#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/model/model_spec.h"

namespace sdd::training {

/// How often each pixel value occurs, per channel held (one channel when every image is grey).
using PixelCounts = std::vector<std::array<std::uint64_t, 256>>;

/// A split whose images (and defect-map targets) are made from their files for every batch
/// instead of being held (BatchReader reads them): the samples whose images decoded when the
/// split was loaded, one per row.
struct StreamedImages {
  std::vector<Sample> samples;
  ModelSpec spec;
  long channels = 1;   ///< per row: 3 when any image has colour, as loadSplit would hold them
  PixelCounts counts;  ///< of the load pass, for the normalization
  /// What failed since the load pass (an image: a blank one stands in; a mask: no target),
  /// each said once.
  mutable std::mutex failedMutex;
  mutable std::set<std::string> failed;
};

struct SplitData {
  // uint8 [N,C,H,W]; C is 1 when every image of a 3-channel model is grey (R = G = B), which
  // holds the split once instead of three times (normalizeBatch and broadcasting repeat it).
  // Undefined when the images are streamed.
  torch::Tensor x;
  std::shared_ptr<const StreamedImages> streamed;
  torch::Tensor y;  // int64 [N]
  // With a defect map (spec.defectMap): the share of each map cell that is defect, from the
  // image's mask or else its boxes (float [N,1,m,m]; with spec.mapBoxes [N,6,m,m]: then also
  // channels 1-5 of cellBoxTarget), and whether the image has either (float [N], 1 or 0:
  // images with neither train only the classifier). Undefined when streamed (BatchReader
  // makes them for each batch).
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

/// Writes the defect-map target of `sample` into `row` (float [C,m,m] for SplitData::target,
/// zeroed by the caller) and says whether it has one (locationTarget's; `message` hears of an
/// unreadable mask).
bool writeTarget(const Sample& sample, const ModelSpec& spec, float* row,
                 const std::function<void(const std::string&)>& message);

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
/// behind), which the system pages in and out as batches read it; when the folder has no room
/// for them either (or `stream`), not held at all but decoded from their files for each batch.
struct ImageStore {
  std::filesystem::path folder;  ///< empty: always in memory
  std::int64_t memoryBytes = 0;  ///< 0: half of this machine's memory
  bool stream = false;           ///< decode for each batch whatever the budget
};

/// The image of `file` at the model's input (toModelInput), or `error` says why not.
struct InputImage {
  cv::Mat image;
  std::string error;
  bool colour = false;  ///< three channels that are not all equal
};
InputImage decodeInput(const std::filesystem::path& file, const ModelSpec& spec);

/// Copies a model input image into one row of a uint8 [N,C,S,S] tensor of `channels` (1: the
/// first channel of a grey image; 3: its planes, a one-channel image repeated).
void copyToRow(const cv::Mat& image, long channels, std::uint8_t* row);

/// Decodes the images of `split` at the network's input size. A file that changed since the
/// scan is skipped with a message rather than ending hours of training. Images the store's
/// folder has no room for are streamed, said through `message`; throws std::runtime_error
/// only when a set found to have colour needs three times the room it had for grey.
SplitData loadSplit(const Dataset& ds, Split split, const ModelSpec& spec, int threads,
                    const std::function<void(const std::string&)>& message,
                    const ImageStore& store = {});

/// Per-channel mean and standard deviation of uint8 images [N,C,H,W], in [0,1] units, for a
/// model of `channels` (a single stored grey channel gives that many equal entries). Counts
/// pixel values in one pass (exact, no float copy of the images).
Normalization computeNormalization(const torch::Tensor& u8, int channels);

/// The normalization of a loaded split: counted from its images, held or streamed.
Normalization normalizationOf(const SplitData& data, int channels);

/// What the splits lack for a useful run, one sentence each: no validation images, a class
/// without training images (MVTec AD keeps every defect in test/) or without validation images,
/// with the way out.
std::vector<std::string> splitWarnings(const Dataset& ds);

/// Which files are in the training and in the validation split (not their labels: a resumed
/// run may use labels corrected since), as 16 hex digits.
std::string splitFingerprint(const Dataset& ds);

}  // namespace sdd::training
