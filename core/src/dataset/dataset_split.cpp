#include "dataset/dataset_split.h"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>

namespace fs = std::filesystem;

namespace sdd {
namespace {

// The split of an image that had no class when scanned, from its path alone (FNV-1a of the
// path relative to the root): stable across scans, so an image labeled later always lands
// in the same split.
Split splitOfUnlabeled(const fs::path& root, const fs::path& file, double validationFraction) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : file.lexically_relative(root).generic_string())
    h = (h ^ ch) * 1099511628211ull;
  return static_cast<double>(h % 10000) < validationFraction * 10000 ? Split::Validation
                                                                     : Split::Train;
}

}  // namespace

std::vector<Split> stratifiedSplit(const std::vector<int>& labels, double validationFraction,
                                   std::uint64_t seed) {
  std::vector<Split> out(labels.size(), Split::Train);
  std::map<int, std::vector<std::size_t>> byLabel;
  for (std::size_t i = 0; i < labels.size(); ++i) byLabel[labels[i]].push_back(i);
  std::mt19937_64 rng(seed);
  for (auto& [label, idx] : byLabel) {
    // Fisher-Yates with our own draws: std::shuffle's output differs between libraries.
    for (std::size_t i = idx.size(); i > 1; --i) std::swap(idx[i - 1], idx[rng() % i]);
    auto nVal = static_cast<std::size_t>(validationFraction * idx.size() + 0.5);
    if (validationFraction > 0 && idx.size() >= 2) nVal = std::max<std::size_t>(nVal, 1);
    nVal = std::min(nVal, idx.size() - (idx.size() >= 2 ? 1 : 0));
    for (std::size_t k = 0; k < nVal; ++k) out[idx[k]] = Split::Validation;
  }
  return out;
}

void assignSeededSplit(std::vector<Sample>& samples, const fs::path& root,
                       const ScanOptions& options) {
  // One draw per distinct labeled image, in the order of its first copy: without copies the
  // draws, and so the split, are those of every image in turn.
  std::vector<std::size_t> unitOf(samples.size());
  std::vector<int> unitLabels;
  std::unordered_map<std::uint64_t, std::size_t> unitOfHash;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    Sample& s = samples[i];
    if (s.label == kUnlabeled) {
      s.split = splitOfUnlabeled(root, s.path, options.validationFraction);
      continue;
    }
    // A new unit unless a copy came before (0: no hash taken, as for samples not from a scan).
    std::size_t unit = unitLabels.size();
    if (s.contentHash) unit = unitOfHash.try_emplace(s.contentHash, unit).first->second;
    if (unit == unitLabels.size()) unitLabels.push_back(s.label);
    unitOf[i] = unit;
  }
  const auto splits = stratifiedSplit(unitLabels, options.validationFraction, options.seed);
  for (std::size_t i = 0; i < samples.size(); ++i)
    if (samples[i].label != kUnlabeled) samples[i].split = splits[unitOf[i]];
}

}  // namespace sdd
