#include "sdd/labels/prelabel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"

namespace fs = std::filesystem;

namespace sdd {

Suggestion suggestionOf(const std::vector<float>& p) {
  Suggestion s;
  if (p.empty()) return s;
  const auto best = std::max_element(p.begin(), p.end());
  s.label = static_cast<int>(best - p.begin());
  s.confidence = *best;
  float second = 0;
  for (std::size_t k = 0; k < p.size(); ++k)
    if (static_cast<int>(k) != s.label) second = std::max(second, p[k]);
  s.margin = s.confidence - second;
  return s;
}

std::vector<std::vector<float>> predictionsBySample(const Dataset& dataset,
                                                    const StoredPredictions& stored) {
  std::vector<std::vector<float>> out(dataset.samples().size());
  const std::size_t classes = dataset.classes().size();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto it = stored.find(journalPath(dataset.root(), dataset.samples()[i].path));
    // Probabilities for another class list are no suggestion for this dataset.
    if (it != stored.end() && it->second.size() == classes) out[i] = it->second;
  }
  return out;
}

std::size_t scoreImages(Predictor& predictor, const std::vector<fs::path>& files,
                        const std::function<void(const std::vector<ScoredImage>&)>& onChunk,
                        const std::atomic<bool>* cancel, std::size_t chunk) {
  const ModelSpec& spec = predictor.metadata().spec;
  const auto& rule = predictor.metadata().confidenceRule;
  const bool scoresUnknown = rule && !rule->unknown.empty();
  std::size_t scored = 0;
  for (std::size_t b = 0; b < files.size(); b += chunk) {
    if (cancel && *cancel) break;
    const std::size_t e = std::min(files.size(), b + chunk);
    const std::vector<fs::path> part(files.begin() + static_cast<std::ptrdiff_t>(b),
                                     files.begin() + static_cast<std::ptrdiff_t>(e));
    LoadedInputs in = loadModelInputs(part, spec.inputSize, spec.inputChannels);
    std::vector<ScoredImage> out(part.size());
    std::vector<cv::Mat> ok;
    std::vector<std::size_t> okIndex;
    for (std::size_t k = 0; k < part.size(); ++k) {
      out[k].index = b + k;
      out[k].error = in.errors[k];
      std::tie(out[k].width, out[k].height) = in.sizes[k];
      if (in.errors[k].empty()) {
        ok.push_back(std::move(in.images[k]));
        okIndex.push_back(k);
      }
    }
    if (scoresUnknown) {
      Predictor::Outputs o = predictor.predictImagesWithDescriptors(ok, 64);
      for (std::size_t j = 0; j < okIndex.size(); ++j) {
        out[okIndex[j]].unknownScore = predictor.unknownScore(o.descriptors[j], o.probabilities[j]);
        out[okIndex[j]].probabilities = std::move(o.probabilities[j]);
      }
    } else {
      auto probs = predictor.predictImages(ok, 64);
      for (std::size_t j = 0; j < okIndex.size(); ++j)
        out[okIndex[j]].probabilities = std::move(probs[j]);
    }
    scored += okIndex.size();
    onChunk(out);
  }
  return scored;
}

std::size_t scoreSamples(Predictor& predictor, const Dataset& dataset,
                         const std::vector<std::size_t>& indices, PredictionStore* store,
                         const std::string& model,
                         const std::function<void(const std::vector<ScoredImage>&)>& onChunk,
                         const std::atomic<bool>* cancel, std::size_t chunk) {
  requireSameClasses(predictor.metadata().classes, dataset.classes(), model);
  std::vector<fs::path> files;
  for (std::size_t i : indices) files.push_back(dataset.samples().at(i).path);
  return scoreImages(
      predictor, files,
      [&](const std::vector<ScoredImage>& part) {
        if (store) {
          std::vector<std::pair<std::string, std::vector<float>>> rows;
          std::vector<double> scores;
          for (const ScoredImage& s : part)
            if (s.error.empty()) {
              rows.emplace_back(journalPath(dataset.root(), files[s.index]), s.probabilities);
              scores.push_back(s.unknownScore);
            }
          store->put(model, dataset.classes(), rows, scores);
        }
        onChunk(part);
      },
      cancel, chunk);
}

const char* toString(ReviewOrder order) {
  switch (order) {
    case ReviewOrder::LeastConfident:
      return "least-confident";
    case ReviewOrder::LikelyErrors:
      return "likely-errors";
    case ReviewOrder::FileOrder:
      return "file-order";
    case ReviewOrder::DoubtsFirst:
      return "doubts-first";
  }
  return "?";
}

