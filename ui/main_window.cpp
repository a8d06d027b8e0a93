#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <tuple>

#include "about.h"
#include "classify_panel.h"
#include "dataset_model.h"
#include "evaluate_panel.h"
#include "inspector.h"
#include "relabel_controller.h"
#include "report_pdf.h"
#include "train_panel.h"
#include "sample_filter.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/inference/predictor.h"
#include "sdd/model/onnx_export.h"
#include "sdd/training/cross_validation.h"
#include "sdd/model/model_spec.h"
#include "sdd/report/report_data.h"
#include "sdd/util/runtime.h"
#include "sdd/workspace/workspace.h"
#include "plots.h"
#include "thumbnail_delegate.h"

namespace sddui {

namespace {

struct ScanOutcome {
  std::shared_ptr<sdd::Dataset> dataset;
  sdd::AppliedLabels applied;
  long long journalRow = 0;  ///< the newest journal row when the labels were applied
  bool readOnlyJournal = false;
  QString error;
};

}  // namespace

QString MainWindow::defaultWorkspace(const QString& datasetFolder) {
  // The base folder from Qt (it follows the platform and the tests' QStandardPaths test mode);
  // the naming from the core, which the CLI shares.
  const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  return QString::fromStdString(sdd::Workspace::defaultFor(datasetFolder.toStdString(), base.toStdString()).string());
}

MainWindow::MainWindow(const WorkbenchOptions& options, QWidget* parent)
    : QMainWindow(parent), options_(options), model_(new DatasetModel(this)), filter_(new SampleFilter(this)),
      delegate_(new ThumbnailDelegate(this)), undo_(new QUndoStack(this)),
      relabels_(new RelabelController(model_, undo_, this)) {
  setWindowTitle(tr("SDD Workbench"));
  setAcceptDrops(true);
  filter_->setSourceModel(model_);
  filter_->sort(0);
  buildUi();
  buildMenus();

  worker_ = new InferenceWorker;
  worker_->moveToThread(&workerThread_);
  connect(&workerThread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(this, &MainWindow::requestLoadModel, worker_, &InferenceWorker::loadModel);
  connect(this, &MainWindow::requestClassify, worker_, &InferenceWorker::classify);
  connect(worker_, &InferenceWorker::modelLoaded, this, &MainWindow::onModelLoaded);
  connect(worker_, &InferenceWorker::modelFailed, this, [this](const QString& file, const QString& reason) {
    pendingModel_.clear();
    showError(tr("Model"), tr("Could not load the model %1:\n%2").arg(file, reason));
    refreshStatus();
  });
  connect(worker_, &InferenceWorker::result, this, &MainWindow::onResult);
  // The lambda runs on the worker's thread (worker_ is its context object).
  connect(inspector_, &Inspector::explainRequested, worker_, [w = worker_](const QString& f) { w->explain(f, -1); });
  connect(worker_, &InferenceWorker::explained, this, [this](const Explained& e) {
    const QString cls = modelInfo_.classes.value(e.classIndex);
    inspector_->setExplanation(e.file, e.overlay, e.peak, tr("Grad-CAM of %1").arg(cls), e.error);
  });
  flushTimer_ = new QTimer(this);
  flushTimer_->setSingleShot(true);
  flushTimer_->setInterval(100);  // results reach the views in bursts of at most 100 ms
  connect(flushTimer_, &QTimer::timeout, this, &MainWindow::flushResults);
  connect(worker_, &InferenceWorker::batchFinished, this, &MainWindow::onBatchFinished);
  workerThread_.start();

  connect(model_, &DatasetModel::labelsChanged, this, &MainWindow::refreshCounts);
  connect(model_, &DatasetModel::labelsChanged, evalTimer_, QOverload<>::of(&QTimer::start));
  connect(model_, &DatasetModel::predictionsChanged, evalTimer_, QOverload<>::of(&QTimer::start));
  connect(model_, &DatasetModel::labelsChanged, this, [this] { inspector_->showRow(inspector_->row()); });
  connect(model_, &DatasetModel::labelsChangedElsewhere, this, [this](int n) {
    statusBar()->showMessage(tr("%n image(s) relabeled by another program", nullptr, n), 8000);
  });
  connect(model_, &DatasetModel::journalUnreadable, this, [this](const QString& reason) {
    statusBar()->showMessage(tr("Cannot follow the label journal: %1").arg(reason), 10000);
  });
  connect(relabels_, &RelabelController::failed, this,
          [this](const QString& reason) { showError(tr("Label journal"), tr("The change was not saved: %1").arg(reason)); });
  connect(relabels_, &RelabelController::waiting, this, [this](int pending) {
    if (pending > 0)
      statusBar()->showMessage(tr("Waiting for the label journal (another program is writing to it): %n change(s) not saved yet",
                                  nullptr, pending));
    else
      statusBar()->showMessage(tr("All changes saved to the label journal"), 4000);
  });
  resize(1360, 860);
  {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  }

  openModel(options_.model.isEmpty() ? QString::fromStdString(sdd::shippedModelFile().string()) : options_.model);
  if (!options_.dataset.isEmpty()) openDataset(options_.dataset, options_.workspace);
  refreshStatus();
}

MainWindow::~MainWindow() {
  if (worker_) worker_->cancel();
  if (suspectsCancel_) *suspectsCancel_ = true;  // the pool waits for it at exit: stop it now
  workerThread_.quit();
  workerThread_.wait();
}

void MainWindow::buildUi() {
  // Dataset tab: welcome page or the browser grid.
  browser_ = new QListView;
  browser_->setModel(filter_);
  browser_->setItemDelegate(delegate_);
  browser_->setViewMode(QListView::IconMode);
  browser_->setResizeMode(QListView::Adjust);
  browser_->setMovement(QListView::Static);
  browser_->setUniformItemSizes(true);
  browser_->setLayoutMode(QListView::Batched);
  browser_->setBatchSize(200);
  browser_->setSpacing(2);
  browser_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  browser_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(browser_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
    if (labelMenu_ && !model_->isEmpty()) labelMenu_->exec(browser_->viewport()->mapToGlobal(pos));
  });
  connect(browser_->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onCurrentChanged);

  welcome_ = new QLabel;
  welcome_->setAlignment(Qt::AlignCenter);
  welcome_->setWordWrap(true);
  welcome_->setTextFormat(Qt::RichText);
  welcome_->setText(tr("<h2>Welcome to SDD Workbench</h2>"
                       "<p>Open a dataset folder with <b>File ▸ Open Dataset…</b> (Ctrl+O).</p>"
                       "<p>It reads the NEU-DET layout (<i>train|validation/images/&lt;class&gt;/</i>), "
                       "the NEU-CLS layout (<i>Cr_1.bmp … Sc_300.bmp</i>) and any folder with one "
                       "sub-folder per class.<br>Get the NEU surface defect database and link it as "
                       "<i>data/NEU-DET</i> to have it opened at start.</p>"
                       "<p>To classify images now, drop image files or folders anywhere on this window.</p>"));
  auto* welcomePage = new QWidget;
  auto* wl = new QVBoxLayout(welcomePage);
  wl->addStretch();
  wl->addWidget(welcome_);
  auto* open = new QPushButton(tr("Open Dataset…"));
  open->setMaximumWidth(200);
  connect(open, &QPushButton::clicked, this, &MainWindow::chooseDataset);
  wl->addWidget(open, 0, Qt::AlignHCenter);
  wl->addStretch();

  datasetStack_ = new QStackedWidget;
  datasetStack_->addWidget(welcomePage);
  datasetStack_->addWidget(browser_);

  classify_ = new ClassifyPanel;
  connect(classify_, &ClassifyPanel::classifyRequested, this, &MainWindow::chooseImages);
  connect(classify_, &ClassifyPanel::cancelRequested, this, [this] { worker_->cancel(); });

  train_ = new TrainPanel;
  connect(train_, &TrainPanel::useModelRequested, this, [this](const QString& f) { openModel(f); });
  connect(train_, &TrainPanel::trainingFinished, this, [this](const TrainOutcome& o) {
    if (o.error.isEmpty() && !o.cancelled) statusBar()->showMessage(tr("Training finished: %1").arg(o.modelFile), 10000);
  });

  evaluate_ = new EvaluatePanel;
  connect(evaluate_, &EvaluatePanel::evaluateRequested, this, &MainWindow::evaluateSplit);
  connect(evaluate_, &EvaluatePanel::cellActivated, this, &MainWindow::showConfusionCell);
  connect(evaluate_, &EvaluatePanel::imageActivated, this, &MainWindow::showImage);
  connect(evaluate_, &EvaluatePanel::compareRequested, this, &MainWindow::compareModels);
  connect(evaluate_, &EvaluatePanel::pointingGameRequested, this, &MainWindow::runPointingGame);
  connect(evaluate_, &EvaluatePanel::suspectsRequested, this, &MainWindow::findSuspectedLabels);
  connect(evaluate_, &EvaluatePanel::suspectsCancelRequested, this, [this] {
    if (suspectsCancel_) *suspectsCancel_ = true;
  });
  connect(evaluate_, &EvaluatePanel::splitChanged, this, &MainWindow::refreshEvaluation);
  evalTimer_ = new QTimer(this);
  evalTimer_->setSingleShot(true);
  evalTimer_->setInterval(250);  // metrics follow predictions and relabels, at most 4x a second
  connect(evalTimer_, &QTimer::timeout, this, &MainWindow::refreshEvaluation);

  tabs_ = new QTabWidget;
  tabs_->addTab(datasetStack_, tr("Dataset"));
  tabs_->addTab(classify_, tr("Classify"));
  tabs_->addTab(train_, tr("Train"));
  tabs_->addTab(evaluate_, tr("Evaluate"));
  setCentralWidget(tabs_);

  // Left: classes with counts and the filters.
  auto* filters = new QWidget;
  auto* fl = new QVBoxLayout(filters);
  classList_ = new QListWidget;
  classList_->setMinimumWidth(210);
  connect(classList_, &QListWidget::currentRowChanged, this, [this](int row) {
    filter_->setClassFilter(row - 1, labelKind_->currentIndex() == 1);
  });
  labelKind_ = new QComboBox;
  labelKind_->addItems({tr("by current label"), tr("by original label")});
  connect(labelKind_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setClassFilter(classList_->currentRow() - 1, i == 1); });
  split_ = new QComboBox;
  split_->addItems({tr("All splits"), tr("Train"), tr("Validation")});
  connect(split_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) { filter_->setSplitFilter(i - 1); });
  status_ = new QComboBox;
  status_->addItems({tr("All images"), tr("Relabeled"), tr("Misclassified"), tr("Duplicates"), tr("Not classified yet")});
  connect(status_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setStatus(static_cast<SampleFilter::Status>(i)); });
  predicted_ = new QComboBox;
  connect(predicted_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) { filter_->setPredictedFilter(i - 1); });
  sort_ = new QComboBox;
  sort_->addItems({tr("File name"), tr("Class"), tr("Confidence (lowest first)")});
  connect(sort_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setSortKey(static_cast<SampleFilter::SortKey>(i)); });
  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("Search file names"));
  search_->setClearButtonEnabled(true);
  connect(search_, &QLineEdit::textChanged, filter_, &SampleFilter::setNameFilter);
  fl->addWidget(new QLabel(tr("<b>Classes</b>")));
  fl->addWidget(classList_, 1);
  fl->addWidget(labelKind_);
  auto* form = new QFormLayout;
  form->addRow(tr("Split"), split_);
  form->addRow(tr("Show"), status_);
  form->addRow(tr("Predicted"), predicted_);
  form->addRow(tr("Sort"), sort_);
  fl->addLayout(form);
  fl->addWidget(search_);
  auto* left = new QDockWidget(tr("Browse"));
  left->setObjectName(QStringLiteral("browseDock"));
  left->setWidget(filters);
  left->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, left);

  inspector_ = new Inspector(model_);
  auto* right = new QDockWidget(tr("Inspector"));
  right->setObjectName(QStringLiteral("inspectorDock"));
  right->setWidget(inspector_);
  right->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  right->setMinimumWidth(330);
  addDockWidget(Qt::RightDockWidgetArea, right);
  // The docks belong to the dataset tab; the classify tab gets the whole width.
  browseDock_ = left;
  inspectorDock_ = right;
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateDocks);
  updateDocks();

  datasetLabel_ = new QLabel;
  modelLabel_ = new QLabel;
  deviceLabel_ = new QLabel;
  progress_ = new QProgressBar;
  progress_->setMaximumWidth(180);
  progress_->hide();
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(datasetLabel_);
  statusBar()->addPermanentWidget(modelLabel_);
  statusBar()->addPermanentWidget(deviceLabel_);
}

