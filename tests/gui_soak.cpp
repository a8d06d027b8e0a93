// The real workbench window, offscreen, relabeling or training until it is killed: the
// driver of tests/kill_gui.sh (kill -9 the GUI in the middle of relabeling and of
// training). Every action is done the way a user does it (a key press on the browser, the
// Train tab's Train / Resume) and printed only once the window has acknowledged it.
//   sdd_gui_soak relabel DATASET WORKSPACE   prints "ack <journal path> <class>" per relabel
//   sdd_gui_soak train DATASET WORKSPACE     prints "epoch <n>" per finished epoch
//   sdd_gui_soak resume DATASET WORKSPACE    resumes the workspace's run, same output
#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QListWidget>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <cstdio>

#include "main_window.h"
#include "models/dataset_model.h"
#include "models/sample_filter.h"
#include "panels/train_panel.h"

using namespace sddui;

static void say(const QString& line) {
  std::printf("%s\n", line.toUtf8().constData());
  std::fflush(stdout);
}

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("SDD_NO_DIALOGS", "1");
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("SDD Workbench tests"));
  QCoreApplication::setApplicationName(QStringLiteral("sdd-gui-soak"));
  const QStringList args = app.arguments();
  if (args.size() != 4 || !QStringList({"relabel", "train", "resume"}).contains(args[1])) {
    std::fprintf(stderr, "usage: sdd_gui_soak relabel|train|resume DATASET WORKSPACE\n");
    return 2;
  }
  WorkbenchOptions o;
  o.dataset = args[2];
  o.workspace = args[3];
  o.device = QStringLiteral("cpu");
  MainWindow w(o);
  w.show();
  QElapsedTimer t;
  t.start();
  while (w.datasetModel()->isEmpty() && t.elapsed() < 60000) QTest::qWait(10);
  DatasetModel* m = w.datasetModel();
  if (m->isEmpty()) {
    std::fprintf(stderr, "the dataset did not open\n");
    return 1;
  }
  say(QStringLiteral("ready %1 images").arg(m->rowCount()));

  if (args[1] == "relabel") {
    const int classes = int(m->classes().size());
    for (long i = 0;; ++i) {
      const QModelIndex index = w.filter()->index(int(i % w.filter()->rowCount()), 0);
      w.browser()->setFocus();
      w.browser()->setCurrentIndex(index);
      const int row = w.filter()->mapToSource(index).row();
      const int next = (m->sample(row).label + 1) % classes;
      QTest::keyClick(w.browser(), Qt::Key(Qt::Key_1 + next));  // as the user presses "2"
      if (m->sample(row).label != next) {
        std::fprintf(stderr, "the key press did not relabel row %d\n", row);
        return 1;
      }
      say(QStringLiteral("ack %1 %2").arg(m->journalPath(row), m->classes()[next]));
      QCoreApplication::processEvents();
    }
  }

  TrainPanel* train = w.trainPanel();
  w.tabs()->setCurrentWidget(train);
  QObject::connect(train, &TrainPanel::epochFinished,
                   [](int epoch) { say(QStringLiteral("epoch %1").arg(epoch)); });
  QObject::connect(train, &TrainPanel::trainingFinished, [](const TrainOutcome& out) {
    say(QStringLiteral("finished %1").arg(out.error));
    QCoreApplication::exit(out.error.isEmpty() ? 0 : 1);
  });
  bool started = false;
  if (args[1] == "train") {
    train->epochsBox()->setValue(train->epochsBox()->maximum());  // until killed
    started = train->startTraining();
  } else {
    train->refreshRuns();
    train->runList()->setCurrentRow(0);
    started = train->resumeTraining();
  }
  if (!started) {
    std::fprintf(stderr, "training did not start\n");
    return 1;
  }
  return app.exec();
}
