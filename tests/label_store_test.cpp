#include "sdd/labels/label_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>

#include "sdd/dataset/dataset.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::readBytes;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

Dataset makeDataset(const TempDir& dir) {
  for (int c = 0; c < 2; ++c)
    for (int n = 0; n < 4; ++n)
      writeImage(dir / ("data/class " + std::to_string(c) + "/img " + std::to_string(n) + ".png"),
                 patternImage(c, n));
  return Dataset::scan(dir / "data");
}

}  // namespace

TEST(LabelStore, RecordsChangesWithHistoryAndSkipsNoOps) {
  TempDir dir;
  LabelStore store(LabelStore::journalFile(dir / "ws"));
  const auto rows = store.assign({{"a/1.png", "cat", "dog"}, {"a/2.png", "cat", "cat"}}, "relabel",
                                 "looks like a dog, \"clearly\"");
  ASSERT_EQ(rows.size(), 1u) << "a label that does not change is not a journal row";
  EXPECT_EQ(rows[0].oldLabel, "cat");
  EXPECT_EQ(rows[0].newLabel, "dog");
  EXPECT_GT(rows[0].id, 0);
  EXPECT_EQ(rows[0].time.size(), 24u) << rows[0].time;  // 2026-11-24T10:30:00.000Z

  store.assign({{"a/1.png", "cat", "cat"}}, "undo");
  EXPECT_EQ(store.currentLabels().at("a/1.png"), "cat");
  const auto h = store.history("a/1.png");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].oldLabel, "dog");
  EXPECT_EQ(h[1].action, "undo");
  EXPECT_EQ(h[0].note, "looks like a dog, \"clearly\"");
  EXPECT_TRUE(store.history("never/touched.png").empty());
}

TEST(LabelStore, PersistsAcrossReopen) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  {
    LabelStore store(file);
    store.assign({{"x.png", "a", "b"}, {"y.png", "a", "c"}});
  }
  LabelStore again(file);
  const auto labels = again.currentLabels();
  EXPECT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels.at("x.png"), "b");
  EXPECT_EQ(labels.at("y.png"), "c");
}

TEST(LabelStore, AKilledProcessLosesNoCommittedChange) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    LabelStore store(file);
    for (int i = 0; i < 20; ++i) store.assign({{"img" + std::to_string(i) + ".png", "a", "b"}});
    raise(SIGKILL);  // no destructors, no clean close of the database
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  LabelStore store(file);
  EXPECT_EQ(store.currentLabels().size(), 20u);
}

TEST(LabelStore, RefusesAFileThatIsNotAJournal) {
  TempDir dir;
  writeBytes(dir / "labels.sqlite", "this is not a database, it is a text file of some length");
  try {
    LabelStore store(dir / "labels.sqlite");
    store.journal();
    FAIL() << "expected LabelStoreError";
  } catch (const LabelStoreError& e) {
    EXPECT_NE(std::string(e.what()).find("labels.sqlite"), std::string::npos) << e.what();
  }
}

TEST(LabelStore, ExportsTheJournalAsQuotedCsv) {
  TempDir dir;
  LabelStore store(dir / "labels.sqlite");
  store.assign({{"dir, with comma/1.png", "a", "b"}}, "relabel", "say \"hi\"");
  store.exportCsv(dir / "journal.csv");
  const std::string csv = readBytes(dir / "journal.csv");
  EXPECT_EQ(
      csv.rfind("id,path,original_label,old_label,new_label,time,action,note,method,user,model\n",
                0),
      0u);
  EXPECT_NE(csv.find("\"dir, with comma/1.png\",a,a,b,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",relabel,\"say \"\"hi\"\"\",manual,"), std::string::npos) << csv;
}

