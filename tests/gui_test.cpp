// Drives the real workbench widgets offscreen (QT_QPA_PLATFORM=offscreen).
#include <QApplication>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

#include "classify_panel.h"
#include "dataset_model.h"
#include "main_window.h"
#include "sample_filter.h"
#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"
#include "sdd/util/runtime.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sddui;
using sdd::test::patternImage;
using sdd::test::TempDir;
using sdd::test::writeBytes;
using sdd::test::writeImage;

namespace {

QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

void makeDataset(const fs::path& root) {
  const char* classes[] = {"disk", "ring", "stripes"};
  for (int c = 0; c < 3; ++c)
    for (int n = 0; n < 5; ++n)
      writeImage(root / classes[c] / ("img_" + std::to_string(n) + ".png"), patternImage(c == 2 ? 0 : c + 1, n));
  writeBytes(root / "disk" / "broken.png", "not a png at all");
}

/// Waits (processing events) until `cond` holds or `ms` pass.
template <class F>
bool waitFor(F cond, int ms = 30000) {
  QElapsedTimer t;
  t.start();
  while (!cond() && t.elapsed() < ms) QTest::qWait(10);
  return cond();
}

void drop(QWidget* target, const QStringList& files) {
  auto* mime = new QMimeData;
  QList<QUrl> urls;
  for (const QString& f : files) urls << QUrl::fromLocalFile(f);
  mime->setUrls(urls);
  const QPoint pos = target->rect().center();
  QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &dropEvent);
  delete mime;
}

}  // namespace

class GuiTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    qputenv("SDD_NO_DIALOGS", "1");
  }

  void relabelUndoAndReopenPersist() {
    TempDir dir;
    makeDataset(dir / "data");
    const QString ws = qs(dir / "ws");
    {
      MainWindow w({qs(dir / "data"), ws, {}, QStringLiteral("cpu"), {}});
      w.show();
      QVERIFY(waitFor([&] { return !w.datasetModel()->isEmpty(); }));
      DatasetModel* m = w.datasetModel();
      QCOMPARE(m->rowCount(), 15);  // broken.png skipped, not fatal
      QCOMPARE(m->classes(), QStringList({"disk", "ring", "stripes"}));

      // Select the first image (disk/img_0.png, sorted by name within the view) and press 3.
      w.browser()->setFocus();
      const QModelIndex first = w.filter()->index(0, 0);
      w.browser()->setCurrentIndex(first);
      const int row = w.filter()->mapToSource(first).row();
      const QString name = m->index(row).data(DatasetModel::FileNameRole).toString();
      QCOMPARE(m->sample(row).label, 0);
      QTest::keyClick(w.browser(), Qt::Key_3);
      QCOMPARE(m->sample(row).label, 2);
      QVERIFY(m->index(row).data(DatasetModel::RelabeledRole).toBool());
      QVERIFY2(w.browser()->currentIndex() != first, "auto-advance to the next image");
      QCOMPARE(m->store()->currentLabels().at(m->journalPath(row).toStdString()), "stripes");

      // Undo puts it back, in the view and in the journal; redo again; undo again.
      QTest::keyClick(w.browser(), Qt::Key_Z, Qt::ControlModifier);
      QCOMPARE(m->sample(row).label, 0);
      QCOMPARE(m->store()->currentLabels().at(m->journalPath(row).toStdString()), "disk");
      QTest::keyClick(w.browser(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
      QCOMPARE(m->sample(row).label, 2);
      QCOMPARE(m->store()->history(m->journalPath(row).toStdString()).size(), size_t(3));

      // Filters: relabeled, class by current vs original label, file-name search.
      SampleFilter* f = w.filter();
      f->setStatus(SampleFilter::Status::Relabeled);
      QCOMPARE(f->rowCount(), 1);
      QCOMPARE(f->index(0, 0).data(DatasetModel::FileNameRole).toString(), name);
      f->setStatus(SampleFilter::Status::All);
      f->setClassFilter(2, false);
      QCOMPARE(f->rowCount(), 6);  // 5 stripes + the relabeled disk
      f->setClassFilter(2, true);
      QCOMPARE(f->rowCount(), 5);
      f->setClassFilter(-1, false);
      f->setNameFilter(QStringLiteral("IMG_4"));
      QCOMPARE(f->rowCount(), 3);
      f->setNameFilter({});
      QCOMPARE(m->classCounts(), QVector<int>({4, 5, 6}));

      // A relabel with a note keeps the note in the journal.
      w.browser()->setCurrentIndex(w.filter()->index(1, 0));
      const int second = w.filter()->mapToSource(w.browser()->currentIndex()).row();
      w.relabelSelection((m->sample(second).label + 1) % 3, QStringLiteral("edge looks like a ring"));
      const auto h = m->store()->history(m->journalPath(second).toStdString());
      QCOMPARE(h.size(), size_t(1));
      QCOMPARE(h[0].note, std::string("edge looks like a ring"));
      w.undoStack()->undo();
    }
    // Reopen: the relabel is there.
    MainWindow again({qs(dir / "data"), ws, {}, QStringLiteral("cpu"), {}});
    QVERIFY(waitFor([&] { return !again.datasetModel()->isEmpty(); }));
    DatasetModel* m = again.datasetModel();
    int relabeled = 0;
    for (int r = 0; r < m->rowCount(); ++r) relabeled += m->index(r).data(DatasetModel::RelabeledRole).toBool();
    QCOMPARE(relabeled, 1);
    QCOMPARE(m->relabeledCount(), 1);
    // The CLI-side core sees the same labels through the workspace.
    sdd::Dataset ds = sdd::Dataset::scan(dir / "data");
    QCOMPARE(sdd::applyLabels(ds, sdd::LabelStore(sdd::LabelStore::journalFile((dir / "ws")))).changed, size_t(1));
  }

  void dropClassifiesAndListsRejects() {
    TempDir dir;
    writeImage(dir / "a.png", patternImage(1, 3));
    writeImage(dir / "b.jpg", patternImage(2, 4, 300, 120, 1));
    writeBytes(dir / "notes.txt", "hello");
    MainWindow w({{}, {}, {}, QStringLiteral("cpu"), {}});  // no dataset: welcome page
    w.show();
    QSignalSpy ready(&w, &MainWindow::modelReady);
    QVERIFY(ready.wait(30000) || ready.count() == 1);
    QSignalSpy done(&w, &MainWindow::classificationFinished);
    drop(&w, {qs(dir / "a.png"), qs(dir / "b.jpg"), qs(dir / "notes.txt")});
    QVERIFY(done.wait(30000));
    QCOMPARE(done.at(0).at(0).toInt(), 2);
    QCOMPARE(done.at(0).at(1).toInt(), 1);
    const ResultsModel* res = w.classifyPanel()->results();
    QCOMPARE(res->rowCount(), 3);
    for (int r = 0; r < 3; ++r) {
      const ClassifyResult& c = res->at(r).result;
      if (c.file.endsWith("notes.txt")) {
        QVERIFY(!c.ok());
        QVERIFY(!c.error.isEmpty());
      } else {
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c.probabilities.size(), 6);  // the shipped NEU model
        float sum = 0;
        for (float p : c.probabilities) sum += p;
        QVERIFY(std::abs(sum - 1.f) < 1e-4f);
        QVERIFY(c.totalMs > 0);
      }
    }
  }

  void modelWithOtherClassesIsRefused() {
    TempDir dir;
    makeDataset(dir / "data");
    MainWindow w({qs(dir / "data"), qs(dir / "ws"), {}, QStringLiteral("cpu"), {}});
    QVERIFY(waitFor([&] { return !w.datasetModel()->isEmpty(); }));
    QVERIFY(!w.openModel(QString::fromStdString(sdd::shippedModelFile().string())));
  }

  /// The GUI thread keeps serving events while a 360-image batch classifies.
  void eventLoopStaysResponsiveDuringA360ImageBatch() {
    const fs::path neu = sdd::test::neuDetDir();
    if (neu.empty()) QSKIP("data/NEU-DET not present (see README)");
    QElapsedTimer opening;
    opening.start();
    MainWindow w({qs(neu), {}, {}, QStringLiteral("cpu"), {}});
    w.show();
    QVERIFY(waitFor([&] { return !w.datasetModel()->isEmpty(); }, 60000));
    qInfo("NEU-DET (1800 images) open in the browser after %lld ms", opening.elapsed());
    QSignalSpy done(&w, &MainWindow::classificationFinished);
    QStringList files;
    for (std::size_t i : w.datasetModel()->dataset()->indices(sdd::Split::Validation))
      files << qs(w.datasetModel()->dataset()->samples()[i].path);
    QCOMPARE(files.size(), 360);

    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] {
      const qint64 now = clock.elapsed();
      worst = std::max(worst, now - last);
      if (now - last > 30) qInfo("gap of %lld ms ending at %lld ms", now - last, now);
      last = now;
    });
    w.classifyPaths(files);
    clock.start();
    tick.start();
    QVERIFY(done.wait(300000));
    tick.stop();
    qInfo("360 images classified in %lld ms", clock.elapsed());
    QCOMPARE(done.at(0).at(0).toInt(), 360);
    qInfo("worst event-loop gap while classifying 360 images: %lld ms", worst);
    QVERIFY2(worst < 100, qPrintable(QStringLiteral("GUI thread blocked for %1 ms").arg(worst)));
    // Dataset images get the true label and feed the misclassified filter.
    QVERIFY(w.datasetModel()->predictedCount() == 360);
  }
};

QTEST_MAIN(GuiTest)
#include "gui_test.moc"
