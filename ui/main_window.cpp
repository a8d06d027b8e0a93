#include "main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPersistentModelIndex>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include "commands/label_actions.h"
#include "commands/relabel_controller.h"
#include "controllers/evaluation_controller.h"
#include "controllers/exports.h"
#include "controllers/inference_controller.h"
#include "controllers/labeling_controller.h"
#include "controllers/session.h"
#include "models/dataset_model.h"
#include "models/sample_filter.h"
#include "panels/calibration_view.h"
#include "panels/classify_panel.h"
#include "panels/evaluate_panel.h"
#include "panels/inspector.h"
#include "panels/review_panel.h"
#include "panels/train_panel.h"
#include "plots.h"
#include "sdd/dataset/file_walk.h"
#include "sdd/model/model_spec.h"
#include "sdd/util/runtime.h"
#include "sdd/workspace/workspace.h"
#include "widgets/about.h"
#include "widgets/browse_filters.h"
#include "widgets/browser_view.h"
#include "widgets/class_list_dialog.h"
#include "widgets/language_menu.h"
#include "widgets/recent_files.h"
#include "widgets/scan_problems.h"
#include "widgets/status_labels.h"
#include "widgets/thumbnail_delegate.h"
#include "widgets/welcome_page.h"

namespace sddui {

QString MainWindow::defaultWorkspace(const QString& datasetFolder) {
  return Session::defaultWorkspace(datasetFolder);
}
QStringList MainWindow::recentDatasets() { return RecentFiles::datasets(); }
QStringList MainWindow::recentModels() { return RecentFiles::models(); }

MainWindow::MainWindow(const WorkbenchOptions& options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      model_(new DatasetModel(this)),
      filter_(new SampleFilter(this)),
      delegate_(new ThumbnailDelegate(this)),
      undo_(new QUndoStack(this)),
      relabels_(new RelabelController(model_, undo_, this)),
      inference_(new InferenceController(this)),
      session_(new Session(model_, relabels_, undo_, inference_, options.device, this)),
      evaluation_(nullptr),
      exports_(new Exports(this, model_)) {
  setWindowTitle(tr("SDD Workbench"));
  setAcceptDrops(true);
  filter_->setSourceModel(model_);
  filter_->sort(0);
  buildUi();
  buildMenus();
  connectControllers();
  resize(1360, 860);
  {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  }
  // The model of the last session comes back (when its file is still there), else the
  // shipped one.
  QString model = options_.model;
  if (model.isEmpty()) model = RecentFiles::models().value(0);
  if (model.isEmpty() || !QFileInfo::exists(model))
    model = QString::fromStdString(sdd::shippedModelFile().string());
  openModel(model);
  if (!options_.dataset.isEmpty()) openDataset(options_.dataset, options_.workspace);
  refreshStatus();
}

MainWindow::~MainWindow() = default;

bool MainWindow::busyClassifying() const { return inference_->busy(); }
QString MainWindow::workspace() const { return session_->workspace(); }
QString MainWindow::modelFile() const {
  return session_->modelLoaded() ? session_->model().file : QString();
}

void MainWindow::buildUi() {
  browser_ = new BrowserView(filter_, delegate_);
  connect(browser_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
    const QModelIndex cur = browser_->currentIndex();
    inspector_->showRow(cur.isValid() ? filter_->mapToSource(cur).row() : -1);
  });
  datasetStack_ = new QStackedWidget;
  datasetStack_->addWidget(makeWelcomePage([this] { chooseDataset(); }));
  datasetStack_->addWidget(browser_);

  classify_ = new ClassifyPanel;
  train_ = new TrainPanel;
  evaluate_ = new EvaluatePanel;
  evaluation_ = new EvaluationController(evaluate_, this);
  evalTimer_ = new QTimer(this);
  evalTimer_->setSingleShot(true);
  evalTimer_->setInterval(250);  // metrics follow predictions and relabels, at most 4x a second
  connect(evalTimer_, &QTimer::timeout, this, &MainWindow::refreshEvaluation);

  tabs_ = new QTabWidget;
  tabs_->addTab(datasetStack_, tr("Dataset"));
  review_ = new ReviewPanel;
  tabs_->addTab(review_, tr("Review"));
  labeling_ = new LabelingController(
      model_, session_, relabels_, review_, train_, inference_, this,
      [this](const QStringList& files) { classifyImages(files, false); }, this);
  tabs_->addTab(classify_, tr("Classify"));
  tabs_->addTab(train_, tr("Train"));
  tabs_->addTab(evaluate_, tr("Evaluate"));
  setCentralWidget(tabs_);

  auto dock = [this](QWidget* content, const QString& title, const char* name,
                     Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title);
    d->setObjectName(QLatin1String(name));
    d->setWidget(content);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, d);
    return d;
  };
  filters_ = new BrowseFilters(model_, filter_);
  filters_->attachGrid(browser_, this);
  browseDock_ = dock(filters_, tr("Browse"), "browseDock", Qt::LeftDockWidgetArea);
  inspector_ = new Inspector(model_);
  inspectorDock_ = dock(inspector_, tr("Inspector"), "inspectorDock", Qt::RightDockWidgetArea);
  inspectorDock_->setMinimumWidth(330);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateDocks);
  updateDocks();

  status_ = new StatusLabels(statusBar());
  progress_ = status_->progress();
}

