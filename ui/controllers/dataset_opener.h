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
};

/// Scans `folder` and applies the labels of the journal in `workspace` (refusing a workspace
/// inside the dataset). `progress(done, total)` and then `done` or `failed` are called on
/// `context`'s thread.
void openDatasetInBackground(QObject* context, const QString& folder, const QString& workspace,
                             std::function<void(int, int)> progress,
                             std::function<void(OpenedDataset)> done,
                             std::function<void(const QString&)> failed);

}  // namespace sddui
