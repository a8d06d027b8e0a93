#pragma once
/// How many labels does labeling with the model's help save? A simulation on a labeled
/// dataset: its training labels are hidden, K per class are "given" at random, and each
/// round trains a model on the labels given so far (the default recipe, epochs scaled to the
/// number of labels), measures its validation macro F1, then "asks" for Q more labels, picked
/// by `strategy`: "uncertainty" (the smallest margin between the two most probable classes
/// under that model) or "random". The answers come from the hidden labels. A program, not a
/// timed test: `sdd simulate-labeling` runs it.
/// Thread-safety: blocks the calling thread; the callbacks run on it.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"

namespace sdd {

struct SimulationOptions {
  std::string strategy = "uncertainty";  ///< uncertainty | random
  int startPerClass = 5;
  int query = 60;       ///< labels asked for per round
  int maxLabels = 630;  ///< stop after the round that reaches this many
  std::uint64_t seed = 1;
  /// Epochs per round: enough for `stepsPerRound` batches of 32, within [minEpochs, maxEpochs]
  /// (few labels would otherwise get a handful of optimizer steps).
  int stepsPerRound = 1800, minEpochs = 20, maxEpochs = 80;
  int threads = 0;
  std::filesystem::path workDir;  ///< the rounds' run folders (each removed after its round)
  const std::atomic<bool>* cancel = nullptr;
};

/// One round: the labels given so far and the validation macro F1 of the model trained on them.
struct SimulationPoint {
  int labels = 0;
  double macroF1 = 0;
  int epochs = 0;
  double seconds = 0;  ///< training and scoring of the round
};

/// The epochs a round with `labels` labels trains for.
int simulationEpochs(const SimulationOptions& options, int labels);

/// Runs the simulation on `dataset` (its train split is the pool, its validation split the
/// measure). `onRound` sees each point as it is made. Throws std::invalid_argument for an
/// unknown strategy or a class with fewer train images than startPerClass.
std::vector<SimulationPoint> simulateLabeling(
    const Dataset& dataset, const SimulationOptions& options,
    const std::function<void(const SimulationPoint&)>& onRound = {});

/// The validation macro F1 with every training label given, trained as a round with that many
/// labels is: the reference the simulation's curves approach.
SimulationPoint fullLabelPoint(const Dataset& dataset, const SimulationOptions& options);

/// The fewest labels with which a curve reaches `f1` (0 when it never does).
int labelsToReach(const std::vector<SimulationPoint>& curve, double f1);

/// One point of a simulation run, as `sdd simulate-labeling --csv` writes it: the strategy
/// ("uncertainty", "random", or kAllLabels for the reference trained on every label).
struct SimulationRow {
  std::string strategy;
  std::uint64_t seed = 0;
  SimulationPoint point;
};
inline constexpr const char* kAllLabels = "all labels";
/// The CSV: strategy,seed,labels,macro_f1,epochs,seconds.
std::string simulationCsv(const std::vector<SimulationRow>& rows);
/// Reads that CSV back; throws std::runtime_error naming the line of a bad row.
std::vector<SimulationRow> parseSimulationCsv(const std::string& text);

}  // namespace sdd
