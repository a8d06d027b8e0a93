#pragma once
// The defect map's training loss (ModelSpec::defectMap, mapBoxes). Internal to the trainer.

#include <torch/torch.h>

namespace sdd::training {

/// `logits`: the map's output [N, 1 or 5, m, m]; `target`: SplitData::target of the batch
/// [N, 1 or 6, m, m]; `has`: whether each image has a mask or boxes [N]. Per-cell binary
/// cross-entropy of the defect probability, averaged over the images that have a mask or
/// boxes (0 when none has); with boxes, plus 1 - IoU of each cell's box, averaged over the
/// cells that have one (UnitBox, Yu et al. 2016; FCOS, Tian et al. 2019).
torch::Tensor defectMapLoss(const torch::Tensor& logits, const torch::Tensor& target,
                            const torch::Tensor& has);

}  // namespace sdd::training
