#pragma once
// The workbench window: a shell that lays out the tabs and docks and wires menus, panels and
// the controllers together. The work itself lives elsewhere: relabels, undo and redo in
// commands/ (RelabelController), inference in controllers/InferenceController, the long
// analyses and the report in controllers/EvaluationController, exports in controllers/Exports,
// opening a dataset in controllers/dataset_opener.

#include <QMainWindow>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <memory>

#include "sdd/labels/label_store.h"
#include "widgets/browser_view.h"
#include "workers/inference_worker.h"

class QAction;
class QDockWidget;
class QListView;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QUndoStack;

namespace sddui {

class BrowseFilters;
class LabelingController;
class ReviewPanel;

class ClassifyPanel;
class DatasetModel;
class EvaluatePanel;
class EvaluationController;
class Exports;
class InferenceController;
class LabelActions;
class Inspector;
class RecentFiles;
class RelabelController;
class SampleFilter;
class Session;
class StatusLabels;
class ThumbnailDelegate;
class TrainPanel;
struct AnalysisInput;

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

  /// Scans `folder` off the GUI thread; emits datasetOpened or datasetFailed. `classes`: the
  /// class list of images whose folders name none (asked for when needed and unknown).
  void openDataset(const QString& folder, const QString& workspace = {},
                   const QStringList& classes = {});
  /// Loads a model on the worker thread, refusing one whose classes differ from the open
  /// dataset's. Returns false (and says why) if refused before loading.
  bool openModel(const QString& file);
  /// Classifies files and folders (recursively: image files only) on the worker thread.
  void classifyPaths(const QStringList& paths, bool showResults = true);
  /// Classifies image files already known to be images (the dataset's, from its scan),
  /// without walking the file system again: 20,000 stats cost the GUI thread ~0.3 s.
  void classifyImages(const QStringList& files, bool showResults = true);
  /// Classifies every image of a dataset split ("validation", "train", "all") with the
  /// loaded model; the Evaluate tab follows the results as they come.
  bool evaluateSplit(const QString& split);
  /// Shows in the browser exactly the images of confusion cell (truth, predicted) of the
  /// evaluated split: class filter by current label, predicted filter, split filter.
  void showConfusionCell(int truth, int predicted);
  /// Selects dataset row `row` in the browser (clearing filters that hide it).
  void showImage(int row);
  /// The Table V comparison of the loaded model, the shipped models and the workspace's
  /// trained models on the Evaluate tab's split, off the GUI thread.
  void compareModels();
  /// Grad-CAM pointing game of the loaded model on the Evaluate tab's split.
  void runPointingGame();
  /// k-fold out-of-fold scoring of every image with the Train tab's model settings; lists
  /// suspected label errors on the Evaluate tab. Emits suspectsFinished.
  void findSuspectedLabels(int folds, int epochs);
  /// Writes the PDF report; emits reportWritten or reportFailed.
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
  ReviewPanel* reviewPanel() const { return review_; }
  LabelingController* labeling() const { return labeling_; }
  QTabWidget* tabs() const { return tabs_; }
  QString modelFile() const;
  Inspector* inspector() const { return inspector_; }
  QUndoStack* undoStack() const { return undo_; }
  RelabelController* relabelController() const { return relabels_; }
  QString workspace() const;
  bool busyClassifying() const;

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

 protected:
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;
  void closeEvent(QCloseEvent* e) override;

 private:
  void buildUi();
  void buildMenus();
  void connectControllers();
  void refreshStatus();
  void showError(const QString& title, const QString& text);
  void datasetScanned(const QString& folder, const sdd::AppliedLabels& applied);
  void onModelLoaded(const ModelInfo& info);
  void onResults(const QVector<ClassifyResult>& burst);
  void onBatchFinished(int ok, int failed, double seconds, bool cancelled);
  void chooseDataset();
  void chooseModel();
  void chooseImages();
  void chooseReportFile();
  /// The Evaluate tab's review rule into a copy of the loaded model, which is then loaded.
  void saveReviewRule();
  void refreshEvaluation();
  void startupActions();
  void updateDocks();
  /// A model is loaded and trained on the open dataset's classes (or no dataset is open).
  bool modelOk() const;
  AnalysisInput analysisInput() const;

  WorkbenchOptions options_;
  DatasetModel* model_;
  SampleFilter* filter_;
  ThumbnailDelegate* delegate_;
  QUndoStack* undo_;
  RelabelController* relabels_;
  InferenceController* inference_;
  Session* session_;
  EvaluationController* evaluation_;
  Exports* exports_;
  RecentFiles* recent_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QStackedWidget* datasetStack_ = nullptr;
  BrowserView* browser_ = nullptr;
  BrowseFilters* filters_ = nullptr;
  Inspector* inspector_ = nullptr;
  ClassifyPanel* classify_ = nullptr;
  EvaluatePanel* evaluate_ = nullptr;
  TrainPanel* train_ = nullptr;
  ReviewPanel* review_ = nullptr;
  LabelingController* labeling_ = nullptr;
  QTimer* evalTimer_ = nullptr;
  StatusLabels* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  LabelActions* labels_ = nullptr;
  QDockWidget* browseDock_ = nullptr;
  QDockWidget* inspectorDock_ = nullptr;

  bool batchIsDataset_ = false;
};

}  // namespace sddui
