#pragma once
/// The split Dataset::scan makes where the dataset has none of its own. Private to the core.

#include <filesystem>
#include <vector>

#include "sdd/dataset/dataset.h"

namespace sdd {

/// Gives each sample its split: a labeled one by stratifiedSplit over its class, with
/// content-identical labeled images (same contentHash) drawn as one, so that a copy of a
/// training image is never a validation image; an unlabeled one by its path alone (stable
/// across scans, so an image labeled later always lands in the same split).
void assignSeededSplit(std::vector<Sample>& samples, const std::filesystem::path& root,
                       const ScanOptions& options);

}  // namespace sdd
