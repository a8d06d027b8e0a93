#pragma once
// File ▸ Export …: the label journal and the manifest as CSV, a relabeled folder-per-class
// copy of the dataset and the model as ONNX. Each asks where (a file dialog on `window`),
// then writes through the core's all-or-nothing writers; the copy and the ONNX export run
// off the GUI thread. Lives on the GUI thread.

#include <QObject>
#include <QString>

class QWidget;

namespace sddui {

class DatasetModel;

class Exports : public QObject {
  Q_OBJECT
 public:
  /// `window` parents the dialogs; `model` is the open dataset (both outlive this object).
  Exports(QWidget* window, DatasetModel* model);

  void journal();
  void relabeledCopy();
  void manifest();
  void onnx(const QString& modelFile);

 Q_SIGNALS:
  void written(const QString& message);
  void failed(const QString& reason);

 private:
  QWidget* window_;
  DatasetModel* model_;
};

}  // namespace sddui