TEST(LabelStore, RecordsHowByWhomAndFromWhichModelEachLabelWasGiven) {
  TempDir dir;
  LabelStore store(dir / "labels.sqlite");
  store.assign({{"new/1.png", "", "a"}}, "label", {}, {"accepted", "alice", "model 1f2e"});
  store.assign({{"new/2.png", "", "b"}, {"new/3.png", "", "b"}}, "label", {},
               {"bulk >= 0.95", "", "model 1f2e"});
  store.assign({{"new/1.png", "a", "b"}});

  const auto h1 = store.history("new/1.png");
  ASSERT_EQ(h1.size(), 2u);
  EXPECT_EQ(h1[0].action, "label");
  EXPECT_EQ(h1[0].oldLabel, "") << "an image without a class has \"\" as its label";
  EXPECT_EQ(h1[0].method, "accepted");
  EXPECT_EQ(h1[0].user, "alice");
  EXPECT_EQ(h1[0].model, "model 1f2e");
  EXPECT_EQ(h1[1].method, "manual") << "the default: a person chose it";
  EXPECT_FALSE(h1[1].user.empty()) << "without a name, the operating system's user";
  EXPECT_EQ(h1[1].model, "");
  const auto h3 = store.history("new/3.png");
  ASSERT_EQ(h3.size(), 1u);
  EXPECT_EQ(h3[0].method, "bulk >= 0.95");
  EXPECT_EQ(h3[0].user, h1[1].user);
  store.assign({{"new/4.png", "", "a"}});
  EXPECT_EQ(store.history("new/4.png").at(0).action, "label")
      << "a first class is a label, not a relabel";
}

// A journal written before the provenance columns existed (schema 1) is read as it is, and
// brought to schema 2 without losing a row when it is opened for writing.
TEST(LabelStore, AVersion1JournalIsReadAndUpgradedInPlace) {
  TempDir dir;
  const fs::path file = dir / "labels.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(
          db,
          "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
          "INSERT INTO meta VALUES('schema','1');"
          "CREATE TABLE changes(id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL,"
          " original_label TEXT NOT NULL, old_label TEXT NOT NULL, new_label TEXT NOT NULL,"
          " time TEXT NOT NULL, action TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');"
          "INSERT INTO changes(path, original_label, old_label, new_label, time, action, note)"
          " VALUES('x.png','a','a','b','2026-11-01T00:00:00.000Z','relabel','old');",
          nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  {
    const LabelStore reader(file, LabelStore::Access::ReadOnly);
    const auto h = reader.history("x.png");
    ASSERT_EQ(h.size(), 1u);
    EXPECT_EQ(h[0].note, "old");
    EXPECT_EQ(h[0].method, "");
  }
  LabelStore writer(file);
  writer.assign({{"x.png", "b", "c"}}, "relabel", {}, {"manual", "bob", ""});
  const auto h = writer.history("x.png");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].newLabel, "b");
  EXPECT_EQ(h[1].user, "bob");
  EXPECT_EQ(writer.currentLabels().at("x.png"), "c");
}

TEST(LabelStore, AppliesCurrentLabelsToADatasetAndReportsStrayEntries) {
  TempDir dir;
  Dataset ds = makeDataset(dir);
  LabelStore store(dir / "labels.sqlite");
  const std::string p0 = journalPath(ds.root(), ds.samples()[0].path);
  EXPECT_EQ(p0, "class 0/img 0.png");
  store.assign({{p0, "class 0", "class 1"},
                {"gone.png", "class 0", "class 1"},
                {"class 0/img 1.png", "class 0", "no such class"}});
  const AppliedLabels r = applyLabels(ds, store);
  EXPECT_EQ(r.changed, 1u);
  EXPECT_EQ(r.unknownPaths, std::vector<std::string>{"gone.png"});
  ASSERT_EQ(r.unknownLabels.size(), 1u);
  EXPECT_EQ(ds.samples()[0].label, 1);
  EXPECT_EQ(ds.samples()[0].originalLabel, 0);
  EXPECT_EQ(ds.samples()[1].label, 0);
}

