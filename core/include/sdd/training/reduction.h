#pragma once
/// The paper's model-reduction procedure (Fig. 3) as an API: start from a larger network,
/// train briefly and evaluate; try smaller variants (drop the last conv stage, halve the conv
/// widths, halve or drop the hidden FC layer), smallest first, and keep the first whose
/// validation macro F1 stays within a tolerance of the base network's (and above an optional
/// floor); repeat until no variant passes; then train the chosen network longer ("extra
/// training"). Every tried model becomes a Table V row.
/// Thread-safety: run on one thread; `cancel` may be set from any thread.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/model/model_spec.h"
#include "sdd/training/trainer.h"

namespace sdd {

struct ReductionConfig {
  ModelSpec base;     ///< the starting network
  TrainConfig brief;  ///< training of each candidate (short)
  TrainConfig extra;  ///< training of the chosen network (longer)
  /// A candidate is kept when its validation macro F1 is at least max(targetF1, base F1 -
  /// tolerance): an absolute floor, and at most `tolerance` below what the base network
  /// reached with the same brief training.
  double targetF1 = 0.0;
  double tolerance = 0.01;
  int maxSteps = 12;  ///< reductions at most
};

struct ReductionStep {
  int step = 0;           ///< 0 = the base network
  std::string change;     ///< e.g. "halve conv widths"
  ModelSummary summary;   ///< layers, weights, MACs, macro F1, min AUC, ms/image
  bool accepted = false;  ///< became the current network
  std::filesystem::path runDir;
};

struct ReductionResult {
  std::vector<ReductionStep> tried;  ///< in the order tried
  double threshold = 0;              ///< the F1 a candidate had to reach
  ModelSpec chosen;
  ReductionStep final;  ///< the chosen network after extra training
  bool cancelled = false;
};

/// The smaller variants of `spec` tried at each step, fewest weights first. Variants that do
/// not have fewer weights (dropping a pool stage can enlarge a flatten head) are left out.
std::vector<std::pair<std::string, ModelSpec>> reductionCandidates(const ModelSpec& spec);

/// Runs the search in `outDir` (one sub-folder per trained model). `onStep` reports each
/// evaluated model; `onMessage` progress text.
ReductionResult reduceModel(const Dataset& dataset, const ReductionConfig& config,
                            const std::filesystem::path& outDir,
                            const std::function<void(const ReductionStep&)>& onStep = {},
                            const std::function<void(const std::string&)>& onMessage = {},
                            const std::atomic<bool>* cancel = nullptr);

/// Table V for our models (tried steps and the final one) as Markdown, with the paper's
/// reported rows in a separate table labelled as reported.
std::string reductionMarkdown(const ReductionResult& r);
/// The same rows as CSV (ours only):
/// step,change,accepted,layers,weights,macs,macro_f1,min_auc,ms_per_image,architecture
std::string reductionCsv(const ReductionResult& r);

}  // namespace sdd
