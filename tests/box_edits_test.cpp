// Edited defect boxes: kept in the label journal as edits (never in the annotation files),
// compare-and-set across connections, read back by a scan's applyBoxes, and exported as
// Pascal VOC and COCO that other tools (and our own VOC reader) read back the same.
#include "sdd/labels/box_edits.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "sdd/labels/box_export.h"
#include "sdd/util/json.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::patternImage;
using sdd::test::readBytes;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

const Boxes kDisk = {{"scratches", 5, 6, 30, 40}};

/// A NEU-DET-style dataset of 2 classes × 3 images, each with one VOC box.
const std::string kScratches2 = "train/images/scratches/scratches_2.jpg";

Dataset makeBoxedDataset(const TempDir& dir) {
  const std::vector<std::string> classes = {"patches", "scratches"};
  for (int c = 0; c < 2; ++c)
    for (int n = 1; n <= 3; ++n) {
      const std::string stem = classes[c] + "_" + std::to_string(n);
      writeImage(dir / ("data/train/images/" + classes[c] + "/" + stem + ".jpg"),
                 patternImage(c, n));
      writeBytes(dir / ("data/train/annotations/" + stem + ".xml"),
                 "<annotation><object><name>" + classes[c] +
                     "</name><bndbox><xmin>5</xmin><ymin>6</ymin><xmax>30</xmax><ymax>40</ymax>"
                     "</bndbox></object></annotation>");
    }
  return Dataset::scan(dir / "data");
}

}  // namespace

TEST(BoxEdits, AnEditIsAJournalRowWithTheBoxesBeforeAndAfter) {
  TempDir dir;
  LabelStore store(LabelStore::journalFile(dir / "ws"));
  const Boxes moved = {{"scratches", 10, 6, 35, 40}, {"inclusion", 1, 1, 4, 4}};
  const auto e = store.setBoxes({"IMAGES/x.jpg", kDisk, moved}, "edit", "moved, added one", "ann");
  ASSERT_TRUE(e);
  EXPECT_GT(e->id, 0);
  EXPECT_TRUE(sameBoxes(e->oldBoxes, kDisk));
  EXPECT_TRUE(sameBoxes(e->newBoxes, moved));
  EXPECT_EQ(e->user, "ann");
  EXPECT_FALSE(store.setBoxes({"IMAGES/x.jpg", kDisk, moved}))
      << "the same boxes again are no journal row";
  // Undo is an edit back, expecting what the edit left.
  ASSERT_TRUE(store.setBoxes({"IMAGES/x.jpg", kDisk, kDisk, moved}, "undo"));
  const auto h = store.boxHistory("IMAGES/x.jpg");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].note, "moved, added one");
  EXPECT_EQ(h[1].action, "undo");
  EXPECT_TRUE(sameBoxes(h[1].oldBoxes, moved));
  EXPECT_TRUE(sameBoxes(store.currentBoxes().at("IMAGES/x.jpg"), kDisk));
  EXPECT_EQ(store.lastBoxEditId(), h[1].id);
  EXPECT_EQ(store.boxEditsSince(h[0].id).size(), 1u);
  // Deleting every box is an answer too ("no defect here"), kept as an empty list.
  ASSERT_TRUE(store.setBoxes({"IMAGES/x.jpg", kDisk, {}}));
  EXPECT_TRUE(store.currentBoxes().at("IMAGES/x.jpg").empty());
}

