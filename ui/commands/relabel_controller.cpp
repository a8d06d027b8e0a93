#include "commands/relabel_controller.h"

#include <QAction>
#include <QUndoStack>

#include "commands/box_edit_command.h"
#include "commands/relabel_command.h"
#include "models/dataset_model.h"
#include "sdd/labels/box_edits.h"
#include "sdd/labels/label_store.h"

namespace sddui {

RelabelController::RelabelController(DatasetModel* model, QUndoStack* stack, QObject* parent)
    : QObject(parent), model_(model), stack_(stack) {
  retry_.setSingleShot(true);
  retry_.setInterval(100);
  connect(&retry_, &QTimer::timeout, this, &RelabelController::process);
  connect(this, &RelabelController::waiting, this, [this](int pending) {
    if (pending > 0)
      Q_EMIT statusMessage(tr("Waiting for the label journal (another program is writing to it): "
                              "%n change(s) not saved yet",
                              nullptr, pending),
                           0);
    else
      Q_EMIT statusMessage(tr("All changes saved to the label journal"), 4000);
  });
  connect(model_, &DatasetModel::labelsChangedElsewhere, this, [this](int n) {
    Q_EMIT statusMessage(tr("%n image(s) relabeled by another program", nullptr, n), 8000);
  });
  connect(model_, &DatasetModel::journalUnreadable, this, [this](const QString& reason) {
    Q_EMIT statusMessage(tr("Cannot follow the label journal: %1").arg(reason), 10000);
  });
}

QAction* RelabelController::createUndoAction(QObject* parent) {
  auto* a = new QAction(tr("&Undo"), parent);
  a->setEnabled(false);
  connect(stack_, &QUndoStack::canUndoChanged, a, &QAction::setEnabled);
  connect(stack_, &QUndoStack::undoTextChanged, a,
          [a](const QString& t) { a->setText(t.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(t)); });
  connect(a, &QAction::triggered, this, &RelabelController::undo);
  return a;
}

QAction* RelabelController::createRedoAction(QObject* parent) {
  auto* a = new QAction(tr("&Redo"), parent);
  a->setEnabled(false);
  connect(stack_, &QUndoStack::canRedoChanged, a, &QAction::setEnabled);
  connect(stack_, &QUndoStack::redoTextChanged, a,
          [a](const QString& t) { a->setText(t.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(t)); });
  connect(a, &QAction::triggered, this, &RelabelController::redo);
  return a;
}

void RelabelController::relabel(const QVector<int>& rows, int cls, const QString& note) {
  assign(rows, QVector<int>(rows.size(), cls), note, {});
}

void RelabelController::assign(const QVector<int>& rows, const QVector<int>& labels,
                               const QString& note, const sdd::LabelSource& source,
                               const QString& text) {
  if (rows.isEmpty() || rows.size() != labels.size()) return;
  queue_.enqueue({Change::Kind::Relabel, rows, labels, {}, note, source, text});
  process();
}

void RelabelController::editBoxes(int row, const std::vector<sdd::BoundingBox>& boxes,
                                  const QString& what) {
  queue_.enqueue({Change::Kind::Boxes, {row}, {}, boxes, what, {}, what});
  process();
}

void RelabelController::undo() {
  queue_.enqueue({Change::Kind::Undo, {}, {}, {}, {}, {}, {}});
  process();
}

void RelabelController::redo() {
  queue_.enqueue({Change::Kind::Redo, {}, {}, {}, {}, {}, {}});
  process();
}

void RelabelController::clear() {
  queue_.clear();
  retry_.stop();
  if (waiting_) {
    waiting_ = false;
    Q_EMIT waiting(0);
  }
}

void RelabelController::process() {
  if (retry_.isActive()) return;  // the head of the queue is waiting for the journal
  while (!queue_.isEmpty()) {
    if (!make(queue_.head())) {
      waiting_ = true;
      Q_EMIT waiting(int(queue_.size()));
      retry_.start();
      return;
    }
    queue_.dequeue();
  }
  if (waiting_) {
    waiting_ = false;
    Q_EMIT waiting(0);
  }
}

bool RelabelController::make(const Change& c) {
  auto report = [this](const QString& reason) { Q_EMIT failed(reason); };
  try {
    if (c.kind == Change::Kind::Relabel) {
      if (model_->isEmpty()) return true;
      const auto written =
          model_->writeLabels(c.rows, c.labels, QStringLiteral("relabel"), c.note, {}, c.source);
      // The old labels as the journal had them: another program may have changed an image
      // since the view last showed it, and undo must go back to what was really there.
      QVector<int> rows, old, now;
      for (const sdd::LabelChange& w : written) {
        const int row = model_->rowForJournalPath(QString::fromStdString(w.path));
        const int before = model_->classIndex(w.oldLabel);  // kUnlabeled for "" (a first label)
        if (row < 0 || (before == sdd::kUnlabeled && !w.oldLabel.empty())) continue;
        rows << row;
        old << before;
        now << model_->classIndex(w.newLabel);
      }
      model_->syncFromJournal();
      if (!rows.isEmpty())
        stack_->push(new RelabelCommand(model_, rows, old, now, c.note, report, c.text));
      return true;
    }
    if (c.kind == Change::Kind::Boxes) {
      const int row = c.rows.value(0, -1);
      if (model_->isEmpty() || row < 0 || row >= model_->rowCount()) return true;
      try {
        // Compare-and-set on what the view shows: an edit over boxes another program
        // changed meanwhile is refused rather than silently undoing theirs.
        if (const auto written = model_->writeBoxes(row, c.boxes, QStringLiteral("edit"), c.text,
                                                    model_->sample(row).boxes)) {
          model_->showBoxes(row, written->newBoxes);
          stack_->push(new BoxEditCommand(model_, row, written->oldBoxes, written->newBoxes, c.text,
                                          report));
        }
      } catch (const sdd::BoxConflictError& e) {
        model_->syncFromJournal();  // show theirs
        Q_EMIT failed(QString::fromStdString(e.what()));
      }
      return true;
    }
    const bool undo = c.kind == Change::Kind::Undo;
    const int at = undo ? stack_->index() - 1 : stack_->index();
    auto* cmd = dynamic_cast<JournalCommand*>(const_cast<QUndoCommand*>(stack_->command(at)));
    if (!cmd) return true;  // nothing to undo / redo
    auto drop = [&](const std::exception& e) {
      // Another program set a newer label or boxes: this step can never be made. Drop it.
      cmd->setObsolete(true);
      undo ? stack_->undo() : stack_->redo();
      model_->syncFromJournal();
      Q_EMIT failed(QString::fromStdString(e.what()));
    };
    try {
      undo ? cmd->writeUndo() : cmd->writeRedo();
    } catch (const sdd::LabelConflictError& e) {
      drop(e);
      return true;
    } catch (const sdd::BoxConflictError& e) {
      drop(e);
      return true;
    }
    undo ? stack_->undo() : stack_->redo();
    model_->syncFromJournal();
    return true;
  } catch (const sdd::LabelStoreBusy&) {
    return false;
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
    return true;
  }
}

}  // namespace sddui
