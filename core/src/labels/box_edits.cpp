#include "sdd/labels/box_edits.h"

#include <sqlite3.h>

#include <algorithm>

#include "dataset/labeling_tool_json.h"
#include "labels/journal_db.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd {

using sqlite::Statement;

namespace {

constexpr const char* kSelect =
    "SELECT id, path, old_boxes, new_boxes, time, action, note, user FROM box_edits";

BoxEdit readEdit(const Statement& st) {
  BoxEdit e;
  e.id = st.integer(0);
  e.path = st.text(1);
  e.oldBoxes = boxesFromJson(st.text(2));
  e.newBoxes = boxesFromJson(st.text(3));
  e.time = st.text(4);
  e.action = st.text(5);
  e.note = st.text(6);
  e.user = st.text(7);
  return e;
}

/// A journal opened read-only from before box edits has no table: no edits.
bool hasTable(const sqlite::Database& db) {
  Statement st(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='box_edits'");
  return st.step();
}

}  // namespace

void createBoxEditsTable(sqlite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS box_edits("
      " id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, old_boxes TEXT NOT NULL,"
      " new_boxes TEXT NOT NULL, time TEXT NOT NULL, action TEXT NOT NULL,"
      " note TEXT NOT NULL DEFAULT '', user TEXT NOT NULL DEFAULT '');"
      "CREATE INDEX IF NOT EXISTS box_edits_path ON box_edits(path, id);");
}

bool sameBoxes(const Boxes& a, const Boxes& b) {
  const auto samePoint = [](const OutlinePoint& p, const OutlinePoint& q) {
    return p.x == q.x && p.y == q.y;
  };
  const auto samePolygon = [&](const auto& p, const auto& q) {
    return std::equal(p.begin(), p.end(), q.begin(), q.end(), samePoint);
  };
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].xmin != b[i].xmin || a[i].ymin != b[i].ymin ||
        a[i].xmax != b[i].xmax || a[i].ymax != b[i].ymax ||
        !std::equal(a[i].outline.begin(), a[i].outline.end(), b[i].outline.begin(),
                    b[i].outline.end(), samePolygon))
      return false;
  return true;
}

void checkBoxes(const Boxes& boxes) {
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const BoundingBox& b = boxes[i];
    const std::string which = "box " + std::to_string(i + 1) + " ('" + b.name + "' " +
                              std::to_string(b.xmin) + "," + std::to_string(b.ymin) + " to " +
                              std::to_string(b.xmax) + "," + std::to_string(b.ymax) + ")";
    if (b.name.empty()) throw LabelStoreError(which + " has no class name");
    if (b.xmin < 0 || b.ymin < 0) throw LabelStoreError(which + " has a negative coordinate");
    if (b.xmax <= b.xmin || b.ymax <= b.ymin) throw LabelStoreError(which + " has no area");
  }
}

std::string boxesToJson(const Boxes& boxes) {
  nlohmann::json out = nlohmann::json::array();
  for (const BoundingBox& b : boxes) {
    out.push_back(
        {{"name", b.name}, {"xmin", b.xmin}, {"ymin", b.ymin}, {"xmax", b.xmax}, {"ymax", b.ymax}});
    if (!b.outline.empty()) out.back()["outline"] = outlineToJson(b.outline);
  }
  return dumpJson(out);
}

Boxes boxesFromJson(const std::string& json) {
  try {
    const nlohmann::json in = parseJson(json);
    if (!in.is_array()) throw LabelStoreError("not a list");
    Boxes out;
    const auto coordinate = [](const nlohmann::json& v) {
      return static_cast<int>(jsonInteger(v, -1'000'000'000, 1'000'000'000));
    };
    for (const auto& b : in) {
      out.push_back({b.at("name").get<std::string>(), coordinate(b.at("xmin")),
                     coordinate(b.at("ymin")), coordinate(b.at("xmax")), coordinate(b.at("ymax"))});
      if (b.contains("outline")) out.back().outline = outlineFromJson(b["outline"]);
    }
    return out;
  } catch (const std::exception& e) {
    throw LabelStoreError(std::string("damaged box list in the label journal: ") + e.what());
  }
}

std::string describeBoxes(const Boxes& boxes) {
  if (boxes.empty()) return "no boxes";
  std::string out = std::to_string(boxes.size()) + (boxes.size() == 1 ? " box: " : " boxes: ");
  for (std::size_t i = 0; i < boxes.size(); ++i) out += (i ? ", " : "") + boxes[i].name;
  return out;
}

