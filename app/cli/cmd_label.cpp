// sdd label
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <thread>

#include "commands.h"
#include "common.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/prelabel.h"
#include "sdd/util/text_width.h"
#include "sdd/workspace/workspace.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kLabelHelp =
    R"(usage: sdd label [DATASET] --workspace DIR --accept-above T [options]
Bulk acceptance: gives every image without a class whose suggestion has a confidence of at
least T (0..1) the suggested class, as first labels in DIR's journal (action "label", method
"bulk >= T", by the system's user, with the model's fingerprint). First it prints how many
images of each class that is and how accurate suggestions that confident were on the labeled
validation images. Images DIR has no stored probabilities for (from this model) are scored
first and kept. Labels given meanwhile by someone else are left as they are.
  --model FILE         default: the shipped model
  --classes A,B,...    the classes, when the folders name none (saved in DIR)
  --dry-run            print what it would do; write no label
  --threads N          default: all cores
  --device D           auto | cpu | cuda
)";

}  // namespace

int cmdLabel(const std::vector<std::string>& argv) {
  Args args(argv,
            {"workspace", "accept-above", "model", "classes", "threads", "device", "val-fraction",
             "seed"},
            {"help", "dry-run"});
  if (args.has("help")) {
    std::cout << kLabelHelp;
    return 0;
  }
  const fs::path ws = args.str("workspace", "");
  if (ws.empty()) throw CliError("--workspace DIR is required (where the journal lives)");
  if (!args.has("accept-above"))
    throw CliError("--accept-above T is required (a confidence, e.g. 0.95)");
  const double threshold = args.real("accept-above", 0.95, 0.0, 1.0);
  const bool dryRun = args.has("dry-run");
  const fs::path modelPath = args.str("model", defaultModel().string());
  const sdd::ModelMetadata meta = sdd::readModelMetadata(modelPath);
  sdd::requireWorkspaceOutsideDataset(ws, datasetArg(args));
  classListArg(args, ws, !dryRun);
  const sdd::Workspace workspace(ws);
  const bool hasLabels =
      fs::exists(workspace.journalFile()) || fs::exists(workspace.classListFile());
  const sdd::Dataset ds = scanDataset(args, args.integer("seed", 42, 0, 2147483647), false,
                                      hasLabels ? ws : fs::path(), meta.classes);
  sdd::requireSameClasses(meta.classes, ds.classes(), modelPath);
  if (!dryRun) rememberModelClasses(ds, ws);
  const std::string fingerprint = sdd::fileFingerprint(modelPath);

  // The suggestions: those kept in the workspace for this model, the missing ones scored now.
  // A model with an unknown detector needs each image's unknown score too (files written
  // before scores were kept have none: those images are scored again).
  const sdd::ConfidenceRule rule = meta.confidenceRule.value_or(sdd::ConfidenceRule{});
  const bool needScores = !rule.unknown.empty();
  sdd::StoredPredictions stored;
  sdd::StoredScores scores;
  if (fs::exists(workspace.predictionsFile())) {
    const sdd::PredictionStore store(workspace.predictionsFile(),
                                     sdd::LabelStore::Access::ReadOnly);
    stored = store.get(fingerprint);
    scores = store.unknownScores(fingerprint);
  }
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < ds.samples().size(); ++i) {
    const std::string path = sdd::journalPath(ds.root(), ds.samples()[i].path);
    if ((ds.samples()[i].label == sdd::kUnlabeled ||
         ds.samples()[i].split == sdd::Split::Validation) &&
        (!stored.count(path) || (needScores && !scores.count(path))))
      missing.push_back(i);
  }
  if (!missing.empty()) {
    std::cerr << "scoring " << missing.size() << " image(s) without stored suggestions from "
              << modelPath.string() << "\n";
    sdd::Predictor predictor(modelPath, args.str("device", "auto"),
                             args.integer("threads", 0, 0, 1024));
    std::unique_ptr<sdd::PredictionStore> store;
    if (!dryRun) store = std::make_unique<sdd::PredictionStore>(workspace.predictionsFile());
    sdd::scoreSamples(predictor, ds, missing, store.get(), fingerprint,
                      [&](const std::vector<sdd::ScoredImage>& part) {
                        for (const sdd::ScoredImage& s : part) {
                          const sdd::Sample& sample = ds.samples()[missing[s.index]];
                          if (!s.error.empty())
                            std::cerr << "warning: " << sample.path.string() << ": " << s.error
                                      << "; left without a suggestion\n";
                          else {
                            const std::string path = sdd::journalPath(ds.root(), sample.path);
                            stored[path] = s.probabilities;
                            scores[path] = s.unknownScore;
                          }
                        }
                      });
  }
  const auto predictions = sdd::predictionsBySample(ds, stored);
  // Images the model's rule calls unknown are unlike what it was trained on, however sure its
  // SoftMax: a person labels them, no bulk acceptance.
  std::vector<std::size_t> candidates;
  std::size_t unknowns = 0;
  for (std::size_t i = 0; i < ds.samples().size(); ++i) {
    const auto score = scores.find(sdd::journalPath(ds.root(), ds.samples()[i].path));
    const bool unknown = needScores && !predictions[i].empty() && score != scores.end() &&
                         sdd::decide(predictions[i], rule, score->second, ds.samples()[i].width,
                                     ds.samples()[i].height)
                                 .decision == sdd::Decision::Unknown;
    if (!unknown)
      candidates.push_back(i);
    else if (ds.samples()[i].label == sdd::kUnlabeled)
      ++unknowns;
  }
  std::vector<bool> unchecked;
  if (fs::exists(workspace.journalFile()))
    unchecked = sdd::labeledInBulk(
        ds, sdd::LabelStore(workspace.journalFile(), sdd::LabelStore::Access::ReadOnly));
  // (No candidate left means none, not "all", as an empty list means to planBulkAcceptance.)
  sdd::BulkAcceptance plan;
  plan.threshold = threshold;
  plan.perClass.assign(ds.classes().size(), 0);
  if (!candidates.empty())
    plan = sdd::planBulkAcceptance(ds, predictions, threshold, candidates, unchecked);

  std::cout << ds.unlabeledCount() << " image(s) without a class; " << plan.images.size()
            << " have a suggestion with confidence >= " << threshold << ":\n";
  for (std::size_t c = 0; c < ds.classes().size(); ++c)
    std::cout << "  " << sdd::padRight(ds.classes()[c], 16) << std::setw(8) << plan.perClass[c]
              << "\n";
  if (unknowns)
    std::cout << unknowns
              << " image(s) without a class that the model calls unknown are left out: a person "
                 "labels them\n";
  if (plan.validationChecked)
    std::cout << "on the " << plan.validationChecked
              << " validation image(s) labeled by hand or by folder and that confident, the "
                 "suggestion was "
              << "right for " << plan.validationCorrect << " (" << std::fixed
              << std::setprecision(1) << 100.0 * plan.validationAccuracy() << " %)\n";
  else
    std::cout << "no labeled validation image has a suggestion that confident: the accuracy of "
                 "this threshold is "
                 "unknown\n";
  if (dryRun) {
    std::cout << "dry run: no label written\n";
    return 0;
  }

  // Chunks of 256, as `sdd relabel` (other writers get their turn); an image labeled by
  // someone else meanwhile is left as it is (the compare-and-set on "no class" refuses it).
  sdd::LabelStore journal(workspace.journalFile());
  const sdd::LabelSource source{sdd::bulkMethod(threshold), "", fingerprint};
  const auto all = sdd::bulkAssignments(ds, predictions, plan);
  std::size_t written = 0, skipped = 0;
  for (std::size_t b = 0; b < all.size(); b += 256) {
    std::vector<sdd::LabelAssignment> chunk(
        all.begin() + static_cast<std::ptrdiff_t>(b),
        all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), b + 256)));
    while (!chunk.empty()) {
      try {
        written += journal.assign(chunk, "label", "sdd label", source).size();
        break;
      } catch (const sdd::LabelConflictError& e) {
        for (const sdd::LabelConflict& c : e.conflicts()) {
          std::cerr << "note: " << c.describe() << "; left as it is\n";
          chunk.erase(
              std::remove_if(chunk.begin(), chunk.end(),
                             [&](const sdd::LabelAssignment& a) { return a.path == c.path; }),
              chunk.end());
          ++skipped;
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::cout << written << " label(s) recorded in " << journal.file().string() << " ("
            << source.method << ")";
  if (skipped)
    std::cout << ", " << skipped << " image(s) labeled meanwhile by someone else left as they are";
  std::cout << "\n";
  return 0;
}

}  // namespace sdd::cli
