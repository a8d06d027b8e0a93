#pragma once
/// Run-length masks as labeling tools write an object's pixels: counts of alternating
/// background and object runs, background first. COCO (pycocotools, COCO's crowd annotations,
/// Datumaro) numbers the pixels down each column of the whole image; CVAT for images (<mask
/// rle="…" left top width height>) along each row of the object's box. Read into a
/// BoundingBox: its corners around the object's pixels and, when that box holds at most 16 M
/// pixels and the file's OutlineBudget (sdd/dataset/masks.h) has them, their outline (else the
/// box alone). Private to the core. Thread-safety: free
/// functions.

#include <nlohmann/json.hpp>
#include <string>

#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/masks.h"

namespace sdd {

/// A COCO run-length mask ({"counts", "size": [height, width]}, the counts a list or COCO's
/// compressed text) into `box` (its name untouched); false for an empty mask. Throws
/// std::out_of_range for counts that are not such a mask, JsonError for a size or listed count
/// that is not a whole number in range, nlohmann::json's exceptions for fields missing or of
/// the wrong type.
bool readRunLength(const nlohmann::json& rle, BoundingBox& box, OutlineBudget& budget);

/// A CVAT <mask>: `counts` as its rle attribute holds them ("3, 5, 2"), along the rows of the
/// width × height box whose top left pixel is (left, top); into `box` (its name untouched);
/// false for an empty mask. Throws std::out_of_range for counts that are not such a mask.
bool readCvatRunLength(const std::string& counts, double left, double top, double width,
                       double height, BoundingBox& box, OutlineBudget& budget);

}  // namespace sdd