BoxConflictError::BoxConflictError(const std::string& path, const BoxEdit& changedBy)
    : LabelStoreError("the boxes of " + path +
                      " changed meanwhile, so nothing was written: they are now " +
                      describeBoxes(changedBy.newBoxes) + " (" + changedBy.action +
                      (changedBy.user.empty() ? std::string() : " of " + changedBy.user) + " at " +
                      changedBy.time + ")"),
      changedBy_(changedBy) {}

std::optional<BoxEdit> LabelStore::setBoxes(const BoxAssignment& edit, const std::string& action,
                                            const std::string& note, const std::string& user) {
  if (readOnly())
    throw LabelStoreError("label journal " + file_.string() +
                          " is open read-only; the boxes were not saved");
  checkBoxes(edit.boxes);
  std::optional<BoxEdit> written;
  db_->db.transaction([&] {
    BoxEdit last;
    {
      Statement current(db_->db, std::string(kSelect) + " WHERE path=?1 ORDER BY id DESC LIMIT 1");
      current.bind(1, edit.path);
      if (current.step()) last = readEdit(current);
    }
    const Boxes& now = last.id ? last.newBoxes : edit.original;
    if (edit.expected && !sameBoxes(*edit.expected, now)) {
      if (!last.id) last.newBoxes = edit.original, last.action = "the annotation file";
      throw BoxConflictError(edit.path, last);
    }
    if (sameBoxes(now, edit.boxes)) return;
    BoxEdit e{0,        edit.path, now,  edit.boxes,
              utcNow(), action,    note, user.empty() ? osUserName() : user};
    Statement insert(db_->db,
                     "INSERT INTO box_edits(path, old_boxes, new_boxes, time, action, note, user)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    const std::string values[] = {
        e.path, boxesToJson(e.oldBoxes), boxesToJson(e.newBoxes), e.time, e.action, e.note, e.user};
    for (int k = 0; k < 7; ++k) insert.bind(k + 1, values[k]);
    insert.step();
    e.id = sqlite3_last_insert_rowid(db_->db.handle());
    written = std::move(e);
  });
  return written;
}

std::map<std::string, Boxes> LabelStore::currentBoxes() const {
  std::map<std::string, Boxes> out;
  if (!hasTable(db_->db)) return out;
  Statement st(db_->db, "SELECT path, new_boxes FROM box_edits ORDER BY id");
  while (st.step()) out[st.text(0)] = boxesFromJson(st.text(1));
  return out;
}

std::vector<BoxEdit> LabelStore::boxHistory(const std::string& path) const {
  std::vector<BoxEdit> out;
  if (!hasTable(db_->db)) return out;
  Statement st(db_->db, std::string(kSelect) + " WHERE path=?1 ORDER BY id");
  st.bind(1, path);
  while (st.step()) out.push_back(readEdit(st));
  return out;
}

std::vector<BoxEdit> LabelStore::boxEditsSince(long long id) const {
  std::vector<BoxEdit> out;
  if (!hasTable(db_->db)) return out;
  Statement st(db_->db, std::string(kSelect) + " WHERE id>?1 ORDER BY id");
  st.bind(1, id);
  while (st.step()) out.push_back(readEdit(st));
  return out;
}

long long LabelStore::lastBoxEditId() const {
  if (!hasTable(db_->db)) return 0;
  Statement st(db_->db, "SELECT COALESCE(MAX(id), 0) FROM box_edits");
  return st.step() ? st.integer(0) : 0;
}

AppliedBoxes applyBoxes(Dataset& dataset, const LabelStore& store) {
  AppliedBoxes result;
  const auto current = store.currentBoxes();
  if (current.empty()) return result;
  std::map<std::string, std::size_t> sampleIndex;
  for (std::size_t i = 0; i < dataset.samples().size(); ++i)
    sampleIndex[journalPath(dataset.root(), dataset.samples()[i].path)] = i;
  for (const auto& [path, boxes] : current) {
    const auto s = sampleIndex.find(path);
    if (s == sampleIndex.end()) {
      result.unknownPaths.push_back(path);
    } else if (!sameBoxes(dataset.samples()[s->second].boxes, boxes)) {
      dataset.setBoxes(s->second, boxes);
      ++result.changed;
    }
  }
  return result;
}

}  // namespace sdd
