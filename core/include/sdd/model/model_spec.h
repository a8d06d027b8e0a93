#pragma once
/// Architecture description of the detector CNN and the metadata a model file carries.
/// Plain data, no LibTorch: the GUI and CLI can read a model's description cheaply.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sdd/metrics/calibration.h"

namespace sdd {

/// A user-caused model problem: unreadable file, wrong architecture, wrong class list.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class HeadType { Flatten, GlobalAvgPool };

/// The configurable CNN: N blocks of conv(k×k, stride 1, same padding) [+ BatchNorm] + ReLU
/// + 2×2 max-pool, then a head (flatten or global average pool), an optional hidden FC
/// layer with ReLU, and a final FC layer with one output per class (SoftMax applied at
/// inference). With `defectMap`, a second output: a defect-probability map at the second
/// block's resolution, the sum of a 1×1 conv of each block's output from the second on
/// (the deeper ones upsampled bilinearly), a sigmoid applied at inference. With `mapBoxes`
/// the sum is kMapWidth wide and goes through a small conv tower, and the map has four more
/// channels, each cell's box (FCOS-style, Tian et al. 2019): the distances from the cell's
/// centre to its box's left, top, right and bottom edges, in cells, as their logarithms
/// (exp at inference).
struct ModelSpec {
  int inputSize = 200;
  int inputChannels = 3;
  std::vector<int> convChannels{8, 16, 32, 64};
  int kernelSize = 3;
  HeadType head = HeadType::Flatten;
  int fcWidth = 16;  ///< hidden FC width; 0 = none
  bool batchNorm = false;
  double dropout = 0.0;  ///< before the last FC layer
  int numClasses = 6;
  bool defectMap = false;  ///< the localization output; needs at least 2 conv blocks
  bool mapBoxes = false;   ///< the map also gives each cell's box; only with defectMap
  /// With mapBoxes, each block's 1×1 conv gives kMapWidth channels; their sum goes through
  /// kMapTowerDepth 3×3 convs (ReLU before each) and a 1×1 conv to the 5 outputs.
  static constexpr int kMapWidth = 32;
  static constexpr int kMapTowerDepth = 3;

  /// The paper's Table II network.
  static ModelSpec tableII(int numClasses = 6);
  /// Our default: Table II's conv widths with BatchNorm and a global-average-pooling head
  /// straight into the output layer, at 50 px (NEU's JPEGs decoded at quarter scale):
  /// 25,158 weights and 2.6 M MACs for 6 classes (docs/performance.md).
  static ModelSpec recommended(int numClasses = 6);

  /// Throws ModelError when the spec cannot build a network (e.g. pools shrink to 0) or
  /// needs more compute or memory per image than kMaxMacs / kMaxActivationBytes.
  void validate() const;
  /// Spatial size of the last conv block's output.
  int featureSize() const;
  /// Side of the defect map (the second block's output): 12 for the default's 50 px input.
  int mapSize() const;
  /// Channels of the map output: 1, or 5 with mapBoxes; 0 without a map.
  int mapChannels() const;
  /// The descriptor the unknown score works on (DetectorNet::forwardWithDescriptor), part by
  /// part: the input's moments (3 per channel), then each conv block's (2 per channel).
  std::vector<int> descriptorParts() const;
  /// Its length: 249 for the default (3 channels, widths 8, 16, 32, 64).
  int descriptorSize() const;
  std::int64_t parameterCount() const;
  /// Multiply-accumulate operations for one image.
  std::int64_t macs() const;
  /// Bytes of activations one image's forward pass holds (every block's conv, BatchNorm and
  /// pooled outputs as float32): an upper estimate, checked before anything is allocated.
  std::int64_t activationBytes() const;

  /// What validate() allows: enough for 2,048-px inputs with the paper's widths; a model
  /// file asking for more (a damaged or crafted one asked for 275 GB) is refused.
  static constexpr std::int64_t kMaxMacs = 50'000'000'000;
  static constexpr std::int64_t kMaxActivationBytes = 1LL << 30;
  /// One line, e.g. "200x200x3 conv[8,16,32,64] k3 flatten fc16 -> 6".
  std::string describe() const;

  bool operator==(const ModelSpec& other) const;
  bool operator!=(const ModelSpec& other) const { return !(*this == other); }
};

/// Per-channel normalization applied after scaling pixels to [0,1]: (x - mean) / std.
struct Normalization {
  std::vector<float> mean{0.5f, 0.5f, 0.5f};
  std::vector<float> std{0.25f, 0.25f, 0.25f};
};

/// Everything needed to use a model file on its own.
struct ModelMetadata {
  int formatVersion = 1;
  std::vector<std::string> classes;
  ModelSpec spec;
  Normalization normalization;
  nlohmann::json trainConfig = nlohmann::json::object();
  /// Metrics it reached and on which data (free-form, written by training/eval).
  nlohmann::json metrics = nlohmann::json::object();
  std::string createdAt;  ///< ISO 8601 UTC
  std::string tool = "sdd";
  /// Temperature and review threshold (`sdd calibrate`); none: raw probabilities, all accepted.
  std::optional<ConfidenceRule> confidenceRule;
  /// The images it was trained on, as their content hashes (Sample::contentHash: FNV-1a 64 of
  /// the file's bytes), sorted: evaluating on them is flagged (trainingOverlap). Empty: not
  /// recorded (model files before 2026-12-03, or an upgrade of one).
  std::vector<std::uint64_t> trainingImages;
};

void to_json(nlohmann::json& j, const ModelSpec& spec);
void from_json(const nlohmann::json& j, ModelSpec& spec);
void to_json(nlohmann::json& j, const ModelMetadata& meta);
void from_json(const nlohmann::json& j, ModelMetadata& meta);

/// Reads only the metadata of a model file (throws ModelError).
ModelMetadata readModelMetadata(const std::filesystem::path& file);
/// Loads a model file of any format version and writes it to `out` in the current one
/// (`out` must be another file), with `rule` as its confidence rule when given. Returns the
/// metadata written. Throws ModelError.
ModelMetadata upgradeModelFile(const std::filesystem::path& file, const std::filesystem::path& out,
                               const std::optional<ConfidenceRule>& rule = std::nullopt);

/// Throws ModelError naming both lists when a model's classes differ from a dataset's.
void requireSameClasses(const std::vector<std::string>& model,
                        const std::vector<std::string>& dataset,
                        const std::filesystem::path& modelFile);

std::string nowIso8601();

}  // namespace sdd