TEST(LabelStore, ExportsRelabeledCopyAndManifestWithoutTouchingTheSource) {
  TempDir dir;
  Dataset ds = makeDataset(dir);
  const std::string before = readBytes(ds.samples()[0].path);
  ds.setLabel(0, 1);
  EXPECT_EQ(exportFolderPerClass(ds, dir / "out"), 8u);
  EXPECT_TRUE(fs::exists(dir / "out/class 1/img 0.png"));
  EXPECT_FALSE(fs::exists(dir / "out/class 0/img 0.png"));
  EXPECT_EQ(readBytes(dir / "out/class 1/img 0.png"), before);
  EXPECT_EQ(readBytes(ds.samples()[0].path), before);
  EXPECT_THROW(exportFolderPerClass(ds, dir / "out"), std::runtime_error) << "never overwrites";

  exportManifest(ds, dir / "manifest.csv");
  const std::string csv = readBytes(dir / "manifest.csv");
  EXPECT_NE(csv.find("class 0/img 0.png,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",class 0,class 1\n"), std::string::npos) << csv;
}

// Images without a class get their first label through the journal (action "label"); the
// export puts the labeled ones in their class folder and the rest in unlabeled/, which scans
// back to the same labels.
TEST(LabelStore, FirstLabelsOfUnlabeledImagesAreAppliedAndExported) {
  TempDir dir;
  Dataset ds = makeDataset(dir);
  writeImage(dir / "data/unlabeled/cam1/0001.png", patternImage(1, 7));
  writeImage(dir / "data/unlabeled/cam1/0002.png", patternImage(0, 8));
  ds = Dataset::scan(dir / "data");
  ASSERT_EQ(ds.unlabeledCount(), 2u);
  LabelStore store(dir / "ws/labels.sqlite");
  store.assign({{"unlabeled/cam1/0001.png", "", "class 1"}}, "label");
  const AppliedLabels r = applyLabels(ds, store);
  EXPECT_EQ(r.changed, 1u);
  EXPECT_EQ(ds.unlabeledCount(), 1u);

  EXPECT_EQ(exportFolderPerClass(ds, dir / "out"), 10u);
  EXPECT_TRUE(fs::exists(dir / "out/class 1/0001.png"));
  EXPECT_TRUE(fs::exists(dir / "out/unlabeled/0002.png"));
  const Dataset back = Dataset::scan(dir / "out");
  EXPECT_EQ(back.classes(), ds.classes());
  EXPECT_EQ(back.unlabeledCount(), 1u);
  EXPECT_EQ(back.classCounts(Split::Train)[1] + back.classCounts(Split::Validation)[1], 5u);

  exportManifest(ds, dir / "manifest.csv");
  const std::string csv = readBytes(dir / "manifest.csv");
  EXPECT_NE(csv.find("unlabeled/cam1/0001.png,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",,class 1\n"), std::string::npos) << "original: no class; now class 1\n"
                                                        << csv;
  const auto line = csv.find("unlabeled/cam1/0002.png,");
  ASSERT_NE(line, std::string::npos) << csv;
  EXPECT_EQ(csv.substr(csv.find('\n', line) - 2, 3), ",,\n") << "still no class\n" << csv;
}

// Two connections to one journal, as the workbench and `sdd relabel` have: the other's commit
// shows in data_version and changesSince, and a compare-and-set finds the newer label.
TEST(LabelStore, AnotherConnectionsChangesAreSeenAndACompareAndSetRefusesToOverwriteThem) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  LabelStore gui(file), cli(file);
  const auto mine = gui.assign({{"a.png", "cat", "dog"}}, "relabel");
  const long long version = gui.dataVersion();
  const long long seen = gui.lastId();
  cli.assign({{"a.png", "cat", "bird"}}, "relabel", "sdd relabel");
  EXPECT_NE(gui.dataVersion(), version)
      << "data_version must change after another connection's commit";
  const auto news = gui.changesSince(seen);
  ASSERT_EQ(news.size(), 1u);
  EXPECT_EQ(news[0].newLabel, "bird");

  // Undo of the GUI's change expects "dog"; the journal has "bird": refused, nothing written.
  const std::size_t rows = gui.journal().size();
  try {
    gui.assign({{"a.png", "cat", "cat", std::string("dog")}}, "undo");
    FAIL() << "the undo overwrote a newer change";
  } catch (const LabelConflictError& e) {
    ASSERT_EQ(e.conflicts().size(), 1u);
    EXPECT_EQ(e.conflicts()[0].current, "bird");
    EXPECT_EQ(e.conflicts()[0].changedBy.note, "sdd relabel");
    const std::string what = e.what();
    EXPECT_NE(what.find("a.png"), std::string::npos) << what;
    EXPECT_NE(what.find("sdd relabel"), std::string::npos) << what;
  }
  EXPECT_EQ(gui.journal().size(), rows);
  EXPECT_EQ(gui.currentLabels().at("a.png"), "bird");
  // With the right expectation it applies.
  EXPECT_EQ(gui.assign({{"a.png", "cat", "cat", std::string("bird")}}, "undo").size(), 1u);
  EXPECT_EQ(mine[0].oldLabel, "cat");
}

// A writer holding the lock makes a short-timeout writer fail fast with LabelStoreBusy (the
// GUI then retries instead of freezing), and the write goes through once the lock is free.
TEST(LabelStore, ABusyJournalFailsFastWithABusyErrorAndNothingWritten) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  LabelStore store(file);
  store.setBusyTimeout(30);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(store.assign({{"a.png", "cat", "dog"}}), LabelStoreBusy);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(1000));
  sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(store.currentLabels().empty());
  EXPECT_EQ(store.assign({{"a.png", "cat", "dog"}}).size(), 1u);
}

// 100,000 relabels imported as `sdd relabel --csv` does (transactions of 256): the WAL file
// stays small. A statement left open at COMMIT blocked every checkpoint and the WAL grew to
// 81 MB after 6,000 relabels.
TEST(LabelStore, TheWriteAheadLogStaysUnder8MBDuringA100000RowImport) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  LabelStore store(file);
  std::uintmax_t largest = 0;
  std::vector<LabelAssignment> chunk;
  for (int i = 0; i < 100000; ++i) {
    // 3,000 images, each flipped between "b" and "c" on every visit: 100,000 real changes.
    chunk.push_back(
        {"class " + std::to_string(i % 7) + "/image_" + std::to_string(i % 3000) + ".png", "a",
         (i / 3000) % 2 ? "b" : "c"});
    if (chunk.size() == 256 || i == 99999) {
      store.assign(chunk);
      chunk.clear();
      std::error_code ec;
      largest = std::max(largest, fs::file_size(file.string() + "-wal", ec));
    }
  }
  EXPECT_EQ(store.journal().size(), 100000u);
  EXPECT_LE(largest, 8u << 20) << "largest WAL: " << largest << " bytes";
  std::printf("largest WAL file during the 100,000-row import: %ju bytes\n", largest);
}

