#pragma once
// Item model over a scanned sdd::Dataset plus its workspace label journal. Thumbnails are
// decoded lazily on a thread pool and cached; relabels go to the journal before the view
// changes, and changes other programs make to the journal (`sdd relabel`, a second
// workbench) reach the view within a second. Lives on the GUI thread.

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QImage>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QVector>
#include <memory>
#include <optional>

#include "sdd/dataset/dataset.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/labels/box_edits.h"
#include "sdd/labels/label_store.h"
#include "sdd/labels/prediction_store.h"
#include "workers/inference_worker.h"

namespace sddui {

/// The classified images among some rows, in the form the Evaluate tab draws from.
struct Predictions {
  QVector<int> rows;                      ///< dataset rows
  QStringList names;                      ///< their names as the browser shows them
  std::vector<int> truth;                 ///< their current labels
  std::vector<std::vector<float>> probs;  ///< their SoftMax outputs
  QVector<double> ms;                     ///< file read -> decision
  sdd::TrainingOverlap overlap;           ///< those images among the model's training images
};

class DatasetModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role {
    PathRole = Qt::UserRole + 1,
    LabelRole,          ///< int, current class
    OriginalLabelRole,  ///< int
    SplitRole,          ///< int (sdd::Split)
    PredictedRole,      ///< int, -1 when not classified yet
    ConfidenceRole,     ///< float, probability of the predicted class
    RelabeledRole,      ///< bool
    DuplicateRole,      ///< bool
    MisclassifiedRole,  ///< bool: predicted and differs from the current label
    /// QString: the file name. (Qt::DisplayRole: the name shown, searched and sorted by: the
    /// file name, or its path below the dataset folder where file names repeat, as
    /// KolektorSDD's kos01/Part0.jpg and kos02/Part0.jpg do.)
    FileNameRole,
    NameRankRole,  ///< int: position of the file name in natural sort order
    UnsureRole,    ///< bool: marked "unsure" in review (to look at again)
    DecisionRole,  ///< int: sdd::Decision under the model's rule, -1 when not classified
  };
  static constexpr int kThumbSize = 112;

  explicit DatasetModel(QObject* parent = nullptr);
  ~DatasetModel() override;

  /// Takes a scanned dataset and its opened journal, already applied to the labels up to
  /// journal row `appliedThrough` (later rows are applied at once).
  void reset(sdd::Dataset dataset, std::unique_ptr<sdd::LabelStore> store,
             long long appliedThrough = 0);
  bool isEmpty() const { return !dataset_; }
  const sdd::Dataset* dataset() const { return dataset_.get(); }
  sdd::LabelStore* store() const { return store_.get(); }
  QStringList classes() const { return classes_; }
  const sdd::Sample& sample(int row) const { return dataset_->samples()[row]; }
  QString journalPath(int row) const;
  int rowForFile(const QString& file) const;
  /// The row of a journal path (relative to the dataset root); -1 when none.
  int rowForJournalPath(const QString& path) const { return rowByJournalPath_.value(path, -1); }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

  /// Writes the changes to the journal (one transaction) and returns the rows written;
  /// `labels[i]` is the new class of `rows[i]`. With `expected`, only if each row's
  /// current journal label is still `expected[i]` (compare-and-set). Throws like
  /// sdd::LabelStore::assign (LabelConflictError, LabelStoreBusy, LabelStoreError). The view
  /// is not changed: call syncFromJournal() or showLabels().
  std::vector<sdd::LabelChange> writeLabels(const QVector<int>& rows, const QVector<int>& labels,
                                            const QString& action, const QString& note = {},
                                            const QVector<int>& expected = {},
                                            const sdd::LabelSource& source = {});
  /// Shows `labels[i]` as the label of `rows[i]` (after they are in the journal).
  void showLabels(const QVector<int>& rows, const QVector<int>& labels);
  /// Writes `boxes` as the boxes of `row` to the journal (sdd/labels/box_edits.h); with
  /// `expected`, only if its current boxes are still those (compare-and-set). Returns the
  /// row written (none: the boxes were already those). Throws like sdd::LabelStore::setBoxes.
  /// The view is not changed: call showBoxes() or syncFromJournal().
  std::optional<sdd::BoxEdit> writeBoxes(
      int row, const std::vector<sdd::BoundingBox>& boxes, const QString& action,
      const QString& note = {},
      const std::optional<std::vector<sdd::BoundingBox>>& expected = std::nullopt);
  /// Shows `boxes` as the boxes of `row` (after they are in the journal); boxesChanged().
  void showBoxes(int row, const std::vector<sdd::BoundingBox>& boxes);
  /// Applies every journal row newer than those applied so far (this program's or another's)
  /// to the labels and boxes; returns how many images changed their label. Also runs every second
  /// by itself when another connection has committed (SQLite's data_version).
  int syncFromJournal();
  /// The class index of a label name; sdd::kUnlabeled for "" and for names that are not
  /// classes.
  int classIndex(const std::string& name) const;
  /// Per-class counts of current labels (images without a class left out), in `split`
  /// (an sdd::Split as int; -1: all).
  QVector<int> classCounts(int split = -1) const;
  /// Images without a class (in `split`; -1: all).
  int unlabeledCount(int split = -1) const;
  /// Marks `rows` "unsure" (or clears the mark) in the workspace, then in the view. Throws
  /// like sdd::LabelStore::setMark.
  void setUnsure(const QVector<int>& rows, bool on);
  int unsureCount() const { return int(unsure_.size()); }
  int relabeledCount() const;

