#pragma once
// An undo step that lives in the workspace journal (a relabel, a box edit). The step is in the
// journal before the command is pushed, so the first redo() only shows it. RelabelController
// writes the rows of a later undo or redo first, on their own (writeUndo / writeRedo), so that
// a busy journal can be retried before the undo stack moves; undo() / redo() then only show
// the step. Called directly (QUndoStack::undo), they write and then show; a write that fails
// (a conflict: what this step changed was changed again elsewhere) marks the command obsolete,
// so QUndoStack drops it, and hands the reason to the error callback. No dialogs here.

#include <QString>
#include <QUndoCommand>
#include <functional>

namespace sddui {

class JournalCommand : public QUndoCommand {
 public:
  using ErrorSink = std::function<void(const QString&)>;

  explicit JournalCommand(ErrorSink onError) : onError_(std::move(onError)) {}

  /// Write the journal row of the next undo() / redo(). Throw sdd::LabelStoreBusy when the
  /// journal is locked, sdd::LabelConflictError / sdd::BoxConflictError when what this step
  /// changed was changed again elsewhere, another sdd::LabelStoreError on failure.
  void writeUndo() { writeStep(true), written_ = true; }
  void writeRedo() { writeStep(false), written_ = true; }

  void undo() override { step(true); }
  void redo() override { step(false); }

 protected:
  /// The journal rows of an undo (`undo`) or a redo, compare-and-set.
  virtual void writeStep(bool undo) = 0;
  /// Shows the state after an undo (`undo`) or a redo in the view.
  virtual void showStep(bool undo) = 0;

 private:
  void step(bool undo) {
    if (!written_) {
      try {
        writeStep(undo);
      } catch (const std::exception& e) {
        setObsolete(true);  // QUndoStack drops a command that could not make its step
        if (onError_) onError_(QString::fromStdString(e.what()));
        return;
      }
    }
    written_ = false;
    showStep(undo);
  }

  ErrorSink onError_;
  bool written_ = true;  ///< the journal already holds the next step (the change itself, first)
};

}  // namespace sddui
