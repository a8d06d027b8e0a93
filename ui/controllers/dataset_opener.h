#pragma once
// Opening a dataset for the workbench: the scan, the workspace check and the labels of its
// journal, all off the GUI thread.

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"

namespace sddui {

/// What opening found.
struct OpenedDataset {
  std::shared_ptr<sdd::Dataset> dataset;  ///< with the journal's labels applied
  sdd::AppliedLabels applied;
  long long journalRow = 0;      ///< the newest journal row when the labels were applied
  bool readOnlyJournal = false;  ///< the workspace cannot be written: relabels will say why
  /// The images name no classes and none are known: the user must give a class list.
  QString classListNeeded;
};

/// Scans `root`, the folder on disk that `folder` names (see sdd::findByShownName; `folder` is
/// what the messages show), with the class list of `workspace` (if it has one) and applies the
/// labels of its journal (refusing a workspace inside the dataset). When the folders name no
/// classes, `modelClasses` (the loaded model's) are used and saved as the workspace's class
/// list; without those, `done` gets an OpenedDataset with classListNeeded set.
/// `progress(done, total)` and then `done` or `failed` are called on `context`'s thread.
void openDatasetInBackground(QObject* context, const QString& folder, const std::string& root,
                             const QString& workspace, const std::vector<std::string>& modelClasses,
                             std::function<void(int, int)> progress,
                             std::function<void(OpenedDataset)> done,
                             std::function<void(const QString&)> failed);

}  // namespace sddui
