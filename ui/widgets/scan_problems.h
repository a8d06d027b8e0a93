#pragma once
// What the workbench says after opening a dataset: a status line with the counts, and a
// warning listing the files that could not be used (the rest of the dataset is open).

#include <QString>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"

class QWidget;

namespace sddui {

/// "Opened FOLDER: N images, K classes (layout), M file(s) skipped, R relabel(s) from the
/// workspace".
QString describeOpened(const QString& folder, const sdd::Dataset& dataset,
                       const sdd::AppliedLabels& applied);
/// A warning box (on `parent`) listing skipped files and journal entries for files no longer
/// in the dataset; nothing when there are none, or when SDD_NO_DIALOGS is set.
void showScanProblems(QWidget* parent, const sdd::Dataset& dataset,
                      const sdd::AppliedLabels& applied);

}  // namespace sddui
