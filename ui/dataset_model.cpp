#include "dataset_model.h"

#include <algorithm>
#include <limits>
#include <numeric>


#include <QFileInfo>
#include <QPointer>

#include "qimage_util.h"

namespace sddui {

DatasetModel::DatasetModel(QObject* parent) : QAbstractListModel(parent) {
  pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

DatasetModel::~DatasetModel() {
  ++generation_;
  pool_.clear();
  pool_.waitForDone();
}

// Natural order: runs of digits compare as numbers (crazing_2 before crazing_10), the rest
// case-insensitively. QCollator's numeric mode does nothing without ICU collation (C locale).
static int naturalCompare(const QString& a, const QString& b) {
  qsizetype i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].isDigit() && b[j].isDigit()) {
      qsizetype ie = i, je = j;
      while (ie < a.size() && a[ie].isDigit()) ++ie;
      while (je < b.size() && b[je].isDigit()) ++je;
      qsizetype is = i, js = j;  // skip leading zeros, then the longer number is larger
      while (is + 1 < ie && a[is] == u'0') ++is;
      while (js + 1 < je && b[js] == u'0') ++js;
      if (ie - is != je - js) return ie - is < je - js ? -1 : 1;
      const int c = QStringView(a).mid(is, ie - is).compare(QStringView(b).mid(js, je - js));
      if (c != 0) return c;
      i = ie;
      j = je;
      continue;
    }
    const int c = QString::compare(a.mid(i, 1), b.mid(j, 1), Qt::CaseInsensitive);
    if (c != 0) return c;
    ++i;
    ++j;
  }
  if (i < a.size() || j < b.size()) return i < a.size() ? 1 : -1;
  return QString::compare(a, b);  // equal ignoring case and zeros: a stable tie-break
}

void DatasetModel::reset(sdd::Dataset dataset, std::unique_ptr<sdd::LabelStore> store) {
  beginResetModel();
  ++generation_;
  pool_.clear();
  thumbs_.clear();
  pending_.clear();
  dataset_ = std::make_unique<sdd::Dataset>(std::move(dataset));
  store_ = std::move(store);
  classes_.clear();
  for (const auto& c : dataset_->classes()) classes_ << QString::fromStdString(c);
  const int n = int(dataset_->samples().size());
  predicted_ = QVector<int>(n, -1);
  confidence_ = QVector<float>(n, 0.f);
  probs_ = QVector<QVector<float>>(n);
  ms_ = QVector<double>(n, 0.0);
  duplicates_.clear();
  for (const auto& g : dataset_->duplicates())
    for (std::size_t i : g.samples) duplicates_.insert(int(i));
  rowByPath_.clear();
  for (int r = 0; r < n; ++r)
    rowByPath_.insert(QFileInfo(QString::fromStdString(sample(r).path.string())).absoluteFilePath(), r);
  // Natural-order rank of each file name (crazing_2 before crazing_10), computed once: the
  // browser's sort compares these ints instead of collating strings, which made widening a
  // filter on 20,000 images take ~230 ms (issue #7).
  {
    std::vector<QString> names;
    names.reserve(std::size_t(n));
    for (int r = 0; r < n; ++r) names.push_back(QString::fromStdString(sample(r).path.filename().string()));
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return naturalCompare(names[std::size_t(a)], names[std::size_t(b)]) < 0;
    });
    nameRank_ = QVector<int>(n);
    for (int i = 0; i < n; ++i) nameRank_[order[std::size_t(i)]] = i;
  }
  endResetModel();
  Q_EMIT labelsChanged();
  Q_EMIT predictionsChanged();
}

QString DatasetModel::journalPath(int row) const {
  return QString::fromStdString(sdd::journalPath(dataset_->root(), sample(row).path));
}

int DatasetModel::rowForFile(const QString& file) const {
  if (!dataset_) return -1;
  return rowByPath_.value(QFileInfo(file).absoluteFilePath(), -1);
}

int DatasetModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !dataset_ ? 0 : int(dataset_->samples().size());
}