// Several processes creating the same new workspace at once: each one's schema set-up is
// idempotent; none fails (one in 15 rounds died with "UNIQUE constraint failed: meta.key").
TEST(LabelStore, ManyProcessesCreatingOneWorkspaceAtOnceAllSucceed) {
  TempDir dir;
  constexpr int kRounds = 15, kProcesses = 6;
  for (int round = 0; round < kRounds; ++round) {
    const fs::path file = LabelStore::journalFile(dir / ("ws" + std::to_string(round)));
    int go[2];
    ASSERT_EQ(pipe(go), 0);
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
      const pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        close(go[1]);
        char c;
        [[maybe_unused]] auto n = read(go[0], &c, 1);  // all start together when the pipe closes
        try {
          LabelStore store(file);
          store.assign({{"img" + std::to_string(p) + ".png", "a", "b"}});
        } catch (const std::exception& e) {
          std::fprintf(stderr, "process %d: %s\n", p, e.what());
          _exit(1);
        }
        _exit(0);
      }
      children.push_back(pid);
    }
    close(go[0]);
    close(go[1]);
    for (pid_t pid : children) {
      int status = 0;
      waitpid(pid, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
    }
    EXPECT_EQ(LabelStore(file).currentLabels().size(), std::size_t(kProcesses))
        << "round " << round;
  }
}

