#pragma once
// Internal: the training checkpoint a run writes after every epoch, in our own container
// (model/tensor_file.h, magic "SDDCHKPT"): the network's weights and buffers, the optimizer's
// per-weight state (Adam/AdamW moments and step counts, SGD momentum) and the trainer's own
// state as JSON. Parsed entirely by our code, so a damaged or crafted checkpoint gives an
// error, never a crash. Checkpoints written by earlier versions (checkpoint.pt, a LibTorch
// archive) are still read, by our own code too (model/legacy_archive.h), never by LibTorch.

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sdd/model/detector_net.h"

namespace sdd::checkpoint {

/// Writes `file` atomically (temp file + rename). `optimizer` is "adam", "adamw" or "sgd";
/// `average` (may be null) is the run's weight average (TrainConfig::ema).
/// Throws ModelError naming the file and the OS reason (e.g. a full disk).
void save(const std::filesystem::path& file, DetectorNet& net, DetectorNet* average,
          torch::optim::Optimizer& opt, const std::string& optimizer,
          const nlohmann::json& trainerState);

/// Restores weights and optimizer state in place (the tensors keep their memory format) and
/// returns the trainer state, which `check` sees (and can refuse by throwing) before anything
/// is restored. Reads both formats. Throws ModelError naming the file and why
/// (damaged, truncated, another architecture or optimizer, not a checkpoint). `average`
/// (may be null) receives the weight average; a checkpoint without one is refused for it.
nlohmann::json load(const std::filesystem::path& file, DetectorNet& net, DetectorNet* average,
                    torch::optim::Optimizer& opt, const std::string& optimizer,
                    const std::function<void(const nlohmann::json&)>& check);

/// Writes `file` as earlier versions wrote checkpoint.pt (a LibTorch archive): only to make
/// inputs for the tests and fuzzers of the code that still reads such files.
void saveLegacy(const std::filesystem::path& file, DetectorNet& net, torch::optim::Optimizer& opt,
                const nlohmann::json& trainerState);

}  // namespace sdd::checkpoint
