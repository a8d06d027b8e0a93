#pragma once
/// Writing a dataset's current defect boxes (VOC on disk, with the journal's edits applied:
/// applyBoxes) in the two formats other tools read: Pascal VOC XML, one file per image, and
/// one COCO JSON file. Only the new files are written, each atomically; the dataset's own
/// annotation files are never touched.
/// Thread-safety: free functions on a const Dataset.

#include <cstddef>
#include <filesystem>

#include "sdd/dataset/dataset.h"

namespace sdd {

/// Writes `outDir/<image path relative to the dataset root>` with the extension .xml for
/// every image (one without boxes gets an annotation without objects: defect-free is an
/// answer too). Refuses a non-empty `outDir` (std::runtime_error). Coordinates are written
/// as stored (VOC's 1-based corners when they came from VOC). Returns the files written.
std::size_t exportVocAnnotations(const Dataset& dataset, const std::filesystem::path& outDir);

/// What exportCoco wrote.
struct CocoSummary {
  std::size_t images = 0, annotations = 0, categories = 0;
};
/// Writes one COCO detection JSON: every image (file_name relative to the dataset root,
/// width, height), every box as an annotation (bbox [xmin, ymin, xmax - xmin, ymax - ymin],
/// area, iscrowd 0) and the categories: the dataset's classes first, then other box names,
/// ids from 1. Throws WriteError when the file cannot be written.
CocoSummary exportCoco(const Dataset& dataset, const std::filesystem::path& jsonFile);

}  // namespace sdd