TEST(BoxEdits, CompareAndSetRefusesAnEditOverBoxesChangedElsewhere) {
  TempDir dir;
  const fs::path file = LabelStore::journalFile(dir / "ws");
  LabelStore mine(file), theirs(file);  // two connections: two programs
  const Boxes a = {{"scratches", 1, 1, 9, 9}}, b = {{"patches", 2, 2, 8, 8}};
  theirs.setBoxes({"x.jpg", kDisk, a}, "edit", {}, "bob");
  try {
    mine.setBoxes({"x.jpg", kDisk, b, kDisk});  // I still see the disk's boxes
    FAIL() << "an edit over boxes changed elsewhere was written";
  } catch (const BoxConflictError& e) {
    EXPECT_EQ(e.changedBy().user, "bob");
    EXPECT_NE(std::string(e.what()).find("x.jpg"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(sameBoxes(mine.currentBoxes().at("x.jpg"), a)) << "nothing was written";
  // Expecting the disk's boxes of an image never edited succeeds.
  EXPECT_TRUE(mine.setBoxes({"y.jpg", kDisk, b, kDisk}));
}

TEST(BoxEdits, BoxesThatCannotBeRegionsAreRefusedNamingTheBox) {
  TempDir dir;
  LabelStore store(LabelStore::journalFile(dir / "ws"));
  for (const BoundingBox& bad : {BoundingBox{"", 1, 1, 5, 5}, BoundingBox{"x", -1, 1, 5, 5},
                                 BoundingBox{"x", 5, 1, 5, 5}, BoundingBox{"x", 1, 9, 5, 5}}) {
    try {
      store.setBoxes({"x.jpg", {}, {kDisk[0], bad}});
      FAIL() << "accepted " << bad.name << " " << bad.xmin << "," << bad.ymin;
    } catch (const LabelStoreError& e) {
      EXPECT_NE(std::string(e.what()).find("box 2"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(store.lastBoxEditId(), 0);
  EXPECT_THROW(boxesFromJson("{\"name\":1}"), LabelStoreError);
  EXPECT_TRUE(sameBoxes(boxesFromJson(boxesToJson(kDisk)), kDisk));
}

TEST(BoxEdits, AJournalFromBeforeBoxEditsReadsAsNoEditsAndGainsTheTable) {
  TempDir dir;
  const fs::path file = dir / "labels.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                         "INSERT INTO meta VALUES('schema','1');"
                         "CREATE TABLE changes(id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT "
                         "NULL, original_label TEXT NOT NULL, old_label TEXT NOT NULL, new_label "
                         "TEXT NOT NULL, time TEXT NOT NULL, action TEXT NOT NULL, note TEXT NOT "
                         "NULL DEFAULT '');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  {
    const LabelStore reader(file, LabelStore::Access::ReadOnly);
    EXPECT_TRUE(reader.currentBoxes().empty());
    EXPECT_TRUE(reader.boxHistory("x.jpg").empty());
    EXPECT_EQ(reader.lastBoxEditId(), 0);
  }
  LabelStore writer(file);
  EXPECT_TRUE(writer.setBoxes({"x.jpg", {}, kDisk}));
  LabelStore reader(file, LabelStore::Access::ReadOnly);
  EXPECT_THROW(reader.setBoxes({"x.jpg", kDisk, {}}), LabelStoreError);
}

TEST(BoxEdits, ApplyBoxesGivesAScanTheEditedBoxesAndLeavesTheFilesAlone) {
  TempDir dir;
  Dataset ds = makeBoxedDataset(dir);
  const fs::path xml = dir / "data/train/annotations/scratches_2.xml";
  const std::string before = readBytes(xml);
  LabelStore store(LabelStore::journalFile(dir / "ws"));
  const Boxes edited = {{"scratches", 8, 8, 20, 44}, {"patches", 30, 2, 45, 12}};
  store.setBoxes({kScratches2, kDisk, edited});
  store.setBoxes({"train/images/gone.jpg", {}, kDisk});
  const AppliedBoxes r = applyBoxes(ds, store);
  EXPECT_EQ(r.changed, 1u);
  ASSERT_EQ(r.unknownPaths.size(), 1u);
  EXPECT_EQ(r.unknownPaths[0], "train/images/gone.jpg");
  int found = 0;
  for (const Sample& s : ds.samples())
    if (s.path.filename() == "scratches_2.jpg") found += sameBoxes(s.boxes, edited);
  EXPECT_EQ(found, 1);
  EXPECT_EQ(readBytes(xml), before) << "the annotation file was written";
}

TEST(BoxEdits, VocExportReadsBackTheSameBoxesWithNamesEscaped) {
  TempDir dir;
  Dataset ds = makeBoxedDataset(dir);
  LabelStore store(LabelStore::journalFile(dir / "ws"));
  const Boxes edited = {{"scratch & <dent>", 8, 8, 20, 44}, {"patches", 30, 2, 45, 12}};
  store.setBoxes({kScratches2, kDisk, edited});
  store.setBoxes({"train/images/patches/patches_1.jpg", kDisk, {}});
  applyBoxes(ds, store);
  EXPECT_EQ(exportVocAnnotations(ds, dir / "voc"), 6u);
  std::string err;
  EXPECT_TRUE(
      sameBoxes(readVocBoxes(dir / "voc/train/images/scratches/scratches_2.xml", &err), edited))
      << err;
  EXPECT_TRUE(readVocBoxes(dir / "voc/train/images/patches/patches_1.xml", &err).empty());
  EXPECT_TRUE(err.empty()) << err;
  const std::string xml = readBytes(dir / "voc/train/images/scratches/scratches_2.xml");
  EXPECT_NE(xml.find("<filename>scratches_2.jpg</filename>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<width>48</width>"), std::string::npos) << xml;
  EXPECT_THROW(exportVocAnnotations(ds, dir / "voc"), std::runtime_error)
      << "a non-empty folder is refused";
}

TEST(BoxEdits, CocoExportHasEveryImageBoxAndCategory) {
  TempDir dir;
  Dataset ds = makeBoxedDataset(dir);
  LabelStore store(LabelStore::journalFile(dir / "ws"));
  store.setBoxes({kScratches2, kDisk, {{"scratches", 8, 8, 20, 44}, {"dent", 1, 2, 4, 9}}});
  applyBoxes(ds, store);
  const CocoSummary c = exportCoco(ds, dir / "coco.json");
  EXPECT_EQ(c.images, 6u);
  EXPECT_EQ(c.annotations, 7u);
  EXPECT_EQ(c.categories, 3u);
  const auto j = parseJson(readBytes(dir / "coco.json"));
  ASSERT_EQ(j.at("images").size(), 6u);
  ASSERT_EQ(j.at("categories").size(), 3u);
  EXPECT_EQ(j["categories"][0]["name"], "patches");
  EXPECT_EQ(j["categories"][2]["name"], "dent");
  bool sawDent = false;
  for (const auto& a : j.at("annotations"))
    if (a.at("category_id") == 3) {
      sawDent = true;
      EXPECT_EQ(a.at("bbox"), nlohmann::json({1, 2, 3, 7}));
      EXPECT_EQ(a.at("area"), 21);
    }
  EXPECT_TRUE(sawDent);
}
