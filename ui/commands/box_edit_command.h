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
  using ErrorSink = std::function<void(const QString&)>;
  using Boxes = std::vector<sdd::BoundingBox>;

  /// The boxes of `row` went from `before` to `after` (already in the journal); `what` names
  /// the step ("moved scratches").
  BoxEditCommand(DatasetModel* model, int row, Boxes before, Boxes after, const QString& what,
                 ErrorSink onError);

  void writeUndo() override;
  void writeRedo() override;
  void undo() override;
  void redo() override;

 private:
  void write(bool undo);
  void step(bool undo);

  DatasetModel* model_;
  int row_;
  Boxes before_, after_;
  QString what_;
  ErrorSink onError_;
  bool written_ = true;  ///< the journal already holds the next step (the edit itself, first)
};

}  // namespace sddui
