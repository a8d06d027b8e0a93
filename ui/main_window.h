#pragma once
// The workbench window: dataset browser with filters, inspector, relabeling with undo, and
// drag-and-drop classification on a worker thread.

#include <QMainWindow>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVector>

#include <atomic>
#include <memory>

#include "inference_worker.h"

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QUndoStack;

namespace sddui {

class ClassifyPanel;
class DatasetModel;
class EvaluatePanel;
class TrainPanel;
class Inspector;
class RelabelController;
class SampleFilter;
class ThumbnailDelegate;

struct WorkbenchOptions {
  QString dataset;    ///< opened at start when not empty
  QString workspace;  ///< empty: the per-dataset default under the app data folder
  QString model;      ///< empty: the shipped model
  QString device = QStringLiteral("auto");
  QStringList classify;  ///< files/folders to classify once the model is loaded
  QString tab;           ///< dataset | classify | train | evaluate: shown once ready
  QString evaluate;      ///< split to evaluate once dataset and model are ready
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const WorkbenchOptions& options, QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Scans `folder` off the GUI thread; emits datasetOpened or datasetFailed.
  void openDataset(const QString& folder, const QString& workspace = {});
  /// Loads a model on the worker thread, refusing one whose classes differ from the open
  /// dataset's. Returns false (and says why) when refused before loading.
  bool openModel(const QString& file);
  /// Classifies files and folders (recursively: image files only) on the worker thread.
  void classifyPaths(const QStringList& paths, bool showResults = true);
  /// Classifies every image of a dataset split ("validation", "train", "all") with the
  /// loaded model; the Evaluate tab follows the results as they come.
  bool evaluateSplit(const QString& split);
  /// Shows in the browser exactly the images of confusion cell (truth, predicted) of the
  /// evaluated split: class filter by current label, predicted filter, split filter.
  void showConfusionCell(int truth, int predicted);
  /// Selects dataset row `row` in the browser (clearing filters that hide it).
  void showImage(int row);
  /// Evaluates the loaded model, the shipped model and the workspace's trained models on
  /// the Evaluate tab's split, off the GUI thread, for the Table V comparison.
  void compareModels();
  /// Grad-CAM pointing game of the loaded model on the Evaluate tab's split, off the GUI
  /// thread; emits pointingGameFinished.
  void runPointingGame();
  /// k-fold out-of-fold scoring of every image with the Train tab's model settings; lists
  /// suspected label errors on the Evaluate tab. Emits suspectsFinished.
  void findSuspectedLabels(int folds, int epochs);
  /// Writes the PDF report off the GUI thread; emits reportWritten or reportFailed.
  void exportReport(const QString& pdfFile);
  /// Model files a comparison or report includes besides the loaded one.
  QStringList workspaceModels() const;
  /// Recently opened dataset folders / model files, newest first (QSettings).
  static QStringList recentDatasets();
  static QStringList recentModels();
  /// Default workspace folder of a dataset.
  static QString defaultWorkspace(const QString& datasetFolder);

  DatasetModel* datasetModel() const { return model_; }
  SampleFilter* filter() const { return filter_; }
  QListView* browser() const { return browser_; }
  ClassifyPanel* classifyPanel() const { return classify_; }
  EvaluatePanel* evaluatePanel() const { return evaluate_; }
  TrainPanel* trainPanel() const { return train_; }
  QTabWidget* tabs() const { return tabs_; }
  QString modelFile() const { return modelOk_ ? modelInfo_.file : QString(); }
  Inspector* inspector() const { return inspector_; }
  QUndoStack* undoStack() const { return undo_; }
  RelabelController* relabelController() const { return relabels_; }
  QString workspace() const { return workspace_; }
  bool busyClassifying() const { return activeBatch_ >= 0; }

  /// Relabels the selected images to class `cls` (undoable), then moves to the next image.
  void relabelSelection(int cls, const QString& note = {});
  /// Asks for a class and a note, then relabels the selection.
  void relabelWithNote();

 Q_SIGNALS:
  void datasetOpened();
  void datasetFailed(const QString& reason);
  void modelReady(const sddui::ModelInfo& info);
  void classificationFinished(int classified, int failed);
  void evaluationUpdated();
  void comparisonFinished(int models);
  void pointingGameFinished(int images);
  void suspectsFinished(int suspects);
  void reportWritten(const QString& file);
  void reportFailed(const QString& reason);

  // to the worker
  void requestLoadModel(const QString& file, const QString& device);
  void requestClassify(const QStringList& files, int batchId);

 protected:
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;
  void closeEvent(QCloseEvent* e) override;

 private:
  void buildUi();
  void buildMenus();
  void rebuildLabelActions();
  void refreshCounts();
  void refreshStatus();
  void showError(const QString& title, const QString& text);
  void onModelLoaded(const ModelInfo& info);
  void onResult(int batchId, const ClassifyResult& r);
  void onBatchFinished(int batchId, int ok, int failed, double seconds, bool cancelled);
  void flushResults();
  void onCurrentChanged();
  void chooseDataset();
  void chooseModel();
  void chooseImages();
  void exportJournal();
  void exportCopy();
  void exportManifest();
  void chooseReportFile();
  void exportModelOnnx();
  void rememberRecent(const QString& key, const QString& path);
  void rebuildRecentMenus();
  void refreshEvaluation();
  void startupActions();
  bool modelMatchesDataset() const;

  WorkbenchOptions options_;
  DatasetModel* model_;
  SampleFilter* filter_;
  ThumbnailDelegate* delegate_;
  QUndoStack* undo_;
  RelabelController* relabels_;
  QTabWidget* tabs_ = nullptr;
  QStackedWidget* datasetStack_ = nullptr;
  QListView* browser_ = nullptr;
  Inspector* inspector_ = nullptr;
  ClassifyPanel* classify_ = nullptr;
  EvaluatePanel* evaluate_ = nullptr;
  TrainPanel* train_ = nullptr;
  QTimer* evalTimer_ = nullptr;
  QString evaluatedSplit_;
  bool busyBackground_ = false;
  std::shared_ptr<std::atomic<bool>> suspectsCancel_;
  QListWidget* classList_ = nullptr;
  QComboBox* labelKind_ = nullptr;
  QComboBox* split_ = nullptr;
  QComboBox* status_ = nullptr;
  QComboBox* predicted_ = nullptr;
  QComboBox* sort_ = nullptr;
  QLineEdit* search_ = nullptr;
  QLabel* welcome_ = nullptr;
  QLabel* datasetLabel_ = nullptr;
  QLabel* modelLabel_ = nullptr;
  QLabel* deviceLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QMenu* labelMenu_ = nullptr;
  QMenu* recentDatasets_ = nullptr;
  QMenu* recentModels_ = nullptr;
  QList<QAction*> labelActions_;
  QAction* autoAdvance_ = nullptr;
  QDockWidget* browseDock_ = nullptr;
  QDockWidget* inspectorDock_ = nullptr;
  void updateDocks();

  QThread workerThread_;
  InferenceWorker* worker_ = nullptr;
  ModelInfo modelInfo_;
  bool modelOk_ = false;
  QString pendingModel_;
  int nextBatch_ = 0;
  int activeBatch_ = -1;
  bool batchIsDataset_ = false;
  QVector<ClassifyResult> pending_;
  QTimer* flushTimer_ = nullptr;
  QString workspace_;
  bool scanning_ = false;
};

}  // namespace sddui
