#pragma once
// The Train tab (paper Figs. 4-5): the training settings (TrainForm), Train / Stop /
// Resume, live loss and accuracy curves (per epoch, and the running loss per batch), the
// best epoch, progress with ETA, a per-epoch log, and the workspace's runs whose curves can
// be overlaid. Training runs on a TrainingWorker thread; the GUI thread only draws.

#include <QHash>
#include <QString>
#include <QThread>
#include <QVector>
#include <QWidget>
#include <memory>
#include <vector>

#include "workers/training_worker.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPGraph;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace sddui {

class TrainForm;

class TrainPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TrainPanel(QWidget* parent = nullptr);
  ~TrainPanel() override;

  /// The dataset to train on (nullptr: none) and the workspace whose runs/ folder keeps
  /// the runs. The panel copies the dataset, with its current labels, when Train is pressed.
  void setDataset(const sdd::Dataset* dataset, const QString& workspace);

  /// Settings from the form; throws std::invalid_argument / sdd::ModelError naming the
  /// bad value.
  sdd::ModelSpec spec() const;
  sdd::TrainConfig config() const;

  /// Starts a new run in <workspace>/runs/<time>. Returns false (and says why) if it cannot.
  bool startTraining();
  /// Continues the selected stopped run from its checkpoint.
  bool resumeTraining();
  void stopTraining();
  /// Opens the model-reduction dialog (paper Fig. 3) from the form's network and settings;
  /// nullptr (and a message) when the form is invalid or no dataset is open.
  class ReductionDialog* openReduction();
  bool isTraining() const;

  QString runsFolder() const;
  /// "Ready to train on …", with what the settings do on this dataset (extra epochs, balance).
  QString readyText() const;
  /// Run folders in the workspace, newest first.
  QStringList runFolders() const;
  void refreshRuns();

  // For tests and the report.
  QCustomPlot* lossPlot() const { return loss_; }
  QCustomPlot* accuracyPlot() const { return acc_; }
  const std::vector<sdd::EpochStats>& history() const { return history_; }
  QTableWidget* logTable() const { return log_; }
  QString statusText() const;
  QListWidget* runList() const { return runs_; }
  QSpinBox* epochsBox() const;
  QPushButton* stopButton() const { return stop_; }
  int batchPoints() const { return int(batchX_.size()); }

 Q_SIGNALS:
  void trainingStarted(const QString& runDir);
  void epochFinished(int epoch);
  void trainingFinished(const sddui::TrainOutcome& outcome);
  /// The user asked to use a trained model in the workbench.
  void useModelRequested(const QString& file);

 private:
  void updateButtons();
  void start(const TrainJob& job, const std::vector<sdd::EpochStats>& previous);
  void onEpoch(const sdd::EpochStats& s);
  void onProgress(const sdd::TrainProgress& p);
  void onFinished(const TrainOutcome& o);
  void redraw();
  void showRun(const QString& dir);
  void setRunning(bool running);
  void appendLogRow(const sdd::EpochStats& s);

  TrainForm* form_;
  // actions and progress
  QPushButton* train_;
  QPushButton* stop_;
  QPushButton* resume_;
  QPushButton* useModel_;
  QPushButton* reduce_;
  QProgressBar* progress_;
  QLabel* status_;
  // results
  QCustomPlot* loss_;
  QCustomPlot* acc_;
  QTableWidget* log_;
  QListWidget* runs_;

  QThread thread_;
  TrainingWorker* worker_ = nullptr;
  std::shared_ptr<const sdd::Dataset> datasetCopy_;
  const sdd::Dataset* dataset_ = nullptr;
  QString workspace_;
  QString runDir_;  ///< the run being shown / trained
  QString lastModel_;
  bool training_ = false;
  int statusEpoch_ = 0;  ///< the epoch the status line names (0: none yet)
  std::vector<sdd::EpochStats> history_;
  QHash<QString, std::vector<sdd::EpochStats>> overlays_;  ///< logs of other runs, read once
  QVector<double> batchX_, batchY_;
  QTimer* redrawTimer_;
  bool dirty_ = false;
};

}  // namespace sddui
