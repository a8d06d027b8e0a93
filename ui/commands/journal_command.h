#pragma once
// What RelabelController needs of an undo step that lives in the workspace journal (a relabel,
// a box edit): its undo and redo rows written first, on their own, so that a busy journal can
// be retried before the undo stack moves; QUndoStack's undo() / redo() then only update the
// view. A step that finds the journal changed meanwhile throws a conflict (the label's or
// the boxes') and is dropped.

#include <QUndoCommand>

namespace sddui {

class JournalCommand : public QUndoCommand {
 public:
  /// Write the journal row of the next undo() / redo(). Throw sdd::LabelStoreBusy when the
  /// journal is locked, sdd::LabelConflictError / sdd::BoxConflictError when what this step
  /// changed was changed again elsewhere, another sdd::LabelStoreError on failure.
  virtual void writeUndo() = 0;
  virtual void writeRedo() = 0;
};

}  // namespace sddui
