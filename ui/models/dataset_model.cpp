#include "models/dataset_model.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "display_image.h"

namespace sddui {

using sddreport::loadDisplayImage;

DatasetModel::DatasetModel(QObject* parent) : QAbstractListModel(parent) {
  pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
  // Other programs' relabels (`sdd relabel`, another workbench) appear within a second.
  journalPoll_.setInterval(1000);
  connect(&journalPoll_, &QTimer::timeout, this, &DatasetModel::pollJournal);
}

DatasetModel::~DatasetModel() {
  ++generation_;
  pool_.clear();
  pool_.waitForDone();
}

// Natural order: runs of digits compare as numbers (crazing_2 before crazing_10), the rest
// case-insensitively. QCollator's numeric mode does nothing without ICU collation (C locale).
// As a sort key, so that ranking 20,000 names is one plain string sort: letters case-folded,
// each run of digits as its length (two digits, leading zeros dropped) and then the digits,
// so a longer number sorts after a shorter one and equal lengths compare digit by digit.
static QString naturalKey(const QString& name) {
  QString key;
  key.reserve(name.size() + 8);
  for (qsizetype i = 0; i < name.size();) {
    if (name[i].isDigit()) {
      qsizetype e = i;
      while (e < name.size() && name[e].isDigit()) ++e;
      qsizetype s = i;
      while (s + 1 < e && name[s] == u'0') ++s;  // leading zeros
      const qsizetype len = std::min<qsizetype>(e - s, 99);
      key += QChar(u'0' + char16_t(len / 10));
      key += QChar(u'0' + char16_t(len % 10));
      key += QStringView(name).mid(s, e - s);
      i = e;
    } else {
      key += name[i].toCaseFolded();
      ++i;
    }
  }
  return key;
}

// What rowForFile looks files up by. Scanned paths are absolute already: cleaning them is
// enough, without QFileInfo's per-file work (30 ms for 20,000 files).
static QString absolutePathOf(const QString& file) {
  return QDir::isAbsolutePath(file) ? QDir::cleanPath(file) : QFileInfo(file).absoluteFilePath();
}

void DatasetModel::reset(sdd::Dataset dataset, std::unique_ptr<sdd::LabelStore> store,
                         long long appliedThrough) {
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
  unknown_ = QVector<double>(n, std::numeric_limits<double>::quiet_NaN());
  decision_ = QVector<qint8>(n, -1);
  duplicates_.clear();
  for (const auto& g : dataset_->duplicates())
    for (std::size_t i : g.samples) duplicates_.insert(int(i));
  rowByPath_.clear();
  rowByPath_.reserve(n);
  rowByJournalPath_.clear();
  rowByJournalPath_.reserve(n);
  for (int r = 0; r < n; ++r) {
    rowByPath_.insert(absolutePathOf(QString::fromStdString(sample(r).path.string())), r);
    rowByJournalPath_.insert(journalPath(r), r);
  }
  unsure_.clear();
  if (store_)
    for (const std::string& p : store_->marked("unsure"))
      if (const int r = rowByJournalPath_.value(QString::fromStdString(p), -1); r >= 0)
        unsure_.insert(r);
  appliedThrough_ = appliedThrough;
  boxesAppliedThrough_ = 0;  // the scan has the annotation files' boxes: every edit applies
  dataVersion_ = -1;
  if (store_)
    journalPoll_.start();
  else
    journalPoll_.stop();
  // Natural-order rank of each file name (crazing_2 before crazing_10), computed once: the
  // browser's sort compares these ints instead of collating strings, which made widening a
  // filter on 20,000 images take ~230 ms.
  {
    std::vector<std::pair<QString, QString>> keys;  // natural key, then the name as a tie-break
    keys.reserve(std::size_t(n));
    QSet<QString> seen;
    namesRepeat_ = false;
    for (int r = 0; r < n; ++r) {
      QString name = QString::fromStdString(sample(r).path.filename().string());
      namesRepeat_ = namesRepeat_ || seen.contains(name);
      seen.insert(name);
    }
    for (int r = 0; r < n; ++r) {
      QString name = data(index(r), Qt::DisplayRole).toString();
      keys.emplace_back(naturalKey(name), std::move(name));
    }
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return keys[std::size_t(a)] < keys[std::size_t(b)]; });
    nameRank_ = QVector<int>(n);
    for (int i = 0; i < n; ++i) nameRank_[order[std::size_t(i)]] = i;
  }
  endResetModel();
  syncFromJournal();  // rows written between the scan and now
  Q_EMIT labelsChanged();
  Q_EMIT predictionsChanged();
}

