#pragma once
// The Evaluate tab (paper Figs. 6-7, Tables IV-V): confusion-matrix heat map whose cells
// open exactly those images in the browser, Table IV, ROC curves with AUC, the most
// confused pairs, the top losses, and a Table V comparison of the workspace's models.
// The panel only draws; the window feeds it the predictions it holds for a split.

#include <QStringList>
#include <QVector>
#include <QWidget>
#include <memory>

#include "models/dataset_model.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/training/cross_validation.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace sddui {

class CalibrationView;

class EvaluatePanel : public QWidget {
  Q_OBJECT
 public:
  explicit EvaluatePanel(QWidget* parent = nullptr);

  /// "validation", "train" or "all".
  QString split() const;
  void setSplit(const QString& split);
  void setCanEvaluate(bool can, const QString& why = {});

  /// Shows the metrics of `truth`/`probs`; `rows` are dataset rows, `names` their file names
  /// and `ms` their file-to-decision times. `expected` is the number of images in the split
  /// (more than rows.size() while an evaluation is still running). Empty rows: a hint.
  void setResults(const QStringList& classes, const Predictions& predictions, int expected);
  /// Shows the model comparison (our measured rows) under the paper's reported rows.
  /// Table V of the models measured (and those left out, with why) under the paper's rows.
  void setComparison(const sdd::ModelComparison& comparison);
  void setComparisonBusy(const QString& text);
  /// Shows the pointing-game result (Grad-CAM peak inside a defect box, per class).
  void setPointingGame(const sdd::PointingGame& g);
  void setPointingGameBusy(const QString& text);
  QTableWidget* pointingTable() const { return pointing_; }

  /// Suspected label errors (k-fold out-of-fold probabilities).
  /// The suspected label errors of `dataset` (rows are its sample indices) and how many
  /// images were scored out of fold.
  void setSuspects(const sdd::Dataset& dataset, const std::vector<sdd::SuspectedLabel>& list,
                   int scored);
  void setSuspectsBusy(bool busy, const QString& text);
  int suspectFolds() const;
  int suspectEpochs() const;
  QTableWidget* suspectsTable() const { return suspects_; }

  bool hasResults() const { return eval_ != nullptr; }
  const sdd::Evaluation* evaluation() const { return eval_.get(); }
  QCustomPlot* confusionPlot() const { return confusion_; }
  QCustomPlot* rocPlot() const { return roc_; }
  /// The "Calibration and review" tab (panels/calibration_view.h).
  CalibrationView* calibration() const { return calibration_; }
  void showCalibration();
  QTableWidget* tableIV() const { return table_; }
  QTableWidget* topLosses() const { return losses_; }
  QTableWidget* confusedPairs() const { return pairs_; }
  QTableWidget* comparison() const { return compare_; }
  /// Centre of confusion cell (truth, predicted) in confusionPlot() widget coordinates.
  QPoint cellCenter(int truth, int predicted) const;

 Q_SIGNALS:
  void evaluateRequested(const QString& split);
  void splitChanged(const QString& split);
  /// The user clicked a confusion cell or a confused pair: show those images.
  void cellActivated(int truth, int predicted);
  /// The user picked one image (dataset row).
  void imageActivated(int row);
  void compareRequested();
  void pointingGameRequested();
  void suspectsRequested(int folds, int epochs);
  void suspectsCancelRequested();
  /// The calibration tab's "Save with the Model" (CalibrationView::saveRuleRequested).
  void saveRuleRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QComboBox* split_;
  QPushButton* evaluate_;
  QLabel* summary_;
  QCustomPlot* confusion_;
  QCustomPlot* roc_;
  QTableWidget* table_;
  QTableWidget* pairs_;
  QTableWidget* losses_;
  QTableWidget* compare_;
  QLabel* compareStatus_;
  QTableWidget* pointing_;
  QTableWidget* suspects_;
  QLabel* suspectsStatus_;
  QPushButton* suspectsFind_;
  QPushButton* suspectsStop_;
  QSpinBox* folds_;
  QSpinBox* cvEpochs_;
  QLabel* pointingStatus_;
  QTabWidget* lists_;
  CalibrationView* calibration_;
  std::unique_ptr<sdd::Evaluation> eval_;
};

}  // namespace sddui
