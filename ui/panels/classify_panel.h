#pragma once
// Classification results (paper Fig. 8): a sortable results table for a batch, and for the
// selected image the picture, the decision, the true label when known and a horizontal bar
// chart of every class probability. Timing and the paper's line-speed figure on top.

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "workers/inference_worker.h"

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;

namespace sddui {

struct ClassifiedImage {
  ClassifyResult result;
  int trueLabel = -1;  ///< from the open dataset, -1 when unknown
};

class ResultsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { File, Predicted, Confidence, Decision, TrueLabel, Match, Ms, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;
  void setClasses(const QStringList& classes);
  void clear();
  void append(const QVector<ClassifiedImage>& rows);
  const ClassifiedImage& at(int row) const { return rows_[row]; }
  int rowCount(const QModelIndex& p = {}) const override { return p.isValid() ? 0 : rows_.size(); }
  int columnCount(const QModelIndex& p = {}) const override {
    return p.isValid() ? 0 : ColumnCount;
  }
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation o, int role) const override;
  /// Writes all rows with every class probability. Returns an error text or empty.
  QString exportCsv(const QString& file) const;

 private:
  QStringList classes_;
  QVector<ClassifiedImage> rows_;
};

/// Horizontal bars of class probabilities with their values (paper Fig. 8).
class ProbabilityChart : public QWidget {
  Q_OBJECT
 public:
  explicit ProbabilityChart(QWidget* parent = nullptr);
  void show(const QStringList& classes, const QVector<float>& p, int predicted, int trueLabel);
  QCustomPlot* plot() const { return plot_; }

 private:
  QCustomPlot* plot_;
};

class ClassifyPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ClassifyPanel(QWidget* parent = nullptr);

  void setClasses(const QStringList& classes);
  /// Starts a new batch of `count` images (clears previous results).
  void beginBatch(int count);
  /// Adds results in one go (the window hands them over in bursts, not one by one, so a
  /// fast batch does not flood the GUI thread with relayouts).
  void addResults(const QVector<ClassifiedImage>& rows);
  void endBatch(int classified, int failed, double seconds, bool cancelled);
  const ResultsModel* results() const { return model_; }
  ProbabilityChart* chart() const { return chart_; }
  QTableView* table() const { return table_; }
  /// Selects result row `row` (in insertion order) and shows it.
  void selectResult(int row);

 Q_SIGNALS:
  void classifyRequested();
  void cancelRequested();
  /// A result row was double-clicked (or Enter pressed on it): show `file` in the dataset.
  void imageActivated(const QString& file);

 private:
  void showDetail(int sourceRow);
  void updateStats();

  QStringList classes_;
  ResultsModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* table_;
  QLabel* image_;
  QLabel* verdict_;
  ProbabilityChart* chart_;
  QLabel* stats_;
  QDoubleSpinBox* fov_;
  QLabel* speed_;
  QListWidget* rejected_;
  QLabel* rejectedTitle_;
  int expected_ = 0;
  int failed_ = 0;
  double sumMs_ = 0;
  int okCount_ = 0;
  int reviews_ = 0, unknowns_ = 0;
  double wallSeconds_ = 0;
};

}  // namespace sddui