QVariant DatasetModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !dataset_) return {};
  const int row = index.row();
  const sdd::Sample& s = sample(row);
  switch (role) {
    case Qt::DisplayRole:
    case FileNameRole:
      return QString::fromStdString(s.path.filename().string());
    case NameRankRole: return nameRank_[row];
    case Qt::ToolTipRole:
      return QStringLiteral("%1\n%2 · %3×%4").arg(QString::fromStdString(s.path.string()),
                                                  classes_[s.label]).arg(s.width).arg(s.height);
    case Qt::DecorationRole: {
      if (QImage* img = thumbs_.object(row)) return *img;
      requestThumbnail(row);
      return {};
    }
    case PathRole: return QString::fromStdString(s.path.string());
    case LabelRole: return s.label;
    case OriginalLabelRole: return s.originalLabel;
    case SplitRole: return int(s.split);
    case PredictedRole: return predicted_[row];
    case ConfidenceRole: return confidence_[row];
    case RelabeledRole: return s.label != s.originalLabel;
    case DuplicateRole: return duplicates_.contains(row);
    case MisclassifiedRole: return predicted_[row] >= 0 && predicted_[row] != s.label;
    default: return {};
  }
}

void DatasetModel::requestThumbnail(int row) const {
  if (pending_.contains(row)) return;
  pending_.insert(row);
  const std::filesystem::path file = sample(row).path;
  const quint64 gen = generation_;
  QPointer<DatasetModel> self(const_cast<DatasetModel*>(this));
  // Priority = request order: after a fast scroll the rows now on screen come first, not
  // the thousands the view passed on the way.
  requests_ = requests_ == std::numeric_limits<int>::max() ? 0 : requests_ + 1;
  pool_.start([self, file, row, gen] {
    QImage img = loadDisplayImage(file, kThumbSize);
    if (img.isNull()) {
      img = QImage(kThumbSize, kThumbSize, QImage::Format_RGB888);
      img.fill(QColor(90, 40, 40));
    }
    QMetaObject::invokeMethod(
        self, [self, row, img, gen] {
          if (self) self->thumbnailReady(row, img, gen);
        },
        Qt::QueuedConnection);
  }, requests_);
}

void DatasetModel::thumbnailReady(int row, const QImage& image, quint64 generation) {
  if (generation != generation_ || row >= rowCount()) return;
  pending_.remove(row);
  thumbs_.insert(row, new QImage(image));
  const QModelIndex i = index(row);
  Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
}

QString DatasetModel::setLabels(const QVector<int>& rows, const QVector<int>& labels,
                                const QString& action, const QString& note) {
  if (!dataset_ || !store_) return tr("no dataset is open");
  std::vector<sdd::LabelAssignment> changes;
  for (int i = 0; i < rows.size(); ++i) {
    const sdd::Sample& s = sample(rows[i]);
    changes.push_back({journalPath(rows[i]).toStdString(), dataset_->classes()[s.originalLabel],
                       dataset_->classes()[labels[i]]});
  }
  try {
    store_->assign(changes, action.toStdString(), note.toStdString());
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  for (int i = 0; i < rows.size(); ++i) {
    dataset_->setLabel(std::size_t(rows[i]), labels[i]);
    const QModelIndex idx = index(rows[i]);
    Q_EMIT dataChanged(idx, idx);
  }
  Q_EMIT labelsChanged();
  return {};
}

QVector<int> DatasetModel::classCounts() const {
  QVector<int> counts(classes_.size(), 0);
  if (dataset_)
    for (const auto& s : dataset_->samples()) ++counts[s.label];
  return counts;
}

int DatasetModel::relabeledCount() const {
  int n = 0;
  if (dataset_)
    for (const auto& s : dataset_->samples()) n += s.label != s.originalLabel;
  return n;
}

void DatasetModel::setPredictions(const QVector<int>& rows, const QVector<QVector<float>>& probabilities,
                                  const QVector<double>& milliseconds) {
  if (rows.isEmpty()) return;
  int lo = rows[0], hi = rows[0];
  for (int i = 0; i < rows.size(); ++i) {
    if (rows[i] < 0 || rows[i] >= rowCount() || probabilities[i].isEmpty()) continue;
    const auto& p = probabilities[i];
    const int cls = int(std::max_element(p.begin(), p.end()) - p.begin());
    predicted_[rows[i]] = cls;
    confidence_[rows[i]] = p[cls];
    probs_[rows[i]] = p;
    ms_[rows[i]] = milliseconds.value(i);
    lo = std::min(lo, rows[i]);
    hi = std::max(hi, rows[i]);
  }
  Q_EMIT dataChanged(index(lo), index(hi));
  Q_EMIT predictionsChanged();
}

void DatasetModel::clearPredictions() {
  predicted_.fill(-1);
  confidence_.fill(0.f);
  probs_.fill({});
  ms_.fill(0);
  if (rowCount()) Q_EMIT dataChanged(index(0), index(rowCount() - 1));
  Q_EMIT predictionsChanged();
}

int DatasetModel::predictedCount() const {
  return int(std::count_if(predicted_.begin(), predicted_.end(), [](int p) { return p >= 0; }));
}

}  // namespace sddui
