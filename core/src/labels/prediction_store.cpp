#include "sdd/labels/prediction_store.h"

#include <cstring>
#include <stdexcept>

#include "labels/sqlite_database.h"
#include "sdd/model/model_spec.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd {

namespace {

using sqlite::Statement;

void setUpPredictions(sqlite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS models(fingerprint TEXT PRIMARY KEY, classes TEXT NOT NULL,"
      " time TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS predictions(model TEXT NOT NULL, path TEXT NOT NULL,"
      " probabilities BLOB NOT NULL, PRIMARY KEY(model, path)) WITHOUT ROWID;"
      // Since 2026-12-02; a file from before gains the table the first time it is written.
      "CREATE TABLE IF NOT EXISTS unknown_scores(model TEXT NOT NULL, path TEXT NOT NULL,"
      " score REAL NOT NULL, PRIMARY KEY(model, path)) WITHOUT ROWID;");
}

std::string classesJson(const std::vector<std::string>& classes) { return dumpJson(classes); }

}  // namespace

struct PredictionStore::Db {
  Db(const fs::path& file, bool readOnly)
      : db(file, "predictions file", readOnly, setUpPredictions, "SELECT COUNT(*) FROM models") {}
  sqlite::Database db;
};

PredictionStore::PredictionStore(const fs::path& file, LabelStore::Access access)
    : db_(std::make_unique<Db>(file, access == LabelStore::Access::ReadOnly)) {}

PredictionStore::~PredictionStore() = default;

fs::path PredictionStore::fileIn(const fs::path& workspaceDir) {
  return workspaceDir / "predictions.sqlite";
}

void PredictionStore::setBusyTimeout(int milliseconds) { db_->db.setBusyTimeout(milliseconds); }

void PredictionStore::put(const std::string& model, const std::vector<std::string>& classes,
                          const std::vector<std::pair<std::string, std::vector<float>>>& rows,
                          const std::vector<double>& unknownScores) {
  if (!unknownScores.empty() && unknownScores.size() != rows.size())
    throw std::invalid_argument(std::to_string(unknownScores.size()) + " unknown scores for " +
                                std::to_string(rows.size()) + " predictions");
  for (const auto& [path, probs] : rows)
    if (probs.size() != classes.size())
      throw std::invalid_argument("prediction for " + path + " has " +
                                  std::to_string(probs.size()) + " probabilities for " +
                                  std::to_string(classes.size()) + " classes");
  db_->db.transaction([&] {
    {
      Statement known(db_->db, "SELECT classes FROM models WHERE fingerprint=?1");
      known.bind(1, model);
      if (known.step() && known.text(0) != classesJson(classes))
        throw LabelStoreError(db_->db.name() + ": model " + model +
                              " was stored with the classes " + known.text(0) + ", not " +
                              classesJson(classes));
    }
    Statement addModel(
        db_->db, "INSERT OR IGNORE INTO models(fingerprint, classes, time) VALUES(?1, ?2, ?3)");
    addModel.bind(1, model);
    addModel.bind(2, classesJson(classes));
    addModel.bind(3, nowIso8601());
    addModel.step();
    // Probabilities as the float32 bytes of this machine (every platform we build for is
    // little-endian); the file is a cache of this installation, not an exchange format.
    Statement insert(
        db_->db,
        "INSERT OR REPLACE INTO predictions(model, path, probabilities) VALUES(?1, ?2, ?3)");
    for (const auto& [path, probs] : rows) {
      insert.bind(1, model);
      insert.bind(2, path);
      insert.bindBlob(3, probs.data(), static_cast<int>(probs.size() * sizeof(float)));
      insert.step();
      insert.reset();
    }
    if (unknownScores.empty()) return;
    Statement score(db_->db,
                    "INSERT OR REPLACE INTO unknown_scores(model, path, score) VALUES(?1, ?2, ?3)");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      score.bind(1, model);
      score.bind(2, rows[i].first);
      score.bind(3, unknownScores[i]);
      score.step();
      score.reset();
    }
  });
}

StoredScores PredictionStore::unknownScores(const std::string& model) const {
  StoredScores out;
  {
    // A file from before the scores were kept, opened read-only, has no such table.
    Statement table(db_->db,
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='unknown_scores'");
    if (!table.step()) return out;
  }
  Statement st(db_->db, "SELECT path, score FROM unknown_scores WHERE model=?1");
  st.bind(1, model);
  while (st.step()) out.emplace(st.text(0), st.real(1));
  return out;
}

StoredPredictions PredictionStore::get(const std::string& model) const {
  StoredPredictions out;
  Statement st(db_->db, "SELECT path, probabilities FROM predictions WHERE model=?1");
  st.bind(1, model);
  while (st.step()) {
    std::vector<float> probs(static_cast<std::size_t>(st.bytes(1)) / sizeof(float));
    if (!probs.empty()) std::memcpy(probs.data(), st.blob(1), probs.size() * sizeof(float));
    out.emplace(st.text(0), std::move(probs));
  }
  return out;
}

std::vector<std::string> PredictionStore::classes(const std::string& model) const {
  Statement st(db_->db, "SELECT classes FROM models WHERE fingerprint=?1");
  st.bind(1, model);
  if (!st.step()) return {};
  try {
    return parseJson(st.text(0)).get<std::vector<std::string>>();
  } catch (const std::exception& e) {
    throw LabelStoreError(db_->db.name() + ": the class list of model " + model + " is damaged (" +
                          e.what() + ")");
  }
}

}  // namespace sdd
