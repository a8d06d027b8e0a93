#pragma once
/// The model's suggestions for a dataset's images, kept in the workspace
/// (WORKSPACE/predictions.sqlite) by model: the fingerprint of the model file that made them
/// (fileFingerprint), so that they survive a restart and are shown only for that model.
/// One SQLite file as the label journal (WAL, full syncs, one transaction per call); it holds
/// nothing the user made: a lost or damaged file is scored again.
/// Thread-safety: one PredictionStore per thread; several processes may share the file.

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sdd/labels/label_store.h"

namespace sdd {

/// Probabilities by journal path (journalPath: relative to the dataset folder).
using StoredPredictions = std::unordered_map<std::string, std::vector<float>>;
/// Unknown scores (sdd/metrics/unknown_score.h) by journal path.
using StoredScores = std::unordered_map<std::string, double>;

class PredictionStore {
 public:
  /// Opens or creates `file` (LabelStoreError when it cannot; ReadOnly needs it to exist).
  explicit PredictionStore(const std::filesystem::path& file,
                           LabelStore::Access access = LabelStore::Access::ReadWrite);
  ~PredictionStore();
  PredictionStore(const PredictionStore&) = delete;
  PredictionStore& operator=(const PredictionStore&) = delete;

  /// The predictions file of a workspace folder.
  static std::filesystem::path fileIn(const std::filesystem::path& workspaceDir);

  void setBusyTimeout(int milliseconds);

  /// Stores `rows` (journal path, probabilities in the order of `classes`) for `model`,
  /// replacing what the model had for those paths, in one transaction. Throws
  /// std::invalid_argument for a row whose probabilities do not match the classes, and
  /// LabelStoreError when `model` was stored before with other classes. `unknownScores`, when
  /// given, holds each row's unknown score (as many as rows; std::invalid_argument otherwise).
  void put(const std::string& model, const std::vector<std::string>& classes,
           const std::vector<std::pair<std::string, std::vector<float>>>& rows,
           const std::vector<double>& unknownScores = {});

  /// Everything stored for `model` (empty when nothing).
  StoredPredictions get(const std::string& model) const;
  /// The unknown scores stored for `model` (empty when none: files written before scores
  /// were kept, or a model without an unknown detector).
  StoredScores unknownScores(const std::string& model) const;
  /// The class order of `model`'s probabilities (empty when nothing is stored for it).
  std::vector<std::string> classes(const std::string& model) const;

 private:
  struct Db;
  std::unique_ptr<Db> db_;
};

}  // namespace sdd
