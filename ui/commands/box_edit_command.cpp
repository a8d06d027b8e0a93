#include "commands/box_edit_command.h"

#include <QObject>

#include "models/dataset_model.h"

namespace sddui {

BoxEditCommand::BoxEditCommand(DatasetModel* model, int row, Boxes before, Boxes after,
                               const QString& what, ErrorSink onError)
    : JournalCommand(std::move(onError)),
      model_(model),
      row_(row),
      before_(std::move(before)),
      after_(std::move(after)),
      what_(what) {
  setText(QObject::tr("%1 in %2").arg(what, model->index(row).data(Qt::DisplayRole).toString()));
}

void BoxEditCommand::writeStep(bool undo) {
  // Compare-and-set: an undo expects the boxes this edit left, a redo the ones it found.
  model_->writeBoxes(row_, undo ? before_ : after_,
                     undo ? QStringLiteral("undo") : QStringLiteral("redo"), what_,
                     undo ? after_ : before_);
}

void BoxEditCommand::showStep(bool undo) { model_->showBoxes(row_, undo ? before_ : after_); }

}  // namespace sddui
