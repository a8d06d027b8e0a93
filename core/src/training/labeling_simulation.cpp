#include "sdd/training/labeling_simulation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

#include "sdd/inference/predictor.h"
#include "sdd/labels/prelabel.h"
#include "sdd/training/trainer.h"
#include "sdd/util/csv.h"

namespace fs = std::filesystem;

namespace sdd {

int simulationEpochs(const SimulationOptions& o, int labels) {
  const int epochs =
      static_cast<int>(std::ceil(double(o.stepsPerRound) * 32.0 / std::max(1, labels)));
  return std::clamp(epochs, o.minEpochs, o.maxEpochs);
}

namespace {

// Trains on the given training samples (and the whole validation split); returns the point
// and the model file.
SimulationPoint trainRound(const Dataset& ds, const std::vector<std::size_t>& given,
                           const SimulationOptions& o, const fs::path& dir, fs::path* modelFile) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Sample> samples;
  for (std::size_t i : given) samples.push_back(ds.samples()[i]);
  for (std::size_t i : ds.indices(Split::Validation)) samples.push_back(ds.samples()[i]);
  Dataset round = Dataset::fromSamples(ds.root(), ds.classes(), std::move(samples));
  TrainRecipe recipe = trainRecipe("default", int(ds.classes().size()));
  recipe.config.fixEpochs(simulationEpochs(o, int(given.size())));
  recipe.config.seed = o.seed;
  recipe.config.threads = o.threads;
  Trainer trainer(std::move(round), recipe.spec, recipe.config, dir);
  trainer.setCancelFlag(o.cancel);
  const TrainResult r = trainer.run();
  SimulationPoint p;
  p.labels = int(given.size());
  p.macroF1 = r.history.empty() ? 0.0 : r.history.back().valMacroF1;
  p.epochs = recipe.config.epochs;
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *modelFile = r.modelFile;
  return p;
}

}  // namespace

std::vector<SimulationPoint> simulateLabeling(
    const Dataset& ds, const SimulationOptions& o,
    const std::function<void(const SimulationPoint&)>& onRound) {
  if (o.strategy != "uncertainty" && o.strategy != "random")
    throw std::invalid_argument("unknown strategy '" + o.strategy +
                                "' (expected uncertainty or random)");
  std::mt19937_64 rng(o.seed);
  // The first labels: K random training images per class.
  std::vector<std::vector<std::size_t>> byClass(ds.classes().size());
  for (std::size_t i : ds.indices(Split::Train))
    byClass[std::size_t(ds.samples()[i].label)].push_back(i);
  std::vector<std::size_t> given;
  for (std::size_t c = 0; c < byClass.size(); ++c) {
    if (int(byClass[c].size()) < o.startPerClass)
      throw std::invalid_argument("class '" + ds.classes()[c] + "' has fewer than " +
                                  std::to_string(o.startPerClass) + " training images");
    std::shuffle(byClass[c].begin(), byClass[c].end(), rng);
    given.insert(given.end(), byClass[c].begin(), byClass[c].begin() + o.startPerClass);
  }
  std::vector<std::size_t> pool;
  for (std::size_t i : ds.indices(Split::Train))
    if (std::find(given.begin(), given.end(), i) == given.end()) pool.push_back(i);

  std::vector<SimulationPoint> curve;
  for (int round = 0;; ++round) {
    if (o.cancel && *o.cancel) break;
    const fs::path dir =
        o.workDir / (o.strategy + "-" + std::to_string(o.seed) + "-" + std::to_string(round));
    fs::path model;
    SimulationPoint p = trainRound(ds, given, o, dir, &model);
    const auto t0 = std::chrono::steady_clock::now();
    if (int(given.size()) < o.maxLabels && !pool.empty()) {
      const std::size_t ask = std::min<std::size_t>(std::size_t(o.query), pool.size());
      if (o.strategy == "random") {
        std::shuffle(pool.begin(), pool.end(), rng);
      } else {
        // The pool's margins under this round's model; the smallest are asked first.
        Predictor predictor(model, "cpu", o.threads);
        std::vector<fs::path> files;
        for (std::size_t i : pool) files.push_back(ds.samples()[i].path);
        std::vector<float> margin(pool.size(), 2.f);  // unreadable: asked last
        scoreImages(predictor, files, [&](const std::vector<ScoredImage>& part) {
          for (const ScoredImage& s : part)
            if (s.error.empty()) margin[s.index] = suggestionOf(s.probabilities).margin;
        });
        std::vector<std::size_t> order(pool.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return margin[a] < margin[b]; });
        std::vector<std::size_t> sorted;
        for (std::size_t k : order) sorted.push_back(pool[k]);
        pool = std::move(sorted);
      }
      given.insert(given.end(), pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(ask));
      pool.erase(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(ask));
    }
    p.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::error_code ec;
    fs::remove_all(dir, ec);
    curve.push_back(p);
    if (onRound) onRound(p);
    if (p.labels >= o.maxLabels || pool.empty()) break;
  }
  return curve;
}

SimulationPoint fullLabelPoint(const Dataset& ds, const SimulationOptions& o) {
  const fs::path dir = o.workDir / ("full-" + std::to_string(o.seed));
  fs::path model;
  const SimulationPoint p = trainRound(ds, ds.indices(Split::Train), o, dir, &model);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return p;
}

int labelsToReach(const std::vector<SimulationPoint>& curve, double f1) {
  for (const SimulationPoint& p : curve)
    if (p.macroF1 >= f1) return p.labels;
  return 0;
}

std::string simulationCsv(const std::vector<SimulationRow>& rows) {
  CsvWriter csv({"strategy", "seed", "labels", "macro_f1", "epochs", "seconds"});
  for (const SimulationRow& r : rows) {
    csv.text(r.strategy).integer(static_cast<long long>(r.seed)).integer(r.point.labels);
    csv.number(r.point.macroF1, 5).integer(r.point.epochs).number(r.point.seconds, 4).endRow();
  }
  return csv.str();
}

std::vector<SimulationRow> parseSimulationCsv(const std::string& text) {
  std::vector<SimulationRow> rows;
  const std::vector<CsvRecord> records = parseCsv(text);
  for (std::size_t k = 0; k < records.size(); ++k) {
    const CsvRecord& r = records[k];
    const std::string where = "line " + std::to_string(r.line) + ": ";
    if (!r.error.empty()) throw std::runtime_error(where + r.error);
    if (r.fields.size() != 6)
      throw std::runtime_error(
          where + "expected 6 fields (strategy,seed,labels,macro_f1,epochs,seconds), found " +
          std::to_string(r.fields.size()));
    if (k == 0 && r.fields[0] == "strategy") continue;  // the header
    SimulationRow row;
    row.strategy = r.fields[0];
    try {
      std::size_t used = 0;
      auto whole = [&](const std::string& f) {
        const unsigned long long v = std::stoull(f, &used);
        if (used != f.size()) throw std::invalid_argument(f);
        return v;
      };
      auto real = [&](const std::string& f) {
        const double v = std::stod(f, &used);
        if (used != f.size() || !std::isfinite(v)) throw std::invalid_argument(f);
        return v;
      };
      row.seed = whole(r.fields[1]);
      row.point.labels = static_cast<int>(whole(r.fields[2]));
      row.point.macroF1 = real(r.fields[3]);
      row.point.epochs = static_cast<int>(whole(r.fields[4]));
      row.point.seconds = real(r.fields[5]);
    } catch (const std::exception&) {
      throw std::runtime_error(where + "a number field is not a number");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace sdd
