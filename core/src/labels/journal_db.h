#pragma once
// Internal: what the label journal's two source files share: the open database of a
// LabelStore (label_store.cpp: labels and marks; box_edits.cpp: box edits), the journal's
// clock and the user name written with each change.

#include <filesystem>
#include <string>

#include "labels/sqlite_database.h"
#include "sdd/labels/label_store.h"

namespace sdd {

struct LabelStore::Db {
  Db(const std::filesystem::path& file, bool readOnly);
  sqlite::Database db;
  /// The SELECT list: a version-1 journal opened read-only has no provenance columns.
  std::string select;
};

/// Now, UTC, ISO 8601 with milliseconds: the time of a journal row.
std::string utcNow();
/// The user name the operating system gives this process, for the journal's "by whom".
std::string osUserName();
/// Creates the box edits' table when missing (inside the schema transaction).
void createBoxEditsTable(sqlite::Database& db);

}  // namespace sdd
