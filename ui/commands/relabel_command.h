#pragma once
// One undoable relabel of one or more images.
//
// Ownership: the QUndoStack owns the command. The command points at the DatasetModel, which
// outlives every command: the window clears the stack before the model takes another
// dataset, and the model is the window's child like the stack.
//
// The relabel is in the journal before the command is pushed (RelabelController writes it),
// so the first redo() only shows it. Later undo() and redo() write "undo"/"redo" rows as
// compare-and-set: they apply only while each image still has the label this command left
// it with. When another program (or a later change) has set another label, or the write
// fails, the step is not made: the command marks itself obsolete, so QUndoStack drops it,
// and hands the reason to its error callback. No dialogs here; the caller shows the error.

#include <QString>
#include <QVector>
#include <functional>

#include "commands/journal_command.h"

namespace sddui {

class DatasetModel;

class RelabelCommand : public JournalCommand {
 public:
  /// `rows` were relabeled from `oldLabels` to `newLabels` (already in the journal);
  /// `text` names the step in Edit ▸ Undo (empty: "relabel N images as CLASS").
  RelabelCommand(DatasetModel* model, QVector<int> rows, QVector<int> oldLabels,
                 QVector<int> newLabels, QString note, ErrorSink onError, const QString& text = {});

 protected:
  void writeStep(bool undo) override;
  void showStep(bool undo) override;

 private:
  DatasetModel* model_;
  QVector<int> rows_, old_, new_;
  QString note_;
};

}  // namespace sddui
