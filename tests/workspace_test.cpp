// Workspaces and run folders (sdd/workspace, sdd/training/run_folder.h): one naming and one
// listing for the workbench and the CLI.
#include "sdd/workspace/workspace.h"

#include <gtest/gtest.h>

#include "sdd/dataset/file_walk.h"
#include "sdd/training/run_folder.h"
#include "sdd/util/sha1.h"
#include "sdd/util/utf8.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::TempDir;
using sdd::test::writeBytes;

namespace {
void makeRun(const fs::path& dir, const std::string& started) {
  RunManifest m{ModelSpec::recommended(2), TrainConfig{}, "data", "", started};
  RunFolder(dir).writeManifest(m);
}
}  // namespace

// The workbench used to name runs in local time (20261202-101500), the CLI in UTC
// (2026-12-02T09-15-00Z), and the list sorted by name: CLI runs always listed below. Now
// both are named by UTC time and listed by the start time run.json records.
TEST(Workspace, ListsRunsNewestFirstByStartTimeWhateverTheirNames) {
  TempDir dir;
  const Workspace ws(dir / "ws");
  makeRun(ws.runsFolder() / "20261202-101500",
          "2026-12-02T09:15:00Z");  // an older workbench's name
  makeRun(ws.runsFolder() / "2026-12-02T09-30-00Z", "2026-12-02T09:30:00Z");
  makeRun(ws.runsFolder() / "2026-12-01T23-00-00Z", "2026-12-01T23:00:00Z");
  fs::create_directories(ws.runsFolder() / "not-a-run");
  std::vector<std::string> names;
  for (const RunFolder& r : ws.runs()) names.push_back(r.name());
  EXPECT_EQ(names, (std::vector<std::string>{"2026-12-02T09-30-00Z", "20261202-101500",
                                             "2026-12-01T23-00-00Z"}));
}

TEST(Workspace, NewRunsAreNamedByUtcTimeAndNeverReuseAFolder) {
  TempDir dir;
  const Workspace ws(dir / "ws");
  const RunFolder a = ws.newRun();
  EXPECT_EQ(a.name().size(), 20u) << a.name();  // 2026-12-02T09-30-00Z
  EXPECT_EQ(a.name().back(), 'Z');
  fs::create_directories(a.path());
  const RunFolder b = ws.newRun();
  EXPECT_NE(b.path(), a.path());
  EXPECT_EQ(ws.newRun("reduce-").name().rfind("reduce-", 0), 0u);
}

TEST(RunFolder, ManifestAndLogRoundTripAndDamageIsNamed) {
  TempDir dir;
  const RunFolder run(dir / "run");
  EXPECT_FALSE(run.readManifest().has_value());
  EXPECT_TRUE(run.readLog().empty());
  TrainConfig c;
  c.epochs = 7;
  run.writeManifest({ModelSpec::tableII(3), c, "data", "arch", "2026-12-02T09:15:00Z"});
  const auto m = run.readManifest();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->config.epochs, 7);
  EXPECT_EQ(m->spec, ModelSpec::tableII(3));
  EpochStats s;
  s.epoch = 1;
  s.valMacroF1 = 0.5;
  run.writeLog({s});
  EXPECT_EQ(run.readLog().at(0).valMacroF1, 0.5);
  writeBytes(run.manifestFile(), "{\"spec\": ");
  EXPECT_THROW(run.readManifest(), RunFolderError);
  writeBytes(run.logJsonlFile(), "{\"epoch\": 1}\n");
  try {
    run.readLog();
    FAIL() << "a damaged log was read";
  } catch (const RunFolderError& e) {
    EXPECT_NE(std::string(e.what()).find("log.jsonl line 1"), std::string::npos) << e.what();
  }
}

TEST(Workspace, ReportsLogKeepsGoodLinesAroundADamagedOne) {
  TempDir dir;
  const Workspace ws(dir / "ws");
  ws.recordReport({"2026-12-01T10:00:00Z", "/tmp/a.pdf", 3});
  writeBytes(ws.reportsLogFile(),
             sdd::test::readBytes(ws.reportsLogFile()) + "{\"date\": \"2026-12-01T11");
  ws.recordReport({"2026-12-02T10:00:00Z", "/tmp/b.pdf", 9});
  const auto reports = ws.reports();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports.back().journalRows, 9);
  EXPECT_EQ(reports.back().pdf, "/tmp/b.pdf");
}

// The default workspace of a dataset keeps the name earlier versions gave it (folder name and
// the first 10 hex digits of the SHA-1 of its canonical path), so existing labels are found.
TEST(Workspace, DefaultLocationIsNamedAfterTheDatasetAndItsPathHash) {
  EXPECT_EQ(sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(sha1Hex(std::string(1000, 'a')), "291e9a6c66994949b57ba5e650361e98fc36b1ba");
  TempDir dir;
  fs::create_directories(dir / "NEU-DET");
  const fs::path canonical = fs::canonical(dir / "NEU-DET");
  EXPECT_EQ(
      Workspace::defaultFor(dir / "NEU-DET", "/base"),
      fs::path("/base/workspaces") / ("NEU-DET-" + sha1Hex(canonical.string()).substr(0, 10)));
}

TEST(Workspace, AFolderNamedInLatin1GetsAUtf8WorkspaceName) {
  // The workbench holds paths as text: the workspace's own name must be text, and the folder
  // found by its name with U+FFFD (findByShownName) must give the same workspace.
  TempDir dir;
  const fs::path bytes = dir /
                         "Pr\xFC"
                         "fung";
  fs::create_directories(bytes);
  const fs::path ws = Workspace::defaultFor(bytes, "/base");
  EXPECT_EQ(ws.filename().string(),
            "Pr\xEF\xBF\xBD"
            "fung-" +
                sha1Hex(fs::canonical(bytes).string()).substr(0, 10));
  const std::string shown = validUtf8(bytes.string());
  EXPECT_EQ(findByShownName(shown), bytes);
  EXPECT_EQ(Workspace::defaultFor(findByShownName(shown), "/base"), ws);
}