void MainWindow::updateDocks() {
  // The docks belong to an open dataset's tab; the classify tab gets the whole width.
  const bool on = tabs_->currentIndex() == 0 && !model_->isEmpty();
  browseDock_->setVisible(on);
  inspectorDock_->setVisible(on);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QToolBar* tb = addToolBar(tr("Main"));
  tb->setObjectName(QStringLiteral("mainToolbar"));
  tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  auto add = [&](QMenu* m, const QString& text, const QKeySequence& key, auto fn, bool toolbar = false,
                 QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
    QAction* a = m->addAction(text);
    if (!key.isEmpty()) a->setShortcut(key);
    if (icon != QStyle::SP_CustomBase) a->setIcon(style()->standardIcon(icon));
    connect(a, &QAction::triggered, this, fn);
    if (toolbar) tb->addAction(a);
    return a;
  };
  add(file, tr("&Open Dataset…"), QKeySequence::Open, &MainWindow::chooseDataset, true, QStyle::SP_DirOpenIcon);
  add(file, tr("Open &Model…"), QKeySequence(), &MainWindow::chooseModel, true, QStyle::SP_FileDialogDetailedView);
  recentDatasets_ = file->addMenu(tr("Recent &Datasets"));
  recentModels_ = file->addMenu(tr("Recent M&odels"));
  rebuildRecentMenus();
  add(file, tr("&Classify Images…"), QKeySequence(tr("Ctrl+K")), &MainWindow::chooseImages, true, QStyle::SP_MediaPlay);
  file->addSeparator();
  add(file, tr("Export Label &Journal (CSV)…"), QKeySequence(), &MainWindow::exportJournal);
  add(file, tr("Export Relabeled &Copy…"), QKeySequence(), &MainWindow::exportCopy);
  add(file, tr("Export &Manifest (CSV)…"), QKeySequence(), &MainWindow::exportManifest);
  add(file, tr("Export &Report (PDF)…"), QKeySequence(tr("Ctrl+P")), &MainWindow::chooseReportFile);
  add(file, tr("Export Model as &ONNX…"), QKeySequence(), &MainWindow::exportModelOnnx);
  file->addSeparator();
  add(file, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  // Undo and redo go through the journal first (RelabelController), then the stack. The
  // actions follow the stack's state and texts as QUndoStack's own would.
  auto stackAction = [this](const QString& name, const QString& withText, void (QUndoStack::*can)(bool),
                            void (QUndoStack::*text)(const QString&), void (RelabelController::*run)()) {
    auto* a = new QAction(name, this);
    a->setEnabled(false);
    connect(undo_, can, a, &QAction::setEnabled);
    connect(undo_, text, a, [a, name, withText](const QString& t) { a->setText(t.isEmpty() ? name : withText.arg(t)); });
    connect(a, &QAction::triggered, relabels_, run);
    return a;
  };
  QAction* u = stackAction(tr("&Undo"), tr("&Undo %1"), &QUndoStack::canUndoChanged, &QUndoStack::undoTextChanged,
                           &RelabelController::undo);
  u->setShortcut(QKeySequence(tr("Ctrl+Z")));
  u->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
  QAction* r = stackAction(tr("&Redo"), tr("&Redo %1"), &QUndoStack::canRedoChanged, &QUndoStack::redoTextChanged,
                           &RelabelController::redo);
  r->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
  r->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
  edit->addAction(u);
  edit->addAction(r);
  tb->addSeparator();
  tb->addAction(u);
  tb->addAction(r);
  edit->addSeparator();
  labelMenu_ = edit->addMenu(tr("&Label Selected As"));
  add(edit, tr("Relabel with &Note…"), QKeySequence(tr("Ctrl+E")), &MainWindow::relabelWithNote);
  autoAdvance_ = edit->addAction(tr("&Advance After Labeling"));
  autoAdvance_->setCheckable(true);
  autoAdvance_->setChecked(true);

  QMenu* ds = menuBar()->addMenu(tr("&Dataset"));
  add(ds, tr("Classify &All Images"), QKeySequence(tr("Ctrl+Shift+K")), [this] {
    if (model_->isEmpty()) return;
    QStringList files;
    for (int row = 0; row < model_->rowCount(); ++row) files << model_->index(row).data(DatasetModel::PathRole).toString();
    classifyPaths(files);
  }, true, QStyle::SP_MediaSeekForward);
  add(ds, tr("&Clear Predictions"), QKeySequence(), [this] { model_->clearPredictions(); });

  QMenu* settingsMenu = menuBar()->addMenu(tr("&Settings"));
  QMenu* languageMenu = settingsMenu->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  const QString current = QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  for (const auto& [code, name] : {std::pair{QStringLiteral("system"), tr("System default")},
                                   std::pair{QStringLiteral("en"), QStringLiteral("English")},
                                   std::pair{QStringLiteral("ko"), QStringLiteral("한국어")},
                                   std::pair{QStringLiteral("zh_CN"), QStringLiteral("简体中文")}}) {
    QAction* a = languageMenu->addAction(name);
    a->setCheckable(true);
    a->setChecked(code == current);
    languages->addAction(a);
    connect(a, &QAction::triggered, this, [this, code = code] {
      QSettings().setValue(QStringLiteral("language"), code);
      statusBar()->showMessage(tr("The language changes the next time SDD Workbench starts."), 10000);
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  add(help, tr("&About SDD Workbench"), QKeySequence(), [this] {
    QMessageBox::about(this, tr("About SDD Workbench"), aboutText());
  });
}

void MainWindow::rebuildLabelActions() {
  for (QAction* a : labelActions_) {
    removeAction(a);
    delete a;
  }
  labelActions_.clear();
  labelMenu_->clear();
  const QStringList classes = model_->classes();
  for (int k = 0; k < classes.size(); ++k) {
    QPixmap dot(12, 12);
    dot.fill(sddreport::classColor(k));
    QAction* a = labelMenu_->addAction(QIcon(dot), k < 9 ? tr("&%1  %2").arg(k + 1).arg(classes[k]) : classes[k]);
    if (k < 9) a->setShortcut(QKeySequence(Qt::Key_1 + k));
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, [this, k] { relabelSelection(k); });
    addAction(a);  // shortcuts work while the menu is closed
    labelActions_ << a;
  }
  labelMenu_->addSeparator();
  connect(labelMenu_->addAction(tr("Other Class, with a Note…")), &QAction::triggered, this,
          &MainWindow::relabelWithNote);
}

void MainWindow::relabelWithNote() {
  if (model_->isEmpty() || !browser_->currentIndex().isValid()) return;
  QDialog dlg(this);
  dlg.setWindowTitle(tr("Relabel with a note"));
  auto* form = new QFormLayout(&dlg);
  auto* cls = new QComboBox;
  cls->addItems(model_->classes());
  cls->setCurrentIndex(browser_->currentIndex().data(DatasetModel::LabelRole).toInt());
  auto* note = new QLineEdit;
  note->setPlaceholderText(tr("why (kept in the label journal)"));
  form->addRow(tr("New class"), cls);
  form->addRow(tr("Note"), note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, &dlg, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
  form->addRow(buttons);
  if (dlg.exec() == QDialog::Accepted) relabelSelection(cls->currentIndex(), note->text());
}

void MainWindow::relabelSelection(int cls, const QString& note) {
  if (model_->isEmpty() || cls < 0 || cls >= model_->classes().size()) return;
  QModelIndexList sel = browser_->selectionModel()->selectedIndexes();
  if (sel.isEmpty() && browser_->currentIndex().isValid()) sel << browser_->currentIndex();
  // Every selected image, also one the view shows with that label already: the journal
  // knows its current label (another program may have changed it) and skips no-ops.
  QVector<int> rows;
  for (const QModelIndex& i : sel) rows << filter_->mapToSource(i).row();
  // Remember the current image before the relabel: the filter may drop it from the view.
  const QModelIndex current = browser_->currentIndex();
  const int viewRow = current.row();
  const int sourceRow = current.isValid() ? filter_->mapToSource(current).row() : -1;
  relabels_->relabel(rows, cls, note);
  if (autoAdvance_->isChecked() && sel.size() == 1 && sourceRow >= 0) {
    // If it left the filtered view, the next image is now at its place.
    const int next = filter_->mapFromSource(model_->index(sourceRow)).isValid() ? viewRow + 1 : viewRow;
    if (next < filter_->rowCount()) {
      browser_->setCurrentIndex(filter_->index(next, 0));
    }
  }
}

void MainWindow::openDataset(const QString& folder, const QString& workspace) {
  if (scanning_) return;
  scanning_ = true;
  const QString ws = workspace.isEmpty() ? defaultWorkspace(folder) : workspace;
  progress_->setRange(0, 0);
  progress_->show();
  statusBar()->showMessage(tr("Scanning %1…").arg(folder));
  auto* watcher = new QFutureWatcher<ScanOutcome>(this);
  QPointer<QProgressBar> bar(progress_);
  connect(watcher, &QFutureWatcher<ScanOutcome>::finished, this, [this, watcher, folder, ws] {
    watcher->deleteLater();
    scanning_ = false;
    progress_->hide();
    ScanOutcome out = watcher->result();
    if (!out.error.isEmpty()) {
      statusBar()->showMessage(tr("Could not open %1").arg(folder), 8000);
      showError(tr("Open dataset"), out.error);
      Q_EMIT datasetFailed(out.error);
      return;
    }
    relabels_->clear();
    undo_->clear();
    // One connection per thread: the scan thread's journal connection is closed; the GUI
    // thread opens its own for the relabels to come. It waits at most 30 ms for another
    // writer's lock; RelabelController retries later rather than freezing the window.
    try {
      const auto access = out.readOnlyJournal ? sdd::LabelStore::Access::ReadOnly : sdd::LabelStore::Access::ReadWrite;
      auto store = std::make_unique<sdd::LabelStore>(sdd::LabelStore::journalFile(ws.toStdString()), access);
      store->setBusyTimeout(30);
      model_->reset(std::move(*out.dataset), std::move(store), out.journalRow);
    } catch (const std::exception& e) {
      showError(tr("Open dataset"), QString::fromStdString(e.what()));
      Q_EMIT datasetFailed(QString::fromStdString(e.what()));
      return;
    }
    workspace_ = ws;
    train_->setDataset(model_->dataset(), workspace_);
    refreshEvaluation();
    QTimer::singleShot(0, this, &MainWindow::startupActions);
    delegate_->setClasses(model_->classes());
    classify_->setClasses(modelOk_ && modelMatchesDataset() ? model_->classes() : modelInfo_.classes);
    predicted_->blockSignals(true);
    predicted_->clear();
    predicted_->addItem(tr("Any"));
    predicted_->addItems(model_->classes());
    predicted_->blockSignals(false);
    rebuildLabelActions();
    datasetStack_->setCurrentIndex(1);
    tabs_->setCurrentIndex(0);
    updateDocks();
    refreshCounts();
    refreshStatus();
    const sdd::Dataset& ds = *model_->dataset();
    QString msg = tr("Opened %1: %2 images, %3 classes (%4)").arg(folder).arg(ds.samples().size())
                      .arg(ds.classes().size()).arg(QString::fromLatin1(sdd::toString(ds.layout())));
    if (!ds.skipped().empty()) msg += tr(", %1 file(s) skipped").arg(ds.skipped().size());
    if (out.applied.changed) msg += tr(", %1 relabel(s) from the workspace").arg(out.applied.changed);
    statusBar()->showMessage(msg, 10000);
    rememberRecent(QStringLiteral("recent/datasets"), QFileInfo(folder).absoluteFilePath());
    if (!ds.skipped().empty() || !out.applied.unknownPaths.empty()) {
      QStringList lines;
      for (const auto& s : ds.skipped())
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(s.file.string()), QString::fromStdString(s.reason));
      for (const auto& p : out.applied.unknownPaths)
        lines << tr("%1: relabeled in the workspace but no longer in the dataset").arg(QString::fromStdString(p));
      QMessageBox box(QMessageBox::Warning, tr("Open dataset"),
                      tr("%1 file(s) could not be used; the rest of the dataset is open.").arg(lines.size()),
                      QMessageBox::Ok, this);
      box.setDetailedText(lines.join('\n'));
      if (!qEnvironmentVariableIsSet("SDD_NO_DIALOGS")) box.exec();
    }
    if (filter_->rowCount() > 0) browser_->setCurrentIndex(filter_->index(0, 0));
    Q_EMIT datasetOpened();
  });
  watcher->setFuture(QtConcurrent::run([folder, ws, bar]() -> ScanOutcome {
    ScanOutcome out;
    try {
      sdd::ScanOptions opt;
      opt.progress = [bar](std::size_t done, std::size_t total) {
        QMetaObject::invokeMethod(bar, [bar, done, total] {
          if (bar) bar->setRange(0, int(total)), bar->setValue(int(done));
        }, Qt::QueuedConnection);
      };
      out.dataset = std::make_shared<sdd::Dataset>(sdd::Dataset::scan(folder.toStdString(), opt));
      sdd::requireWorkspaceOutsideDataset(ws.toStdString(), folder.toStdString());
      const auto journal = sdd::LabelStore::journalFile(ws.toStdString());
      // A workspace on a read-only medium still shows its labels; relabels then fail with
      // the reason instead of the dataset not opening at all.
      std::unique_ptr<sdd::LabelStore> store;
      try {
        store = std::make_unique<sdd::LabelStore>(journal);
      } catch (const sdd::LabelStoreError&) {
        std::error_code ec;
        if (!std::filesystem::exists(journal, ec)) throw;
        store = std::make_unique<sdd::LabelStore>(journal, sdd::LabelStore::Access::ReadOnly);
        out.readOnlyJournal = true;
      }
      out.journalRow = store->lastId();
      out.applied = sdd::applyLabels(*out.dataset, *store);
    } catch (const std::exception& e) {
      out.error = QString::fromStdString(e.what());
    }
    return out;
  }));
}

bool MainWindow::modelMatchesDataset() const {
  return model_->isEmpty() || modelInfo_.classes == model_->classes();
}

bool MainWindow::openModel(const QString& file) {
  if (!model_->isEmpty()) {
    try {
      const sdd::ModelMetadata meta = sdd::readModelMetadata(file.toStdString());
      sdd::requireSameClasses(meta.classes, model_->dataset()->classes(), file.toStdString());
    } catch (const std::exception& e) {
      showError(tr("Open model"), tr("This model cannot be used with the open dataset.\n\n%1").arg(QString::fromStdString(e.what())));
      return false;
    }
  }
  pendingModel_ = file;
  modelLabel_->setText(tr("Loading model…"));
  Q_EMIT requestLoadModel(file, options_.device);
  return true;
}

void MainWindow::onModelLoaded(const ModelInfo& info) {
  if (modelOk_ && info.file != modelInfo_.file) model_->clearPredictions();  // never mix two models' outputs
  modelInfo_ = info;
  modelOk_ = true;
  pendingModel_.clear();
  rememberRecent(QStringLiteral("recent/models"), QFileInfo(info.file).absoluteFilePath());
  classify_->setClasses(info.classes);
  refreshStatus();
  Q_EMIT modelReady(info);
  startupActions();
  if (!options_.classify.isEmpty()) {
    const QStringList paths = options_.classify;
    options_.classify.clear();
    // After the dataset scan (if any), so dataset images get their true label.
    auto start = [this, paths] { classifyPaths(paths); };
    if (scanning_) {
      auto* once = new QMetaObject::Connection;
      *once = connect(this, &MainWindow::datasetOpened, this, [once, start] {
        disconnect(*once);
        delete once;
        start();
      });
    } else {
      start();
    }
  }
}

void MainWindow::classifyPaths(const QStringList& paths, bool showResults) {
  if (activeBatch_ >= 0) {
    statusBar()->showMessage(tr("Still classifying the previous batch; stop it first."), 5000);
    return;
  }
  QStringList files;
  int ignored = 0;
  for (const QString& p : paths) {
    const QFileInfo fi(p);
    if (fi.isDir()) {
      QDirIterator it(p, QDir::Files, QDirIterator::Subdirectories);
      QStringList inDir;
      while (it.hasNext()) {
        const QString f = it.next();
        if (sdd::isImageExtension(f.toStdString())) inDir << f;
        else ++ignored;
      }
      inDir.sort();
      files << inDir;
    } else {
      files << fi.absoluteFilePath();  // explicit files are tried whatever their name
    }
  }
  if (files.isEmpty()) {
    statusBar()->showMessage(tr("No image files in what was dropped."), 6000);
    return;
  }
  batchIsDataset_ = !model_->isEmpty() && modelMatchesDataset();
  activeBatch_ = nextBatch_++;
  classify_->beginBatch(files.size());
  if (showResults) tabs_->setCurrentWidget(classify_);
  progress_->setRange(0, files.size());
  progress_->setValue(0);
  progress_->show();
  if (ignored) statusBar()->showMessage(tr("%1 non-image file(s) in the folders ignored").arg(ignored), 8000);
  Q_EMIT requestClassify(files, activeBatch_);
}

void MainWindow::onResult(int batchId, const ClassifyResult& r) {
  if (batchId != activeBatch_) return;
  pending_.append(r);
  if (!flushTimer_->isActive()) flushTimer_->start();
}

void MainWindow::flushResults() {
  if (pending_.isEmpty()) return;
  QVector<ClassifiedImage> rows;
  rows.reserve(pending_.size());
  QVector<int> predRows;
  QVector<QVector<float>> predProbs;
  QVector<double> predMs;
  for (const ClassifyResult& r : pending_) {
    ClassifiedImage c{r, -1};
    if (batchIsDataset_) {
      const int row = model_->rowForFile(r.file);
      if (row >= 0) {
        c.trueLabel = model_->sample(row).label;
        if (r.ok()) {
          predRows << row;
          predProbs << r.probabilities;
          predMs << r.totalMs;
        }
      }
    }
    rows << c;
  }
  progress_->setValue(progress_->value() + pending_.size());
  pending_.clear();
  model_->setPredictions(predRows, predProbs, predMs);
  classify_->addResults(rows);
}

void MainWindow::onBatchFinished(int batchId, int ok, int failed, double seconds, bool cancelled) {
  if (batchId != activeBatch_) return;
  flushTimer_->stop();
  flushResults();
  activeBatch_ = -1;
  progress_->hide();
  classify_->endBatch(ok, failed, seconds, cancelled);
  inspector_->showRow(inspector_->row());
  Q_EMIT classificationFinished(ok, failed);
}

void MainWindow::onCurrentChanged() {
  const QModelIndex cur = browser_->currentIndex();
  inspector_->showRow(cur.isValid() ? filter_->mapToSource(cur).row() : -1);
}

void MainWindow::refreshCounts() {
  const int keep = std::max(0, classList_->currentRow());
  classList_->blockSignals(true);
  classList_->clear();
  const QVector<int> counts = model_->classCounts();
  int total = 0;
  for (int c : counts) total += c;
  classList_->addItem(tr("All classes  (%1)").arg(total));
  const QStringList classes = model_->classes();
  for (int k = 0; k < classes.size(); ++k) {
    QPixmap dot(12, 12);
    dot.fill(sddreport::classColor(k));
    classList_->addItem(new QListWidgetItem(QIcon(dot), k < 9 ? tr("%1  %2  (%3)").arg(k + 1).arg(classes[k]).arg(counts[k])
                                                              : tr("%1  (%2)").arg(classes[k]).arg(counts[k])));
  }
  classList_->setCurrentRow(std::min(keep, classList_->count() - 1));
  classList_->blockSignals(false);
  const int relabeled = model_->relabeledCount();
  status_->setItemText(1, relabeled ? tr("Relabeled (%1)").arg(relabeled) : tr("Relabeled"));
}

void MainWindow::refreshStatus() {
  if (model_->isEmpty()) {
    datasetLabel_->setText(tr("No dataset"));
  } else {
    datasetLabel_->setText(tr("Dataset: %1").arg(QString::fromStdString(model_->dataset()->root().filename().string())));
    datasetLabel_->setToolTip(tr("%1\nWorkspace (label journal): %2").arg(QString::fromStdString(model_->dataset()->root().string()), workspace_));
  }
  if (modelOk_) {
    modelLabel_->setText(tr("Model: %1").arg(QFileInfo(modelInfo_.file).fileName()) +
                         (modelMatchesDataset() ? QString() : tr(" (other classes)")));
    modelLabel_->setToolTip(tr("%1\n%2, %3 parameters\nclasses: %4\n%5").arg(modelInfo_.file, modelInfo_.architecture)
                                .arg(modelInfo_.parameters).arg(modelInfo_.classes.join(QStringLiteral(", ")), modelInfo_.metricsSummary));
    deviceLabel_->setText(tr("Device: %1").arg(modelInfo_.device.toUpper()));
    evaluate_->setCanEvaluate(!model_->isEmpty() && modelMatchesDataset(),
                              tr("Needs an open dataset and a model trained on its classes"));
  } else if (pendingModel_.isEmpty()) {
    modelLabel_->setText(tr("No model"));
  }
}

void MainWindow::showError(const QString& title, const QString& text) {
  statusBar()->showMessage(text.section('\n', 0, 0), 10000);
  if (qEnvironmentVariableIsSet("SDD_NO_DIALOGS")) return;  // tests, scripted runs
  QMessageBox::warning(this, title, text);
}

void MainWindow::chooseDataset() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
  if (!dir.isEmpty()) openDataset(dir);
}

void MainWindow::chooseModel() {
  const QString f = QFileDialog::getOpenFileName(this, tr("Open model"), QString(), tr("SDD models (*.sddm);;All files (*)"));
  if (!f.isEmpty()) openModel(f);
}

void MainWindow::chooseImages() {
  const QStringList files = QFileDialog::getOpenFileNames(this, tr("Classify images"), QString(),
                                                          tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff);;All files (*)"));
  if (!files.isEmpty()) classifyPaths(files);
}

void MainWindow::exportJournal() {
  if (!model_->store()) return;
  const QString f = QFileDialog::getSaveFileName(this, tr("Export label journal"), QStringLiteral("label-journal.csv"), tr("CSV files (*.csv)"));
  if (f.isEmpty()) return;
  try {
    model_->store()->exportCsv(f.toStdString());
    statusBar()->showMessage(tr("Label journal written to %1").arg(f), 8000);
  } catch (const std::exception& e) {
    showError(tr("Export"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportCopy() {
  if (model_->isEmpty()) return;
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export relabeled copy to an empty folder"));
  if (dir.isEmpty()) return;
  try {
    const std::size_t n = sdd::exportFolderPerClass(*model_->dataset(), dir.toStdString());
    statusBar()->showMessage(tr("%1 images copied to %2").arg(n).arg(dir), 8000);
  } catch (const std::exception& e) {
    showError(tr("Export"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportManifest() {
  if (model_->isEmpty()) return;
  const QString f = QFileDialog::getSaveFileName(this, tr("Export manifest"), QStringLiteral("manifest.csv"), tr("CSV files (*.csv)"));
  if (f.isEmpty()) return;
  try {
    sdd::exportManifest(*model_->dataset(), f.toStdString());
    statusBar()->showMessage(tr("Manifest written to %1").arg(f), 8000);
  } catch (const std::exception& e) {
    showError(tr("Export"), QString::fromStdString(e.what()));
  }
}

void MainWindow::startupActions() {
  // Once both the dataset (if one was asked for) and the model are ready.
  if (scanning_ || !modelOk_) return;
  if (!options_.evaluate.isEmpty() && !model_->isEmpty()) {
    const QString split = options_.evaluate;
    options_.evaluate.clear();
    evaluateSplit(split);
    tabs_->setCurrentWidget(evaluate_);
  }
  if (!options_.tab.isEmpty()) {
    const QStringList names{QStringLiteral("dataset"), QStringLiteral("classify"), QStringLiteral("train"), QStringLiteral("evaluate")};
    tabs_->setCurrentIndex(std::max(0, int(names.indexOf(options_.tab))));
    options_.tab.clear();
  }
}

bool MainWindow::evaluateSplit(const QString& split) {
  if (model_->isEmpty()) {
    showError(tr("Evaluate"), tr("Open a dataset first."));
    return false;
  }
  if (!modelOk_ || !modelMatchesDataset()) {
    showError(tr("Evaluate"), tr("The loaded model's classes (%1) differ from the dataset's (%2); open a model trained on these classes.")
                                  .arg(modelInfo_.classes.join(QStringLiteral(", ")), model_->classes().join(QStringLiteral(", "))));
    return false;
  }
  QStringList files;
  for (std::size_t i : sdd::splitIndices(*model_->dataset(), split.toStdString()))
    files << QString::fromStdString(model_->dataset()->samples()[i].path.string());
  if (files.isEmpty()) {
    showError(tr("Evaluate"), tr("The %1 split has no images.").arg(split));
    return false;
  }
  evaluatedSplit_ = split;
  evaluate_->setSplit(split);
  classifyPaths(files, false);
  return activeBatch_ >= 0;
}

void MainWindow::refreshEvaluation() {
  if (model_->isEmpty()) {
    evaluate_->setResults({}, {}, {}, {}, {}, {}, 0);
    return;
  }
  const auto idx = sdd::splitIndices(*model_->dataset(), evaluate_->split().toStdString());
  QVector<int> rows;
  QStringList names;
  std::vector<int> truth;
  std::vector<std::vector<float>> probs;
  QVector<double> ms;
  for (std::size_t i : idx) {
    const int row = int(i);
    const QVector<float>& p = model_->probabilities(row);
    if (p.size() != model_->classes().size()) continue;
    rows << row;
    names << QString::fromStdString(model_->sample(row).path.filename().string());
    truth.push_back(model_->sample(row).label);
    probs.emplace_back(p.begin(), p.end());
    ms << model_->milliseconds(row);
  }
  evaluate_->setResults(model_->classes(), rows, names, truth, probs, ms, int(idx.size()));
  Q_EMIT evaluationUpdated();
}

void MainWindow::showConfusionCell(int truth, int predicted) {
  if (model_->isEmpty()) return;
  const QString split = evaluate_->split();
  tabs_->setCurrentIndex(0);
  search_->clear();
  status_->setCurrentIndex(0);
  labelKind_->setCurrentIndex(0);  // the evaluation uses current labels
  split_->setCurrentIndex(split == QLatin1String("train") ? 1 : split == QLatin1String("validation") ? 2 : 0);
  classList_->setCurrentRow(truth + 1);
  predicted_->setCurrentIndex(predicted + 1);
  statusBar()->showMessage(tr("Showing %1 image(s) labeled %2 and predicted %3 (%4 split)")
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
    search_->clear();
    status_->setCurrentIndex(0);
    split_->setCurrentIndex(0);
    classList_->setCurrentRow(0);
    predicted_->setCurrentIndex(0);
    view = filter_->mapFromSource(model_->index(row));
  }
  browser_->setCurrentIndex(view);
  browser_->scrollTo(view);
  browser_->setFocus();
}

QStringList MainWindow::workspaceModels() const {
  QStringList out;
  for (const auto& file : sdd::shippedModelFiles()) {
    const QString shipped = QString::fromStdString(file.string());
    if (QFileInfo::exists(shipped)) out << shipped;
  }
  if (train_)
    for (const QString& run : train_->runFolders()) {
      const QString m = QDir(run).filePath(QStringLiteral("model.sddm"));
      if (QFileInfo::exists(m)) out << m;
    }
  return out;
}

void MainWindow::compareModels() {
  if (model_->isEmpty() || busyBackground_) return;
  QStringList models;
  if (modelOk_) models << modelInfo_.file;
  for (const QString& m : workspaceModels())
    if (!models.contains(m)) models << m;
  busyBackground_ = true;
  const auto dataset = std::make_shared<const sdd::Dataset>(*model_->dataset());
  const std::string split = evaluate_->split().toStdString();
  const std::string device = options_.device.toStdString();
  evaluate_->setComparisonBusy(tr("Evaluating %1 model(s) on the %2 split…").arg(models.size()).arg(evaluate_->split()));
  auto* watcher = new QFutureWatcher<sdd::ModelComparison>(this);
  connect(watcher, &QFutureWatcher<sdd::ModelComparison>::finished, this, [this, watcher] {
    watcher->deleteLater();
    busyBackground_ = false;
    const sdd::ModelComparison o = watcher->result();
    QStringList notes;
    for (const auto& m : o.skipped)
      notes << QStringLiteral("%1 (%2)").arg(QString::fromStdString(sdd::modelLabel(m.file)), QString::fromStdString(m.reason));
    evaluate_->setComparison(o.rows);
    evaluate_->setComparisonBusy(tr("%1 model(s) measured on the %2 split, one image at a time from file read to decision. "
                                    "Grey rows: the paper's reported figures.%3")
                                     .arg(o.rows.size())
                                     .arg(evaluate_->split())
                                     .arg(notes.isEmpty() ? QString() : tr(" Skipped: %1").arg(notes.join(QStringLiteral("; ")))));
    Q_EMIT comparisonFinished(int(o.rows.size()));
  });
  std::vector<std::filesystem::path> files;
  for (const QString& m : models) files.push_back(m.toStdString());
  watcher->setFuture(QtConcurrent::run(
      [files, dataset, split, device] { return sdd::compareModels(*dataset, split, files, device); }));
}

void MainWindow::runPointingGame() {
  if (model_->isEmpty() || !modelOk_ || !modelMatchesDataset() || busyBackground_) return;
  busyBackground_ = true;
  const auto dataset = std::make_shared<const sdd::Dataset>(*model_->dataset());
  const std::string split = evaluate_->split().toStdString();
  const std::string device = options_.device.toStdString();
  const QString modelFile = modelInfo_.file;
  evaluate_->setPointingGameBusy(tr("Computing Grad-CAM for the %1 split…").arg(evaluate_->split()));
  auto error = std::make_shared<QString>();
  auto* watcher = new QFutureWatcher<sdd::PointingGame>(this);
  connect(watcher, &QFutureWatcher<sdd::PointingGame>::finished, this, [this, watcher, error] {
    watcher->deleteLater();
    busyBackground_ = false;
    if (!error->isEmpty()) {
      evaluate_->setPointingGameBusy(tr("Pointing game failed: %1").arg(*error));
      Q_EMIT pointingGameFinished(0);
      return;
    }
    const sdd::PointingGame g = watcher->result();
    evaluate_->setPointingGame(g);
    Q_EMIT pointingGameFinished(g.totalImages());
  });
  watcher->setFuture(QtConcurrent::run([dataset, split, device, modelFile, error] {
    try {
      sdd::Predictor p(modelFile.toStdString(), device, 1);
      return sdd::pointingGame(p, *dataset, split, sdd::CamMethod::GradCam);
    } catch (const std::exception& e) {
      *error = QString::fromStdString(e.what());
      return sdd::PointingGame{};
    }
  }));
}

void MainWindow::findSuspectedLabels(int folds, int epochs) {
  if (model_->isEmpty() || suspectsCancel_) return;
  sdd::ModelSpec spec;
  sdd::TrainConfig cfg;
  try {
    spec = train_->spec();
    cfg = train_->config();
  } catch (const std::exception& e) {
    showError(tr("Suspected label errors"), tr("The Train tab's settings are not valid: %1").arg(QString::fromStdString(e.what())));
    return;
  }
  cfg.epochs = epochs;
  cfg.patience = 0;
  cfg.device = options_.device.toStdString();
  const auto dataset = std::make_shared<const sdd::Dataset>(*model_->dataset());
  const QString work = QString::fromStdString(sdd::Workspace(workspace_.toStdString()).crossValidationFolder().string());
  suspectsCancel_ = std::make_shared<std::atomic<bool>>(false);
  auto cancel = suspectsCancel_;
  evaluate_->setSuspectsBusy(true, tr("Training %1 models (%2 epochs each) in %3…").arg(folds).arg(epochs).arg(work));
  QPointer<EvaluatePanel> panel(evaluate_);
  auto error = std::make_shared<QString>();
  auto* watcher = new QFutureWatcher<sdd::OutOfFold>(this);
  connect(watcher, &QFutureWatcher<sdd::OutOfFold>::finished, this, [this, watcher, error, dataset] {
    watcher->deleteLater();
    suspectsCancel_.reset();
    const sdd::OutOfFold oof = watcher->result();
    if (!error->isEmpty() || oof.cancelled) {
      evaluate_->setSuspectsBusy(false, error->isEmpty() ? tr("Stopped.") : tr("Failed: %1").arg(*error));
      Q_EMIT suspectsFinished(-1);
      return;
    }
    // Rows are dataset indices; the labels are those the models were trained with.
    const auto list = sdd::suspectedLabels(*dataset, oof);
    QVector<int> rows, labels, suggested;
    QVector<float> pl, ps;
    QStringList names;
    for (const auto& s : list) {
      rows << int(s.sample);
      names << QString::fromStdString(dataset->samples()[s.sample].path.filename().string());
      labels << s.label;
      suggested << s.suggested;
      pl << s.labelProbability;
      ps << s.suggestedProbability;
    }
    int scored = 0;
    for (const auto& p : oof.probs) scored += !p.empty();
    evaluate_->setSuspects(model_->classes(), rows, names, labels, suggested, pl, ps, scored);
    Q_EMIT suspectsFinished(int(list.size()));
  });
  watcher->setFuture(QtConcurrent::run([dataset, spec, cfg, folds, work, cancel, panel, error] {
    try {
      return sdd::outOfFoldProbabilities(*dataset, spec, cfg, folds, work.toStdString(),
                                         [panel](const sdd::CrossValidationProgress& p) {
                                           const QString text = QString::fromStdString(p.message);
                                           QMetaObject::invokeMethod(panel, [panel, text] {
                                             if (panel) panel->setSuspectsBusy(true, text);
                                           }, Qt::QueuedConnection);
                                         },
                                         cancel.get());
    } catch (const std::exception& e) {
      *error = QString::fromStdString(e.what());
      return sdd::OutOfFold{};
    }
  }));
}

QStringList MainWindow::recentDatasets() { return QSettings().value(QStringLiteral("recent/datasets")).toStringList(); }
QStringList MainWindow::recentModels() { return QSettings().value(QStringLiteral("recent/models")).toStringList(); }

void MainWindow::rememberRecent(const QString& key, const QString& path) {
  QSettings settings;
  QStringList list = settings.value(key).toStringList();
  list.removeAll(path);
  list.prepend(path);
  while (list.size() > 8) list.removeLast();
  settings.setValue(key, list);
  rebuildRecentMenus();
}

void MainWindow::rebuildRecentMenus() {
  if (!recentDatasets_) return;
  for (auto [menu, list, isDataset] : {std::tuple{recentDatasets_, recentDatasets(), true},
                                       std::tuple{recentModels_, recentModels(), false}}) {
    menu->clear();
    for (const QString& path : list) {
      QAction* a = menu->addAction(path);
      a->setEnabled(QFileInfo::exists(path));
      if (isDataset) connect(a, &QAction::triggered, this, [this, path] { openDataset(path); });
      else connect(a, &QAction::triggered, this, [this, path] { openModel(path); });
    }
    menu->setEnabled(!list.isEmpty());
  }
}

void MainWindow::exportModelOnnx() {
  if (!modelOk_) {
    showError(tr("Export model"), tr("No model is loaded."));
    return;
  }
  const QString f = QFileDialog::getSaveFileName(this, tr("Export model as ONNX"),
                                                 QFileInfo(modelInfo_.file).completeBaseName() + QStringLiteral(".onnx"),
                                                 tr("ONNX models (*.onnx)"));
  if (f.isEmpty()) return;
  try {
    sdd::exportOnnx(modelInfo_.file.toStdString(), f.toStdString(), QCoreApplication::applicationVersion().toStdString());
    statusBar()->showMessage(tr("Model written to %1 (input \"image\": RGB / 255, NCHW; output \"probabilities\")").arg(f), 10000);
  } catch (const std::exception& e) {
    showError(tr("Export model"), QString::fromStdString(e.what()));
  }
}

void MainWindow::chooseReportFile() {
  if (model_->isEmpty() || !modelOk_) {
    showError(tr("Export report"), tr("Open a dataset and a model with the same classes first."));
    return;
  }
  const QString f = QFileDialog::getSaveFileName(this, tr("Export report"), QStringLiteral("sdd-report.pdf"), tr("PDF files (*.pdf)"));
  if (!f.isEmpty()) exportReport(f);
}

void MainWindow::exportReport(const QString& pdfFile) {
  if (model_->isEmpty() || !modelOk_ || !modelMatchesDataset()) {
    const QString why = tr("Open a dataset and a model with the same classes first.");
    showError(tr("Export report"), why);
    Q_EMIT reportFailed(why);
    return;
  }
  if (busyBackground_) {
    statusBar()->showMessage(tr("Another evaluation is running; try again when it ends."), 6000);
    Q_EMIT reportFailed(tr("busy"));
    return;
  }
  busyBackground_ = true;
  sdd::ReportOptions opt;
  opt.split = evaluate_->split().toStdString();
  opt.device = options_.device.toStdString();
  for (const QString& m : workspaceModels()) opt.compareModels.push_back(m.toStdString());
  opt.workspace = workspace_.toStdString();
  opt.version = QCoreApplication::applicationVersion().toStdString();
  const auto dataset = std::make_shared<const sdd::Dataset>(*model_->dataset());
  const std::filesystem::path modelFile = modelInfo_.file.toStdString();
  progress_->setRange(0, 0);
  progress_->show();
  statusBar()->showMessage(tr("Evaluating for the report…"));
  // Evaluation off the GUI thread; the PDF (QCustomPlot widgets) is drawn on it.
  auto* watcher = new QFutureWatcher<std::shared_ptr<sdd::ReportData>>(this);
  auto error = std::make_shared<QString>();
  connect(watcher, &QFutureWatcher<std::shared_ptr<sdd::ReportData>>::finished, this, [this, watcher, error, pdfFile] {
    watcher->deleteLater();
    busyBackground_ = false;
    progress_->hide();
    const auto data = watcher->result();
    if (!data) {
      showError(tr("Export report"), tr("The report was not written: %1").arg(*error));
      Q_EMIT reportFailed(*error);
      return;
    }
    try {
      sddreport::writeReportPdf(*data, pdfFile);
      sdd::recordReport(*data, pdfFile.toStdString());
    } catch (const std::exception& e) {
      showError(tr("Export report"), QString::fromStdString(e.what()));
      Q_EMIT reportFailed(QString::fromStdString(e.what()));
      return;
    }
    statusBar()->showMessage(tr("Report written to %1").arg(pdfFile), 10000);
    Q_EMIT reportWritten(pdfFile);
  });
  watcher->setFuture(QtConcurrent::run([dataset, modelFile, opt, error]() -> std::shared_ptr<sdd::ReportData> {
    try {
      return std::make_shared<sdd::ReportData>(sdd::collectReport(*dataset, modelFile, opt));
    } catch (const std::exception& e) {
      *error = QString::fromStdString(e.what());
      return nullptr;
    }
  }));
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
  worker_->cancel();  // every relabel is already in the journal; nothing to save
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  e->accept();
}

}  // namespace sddui
