#pragma once
// One undoable edit of an image's defect boxes (drawn, moved, resized, deleted, re-classed).
//
// Ownership and journal as RelabelCommand: the QUndoStack owns it, the DatasetModel outlives
// it; the edit is in the journal before the command is pushed, and later undo() / redo()
// write "undo" / "redo" box rows as compare-and-set on the boxes this command left (or
// found), so a step over boxes changed elsewhere is refused and the command dropped.

#include <QString>
#include <functional>
#include <vector>

#include "commands/journal_command.h"
#include "sdd/dataset/dataset.h"

namespace sddui {

class DatasetModel;

class BoxEditCommand : public JournalCommand {
 public:
  using Boxes = std::vector<sdd::BoundingBox>;

  /// The boxes of `row` went from `before` to `after` (already in the journal); `what` names
  /// the step ("moved scratches").
  BoxEditCommand(DatasetModel* model, int row, Boxes before, Boxes after, const QString& what,
                 ErrorSink onError);

 protected:
  void writeStep(bool undo) override;
  void showStep(bool undo) override;

 private:
  DatasetModel* model_;
  int row_;
  Boxes before_, after_;
  QString what_;
};

}  // namespace sddui
