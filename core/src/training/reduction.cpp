#include "sdd/training/reduction.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "sdd/inference/predictor.h"
#include "sdd/util/csv.h"

namespace sdd {

std::vector<std::pair<std::string, ModelSpec>> reductionCandidates(const ModelSpec& spec) {
  std::vector<std::pair<std::string, ModelSpec>> out;
  auto consider = [&](const std::string& change, ModelSpec s) {
    try {
      s.validate();
    } catch (const ModelError&) {
      return;
    }
    if (s.parameterCount() < spec.parameterCount()) out.emplace_back(change, s);
  };
  if (spec.convChannels.size() > 1) {
    ModelSpec s = spec;
    s.convChannels.pop_back();
    consider("drop the last conv stage", s);
  }
  if (std::all_of(spec.convChannels.begin(), spec.convChannels.end(),
                  [](int c) { return c >= 2; })) {
    ModelSpec s = spec;
    for (int& c : s.convChannels) c /= 2;
    consider("halve the conv widths", s);
  }
  if (spec.convChannels.size() > 1 && spec.convChannels.back() >= 2) {
    ModelSpec s = spec;
    s.convChannels.back() /= 2;
    consider("halve the last conv width", s);
  }
  if (spec.fcWidth >= 2) {
    ModelSpec s = spec;
    s.fcWidth /= 2;
    consider("halve the hidden FC", s);
  }
  if (spec.fcWidth > 0) {
    ModelSpec s = spec;
    s.fcWidth = 0;
    consider("drop the hidden FC", s);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second.parameterCount() < b.second.parameterCount();
  });
  return out;
}

namespace {

ReductionStep trainAndMeasure(const Dataset& dataset, const ModelSpec& spec, const TrainConfig& cfg,
                              const std::filesystem::path& dir, int step, const std::string& change,
                              const std::function<void(const std::string&)>& onMessage,
                              const std::atomic<bool>* cancel, bool& cancelled) {
  ReductionStep r;
  r.step = step;
  r.change = change;
  r.runDir = dir;
  if (onMessage)
    onMessage("step " + std::to_string(step) + ": " + change + " -> " + spec.describe());
  Trainer trainer(dataset, spec, cfg, dir);
  trainer.setCancelFlag(cancel);
  trainer.onEpoch = [&](const EpochStats& s) {
    if (onMessage)
      onMessage("step " + std::to_string(step) + ", epoch " + std::to_string(s.epoch) + "/" +
                std::to_string(cfg.epochs) + ": validation macro F1 " +
                std::to_string(s.valMacroF1));
  };
  const TrainResult t = trainer.run();
  if (t.cancelled) {
    cancelled = true;
    return r;
  }
  Predictor predictor(t.modelFile, cfg.device, 1);
  const ModelEvaluation ev =
      evaluateModel(predictor, t.modelFile, dataset, "validation", {}, cancel);
  if (ev.cancelled) {
    cancelled = true;
    return r;
  }
  r.summary = summarize(ev, "step " + std::to_string(step));
  return r;
}

}  // namespace

