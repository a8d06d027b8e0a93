#pragma once
// File ▸ Recent Datasets and Recent Models: the last eight of each, kept in QSettings.

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace sddui {

class RecentFiles : public QObject {
  Q_OBJECT
 public:
  /// Fills `datasets` and `models` (both outlive this object).
  RecentFiles(QMenu* datasets, QMenu* models, QObject* parent = nullptr);

  static QStringList datasets();
  static QStringList models();
  void rememberDataset(const QString& folder);
  void rememberModel(const QString& file);

 Q_SIGNALS:
  void datasetChosen(const QString& folder);
  void modelChosen(const QString& file);

 private:
  void remember(const QString& key, const QString& path);
  void rebuild();
  QMenu* datasets_;
  QMenu* models_;
};

}  // namespace sddui
