// sdd prelabel
#include <chrono>
#include <iomanip>
#include <iostream>

#include "commands.h"
#include "common.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/inference/predictor.h"
#include "sdd/labels/prelabel.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"
#include "sdd/workspace/workspace.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kPrelabelHelp =
    R"(usage: sdd prelabel [DATASET] [--model FILE] [--workspace DIR] [options]
Scores every image without a class (--all: every image) with the model, in batches, and
writes one row per image: its current label, the suggested class, the confidence, the margin
to the second most probable class and all probabilities.
  --model FILE         default: the shipped model; its classes are the dataset's when the
                       folders name none
  --workspace DIR      also keep the probabilities in DIR (predictions.sqlite, by the model
                       file's fingerprint), where the workbench and `sdd label` find them
  --classes A,B,...    the classes, when the folders name none (saved in DIR)
  --all                every image, labeled ones too (to look for wrong labels)
  --csv FILE           the rows as CSV (default: standard output), columns
                         path,label,suggestion,confidence,margin,p_<class>...
                       `label` is the current class ("" when none): fill in the undecided
                       ones, then `sdd relabel DATASET --workspace DIR --csv FILE`
  --json FILE          the same as JSON, with the model, its fingerprint and the failures
  --threads N          default: all cores
  --device D           auto | cpu | cuda
)";

}  // namespace

int cmdPrelabel(const std::vector<std::string>& argv) {
  Args args(
      argv,
      {"model", "workspace", "classes", "csv", "json", "threads", "device", "val-fraction", "seed"},
      {"help", "all"});
  if (args.has("help")) {
    std::cout << kPrelabelHelp;
    return 0;
  }
  const fs::path modelPath = args.str("model", defaultModel().string());
  const fs::path ws = args.str("workspace", "");
  const sdd::ModelMetadata meta = sdd::readModelMetadata(modelPath);
  if (!ws.empty()) {
    sdd::requireWorkspaceOutsideDataset(ws, datasetArg(args));
    classListArg(args, ws, true);
  }
  const sdd::Workspace workspace(ws);
  const bool hasLabels =
      !ws.empty() && (fs::exists(workspace.journalFile()) || fs::exists(workspace.classListFile()));
  const sdd::Dataset ds = scanDataset(args, args.integer("seed", 42, 0, 2147483647), false,
                                      hasLabels ? ws : fs::path(), meta.classes);
  sdd::requireSameClasses(meta.classes, ds.classes(), modelPath);
  rememberModelClasses(ds, ws);
  std::vector<std::size_t> indices;
  if (args.has("all")) {
    for (std::size_t i = 0; i < ds.samples().size(); ++i) indices.push_back(i);
  } else {
    indices = ds.unlabeledIndices();
  }
  const std::string fingerprint = sdd::fileFingerprint(modelPath);
  std::unique_ptr<sdd::PredictionStore> store;
  if (!ws.empty()) store = std::make_unique<sdd::PredictionStore>(workspace.predictionsFile());

  std::vector<std::string> header = {"path", "label", "suggestion", "confidence", "margin"};
  for (const auto& c : ds.classes()) header.push_back("p_" + c);
  sdd::CsvWriter csv(header);
  nlohmann::json images = nlohmann::json::array(), failures = nlohmann::json::array();
  std::vector<std::size_t> perClass(ds.classes().size(), 0);
  std::size_t failed = 0;
  sdd::Predictor predictor(modelPath, args.str("device", "auto"),
                           args.integer("threads", 0, 0, 1024));
  installCtrlC();
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t scored = sdd::scoreSamples(
      predictor, ds, indices, store.get(), fingerprint,
      [&](const std::vector<sdd::ScoredImage>& part) {
        for (const sdd::ScoredImage& s : part) {
          const sdd::Sample& sample = ds.samples()[indices[s.index]];
          const std::string path = sdd::journalPath(ds.root(), sample.path);
          if (!s.error.empty()) {
            ++failed;
            std::cerr << "warning: " << sample.path.string() << ": " << s.error << "\n";
            failures.push_back({{"path", path}, {"error", s.error}});
            continue;
          }
          const sdd::Suggestion g = sdd::suggestionOf(s.probabilities);
          ++perClass[static_cast<std::size_t>(g.label)];
          csv.text(path).text(ds.className(sample.label)).text(ds.className(g.label));
          csv.number(g.confidence, 4).number(g.margin, 4);
          for (float p : s.probabilities) csv.number(p, 4);
          csv.endRow();
          if (args.has("json"))
            images.push_back({{"path", path},
                              {"label", ds.className(sample.label)},
                              {"suggestion", ds.className(g.label)},
                              {"confidence", g.confidence},
                              {"margin", g.margin},
                              {"probabilities", s.probabilities}});
        }
        if (isTty())
          std::cerr << "\r  scored " << csv.rows() + failed << " / " << indices.size()
                    << std::flush;
      },
      &gCancel);
  restoreCtrlC();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (isTty()) std::cerr << "\n";

  if (args.has("json")) {
    const nlohmann::json j = {{"model", modelPath.string()}, {"fingerprint", fingerprint},
                              {"classes", ds.classes()},     {"scored", scored},
                              {"failed", failures},          {"images", images}};
    sdd::writeFileAtomically(args.str("json", ""), sdd::dumpJson(j, 2) + "\n");
  }
  if (args.has("csv")) {
    sdd::writeFileAtomically(args.str("csv", ""), csv.str());
  } else if (!args.has("json")) {
    std::cout << csv.str();
  }
  std::cerr << "scored " << scored << " of " << indices.size() << " image(s)"
            << (args.has("all") ? "" : " without a class") << " in " << std::fixed
            << std::setprecision(1) << secs << " s (" << std::setprecision(0)
            << (secs > 0 ? double(scored) / secs : 0.0) << " images/s on " << predictor.deviceName()
            << ")";
  if (failed) std::cerr << ", " << failed << " could not be read";
  std::cerr << "; suggested:";
  for (std::size_t c = 0; c < perClass.size(); ++c)
    std::cerr << " " << ds.classes()[c] << " " << perClass[c];
  std::cerr << "\n";
  if (store)
    std::cerr << "probabilities kept in " << workspace.predictionsFile().string() << " for model "
              << fingerprint << "\n";
  if (gCancel) {
    std::cerr << "stopped by Ctrl-C: the rows above are the images scored so far\n";
    return 130;
  }
  return failed && !scored ? 1 : 0;
}

}  // namespace sdd::cli
