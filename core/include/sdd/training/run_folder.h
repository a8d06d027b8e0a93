#pragma once
/// A training run's folder: the one place that knows what a run writes and how runs are
/// named. A run folder holds run.json (what the run is: network, settings, dataset, start
/// time), model.sddm (the kept epoch), best.sddm, last.sddm, checkpoint.sddc (what a resume
/// continues from) and the per-epoch log as log.csv and log.jsonl. Runs are named by their
/// UTC start time (2026-11-24T22-16-07Z), by the workbench and the CLI alike, so names sort by
/// date. Thread-safety: a RunFolder is a plain value; its files may be read from any thread.

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sdd/model/model_spec.h"
#include "sdd/training/train_config.h"

namespace sdd {

/// A run folder file that exists but cannot be read (damaged run.json or log.jsonl).
class RunFolderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What run.json says about a run.
struct RunManifest {
  ModelSpec spec;
  TrainConfig config;
  std::string dataset;       ///< the dataset folder it was trained on
  std::string architecture;  ///< spec.describe(), for listings
  std::string started;       ///< UTC, ISO 8601: when the run (its first session) started
};

class RunFolder {
 public:
  explicit RunFolder(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& path() const { return dir_; }
  std::string name() const { return dir_.filename().string(); }

  std::filesystem::path manifestFile() const { return dir_ / "run.json"; }
  std::filesystem::path modelFile() const { return dir_ / "model.sddm"; }
  std::filesystem::path bestFile() const { return dir_ / "best.sddm"; }
  std::filesystem::path lastFile() const { return dir_ / "last.sddm"; }
  std::filesystem::path checkpointFile() const { return dir_ / "checkpoint.sddc"; }
  /// The LibTorch archive checkpoint earlier versions wrote, which a resume still reads.
  std::filesystem::path legacyCheckpointFile() const { return dir_ / "checkpoint.pt"; }
  std::filesystem::path logCsvFile() const { return dir_ / "log.csv"; }
  std::filesystem::path logJsonlFile() const { return dir_ / "log.jsonl"; }

  /// The checkpoint a resume would continue from (the current format first), or empty.
  std::filesystem::path findCheckpoint() const;
  bool hasManifest() const;
  /// run.json; nullopt when there is none. Throws RunFolderError naming the file and the
  /// reason when it is damaged.
  std::optional<RunManifest> readManifest() const;
  /// Writes run.json atomically (sdd/util/atomic_file.h; throws WriteError).
  void writeManifest(const RunManifest& manifest) const;
  /// The per-epoch history (log.jsonl); empty when there is no log. Throws RunFolderError
  /// naming the file and line when the log is damaged.
  std::vector<EpochStats> readLog() const;
  /// Writes log.csv and log.jsonl atomically (throws WriteError).
  void writeLog(const std::vector<EpochStats>& history) const;

  /// A new run's folder name: the current UTC time, e.g. 2026-11-24T22-16-07Z.
  static std::string newName();

 private:
  std::filesystem::path dir_;
};

void to_json(nlohmann::json& j, const RunManifest& m);
void from_json(const nlohmann::json& j, RunManifest& m);

}  // namespace sdd
