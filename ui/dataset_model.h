#pragma once
// Item model over a scanned sdd::Dataset plus its workspace label journal. Thumbnails are
// decoded lazily on a thread pool and cached; relabels go to the journal before the view
// changes. Lives on the GUI thread.

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QImage>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <memory>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"

namespace sddui {

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
    FileNameRole,
    NameRankRole,       ///< int: position of the file name in natural sort order
  };
  static constexpr int kThumbSize = 112;

  explicit DatasetModel(QObject* parent = nullptr);
  ~DatasetModel() override;

  /// Takes a scanned dataset and its opened journal (already applied to the labels).
  void reset(sdd::Dataset dataset, std::unique_ptr<sdd::LabelStore> store);
  bool isEmpty() const { return !dataset_; }
  const sdd::Dataset* dataset() const { return dataset_.get(); }
  sdd::LabelStore* store() const { return store_.get(); }
  QStringList classes() const { return classes_; }
  const sdd::Sample& sample(int row) const { return dataset_->samples()[row]; }
  QString journalPath(int row) const;
  int rowForFile(const QString& file) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

  /// Writes the changes to the journal (one transaction), then updates the rows. Returns
  /// the error text, empty on success. `labels[i]` is the new class of `rows[i]`.
  QString setLabels(const QVector<int>& rows, const QVector<int>& labels, const QString& action,
                    const QString& note = {});
  /// Per-class counts of current labels.
  QVector<int> classCounts() const;
  int relabeledCount() const;

  /// Stores predictions (SoftMax outputs and file-to-decision times) for dataset rows, with
  /// one change notification. The predicted class is the most probable one.
  void setPredictions(const QVector<int>& rows, const QVector<QVector<float>>& probabilities,
                      const QVector<double>& milliseconds);
  /// SoftMax output of a row; empty when it has not been classified.
  const QVector<float>& probabilities(int row) const { return probs_[row]; }
  double milliseconds(int row) const { return ms_[row]; }
  void clearPredictions();
  int predictedCount() const;
  /// Thumbnails in the cache (at most kMaxCachedThumbnails) and still being decoded.
  int cachedThumbnails() const { return thumbs_.count(); }
  int pendingThumbnails() const { return int(pending_.size()); }
  static constexpr int kMaxCachedThumbnails = 4000;  ///< 112 px RGB: at most ~150 MB

 Q_SIGNALS:
  void labelsChanged();
  void predictionsChanged();

 private:
  void requestThumbnail(int row) const;
  void thumbnailReady(int row, const QImage& image, quint64 generation);

  std::unique_ptr<sdd::Dataset> dataset_;
  std::unique_ptr<sdd::LabelStore> store_;
  QStringList classes_;
  QVector<int> predicted_;
  QVector<float> confidence_;
  QVector<QVector<float>> probs_;
  QVector<double> ms_;
  QSet<int> duplicates_;
  QVector<int> nameRank_;
  QHash<QString, int> rowByPath_;  ///< absolute file path -> row
  mutable QCache<int, QImage> thumbs_{kMaxCachedThumbnails};
  mutable int requests_ = 0;  ///< the newest request is decoded first (what is on screen now)
  mutable QSet<int> pending_;
  mutable QThreadPool pool_;
  quint64 generation_ = 0;
};

}  // namespace sddui
