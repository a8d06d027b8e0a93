#pragma once
// How the user labels images in the browser: keys 1-9 (while the grid has focus) and Edit ▸
// Label Selected As give the selected images a class, Relabel with Note asks for a class and a note
// first. The change goes to the RelabelController (journal first, then the view and the undo stack)
// and the browser moves on to the next image while Advance After Labeling is on. Lives on the GUI
// thread.

#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QListView;
class QMenu;
class QWidget;

namespace sddui {

class DatasetModel;
class RelabelController;
class SampleFilter;

class LabelActions : public QObject {
  Q_OBJECT
 public:
  /// All pointers outlive this object (they belong to `window`). `labelMenu` receives one
  /// action per class; `autoAdvance` is the Advance After Labeling switch.
  LabelActions(QWidget* window, QListView* browser, SampleFilter* filter, DatasetModel* model,
               RelabelController* relabels, QMenu* labelMenu, QAction* autoAdvance);

  /// One action (and key) per class of the open dataset.
  void rebuild();
  /// Relabels the selected images to class `cls`, then moves to the next image.
  void relabelSelection(int cls, const QString& note = {});
  /// Asks for a class and a note, then relabels the selection.
  void relabelWithNote();

 private:
  QWidget* window_;
  QListView* browser_;
  SampleFilter* filter_;
  DatasetModel* model_;
  RelabelController* relabels_;
  QMenu* menu_;
  QAction* autoAdvance_;
  QList<QAction*> actions_;
};

}  // namespace sddui