void MainWindow::updateDocks() {
  // The docks belong to an open dataset's tab; the other tabs get the whole width.
  const bool on = tabs_->currentIndex() == 0 && !model_->isEmpty();
  browseDock_->setVisible(on);
  inspectorDock_->setVisible(on);
}

void MainWindow::connectControllers() {
  connect(session_, &Session::modelReady, this, &MainWindow::onModelLoaded);
  connect(session_, &Session::modelFailed, this,
          [this](const QString& file, const QString& reason) {
            showError(tr("Model"), tr("Could not load the model %1:\n%2").arg(file, reason));
            refreshStatus();
          });
  connect(session_, &Session::modelRefused, this, [this](const QString& reason) {
    showError(tr("Open model"),
              tr("This model cannot be used with the open dataset.\n\n%1").arg(reason));
  });
  connect(session_, &Session::modelLoading, status_, &StatusLabels::setModelLoading);
  connect(session_, &Session::scanProgress, this, [this](int done, int total) {
    progress_->setRange(0, total);
    progress_->setValue(done);
  });
  connect(session_, &Session::datasetOpened, this, &MainWindow::datasetScanned);
  connect(session_, &Session::classListNeeded, this,
          [this](const QString& folder, const QString& ws, const QString& why) {
            progress_->hide();
            const QStringList classes = askClassList(this, why);
            if (classes.isEmpty()) return Q_EMIT datasetFailed(why);
            openDataset(folder, ws, classes);
          });
  connect(session_, &Session::datasetFailed, this,
          [this](const QString& folder, const QString& reason) {
            progress_->hide();
            showError(tr("Open dataset"), reason);
            statusBar()->showMessage(tr("Could not open %1").arg(folder), 8000);
            Q_EMIT datasetFailed(reason);
          });
  connect(inference_, &InferenceController::results, this, &MainWindow::onResults);
  connect(inference_, &InferenceController::batchFinished, this, &MainWindow::onBatchFinished);
  connect(inspector_, &Inspector::explainRequested, inference_, &InferenceController::explain);
  connect(inspector_, &Inspector::boxesEditRequested, relabels_, &RelabelController::editBoxes);
  connect(inference_, &InferenceController::explained, this, [this](const Explained& e) {
    inspector_->setExplanation(e, session_->model().classes.value(e.classIndex));
  });
  connect(classify_, &ClassifyPanel::classifyRequested, this, &MainWindow::chooseImages);
  connect(classify_, &ClassifyPanel::cancelRequested, inference_, &InferenceController::cancel);
  connect(classify_, &ClassifyPanel::imageActivated, this, [this](const QString& file) {
    const int row = model_->isEmpty() ? -1 : model_->rowForFile(file);
    if (row < 0)
      return statusBar()->showMessage(
          tr("%1 is not an image of the open dataset.").arg(QFileInfo(file).fileName()), 6000);
    showImage(row);
  });
  connect(train_, &TrainPanel::useModelRequested, this, [this](const QString& f) { openModel(f); });
  connect(train_, &TrainPanel::trainingFinished, this, [this](const TrainOutcome& o) {
    if (o.error.isEmpty() && !o.cancelled)
      statusBar()->showMessage(tr("Training finished: %1").arg(o.modelFile), 10000);
  });
  connect(evaluate_, &EvaluatePanel::evaluateRequested, this, &MainWindow::evaluateSplit);
  connect(evaluate_, &EvaluatePanel::cellActivated, this, &MainWindow::showConfusionCell);
  connect(evaluate_, &EvaluatePanel::imageActivated, this, &MainWindow::showImage);
  connect(evaluate_, &EvaluatePanel::compareRequested, this, &MainWindow::compareModels);
  connect(evaluate_, &EvaluatePanel::pointingGameRequested, this, &MainWindow::runPointingGame);
  connect(evaluate_, &EvaluatePanel::suspectsRequested, this, &MainWindow::findSuspectedLabels);
  connect(evaluate_, &EvaluatePanel::suspectsCancelRequested, evaluation_,
          &EvaluationController::cancelSuspects);
  connect(evaluate_, &EvaluatePanel::splitChanged, this, &MainWindow::refreshEvaluation);
  connect(evaluate_, &EvaluatePanel::saveRuleRequested, this, &MainWindow::saveReviewRule);

  connect(evaluation_, &EvaluationController::comparisonFinished, this,
          &MainWindow::comparisonFinished);
  connect(evaluation_, &EvaluationController::pointingGameFinished, this,
          &MainWindow::pointingGameFinished);
  connect(evaluation_, &EvaluationController::suspectsFinished, this,
          &MainWindow::suspectsFinished);
  connect(evaluation_, &EvaluationController::reportWritten, this, [this](const QString& pdf) {
    progress_->hide();
    statusBar()->showMessage(tr("Report written to %1").arg(pdf), 10000);
    Q_EMIT reportWritten(pdf);
  });
  connect(evaluation_, &EvaluationController::reportFailed, this, [this](const QString& reason) {
    progress_->hide();
    showError(tr("Export report"), tr("The report was not written: %1").arg(reason));
    Q_EMIT reportFailed(reason);
  });
  connect(exports_, &Exports::written, this,
          [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  connect(exports_, &Exports::failed, this,
          [this](const QString& reason) { showError(tr("Export"), reason); });

  connect(model_, &DatasetModel::labelsChanged, filters_, &BrowseFilters::refreshCounts);
  connect(model_, &DatasetModel::labelsChanged, evalTimer_, QOverload<>::of(&QTimer::start));
  connect(model_, &DatasetModel::predictionsChanged, evalTimer_, QOverload<>::of(&QTimer::start));
  connect(model_, &DatasetModel::labelsChanged, this,
          [this] { inspector_->showRow(inspector_->row()); });
  connect(relabels_, &RelabelController::failed, this, [this](const QString& reason) {
    showError(tr("Label journal"), tr("The change was not saved: %1").arg(reason));
  });
  connect(relabels_, &RelabelController::statusMessage, statusBar(), &QStatusBar::showMessage);
}

void MainWindow::relabelSelection(int cls, const QString& note) {
  labels_->relabelSelection(cls, note);
}
void MainWindow::relabelWithNote() { labels_->relabelWithNote(); }

void MainWindow::openDataset(const QString& folder, const QString& workspace,
                             const QStringList& classes) {
  if (session_->scanning()) return;
  progress_->setRange(0, 0);
  progress_->show();
  statusBar()->showMessage(tr("Scanning %1…").arg(folder));
  session_->openDataset(folder, workspace, classes);
}

void MainWindow::datasetScanned(const QString& folder, const sdd::AppliedLabels& applied) {
  progress_->hide();
  train_->setDataset(model_->dataset(), session_->workspace());
  refreshEvaluation();
  delegate_->setClasses(model_->classes());
  classify_->setClasses(modelOk() ? model_->classes() : session_->model().classes);
  filters_->setClasses();
  labels_->rebuild();
  datasetStack_->setCurrentIndex(1);
  tabs_->setCurrentIndex(0);
  updateDocks();
  refreshStatus();
  statusBar()->showMessage(describeOpened(folder, *model_->dataset(), applied), 10000);
  recent_->rememberDataset(folder);
  showScanProblems(this, *model_->dataset(), applied);
  if (filter_->rowCount() > 0) browser_->setCurrentIndex(filter_->index(0, 0));
  Q_EMIT datasetOpened();
  QTimer::singleShot(0, this, &MainWindow::startupActions);
}

bool MainWindow::modelOk() const {
  return session_->modelLoaded() && session_->modelMatchesDataset();
}

bool MainWindow::openModel(const QString& file) { return session_->loadModel(file); }

void MainWindow::onModelLoaded(const ModelInfo& info) {
  recent_->rememberModel(info.file);
  classify_->setClasses(info.classes);
  inspector_->setModelHasMap(info.defectMap);
  refreshStatus();
  Q_EMIT modelReady(info);
  startupActions();
}

void MainWindow::classifyPaths(const QStringList& paths, bool showResults) {
  if (inference_->busy()) {
    statusBar()->showMessage(tr("Still classifying the previous batch; stop it first."), 5000);
    return;
  }
  std::vector<std::filesystem::path> given;
  for (const QString& p : paths) given.push_back(QFileInfo(p).absoluteFilePath().toStdString());
  const sdd::ImageList list = sdd::listImages(given);
  QStringList files;
  for (const auto& f : list.files) files << QString::fromStdString(f.string());
  if (files.isEmpty()) {
    statusBar()->showMessage(tr("No image files in what was dropped."), 6000);
    return;
  }
  classifyImages(files, showResults);
  if (list.ignored)
    statusBar()->showMessage(tr("%1 non-image file(s) in the folders ignored").arg(list.ignored),
                             8000);
}

void MainWindow::classifyImages(const QStringList& files, bool showResults) {
  if (inference_->busy()) {
    statusBar()->showMessage(tr("Still classifying the previous batch; stop it first."), 5000);
    return;
  }
  if (files.isEmpty()) return;
  batchIsDataset_ = !model_->isEmpty() && session_->modelMatchesDataset();
  // The dataset's images are scored in batches and their suggestions kept in the workspace.
  batchIsDataset_ ? inference_->score(files, labeling_->scoreTarget(files))
                  : inference_->classify(files);
  classify_->beginBatch(files.size());
  if (showResults) tabs_->setCurrentWidget(classify_);
  progress_->setRange(0, files.size());
  progress_->setValue(0);
  progress_->show();
}

void MainWindow::onResults(const QVector<ClassifyResult>& burst) {
  const QVector<int> truth =
      batchIsDataset_ ? model_->applyResults(burst) : QVector<int>(burst.size(), -1);
  QVector<ClassifiedImage> rows;
  rows.reserve(burst.size());
  for (int i = 0; i < burst.size(); ++i) rows << ClassifiedImage{burst[i], truth[i]};
  progress_->setValue(progress_->value() + burst.size());
  classify_->addResults(rows);
}

void MainWindow::onBatchFinished(int ok, int failed, double seconds, bool cancelled) {
  progress_->hide();
  classify_->endBatch(ok, failed, seconds, cancelled);
  inspector_->showRow(inspector_->row());
  Q_EMIT classificationFinished(ok, failed);
}

void MainWindow::refreshStatus() {
  status_->setDataset(
      model_->isEmpty() ? QString() : QString::fromStdString(model_->dataset()->root().string()),
      session_->workspace());
  if (session_->modelLoaded()) {
    status_->setModel(session_->model(), session_->modelMatchesDataset());
    evaluate_->setCanEvaluate(!model_->isEmpty() && session_->modelMatchesDataset(),
                              tr("Needs an open dataset and a model trained on its classes"));
  } else if (!session_->modelPending()) {
    status_->setNoModel();
  }
}

void MainWindow::showError(const QString& title, const QString& text) {
  statusBar()->showMessage(text.section('\n', 0, 0), 10000);
  if (qEnvironmentVariableIsSet("SDD_NO_DIALOGS")) return;  // tests, scripted runs
  QMessageBox::warning(this, title, text);
}

void MainWindow::startupActions() {
  // Once both the dataset (if one was asked for) and the model are ready; the command line's
  // images after the dataset, so that its images get their true labels.
  if (session_->scanning() || !session_->modelLoaded()) return;
  if (!options_.classify.isEmpty()) {
    const QStringList paths = options_.classify;
    options_.classify.clear();
    classifyPaths(paths);
  }
  if (!options_.evaluate.isEmpty() && !model_->isEmpty()) {
    const QString split = options_.evaluate;
    options_.evaluate.clear();
    evaluateSplit(split);
    tabs_->setCurrentWidget(evaluate_);
  }
  if (!options_.tab.isEmpty()) {
    const QStringList names{QStringLiteral("dataset"), QStringLiteral("review"),
                            QStringLiteral("classify"), QStringLiteral("train"),
                            QStringLiteral("evaluate")};
    tabs_->setCurrentIndex(std::max(0, int(names.indexOf(options_.tab))));
    options_.tab.clear();
  }
}

bool MainWindow::evaluateSplit(const QString& split) {
  if (model_->isEmpty()) {
    showError(tr("Evaluate"), tr("Open a dataset first."));
    return false;
  }
  if (!modelOk()) {
    showError(tr("Evaluate"), tr("The loaded model's classes (%1) differ from the dataset's (%2); "
                                 "open a model trained on these classes.")
                                  .arg(session_->model().classes.join(QStringLiteral(", ")),
                                       model_->classes().join(QStringLiteral(", "))));
    return false;
  }
  const QStringList files =
      model_->files(sdd::splitIndices(*model_->dataset(), split.toStdString()));
  if (files.isEmpty()) {
    showError(tr("Evaluate"), tr("The %1 split has no images.").arg(split));
    return false;
  }
  evaluate_->setSplit(split);
  classifyImages(files, false);
  return inference_->busy();
}

void MainWindow::refreshEvaluation() {
  if (model_->isEmpty()) {
    evaluate_->setResults({}, {}, 0);
    return;
  }
  const auto idx = sdd::splitIndices(*model_->dataset(), evaluate_->split().toStdString());
  evaluate_->setResults(model_->classes(), model_->predictionsOf(idx), int(idx.size()));
  Q_EMIT evaluationUpdated();
}

void MainWindow::showConfusionCell(int truth, int predicted) {
  if (model_->isEmpty()) return;
  const QString split = evaluate_->split();
  tabs_->setCurrentIndex(0);
  filters_->showConfusionCell(truth, predicted, split);
  statusBar()->showMessage(
      tr("Showing %1 image(s) labeled %2 and predicted %3 (%4 split)")
          .arg(filter_->rowCount())
          .arg(model_->classes().value(truth), model_->classes().value(predicted), split),
      10000);
  if (filter_->rowCount() > 0) browser_->setCurrentIndex(filter_->index(0, 0));
  browser_->setFocus();
}

void MainWindow::showImage(int row) {
  if (model_->isEmpty() || row < 0 || row >= model_->rowCount()) return;
  tabs_->setCurrentIndex(0);
  QModelIndex view = filter_->mapFromSource(model_->index(row));
  if (!view.isValid()) {  // hidden by a filter: show everything
    filters_->showAll();
    view = filter_->mapFromSource(model_->index(row));
  }
  browser_->setCurrentIndex(view);
  browser_->scrollTo(view, QAbstractItemView::PositionAtCenter);
  browser_->setFocus();
  // The Dataset tab was maybe hidden until now: its grid lays out on the next turn of the
  // event loop, and a scroll computed before that lands nowhere. Scroll again after it.
  const QPersistentModelIndex target(view);
  QTimer::singleShot(0, browser_, [this, target] {
    if (target.isValid()) browser_->scrollTo(target, QAbstractItemView::PositionAtCenter);
  });
}

QStringList MainWindow::workspaceModels() const { return session_->workspaceModels(); }

AnalysisInput MainWindow::analysisInput() const {
  return {std::make_shared<const sdd::Dataset>(*model_->dataset()),
          session_->model().file.toStdString(), options_.device.toStdString(),
          evaluate_->split().toStdString(), session_->workspace().toStdString()};
}

void MainWindow::compareModels() {
  if (model_->isEmpty() || evaluation_->busy()) return;
  QStringList models;
  if (session_->modelLoaded()) models << session_->model().file;
  for (const QString& m : workspaceModels())
    if (!models.contains(m)) models << m;
  std::vector<std::filesystem::path> files;
  for (const QString& m : models) files.push_back(m.toStdString());
  evaluation_->compareModels(analysisInput(), files);
}

void MainWindow::runPointingGame() {
  if (model_->isEmpty() || !modelOk() || evaluation_->busy()) return;
  evaluation_->pointingGame(analysisInput());
}

void MainWindow::findSuspectedLabels(int folds, int epochs) {
  if (model_->isEmpty() || evaluation_->suspectsRunning()) return;
  try {
    evaluation_->suspectedLabels(analysisInput(), train_->spec(), train_->config(), folds, epochs);
  } catch (const std::exception& e) {
    showError(
        tr("Suspected label errors"),
        tr("The Train tab's settings are not valid: %1").arg(QString::fromStdString(e.what())));
  }
}

void MainWindow::saveReviewRule() {
  const QFileInfo model(session_->model().file);
  const sdd::ConfidenceRule rule = evaluate_->calibration()->pickedRule();
  const QString dir =
      session_->workspace().isEmpty() ? model.absolutePath() : session_->workspace();
  const QString f =
      QFileDialog::getSaveFileName(this, tr("Save the review rule with a copy of the model"),
                                   QDir(dir).filePath(QStringLiteral("%1-review-%2pct.sddm")
                                                          .arg(model.completeBaseName())
                                                          .arg(100 * rule.maxRisk, 0, 'g', 3)),
                                   tr("SDD models (*.sddm)"));
  if (f.isEmpty()) return;
  const QString error =
      EvaluationController::saveRule(model.filePath().toStdString(), f.toStdString(), rule);
  if (!error.isEmpty()) return showError(tr("Save the review rule"), error);
  if (openModel(f)) statusBar()->showMessage(tr("Saved and loaded %1").arg(f), 10000);
}

void MainWindow::chooseReportFile() {
  if (model_->isEmpty() || !modelOk()) {
    showError(tr("Export report"), tr("Open a dataset and a model with the same classes first."));
    return;
  }
  const QString f = QFileDialog::getSaveFileName(
      this, tr("Export report"), QStringLiteral("sdd-report.pdf"), tr("PDF files (*.pdf)"));
  if (!f.isEmpty()) exportReport(f);
}

void MainWindow::exportReport(const QString& pdfFile) {
  if (model_->isEmpty() || !modelOk()) {
    const QString why = tr("Open a dataset and a model with the same classes first.");
    showError(tr("Export report"), why);
    Q_EMIT reportFailed(why);
    return;
  }
  if (evaluation_->busy()) {
    statusBar()->showMessage(tr("Another evaluation is running; try again when it ends."), 6000);
    Q_EMIT reportFailed(tr("busy"));
    return;
  }
  std::vector<std::filesystem::path> compare;
  for (const QString& m : workspaceModels()) compare.push_back(m.toStdString());
  progress_->setRange(0, 0);
  progress_->show();
  statusBar()->showMessage(tr("Evaluating for the report…"));
  evaluation_->report(analysisInput(), compare,
                      QCoreApplication::applicationVersion().toStdString(), pdfFile);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
  QStringList paths;
  for (const QUrl& u : e->mimeData()->urls())
    if (u.isLocalFile()) paths << u.toLocalFile();
  if (paths.isEmpty()) return;
  e->acceptProposedAction();
  classifyPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* e) {
  inference_->cancel();  // every relabel is already in the journal; nothing to save
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  e->accept();
}

}  // namespace sddui
