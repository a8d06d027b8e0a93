#include "widgets/recent_files.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include "sdd/dataset/file_walk.h"

namespace sddui {

namespace {
const QString kDatasets = QStringLiteral("recent/datasets");
const QString kModels = QStringLiteral("recent/models");
}  // namespace

RecentFiles::RecentFiles(QMenu* datasets, QMenu* models, QObject* parent)
    : QObject(parent), datasets_(datasets), models_(models) {
  rebuild();
}

QStringList RecentFiles::datasets() { return QSettings().value(kDatasets).toStringList(); }
QStringList RecentFiles::models() { return QSettings().value(kModels).toStringList(); }

void RecentFiles::rememberDataset(const QString& folder) {
  remember(kDatasets, QFileInfo(folder).absoluteFilePath());
}
void RecentFiles::rememberModel(const QString& file) {
  remember(kModels, QFileInfo(file).absoluteFilePath());
}

void RecentFiles::remember(const QString& key, const QString& path) {
  QSettings settings;
  QStringList list = settings.value(key).toStringList();
  list.removeAll(path);
  list.prepend(path);
  while (list.size() > 8) list.removeLast();
  settings.setValue(key, list);
  rebuild();
}

void RecentFiles::rebuild() {
  for (const bool isDataset : {true, false}) {
    QMenu* menu = isDataset ? datasets_ : models_;
    const QStringList list = isDataset ? datasets() : models();
    menu->clear();
    for (const QString& path : list) {
      QAction* a = menu->addAction(path);
      // A name with bytes that are not UTF-8 is held here with U+FFFD; findByShownName finds it.
      a->setEnabled(!sdd::findByShownName(path.toStdString()).empty());
      connect(a, &QAction::triggered, this, [this, path, isDataset] {
        if (isDataset)
          Q_EMIT datasetChosen(path);
        else
          Q_EMIT modelChosen(path);
      });
    }
    menu->setEnabled(!list.isEmpty());
  }
}

}  // namespace sddui