QString DatasetModel::journalPath(int row) const {
  return QString::fromStdString(sdd::journalPath(dataset_->root(), sample(row).path));
}

int DatasetModel::rowForFile(const QString& file) const {
  if (!dataset_) return -1;
  return rowByPath_.value(absolutePathOf(file), -1);
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
      return QString::fromStdString(
          namesRepeat_ ? s.path.lexically_relative(dataset_->dataFolder()).generic_string()
                       : s.path.filename().string());
    case FileNameRole:
      return QString::fromStdString(s.path.filename().string());
    case NameRankRole:
      return nameRank_[row];
    case Qt::ToolTipRole:
      return QStringLiteral("%1\n%2 · %3×%4")
          .arg(QString::fromStdString(s.path.string()),
               s.label == sdd::kUnlabeled ? tr("unlabeled") : classes_[s.label])
          .arg(s.width)
          .arg(s.height);
    case Qt::DecorationRole: {
      if (QImage* img = thumbs_.object(row)) return *img;
      requestThumbnail(row);
      return {};
    }
    case PathRole:
      return QString::fromStdString(s.path.string());
    case LabelRole:
      return s.label;
    case OriginalLabelRole:
      return s.originalLabel;
    case SplitRole:
      return int(s.split);
    case PredictedRole:
      return predicted_[row];
    case ConfidenceRole:
      return confidence_[row];
    case RelabeledRole:
      return s.label != s.originalLabel;
    case DuplicateRole:
      return duplicates_.contains(row);
    case UnsureRole:
      return unsure_.contains(row);
    case MisclassifiedRole:
      return predicted_[row] >= 0 && s.label != sdd::kUnlabeled && predicted_[row] != s.label;
    case DecisionRole:
      return int(decision_[row]);
    default:
      return {};
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
  pool_.start(
      [self, file, row, gen] {
        QImage img = loadDisplayImage(file, kThumbSize);
        if (img.isNull()) {
          img = QImage(kThumbSize, kThumbSize, QImage::Format_RGB888);
          img.fill(QColor(90, 40, 40));
        }
        QMetaObject::invokeMethod(
            self,
            [self, row, img, gen] {
              if (self) self->thumbnailReady(row, img, gen);
            },
            Qt::QueuedConnection);
      },
      requests_);
}

void DatasetModel::thumbnailReady(int row, const QImage& image, quint64 generation) {
  if (generation != generation_ || row >= rowCount()) return;
  pending_.remove(row);
  thumbs_.insert(row, new QImage(image));
  const QModelIndex i = index(row);
  Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
}

std::vector<sdd::LabelChange> DatasetModel::writeLabels(const QVector<int>& rows,
                                                        const QVector<int>& labels,
                                                        const QString& action, const QString& note,
                                                        const QVector<int>& expected,
                                                        const sdd::LabelSource& source) {
  if (!dataset_ || !store_) throw sdd::LabelStoreError(tr("no dataset is open").toStdString());
  std::vector<sdd::LabelAssignment> changes;
  for (int i = 0; i < rows.size(); ++i) {
    const sdd::Sample& s = sample(rows[i]);
    changes.push_back({journalPath(rows[i]).toStdString(), dataset_->className(s.originalLabel),
                       dataset_->className(labels[i])});
    if (i < expected.size()) changes.back().expected = dataset_->className(expected[i]);
  }
  sdd::LabelSource how = source;
  if (how.user.empty()) how.user = userName_.toStdString();
  return store_->assign(changes, action.toStdString(), note.toStdString(), how);
}

void DatasetModel::showLabels(const QVector<int>& rows, const QVector<int>& labels) {
  if (!dataset_) return;
  bool changed = false;
  for (int i = 0; i < rows.size(); ++i) {
    if (labels[i] < sdd::kUnlabeled || labels[i] >= classes_.size() ||
        sample(rows[i]).label == labels[i])
      continue;
    dataset_->setLabel(std::size_t(rows[i]), labels[i]);
    const QModelIndex idx = index(rows[i]);
    Q_EMIT dataChanged(idx, idx);
    changed = true;
  }
  if (changed) Q_EMIT labelsChanged();
}

std::optional<sdd::BoxEdit> DatasetModel::writeBoxes(
    int row, const std::vector<sdd::BoundingBox>& boxes, const QString& action, const QString& note,
    const std::optional<std::vector<sdd::BoundingBox>>& expected) {
  if (!dataset_ || !store_) throw sdd::LabelStoreError(tr("no dataset is open").toStdString());
  // The sample's boxes are the annotation file's until the journal has an edit of them, and
  // `original` only counts then.
  return store_->setBoxes({journalPath(row).toStdString(), sample(row).boxes, boxes, expected},
                          action.toStdString(), note.toStdString(), userName_.toStdString());
}

