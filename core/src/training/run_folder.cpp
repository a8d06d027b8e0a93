#include "sdd/training/run_folder.h"

#include <fstream>
#include <iterator>

#include "sdd/util/atomic_file.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd {

void to_json(nlohmann::json& j, const RunManifest& m) {
  j = {{"spec", m.spec},
       {"config", m.config},
       {"dataset", m.dataset},
       {"architecture", m.architecture},
       {"started", m.started}};
}

void from_json(const nlohmann::json& j, RunManifest& m) {
  m.spec = j.at("spec").get<ModelSpec>();
  m.config = j.at("config").get<TrainConfig>();
  m.dataset = j.value("dataset", "");
  m.architecture = j.value("architecture", m.spec.describe());
  m.started = j.value("started", "");
}

fs::path RunFolder::findCheckpoint() const {
  std::error_code ec;
  for (const fs::path& f : {checkpointFile(), legacyCheckpointFile()})
    if (fs::is_regular_file(f, ec)) return f;
  return {};
}

bool RunFolder::hasManifest() const {
  std::error_code ec;
  return fs::is_regular_file(manifestFile(), ec);
}

std::optional<RunManifest> RunFolder::readManifest() const {
  std::ifstream in(manifestFile(), std::ios::binary);
  if (!in) return std::nullopt;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    return parseJson(text).get<RunManifest>();
  } catch (const std::exception& e) {  // JsonError, or a field of the wrong type
    throw RunFolderError(manifestFile().string() + " is damaged: " + e.what());
  }
}

void RunFolder::writeManifest(const RunManifest& manifest) const {
  writeFileAtomically(manifestFile(), dumpJson(manifest, 2) + "\n");
}

std::vector<EpochStats> RunFolder::readLog() const {
  std::vector<EpochStats> out;
  std::ifstream f(logJsonlFile());
  if (!f) return out;
  std::string line;
  int lineNo = 0;
  while (std::getline(f, line)) {
    ++lineNo;
    if (line.empty()) continue;
    try {
      out.push_back(parseJson(line).get<EpochStats>());
    } catch (const std::exception& e) {
      throw RunFolderError(logJsonlFile().string() + " line " + std::to_string(lineNo) + ": " +
                           e.what());
    }
  }
  return out;
}

void RunFolder::writeLog(const std::vector<EpochStats>& history) const {
  CsvWriter csv({"epoch", "train_loss", "train_acc", "val_loss", "val_acc", "val_macro_f1", "lr",
                 "seconds", "best"});
  std::string jsonl;
  for (const auto& s : history) {
    csv.integer(s.epoch).number(s.trainLoss).number(s.trainAccuracy);
    if (s.validated)  // else empty cells: not measured
      csv.number(s.valLoss).number(s.valAccuracy).number(s.valMacroF1);
    else
      csv.empty().empty().empty();
    csv.number(s.learningRate).number(s.seconds, 4).integer(s.best ? 1 : 0).endRow();
    jsonl += dumpJson(s) + '\n';
  }
  writeFileAtomically(logCsvFile(), csv.str());
  writeFileAtomically(logJsonlFile(), jsonl);
}

std::string RunFolder::newName() {
  std::string stamp = nowIso8601();
  for (char& c : stamp)
    if (c == ':') c = '-';  // folder names without colons
  return stamp;
}

}  // namespace sdd
