#pragma once
// Internal: batches of a split's images in a given order, for training, validation and the
// confidence rule's pass. Held images are indexed; streamed ones (sets larger than memory and
// disk) are decoded from their files, the next batch on a worker thread while the caller
// computes on this one.

#include <torch/torch.h>

#include <functional>
#include <future>
#include <string>
#include <vector>

#include "training/training_data.h"

namespace sdd::training {

class BatchReader {
 public:
  struct Batch {
    torch::Tensor rows;    ///< int64 [B]: the split's rows in this batch
    torch::Tensor images;  ///< uint8 [B,C,S,S]
    /// With a defect map: SplitData::target and hasTarget of these rows; else undefined.
    torch::Tensor target, hasTarget;
  };

  /// Batches of `batch` rows of `data` in `order` (int64 [N]); `message` hears, on the
  /// caller's thread, of streamed files that no longer decode (a blank image stands in; a
  /// mask: the image has no target), once for all readers of `data` (a reader without one
  /// leaves them to be said by the next).
  BatchReader(const SplitData& data, torch::Tensor order, long batch,
              std::function<void(const std::string&)> message = {});
  /// Every row in turn.
  BatchReader(const SplitData& data, long batch,
              std::function<void(const std::string&)> message = {});
  ~BatchReader();
  BatchReader(const BatchReader&) = delete;
  BatchReader& operator=(const BatchReader&) = delete;

  std::size_t batches() const { return batches_; }
  /// The next batch (the first, the second, ...); an empty one after the last.
  Batch next();

 private:
  struct Decoded {
    torch::Tensor images, target, hasTarget;
    std::vector<std::string> failed;  ///< messages for files that failed, once each
  };
  torch::Tensor rowsOf(std::size_t b) const;
  Decoded decode(const torch::Tensor& rows) const;

  const SplitData& data_;
  torch::Tensor order_;
  long batch_;
  std::size_t batches_, next_ = 0;
  std::function<void(const std::string&)> message_;
  std::future<Decoded> ahead_;  ///< the next streamed batch, decoding
};

}  // namespace sdd::training