void DatasetModel::showBoxes(int row, const std::vector<sdd::BoundingBox>& boxes) {
  if (!dataset_ || row < 0 || row >= rowCount() || sdd::sameBoxes(sample(row).boxes, boxes)) return;
  dataset_->setBoxes(std::size_t(row), boxes);
  Q_EMIT boxesChanged(row);
}

int DatasetModel::classIndex(const std::string& name) const {
  return dataset_ ? dataset_->classIndex(name) : sdd::kUnlabeled;
}

int DatasetModel::syncFromJournal() {
  if (!dataset_ || !store_) return 0;
  QVector<int> rows, labels;
  for (const sdd::LabelChange& c : store_->changesSince(appliedThrough_)) {
    appliedThrough_ = c.id;
    const int row = rowByJournalPath_.value(QString::fromStdString(c.path), -1);
    const int label = classIndex(c.newLabel);
    // Not an image of this dataset, or a label that is not one of its classes ("" is none).
    if (row < 0 || (label == sdd::kUnlabeled && !c.newLabel.empty())) continue;
    rows << row;
    labels << label;
  }
  for (const sdd::BoxEdit& e : store_->boxEditsSince(boxesAppliedThrough_)) {
    boxesAppliedThrough_ = e.id;
    showBoxes(rowByJournalPath_.value(QString::fromStdString(e.path), -1), e.newBoxes);
  }
  QHash<int, int> before;
  for (int r : rows) before.insert(r, sample(r).label);
  showLabels(rows, labels);
  int changed = 0;
  for (auto it = before.cbegin(); it != before.cend(); ++it)
    changed += sample(it.key()).label != it.value();
  return changed;
}

void DatasetModel::pollJournal() {
  if (!store_) return;
  try {
    const long long version = store_->dataVersion();
    if (version == dataVersion_) return;
    dataVersion_ = version;
    if (const int n = syncFromJournal()) Q_EMIT labelsChangedElsewhere(n);
    lastPollError_.clear();
  } catch (const std::exception& e) {
    const QString reason = QString::fromStdString(e.what());
    if (reason != lastPollError_) Q_EMIT journalUnreadable(reason);  // once, not every second
    lastPollError_ = reason;
  }
}

QVector<int> DatasetModel::classCounts(int split) const {
  QVector<int> counts(classes_.size(), 0);
  if (dataset_)
    for (const auto& s : dataset_->samples())
      if (s.label != sdd::kUnlabeled && (split < 0 || int(s.split) == split)) ++counts[s.label];
  return counts;
}

int DatasetModel::unlabeledCount(int split) const {
  int n = 0;
  if (dataset_)
    for (const auto& s : dataset_->samples())
      n += s.label == sdd::kUnlabeled && (split < 0 || int(s.split) == split);
  return n;
}

int DatasetModel::relabeledCount() const {
  int n = 0;
  if (dataset_)
    for (const auto& s : dataset_->samples()) n += s.label != s.originalLabel;
  return n;
}

void DatasetModel::setConfidenceRule(const sdd::ConfidenceRule& rule) {
  rule_ = rule;
  for (int row = 0; row < rowCount(); ++row) decide(row);
  if (rowCount() > 0) Q_EMIT dataChanged(index(0), index(rowCount() - 1), {DecisionRole});
}

std::vector<std::optional<sdd::Decision>> DatasetModel::decisionVector() const {
  std::vector<std::optional<sdd::Decision>> out(static_cast<std::size_t>(rowCount()));
  for (int row = 0; row < rowCount(); ++row)
    if (decision_[row] >= 0) out[std::size_t(row)] = sdd::Decision(decision_[row]);
  return out;
}

sdd::Decided DatasetModel::decided(int row) const {
  const std::vector<float> p(probs_[row].begin(), probs_[row].end());
  const sdd::Sample& s = sample(row);
  return sdd::decide(p, rule_, std::isnan(unknown_[row]) ? 0.0 : unknown_[row], s.width, s.height);
}

void DatasetModel::decide(int row) {
  if (predicted_[row] < 0) {
    decision_[row] = -1;
    return;
  }
  // Once per prediction or rule, not per data() call: the browser's filter asks every row.
  decision_[row] = qint8(decided(row).decision);
}

