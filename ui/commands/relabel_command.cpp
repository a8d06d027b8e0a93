#include "commands/relabel_command.h"

#include <QObject>

#include "models/dataset_model.h"

namespace sddui {

RelabelCommand::RelabelCommand(DatasetModel* model, QVector<int> rows, QVector<int> oldLabels,
                               QVector<int> newLabels, QString note, ErrorSink onError,
                               const QString& text)
    : JournalCommand(std::move(onError)),
      model_(model),
      rows_(std::move(rows)),
      old_(std::move(oldLabels)),
      new_(std::move(newLabels)),
      note_(std::move(note)) {
  const QString cls = model->classes().value(new_.value(0));
  if (!text.isEmpty())
    setText(text);
  else
    setText(rows_.size() == 1
                ? QObject::tr("relabel %1 as %2")
                      .arg(model->index(rows_[0]).data(Qt::DisplayRole).toString(), cls)
                : QObject::tr("relabel %1 images as %2").arg(rows_.size()).arg(cls));
}

void RelabelCommand::writeStep(bool undo) {
  // Compare-and-set: an undo expects the labels this command set, a redo the ones it found.
  model_->writeLabels(rows_, undo ? old_ : new_,
                      undo ? QStringLiteral("undo") : QStringLiteral("redo"), note_,
                      undo ? new_ : old_);
}

void RelabelCommand::showStep(bool undo) { model_->showLabels(rows_, undo ? old_ : new_); }

}  // namespace sddui
