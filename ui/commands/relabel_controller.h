#pragma once
// The workbench's writes to the label journal: relabels, box edits, undo and redo, in the
// order the user asked for them. Each goes to the journal first and reaches the view and the undo
// stack only once committed. The GUI thread never waits long for the journal: when another program
// holds its lock (a long `sdd relabel --csv` import), the change waits in a queue, the window shows
// "waiting for the label journal", and it is retried every 100 ms. A change that fails for
// good is reported by failed() and never enters the undo stack. Lives on the GUI thread.

#include <QObject>
#include <QQueue>
#include <QString>
#include <QTimer>
#include <QVector>

#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"

class QAction;
class QUndoStack;

namespace sddui {

class DatasetModel;

class RelabelController : public QObject {
  Q_OBJECT
 public:
  /// `model` and `stack` must outlive the controller (all three belong to the window).
  RelabelController(DatasetModel* model, QUndoStack* stack, QObject* parent = nullptr);

  /// Sets the label of `rows` (dataset rows) to class `cls`.
  void relabel(const QVector<int>& rows, int cls, const QString& note = {});
  /// Sets the label of each of `rows` to its class in `labels`, as one undo step named
  /// `text` (empty: "relabel ..."); `source` says how (an accepted suggestion, a bulk
  /// acceptance) and from which model, for the journal.
  void assign(const QVector<int>& rows, const QVector<int>& labels, const QString& note,
              const sdd::LabelSource& source, const QString& text = {});
  /// Sets the defect boxes of dataset row `row` to `boxes`, as one undo step named `what`
  /// ("moved scratches"); compare-and-set on the boxes the view shows now.
  void editBoxes(int row, const std::vector<sdd::BoundingBox>& boxes, const QString& what);
  /// Undoes / redoes the undo stack's current command, journal first.
  void undo();
  void redo();
  /// Forgets changes still waiting (a new dataset was opened).
  void clear();
  /// Changes waiting for the journal.
  int pending() const { return int(queue_.size()); }
  /// Edit ▸ Undo / Redo: they follow the stack's state and texts as QUndoStack's own actions
  /// would, and undo / redo through the journal first.
  QAction* createUndoAction(QObject* parent);
  QAction* createRedoAction(QObject* parent);

 Q_SIGNALS:
  /// A change was not saved; `reason` says why (e.g. another program changed the label).
  void failed(const QString& reason);
  /// `pending` changes wait for the journal (another program holds its lock); 0 when all
  /// are written again.
  void waiting(int pending);
  /// A line for the status bar about the journal (waiting, saved, changed elsewhere);
  /// `timeoutMs` 0: until the next one.
  void statusMessage(const QString& text, int timeoutMs);

 private:
  struct Change {
    enum class Kind { Relabel, Boxes, Undo, Redo } kind;
    QVector<int> rows, labels;
    std::vector<sdd::BoundingBox> boxes;
    QString note;
    sdd::LabelSource source;
    QString text;
  };
  void process();
  /// Makes `c`; false when the journal is busy and it must be tried again.
  bool make(const Change& c);

  DatasetModel* model_;
  QUndoStack* stack_;
  QQueue<Change> queue_;
  QTimer retry_;
  bool waiting_ = false;
};

}  // namespace sddui
