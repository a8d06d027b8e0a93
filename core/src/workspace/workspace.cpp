#include "sdd/workspace/workspace.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"
#include "sdd/labels/prediction_store.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/json.h"
#include "sdd/util/sha1.h"
#include "sdd/util/utf8.h"

namespace fs = std::filesystem;

namespace sdd {

fs::path Workspace::journalFile() const { return LabelStore::journalFile(folder_); }
fs::path Workspace::predictionsFile() const { return PredictionStore::fileIn(folder_); }

std::vector<std::string> Workspace::classList() const {
  std::ifstream in(classListFile(), std::ios::binary);
  if (!in) return {};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    const auto classes = parseJson(text).at("classes").get<std::vector<std::string>>();
    checkClassList(classes);
    return classes;
  } catch (const std::exception& e) {
    throw DatasetError("class list " + classListFile().string() + " is damaged: " + e.what() +
                       " (delete it and give the classes again)");
  }
}

void Workspace::saveClassList(const std::vector<std::string>& classes) const {
  checkClassList(classes);
  writeFileAtomically(classListFile(), dumpJson({{"classes", classes}}, 2) + "\n");
}

std::vector<RunFolder> Workspace::runs() const {
  struct Found {
    RunFolder run;
    std::string started;
  };
  std::vector<Found> found;
  std::error_code ec;
  for (fs::directory_iterator it(runsFolder(), ec), end; !ec && it != end; it.increment(ec)) {
    RunFolder run(it->path());
    if (!it->is_directory(ec) || !run.hasManifest()) continue;
    std::string started;
    try {
      if (const auto m = run.readManifest()) started = m->started;
    } catch (const RunFolderError&) {
      // Still listed (the workbench shows why it cannot be resumed); sorted by its time.
    }
    if (started.empty()) {
      const auto t = fs::last_write_time(run.manifestFile(), ec);
      const auto sys = std::chrono::time_point_cast<std::chrono::seconds>(
          t - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
      const std::time_t tt = std::chrono::system_clock::to_time_t(sys);
      std::tm tm{};
      gmtime_r(&tt, &tm);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
      started = buf;
    }
    found.push_back({std::move(run), std::move(started)});
  }
  // ISO 8601 UTC times sort as text; the name breaks ties (two runs in one second).
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.started != b.started ? a.started > b.started : a.run.name() > b.run.name();
  });
  std::vector<RunFolder> out;
  for (auto& f : found) out.push_back(std::move(f.run));
  return out;
}

std::vector<fs::path> Workspace::trainedModels() const {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const RunFolder& run : runs())
    if (fs::is_regular_file(run.modelFile(), ec)) out.push_back(run.modelFile());
  return out;
}

RunFolder Workspace::newRun(const std::string& prefix) const {
  const std::string stamp = prefix + RunFolder::newName();
  fs::path dir = runsFolder() / stamp;
  std::error_code ec;
  for (int k = 2; fs::exists(dir, ec); ++k) dir = runsFolder() / (stamp + "-" + std::to_string(k));
  return RunFolder(dir);
}

std::vector<ReportRecord> Workspace::reports() const {
  std::vector<ReportRecord> out;
  std::ifstream f(reportsLogFile());
  std::string line;
  while (std::getline(f, line)) {
    try {
      const auto j = parseJson(line);
      out.push_back({j.value("date", std::string()), j.value("pdf", std::string()),
                     j.value("journal_rows", 0LL)});
    } catch (const std::exception&) {
      // A damaged line (an older version killed mid-append) loses only that report: "relabels
      // since the last report" then counts from the one before.
    }
  }
  return out;
}

void Workspace::recordReport(const ReportRecord& record) const {
  // An append-only log, rewritten whole so that a full disk cannot leave half a line.
  std::string log;
  {
    std::ifstream in(reportsLogFile(), std::ios::binary);
    log.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (!log.empty() && log.back() != '\n') log += '\n';
  log +=
      dumpJson({{"date", record.date}, {"pdf", record.pdf}, {"journal_rows", record.journalRows}}) +
      "\n";
  writeFileAtomically(reportsLogFile(), log);
}

fs::path Workspace::defaultAppDataFolder() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  const fs::path base =
      xdg && *xdg ? fs::path(xdg) : fs::path(home && *home ? home : ".") / ".local/share";
  return base / "SDD Workbench" / "sdd-workbench";
}

fs::path Workspace::defaultFor(const fs::path& datasetFolder, const fs::path& appData) {
  std::error_code ec;
  fs::path canonical = fs::canonical(datasetFolder, ec);
  if (ec) canonical = fs::absolute(datasetFolder, ec).lexically_normal();
  const std::string hash = sha1Hex(canonical.string()).substr(0, 10);
  return (appData.empty() ? defaultAppDataFolder() : appData) / "workspaces" /
         (validUtf8(canonical.filename().string()) + "-" + hash);
}

}  // namespace sdd
