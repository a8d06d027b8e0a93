#pragma once
// Filtering and sorting of the dataset browser.

#include <QSortFilterProxyModel>

namespace sddui {

class SampleFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  /// Review and Unknown: the model's decision (sdd::Decision) for the image.
  enum class Status {
    All,
    Relabeled,
    Misclassified,
    Duplicate,
    Unclassified,
    Unsure,
    Review,
    Unknown
  };
  enum class SortKey { Name, Class, Confidence };

  explicit SampleFilter(QObject* parent = nullptr);

  static constexpr int kAllClasses = -1;
  static constexpr int kUnlabeledOnly = -2;  ///< the images without a class
  /// A class index, kAllClasses or kUnlabeledOnly; `original`: by original label.
  void setClassFilter(int cls, bool original);
  void setSplitFilter(int split);    ///< -1 = any, else sdd::Split
  void setPredictedFilter(int cls);  ///< -1 = any
  void setStatus(Status s);
  void setNameFilter(const QString& text);
  void setSortKey(SortKey key);

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override;
  bool lessThan(const QModelIndex& a, const QModelIndex& b) const override;

 private:
  int class_ = kAllClasses;
  bool original_ = false;
  int split_ = -1;
  int predicted_ = -1;
  Status status_ = Status::All;
  QString name_;
  SortKey sortKey_ = SortKey::Name;
};

}  // namespace sddui
