#include "commands/box_edit_command.h"

#include <QObject>

#include "models/dataset_model.h"

namespace sddui {

BoxEditCommand::BoxEditCommand(DatasetModel* model, int row, Boxes before, Boxes after,
                               const QString& what, ErrorSink onError)
    : model_(model),
      row_(row),
      before_(std::move(before)),
      after_(std::move(after)),
      what_(what),
      onError_(std::move(onError)) {
  setText(QObject::tr("%1 in %2")
              .arg(what, model->index(row).data(DatasetModel::FileNameRole).toString()));
}

void BoxEditCommand::write(bool undo) {
  // Compare-and-set: an undo expects the boxes this edit left, a redo the ones it found.
  model_->writeBoxes(row_, undo ? before_ : after_,
                     undo ? QStringLiteral("undo") : QStringLiteral("redo"), what_,
                     undo ? after_ : before_);
  written_ = true;
}

void BoxEditCommand::writeUndo() { write(true); }
void BoxEditCommand::writeRedo() { write(false); }

void BoxEditCommand::step(bool undo) {
  if (written_) {
    written_ = false;
  } else {
    try {
      write(undo);
      written_ = false;
    } catch (const std::exception& e) {
      setObsolete(true);  // QUndoStack drops a command that could not make its step
      if (onError_) onError_(QString::fromStdString(e.what()));
      return;
    }
  }
  model_->showBoxes(row_, undo ? before_ : after_);
}

void BoxEditCommand::undo() { step(true); }
void BoxEditCommand::redo() { step(false); }

}  // namespace sddui
