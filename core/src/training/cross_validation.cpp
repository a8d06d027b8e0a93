#include "sdd/training/cross_validation.h"

#include <algorithm>
#include <random>
#include <stdexcept>

#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"

namespace sdd {

OutOfFold outOfFoldProbabilities(
    const Dataset& dataset, const ModelSpec& spec, const TrainConfig& config, int folds,
    const std::filesystem::path& workDir,
    const std::function<void(const CrossValidationProgress&)>& progress,
    const std::atomic<bool>* cancel) {
  if (folds < 2)
    throw std::invalid_argument("cross-validation needs at least 2 folds, got " +
                                std::to_string(folds));
  const auto& samples = dataset.samples();
  const std::size_t nClasses = dataset.classes().size();
  OutOfFold out;
  out.folds = folds;
  out.fold.assign(samples.size(), -1);
  out.probs.assign(samples.size(), {});

  // Stratified: shuffle each class's samples with the seed and deal them round-robin.
  // The deal continues across classes, so fold sizes differ by at most one image overall.
  std::mt19937_64 rng(config.seed * 7919ull + 17);
  std::size_t dealt = 0;
  for (std::size_t c = 0; c < nClasses; ++c) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < samples.size(); ++i)
      if (samples[i].label == int(c)) idx.push_back(i);
    if (!idx.empty() && idx.size() < std::size_t(folds))
      throw std::invalid_argument("class '" + dataset.classes()[c] + "' has " +
                                  std::to_string(idx.size()) + " images, fewer than the " +
                                  std::to_string(folds) + " folds");
    std::shuffle(idx.begin(), idx.end(), rng);
    for (std::size_t k = 0; k < idx.size(); ++k)
      out.fold[idx[k]] = int((dealt + k) % std::size_t(folds));
    dealt += idx.size();
  }

  for (int f = 0; f < folds; ++f) {
    if (cancel && cancel->load()) {
      out.cancelled = true;
      return out;
    }
    std::vector<Sample> foldSamples = samples;
    std::vector<std::size_t> held;
    for (std::size_t i = 0; i < foldSamples.size(); ++i) {
      foldSamples[i].split = out.fold[i] == f ? Split::Validation : Split::Train;
      if (out.fold[i] == f && samples[i].label != kUnlabeled) held.push_back(i);
    }
    const Dataset foldData = Dataset::fromSamples(dataset.root(), dataset.classes(), foldSamples);
    const std::filesystem::path dir = workDir / ("fold-" + std::to_string(f + 1));
    Trainer trainer(foldData, spec, config, dir);
    trainer.setCancelFlag(cancel);
    trainer.onEpoch = [&](const EpochStats& s) {
      if (progress)
        progress({f + 1, folds, s.epoch, config.epochs,
                  "fold " + std::to_string(f + 1) + "/" + std::to_string(folds) + ", epoch " +
                      std::to_string(s.epoch) + "/" + std::to_string(config.epochs)});
    };
    const TrainResult r = trainer.run();
    if (r.cancelled) {
      out.cancelled = true;
      return out;
    }
    Predictor predictor(r.modelFile, config.device, config.threads);
    std::vector<cv::Mat> images;
    std::vector<std::size_t> scored;
    for (std::size_t i : held) {
      const DecodedImage d = loadImage(samples[i].path, predictor.metadata().spec.inputSize);
      if (!d.ok()) continue;
      images.push_back(d.image);
      scored.push_back(i);
    }
    const auto probs = predictor.predictImages(images);
    for (std::size_t k = 0; k < scored.size(); ++k) out.probs[scored[k]] = probs[k];
  }
  return out;
}

std::vector<SuspectedLabel> suspectedLabels(const Dataset& dataset, const OutOfFold& oof,
                                            double threshold) {
  std::vector<SuspectedLabel> out;
  for (std::size_t i = 0; i < dataset.samples().size() && i < oof.probs.size(); ++i) {
    const auto& p = oof.probs[i];
    const int label = dataset.samples()[i].label;
    if (p.empty() || label == kUnlabeled) continue;
    const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
    if (best == label || p[std::size_t(label)] >= threshold) continue;
    out.push_back({i, label, best, p[std::size_t(label)], p[std::size_t(best)]});
  }
  std::stable_sort(out.begin(), out.end(), [](const SuspectedLabel& a, const SuspectedLabel& b) {
    return a.labelProbability < b.labelProbability;
  });
  return out;
}

}  // namespace sdd
