#include <gtest/gtest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"
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
  EXPECT_EQ(csv.rfind("id,path,original_label,old_label,new_label,time,action,note\n", 0), 0u);
  EXPECT_NE(csv.find("\"dir, with comma/1.png\",a,a,b,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",relabel,\"say \"\"hi\"\"\"\n"), std::string::npos) << csv;
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