// Reading commands open the journal read-only: they read everything and cannot write.
TEST(LabelStore, ReadOnlyAccessReadsTheJournalAndRefusesWrites) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  {
    LabelStore store(file);
    store.assign({{"a.png", "cat", "dog"}});
  }
  LabelStore reader(file, LabelStore::Access::ReadOnly);
  EXPECT_TRUE(reader.readOnly());
  EXPECT_EQ(reader.currentLabels().at("a.png"), "dog");
  EXPECT_EQ(reader.integrityCheck(), "ok");
  EXPECT_THROW(reader.assign({{"a.png", "cat", "cat"}}), LabelStoreError);
  EXPECT_THROW(LabelStore(dir / "none/labels.sqlite", LabelStore::Access::ReadOnly),
               LabelStoreError);
  EXPECT_FALSE(fs::exists(dir / "none")) << "reading created a folder";
}

TEST(LabelStore, AWorkspaceInsideTheDatasetIsRefusedAndOneMadeByHandIsNotScanned) {
  TempDir dir;
  Dataset ds = makeDataset(dir);
  EXPECT_THROW(requireWorkspaceOutsideDataset(dir / "data/ws", dir / "data"), LabelStoreError);
  EXPECT_THROW(requireWorkspaceOutsideDataset(dir / "data", dir / "data"), LabelStoreError);
  EXPECT_NO_THROW(requireWorkspaceOutsideDataset(dir / "ws", dir / "data"));
  EXPECT_NO_THROW(requireWorkspaceOutsideDataset(dir / "data-ws", dir / "data"));
  // Through a symbolic link to the dataset too.
  fs::create_directory_symlink(dir / "data", dir / "link");
  EXPECT_THROW(requireWorkspaceOutsideDataset(dir / "data/ws", dir / "link"), LabelStoreError);
  // A workspace made inside anyway (an older version allowed it) is left out of the scan.
  {
    LabelStore store(LabelStore::journalFile(dir / "data/my workspace"));
    writeImage(dir / "data/my workspace/runs/x/sample.png", patternImage(0, 0));
  }
  const Dataset again = Dataset::scan(dir / "data");
  EXPECT_EQ(again.classes(), ds.classes());
  EXPECT_EQ(again.samples().size(), ds.samples().size());
}

// The file `sdd prelabel --csv` writes, reviewed in a spreadsheet, goes back through
// `sdd relabel --csv`: the path and label columns wherever they are, empty labels undecided.
TEST(LabelStore, AReviewedPrelabelCsvIsReadByItsPathAndLabelColumns) {
  const LabelCsv csv = parseLabelCsv(
      "suggestion,confidence,path,label,p_a,p_b\n"
      "a,0.9,new/1.png,a,0.9,0.1\n"
      "b,0.6,new/2.png,,0.4,0.6\n"
      "b,0.7,\"new/3, odd.png\",b,0.3,0.7\n"
      "b,0.7,new/4.png,b\n");
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(csv.rows[0].path, "new/1.png");
  EXPECT_EQ(csv.rows[0].label, "a");
  EXPECT_EQ(csv.rows[1].path, "new/3, odd.png");
  EXPECT_EQ(csv.rows[1].line, 4u);
  EXPECT_EQ(csv.undecided, 1u);
  ASSERT_EQ(csv.errors.size(), 1u);
  EXPECT_NE(csv.errors[0].find("line 5: expected 6 fields as in the header"), std::string::npos)
      << csv.errors[0];

  const LabelCsv plain = parseLabelCsv("x.png,a\ny.png,\n");
  ASSERT_EQ(plain.rows.size(), 1u) << "without a header: path,label";
  EXPECT_EQ(plain.undecided, 1u);
}

TEST(LabelStore, MarksAnImageUnsureAndClearsItAgainAcrossReopen) {
  TempDir dir;
  const fs::path file = dir / "labels.sqlite";
  {
    LabelStore store(file);
    store.setMark({"a.png", "b.png"}, "unsure", true);
    store.setMark({"a.png"}, "unsure", true);
    store.setMark({"b.png"}, "unsure", false);
    EXPECT_TRUE(store.journal().empty()) << "a mark is not a label change";
  }
  const LabelStore reader(file, LabelStore::Access::ReadOnly);
  EXPECT_EQ(reader.marked("unsure"), std::set<std::string>{"a.png"});
  EXPECT_TRUE(reader.marked("other").empty());
  EXPECT_THROW(LabelStore(file, LabelStore::Access::ReadOnly).setMark({"c.png"}, "unsure", true),
               LabelStoreError);
}