void DatasetModel::setPredictions(const QVector<int>& rows,
                                  const QVector<QVector<float>>& probabilities,
                                  const QVector<double>& milliseconds,
                                  const QVector<double>& unknownScores) {
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
    unknown_[rows[i]] = unknownScores.value(i, std::numeric_limits<double>::quiet_NaN());
    decide(rows[i]);
    lo = std::min(lo, rows[i]);
    hi = std::max(hi, rows[i]);
  }
  Q_EMIT dataChanged(index(lo), index(hi));
  Q_EMIT predictionsChanged();
}

QVector<int> DatasetModel::applyResults(const QVector<ClassifyResult>& results) {
  QVector<int> truth, rows;
  QVector<QVector<float>> probs;
  QVector<double> ms, unknown;
  for (const ClassifyResult& r : results) {
    const int row = rowForFile(r.file);
    truth << (row >= 0 ? sample(row).label : -1);
    if (row < 0 || !r.ok()) continue;
    rows << row;
    probs << r.probabilities;
    ms << r.totalMs;
    unknown << r.unknownScore;
  }
  setPredictions(rows, probs, ms, unknown);
  return truth;
}

QStringList DatasetModel::files(const std::vector<std::size_t>& rows) const {
  QStringList out;
  for (std::size_t i : rows) out << QString::fromStdString(sample(int(i)).path.string());
  return out;
}

QStringList DatasetModel::allFiles() const {
  QStringList out;
  for (int row = 0; row < rowCount(); ++row)
    out << QString::fromStdString(sample(row).path.string());
  return out;
}

Predictions DatasetModel::predictionsOf(const std::vector<std::size_t>& rows) const {
  Predictions out;
  for (std::size_t i : rows) {
    const int row = int(i);
    const QVector<float>& p = probs_[row];
    if (p.size() != classes_.size()) continue;
    out.rows << row;
    out.names << data(index(row), Qt::DisplayRole).toString();
    out.truth.push_back(sample(row).label);
    out.probs.emplace_back(p.begin(), p.end());
    out.ms << ms_[row];
  }
  out.overlap = sdd::trainingOverlap(trainingImages_, *dataset_,
                                     std::vector<int>(out.rows.begin(), out.rows.end()));
  return out;
}

void DatasetModel::clearPredictions() {
  predicted_.fill(-1);
  confidence_.fill(0.f);
  probs_.fill({});
  ms_.fill(0);
  unknown_.fill(std::numeric_limits<double>::quiet_NaN());
  decision_.fill(-1);
  if (rowCount()) Q_EMIT dataChanged(index(0), index(rowCount() - 1));
  Q_EMIT predictionsChanged();
}

void DatasetModel::setUnsure(const QVector<int>& rows, bool on) {
  if (!store_ || rows.isEmpty()) return;
  std::vector<std::string> paths;
  for (int r : rows) paths.push_back(journalPath(r).toStdString());
  store_->setMark(paths, "unsure", on);
  for (int r : rows) {
    on ? (void)unsure_.insert(r) : (void)unsure_.remove(r);
    Q_EMIT dataChanged(index(r), index(r));
  }
  Q_EMIT labelsChanged();  // the counts
}

int DatasetModel::applyStoredPredictions(const sdd::StoredPredictions& stored,
                                         const sdd::StoredScores& unknownScores) {
  if (!dataset_) return 0;
  QVector<int> rows;
  QVector<QVector<float>> probs;
  QVector<double> scores;
  for (int row = 0; row < rowCount(); ++row) {
    const std::string path = journalPath(row).toStdString();
    const auto it = stored.find(path);
    if (it == stored.end() || it->second.size() != std::size_t(classes_.size())) continue;
    rows << row;
    probs << QVector<float>(it->second.begin(), it->second.end());
    const auto score = unknownScores.find(path);
    scores << (score != unknownScores.end() ? score->second
                                            : std::numeric_limits<double>::quiet_NaN());
  }
  setPredictions(rows, probs, QVector<double>(rows.size(), 0.0), scores);
  return int(rows.size());
}

std::vector<std::vector<float>> DatasetModel::predictionVectors() const {
  std::vector<std::vector<float>> out(static_cast<std::size_t>(rowCount()));
  for (int row = 0; row < rowCount(); ++row)
    out[std::size_t(row)].assign(probs_[row].begin(), probs_[row].end());
  return out;
}

int DatasetModel::predictedCount() const {
  return int(std::count_if(predicted_.begin(), predicted_.end(), [](int p) { return p >= 0; }));
}

}  // namespace sddui