ReviewOrder reviewOrderFromString(const std::string& name) {
  for (ReviewOrder o : {ReviewOrder::LeastConfident, ReviewOrder::LikelyErrors,
                        ReviewOrder::FileOrder, ReviewOrder::DoubtsFirst})
    if (name == toString(o)) return o;
  throw std::invalid_argument(
      "unknown review order '" + name +
      "' (expected least-confident, likely-errors, file-order or doubts-first)");
}

namespace {

std::vector<std::size_t> allOr(const Dataset& dataset, const std::vector<std::size_t>& candidates) {
  if (!candidates.empty()) return candidates;
  std::vector<std::size_t> all(dataset.samples().size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  return all;
}

}  // namespace

std::vector<std::size_t> reviewQueue(const Dataset& dataset,
                                     const std::vector<std::vector<float>>& predictions,
                                     ReviewOrder order, const std::vector<std::size_t>& candidates,
                                     const std::vector<std::optional<Decision>>& decisions) {
  std::vector<std::size_t> queue;
  std::vector<float> key(dataset.samples().size(), 0.f);
  for (std::size_t i : allOr(dataset, candidates)) {
    const int label = dataset.samples().at(i).label;
    const Suggestion s = i < predictions.size() ? suggestionOf(predictions[i]) : Suggestion{};
    switch (order) {
      case ReviewOrder::LeastConfident:
        if (label != kUnlabeled || !s.valid()) continue;
        key[i] = s.margin;
        break;
      case ReviewOrder::LikelyErrors:
        if (label == kUnlabeled || !s.valid() || s.label == label) continue;
        key[i] = -s.confidence;
        break;
      case ReviewOrder::FileOrder:
        if (label != kUnlabeled) continue;
        break;
      case ReviewOrder::DoubtsFirst: {
        if (label != kUnlabeled || !s.valid()) continue;
        // Unknown before review before accepted (margins are in [0, 1]).
        const std::optional<Decision> d = i < decisions.size() ? decisions[i] : std::nullopt;
        const int rank = !d || *d == Decision::Accept ? 2 : *d == Decision::Review ? 1 : 0;
        key[i] = float(rank) * 2.f + s.margin;
        break;
      }
    }
    queue.push_back(i);
  }
  // Ties (and file order) keep scan order.
  std::stable_sort(queue.begin(), queue.end(),
                   [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  return queue;
}

double BulkAcceptance::validationAccuracy() const {
  return validationChecked ? double(validationCorrect) / double(validationChecked)
                           : std::numeric_limits<double>::quiet_NaN();
}

BulkAcceptance planBulkAcceptance(const Dataset& dataset,
                                  const std::vector<std::vector<float>>& predictions,
                                  double threshold, const std::vector<std::size_t>& candidates,
                                  const std::vector<bool>& unchecked) {
  BulkAcceptance plan;
  plan.threshold = threshold;
  plan.perClass.assign(dataset.classes().size(), 0);
  for (std::size_t i : allOr(dataset, candidates)) {
    const Suggestion s = i < predictions.size() ? suggestionOf(predictions[i]) : Suggestion{};
    if (!s.valid() || s.confidence < threshold || dataset.samples().at(i).label != kUnlabeled)
      continue;
    plan.images.push_back(i);
    ++plan.perClass[static_cast<std::size_t>(s.label)];
  }
  for (std::size_t i : dataset.indices(Split::Validation)) {
    if (i < unchecked.size() && unchecked[i]) continue;
    const Suggestion s = i < predictions.size() ? suggestionOf(predictions[i]) : Suggestion{};
    if (!s.valid() || s.confidence < threshold) continue;
    ++plan.validationChecked;
    plan.validationCorrect += s.label == dataset.samples()[i].label;
  }
  return plan;
}

std::vector<bool> labeledInBulk(const Dataset& dataset, const LabelStore& journal) {
  std::map<std::string, bool> bulk;  // by path, from its newest row
  for (const LabelChange& c : journal.journal()) bulk[c.path] = c.method.compare(0, 4, "bulk") == 0;
  std::vector<bool> out(dataset.samples().size(), false);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto it = bulk.find(journalPath(dataset.root(), dataset.samples()[i].path));
    out[i] = it != bulk.end() && it->second;
  }
  return out;
}

std::string bulkMethod(double threshold) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "bulk >= %g", threshold);
  return buf;
}

std::vector<LabelAssignment> bulkAssignments(const Dataset& dataset,
                                             const std::vector<std::vector<float>>& predictions,
                                             const BulkAcceptance& plan) {
  std::vector<LabelAssignment> out;
  for (std::size_t i : plan.images) {
    const Sample& s = dataset.samples().at(i);
    out.push_back({journalPath(dataset.root(), s.path), dataset.className(s.originalLabel),
                   dataset.className(suggestionOf(predictions.at(i)).label), std::string()});
  }
  return out;
}

}  // namespace sdd