ReductionResult reduceModel(const Dataset& dataset, const ReductionConfig& config,
                            const std::filesystem::path& outDir,
                            const std::function<void(const ReductionStep&)>& onStep,
                            const std::function<void(const std::string&)>& onMessage,
                            const std::atomic<bool>* cancel) {
  ReductionResult result;
  bool cancelled = false;
  ModelSpec current = config.base;
  current.numClasses = static_cast<int>(dataset.classes().size());
  int step = 0;
  auto dirFor = [&](int s) { return outDir / ("step-" + std::to_string(s)); };

  ReductionStep base = trainAndMeasure(dataset, current, config.brief, dirFor(0), 0, "base network",
                                       onMessage, cancel, cancelled);
  if (cancelled) return result.cancelled = true, result;
  base.accepted = base.summary.macroF1 >= config.targetF1;
  result.threshold = std::max(config.targetF1, base.summary.macroF1 - config.tolerance);
  result.tried.push_back(base);
  if (onStep) onStep(base);
  if (!base.accepted && onMessage)
    onMessage("the base network itself stays below the F1 floor; no reduction is tried");

  // Reductions commute (drop the last stage of a network whose last width was halved = the
  // network dropped before): a candidate that already failed would train to the same result
  // (same seed, same settings), so it is not trained again.
  std::vector<ModelSpec> rejected;
  bool progress = base.accepted;
  while (progress && step < config.maxSteps) {
    progress = false;
    for (const auto& [change, spec] : reductionCandidates(current)) {
      if (std::find(rejected.begin(), rejected.end(), spec) != rejected.end()) {
        if (onMessage)
          onMessage("skipping " + spec.describe() + ": already tried, below the target");
        continue;
      }
      ++step;
      ReductionStep r = trainAndMeasure(dataset, spec, config.brief, dirFor(step), step, change,
                                        onMessage, cancel, cancelled);
      if (cancelled) return result.cancelled = true, result;
      r.accepted = r.summary.macroF1 >= result.threshold;
      result.tried.push_back(r);
      if (onStep) onStep(r);
      if (r.accepted) {
        current = spec;
        progress = true;
        break;
      }
      rejected.push_back(spec);
      if (step >= config.maxSteps) break;
    }
  }
  result.chosen = current;
  result.final =
      trainAndMeasure(dataset, current, config.extra, outDir / "final", step + 1,
                      "extra training of the chosen network", onMessage, cancel, cancelled);
  if (cancelled) return result.cancelled = true, result;
  result.final.summary.name = "final";
  result.final.accepted = true;
  if (onStep) onStep(result.final);
  return result;
}

namespace {
std::string fmt(double v, int d) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(d) << v;
  return o.str();
}
}  // namespace

std::string reductionMarkdown(const ReductionResult& r) {
  std::ostringstream o;
  o << "Kept: validation macro F1 >= " << fmt(r.threshold, 4)
    << " after the same brief training.\n\n";
  o << "| step | change | kept | layers | weights | MACs | macro F1 | min AUC | ms/image | "
       "architecture |\n"
    << "|---:|---|:---:|---:|---:|---:|---:|---:|---:|---|\n";
  auto row = [&](const ReductionStep& s, const std::string& stepName) {
    o << "| " << stepName << " | " << s.change << " | " << (s.accepted ? "yes" : "no") << " | "
      << s.summary.layers << " | " << s.summary.weights << " | " << s.summary.macs << " | "
      << fmt(s.summary.macroF1, 4) << " | " << fmt(s.summary.minAuc, 4) << " | "
      << fmt(s.summary.medianMs, 2) << " | `" << s.summary.architecture << "` |\n";
  };
  for (const auto& s : r.tried) row(s, std::to_string(s.step));
  if (!r.final.summary.architecture.empty()) row(r.final, "final");
  o << "\nReported by the paper (Table V; not measured here):\n\n"
    << "| model | layers | weights | F1 |\n|---|---:|---:|---:|\n";
  for (const auto& p : paperTableV())
    o << "| " << p.model << " | " << p.layers << " | " << p.weights << " | " << p.f1 << " |\n";
  return o.str();
}

std::string reductionCsv(const ReductionResult& r) {
  CsvWriter csv({"step", "change", "accepted", "layers", "weights", "macs", "macro_f1", "min_auc",
                 "ms_per_image", "architecture"});
  auto row = [&](const ReductionStep& s, const std::string& stepName) {
    csv.text(stepName)
        .text(s.change)
        .integer(s.accepted ? 1 : 0)
        .integer(s.summary.layers)
        .integer(s.summary.weights);
    csv.integer(s.summary.macs)
        .fixed(s.summary.macroF1, 6)
        .fixed(s.summary.minAuc, 6)
        .fixed(s.summary.medianMs, 4);
    csv.text(s.summary.architecture).endRow();
  };
  for (const auto& s : r.tried) row(s, std::to_string(s.step));
  if (!r.final.summary.architecture.empty()) row(r.final, "final");
  return csv.str();
}

}  // namespace sdd