  /// Stores predictions (SoftMax outputs and file-to-decision times) for dataset rows, with
  /// one change notification. The predicted class is the most probable one.
  void setPredictions(const QVector<int>& rows, const QVector<QVector<float>>& probabilities,
                      const QVector<double>& milliseconds,
                      const QVector<double>& unknownScores = {});
  /// The loaded model's confidence rule: every row's decision follows it (accept / review;
  /// unknown where an unknown score came with the prediction).
  void setConfidenceRule(const sdd::ConfidenceRule& rule);
  /// The loaded model's training images (content hashes), for predictionsOf's overlap.
  void setTrainingImages(std::vector<std::uint64_t> hashes) { trainingImages_ = std::move(hashes); }
  /// Records the classified images among `results` that are images of this dataset (by
  /// file) as their predictions; returns each result's current label (-1: not in the
  /// dataset).
  QVector<int> applyResults(const QVector<ClassifyResult>& results);
  /// The files of `rows`, for classifying them.
  QStringList files(const std::vector<std::size_t>& rows) const;
  QStringList allFiles() const;
  /// The rule's decision on each row (none: not classified), for the review queue.
  std::vector<std::optional<sdd::Decision>> decisionVector() const;
  /// The rule's decision on a classified row with the calibrated probability behind it.
  sdd::Decided decided(int row) const;
  /// The unknown score that came with a row's prediction; NaN where none did.
  double unknownScore(int row) const { return unknown_[row]; }
  /// SoftMax output of a row; empty when it has not been classified.
  const QVector<float>& probabilities(int row) const { return probs_[row]; }
  double milliseconds(int row) const { return ms_[row]; }
  /// The rows of `rows` classified by the current model (rows not classified are left out).
  Predictions predictionsOf(const std::vector<std::size_t>& rows) const;
  void clearPredictions();
  int predictedCount() const;
  /// Shows probabilities kept in the workspace (sdd::PredictionStore) as the predictions of
  /// their images (no timing); returns how many images got one.
  int applyStoredPredictions(const sdd::StoredPredictions& stored,
                             const sdd::StoredScores& unknownScores = {});
  /// Every row's probabilities (empty where none), for the core's review and bulk functions.
  std::vector<std::vector<float>> predictionVectors() const;

  /// The name the journal records for this user's changes (empty: the system's user name).
  void setUserName(const QString& name) { userName_ = name; }
  QString userName() const { return userName_; }
  /// Thumbnails in the cache (at most kMaxCachedThumbnails) and still being decoded.
  int cachedThumbnails() const { return thumbs_.count(); }
  int pendingThumbnails() const { return int(pending_.size()); }
  static constexpr int kMaxCachedThumbnails = 4000;  ///< 112 px RGB: at most ~150 MB

 Q_SIGNALS:
  void labelsChanged();
  /// The boxes of `row` changed (edited here or by another program).
  void boxesChanged(int row);
  void predictionsChanged();
  /// Labels changed by another program were applied (`images` of them), e.g. for a status
  /// message.
  void labelsChangedElsewhere(int images);
  /// The journal could not be read while following other programs' changes.
  void journalUnreadable(const QString& reason);

 private:
  void requestThumbnail(int row) const;
  void thumbnailReady(int row, const QImage& image, quint64 generation);

  void pollJournal();

  std::unique_ptr<sdd::Dataset> dataset_;
  std::unique_ptr<sdd::LabelStore> store_;
  long long appliedThrough_ = 0;       ///< newest journal row applied to the labels
  long long boxesAppliedThrough_ = 0;  ///< newest box edit applied to the boxes
  long long dataVersion_ = -1;         ///< the journal's data_version at the last poll
  QTimer journalPoll_;
  QString lastPollError_;
  QHash<QString, int> rowByJournalPath_;
  QStringList classes_;
  QString userName_;
  QVector<int> predicted_;
  QVector<float> confidence_;
  QVector<QVector<float>> probs_;
  QVector<double> ms_;
  QVector<double> unknown_;  ///< per row; NaN where none came with the prediction
  sdd::ConfidenceRule rule_;
  std::vector<std::uint64_t> trainingImages_;
  QVector<qint8> decision_;  ///< per row: sdd::Decision under rule_, -1 when not classified
  void decide(int row);      ///< recomputes decision_[row]
  QSet<int> duplicates_;
  QSet<int> unsure_;
  QVector<int> nameRank_;
  bool namesRepeat_ = false;       // two images share a file name: names shown with their folders
  QHash<QString, int> rowByPath_;  ///< absolute file path -> row
  mutable QCache<int, QImage> thumbs_{kMaxCachedThumbnails};
  mutable int requests_ = 0;  ///< the newest request is decoded first (what is on screen now)
  mutable QSet<int> pending_;
  mutable QThreadPool pool_;
  quint64 generation_ = 0;
};

}  // namespace sddui
