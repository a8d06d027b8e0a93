// MainWindow's menus and toolbar (File, Edit, Dataset, Label, Settings, Help) and the file
// dialogs they open: what each entry does lives in the controllers and panels it calls.
#include <QAction>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

#include "commands/label_actions.h"
#include "commands/relabel_controller.h"
#include "controllers/exports.h"
#include "main_window.h"
#include "models/dataset_model.h"
#include "sdd/imaging/image_loader.h"
#include "widgets/about.h"
#include "widgets/browser_view.h"
#include "widgets/class_list_dialog.h"
#include "widgets/language_menu.h"
#include "widgets/recent_files.h"

namespace sddui {

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QToolBar* tb = addToolBar(tr("Main"));
  tb->setObjectName(QStringLiteral("mainToolbar"));
  tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  auto add = [&](QMenu* m, const QString& text, const QKeySequence& key, auto fn,
                 bool toolbar = false, QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
    QAction* a = m->addAction(text);
    if (!key.isEmpty()) a->setShortcut(key);
    if (icon != QStyle::SP_CustomBase) a->setIcon(style()->standardIcon(icon));
    connect(a, &QAction::triggered, this, fn);
    if (toolbar) tb->addAction(a);
    return a;
  };
  add(file, tr("&Open Dataset…"), QKeySequence::Open, &MainWindow::chooseDataset, true,
      QStyle::SP_DirOpenIcon);
  add(file, tr("Open &Model…"), QKeySequence(), &MainWindow::chooseModel, true,
      QStyle::SP_FileDialogDetailedView);
  recent_ = new RecentFiles(file->addMenu(tr("Recent &Datasets")),
                            file->addMenu(tr("Recent M&odels")), this);
  connect(recent_, &RecentFiles::datasetChosen, this, [this](const QString& f) { openDataset(f); });
  connect(recent_, &RecentFiles::modelChosen, this, [this](const QString& f) { openModel(f); });
  add(file, tr("&Classify Images…"), QKeySequence(tr("Ctrl+K")), &MainWindow::chooseImages, true,
      QStyle::SP_MediaPlay);
  file->addSeparator();
  add(file, tr("Export Label &Journal (CSV)…"), QKeySequence(), [this] { exports_->journal(); });
  add(file, tr("Export Relabeled &Copy…"), QKeySequence(), [this] { exports_->relabeledCopy(); });
  add(file, tr("Export &Manifest (CSV)…"), QKeySequence(), [this] { exports_->manifest(); });
  add(file, tr("Export &Report (PDF)…"), QKeySequence(tr("Ctrl+P")), &MainWindow::chooseReportFile);
  add(file, tr("Export Model as &ONNX…"), QKeySequence(), [this] { exports_->onnx(modelFile()); });
  file->addSeparator();
  add(file, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* u = relabels_->createUndoAction(this);
  u->setShortcut(QKeySequence(tr("Ctrl+Z")));
  u->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
  QAction* r = relabels_->createRedoAction(this);
  r->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
  r->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
  edit->addActions({u, r});
  tb->addSeparator();
  tb->addActions({u, r});
  edit->addSeparator();
  QMenu* labelMenu = edit->addMenu(tr("&Label Selected As"));
  add(edit, tr("Relabel with &Note…"), QKeySequence(tr("Ctrl+E")), &MainWindow::relabelWithNote);
  QAction* autoAdvance = edit->addAction(tr("&Advance After Labeling"));
  autoAdvance->setCheckable(true);
  autoAdvance->setChecked(true);
  labels_ = new LabelActions(this, browser_, filter_, model_, relabels_, labelMenu, autoAdvance);
  connect(browser_, &QWidget::customContextMenuRequested, this,
          [this, labelMenu](const QPoint& pos) {
            if (!model_->isEmpty()) labelMenu->exec(browser_->viewport()->mapToGlobal(pos));
          });

  QMenu* ds = menuBar()->addMenu(tr("&Dataset"));
  add(
      ds, tr("Classify &All Images"), QKeySequence(tr("Ctrl+Shift+K")),
      [this] {
        if (!model_->isEmpty()) classifyImages(model_->allFiles());
      },
      true, QStyle::SP_MediaSeekForward);
  add(ds, tr("&Clear Predictions"), QKeySequence(), [this] { model_->clearPredictions(); });
  // Where the folders left a choice (SDNET2018's D/CD, D/UD taken as class D; the scan's
  // note says so), the user names the classes: folders named after them are class folders
  // at any depth. Kept in the workspace, as the answer to "the folders name no classes".
  add(ds, tr("Set Class &List…"), QKeySequence(), [this] {
    if (model_->isEmpty()) return;
    QStringList now;
    for (const std::string& c : model_->dataset()->classes()) now << QString::fromStdString(c);
    const QStringList classes = askClassList(
        this,
        tr("The classes of this dataset. Folders named after them are class folders, also "
           "inside other folders; images elsewhere are to label."),
        now.join(QStringLiteral(", ")));
    if (!classes.isEmpty())
      openDataset(QString::fromStdString(model_->dataset()->root().string()), session_->workspace(),
                  classes);
  });

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  fillLanguageMenu(settings->addMenu(tr("&Language")),
                   [this](const QString& message) { statusBar()->showMessage(message, 10000); });
  // Who gives the labels, for the journal (default: the operating system's user name).
  model_->setUserName(QSettings().value(QStringLiteral("labels/user")).toString());
  add(settings, tr("Your &Name in the Label Journal…"), QKeySequence(), [this] {
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Your name in the label journal"),
                              tr("Labels you give are recorded with this name (empty: the "
                                 "system's user name)."),
                              QLineEdit::Normal, model_->userName(), &ok);
    if (!ok) return;
    model_->setUserName(name.trimmed());
    QSettings().setValue(QStringLiteral("labels/user"), name.trimmed());
  });
  add(menuBar()->addMenu(tr("&Help")), tr("&About SDD Workbench"), QKeySequence(),
      [this] { QMessageBox::about(this, tr("About SDD Workbench"), aboutText()); });
}

void MainWindow::chooseDataset() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
  if (!dir.isEmpty()) openDataset(dir);
}

void MainWindow::chooseModel() {
  const QString f = QFileDialog::getOpenFileName(this, tr("Open model"), QString(),
                                                 tr("SDD models (*.sddm);;All files (*)"));
  if (!f.isEmpty()) openModel(f);
}

void MainWindow::chooseImages() {
  QStringList patterns;
  for (const std::string& ext : sdd::imageExtensions())
    patterns << QStringLiteral("*") + QString::fromStdString(ext);
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Classify images"), QString(),
      tr("Images (%1);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
  if (!files.isEmpty()) classifyPaths(files);
}

}  // namespace sddui
