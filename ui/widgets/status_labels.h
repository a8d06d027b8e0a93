#pragma once
// The status bar's permanent part: a progress bar for scans and batches, then the open
// dataset (with its workspace in the tooltip), the loaded model and the device it runs on.

#include <QObject>
#include <QString>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace sddui {

struct ModelInfo;

class StatusLabels : public QObject {
  Q_OBJECT
 public:
  explicit StatusLabels(QStatusBar* bar);

  QProgressBar* progress() const { return progress_; }
  /// `root` empty: no dataset.
  void setDataset(const QString& root, const QString& workspace);
  void setModelLoading();
  void setNoModel();
  /// `matchesDataset` false: the model's classes are not the open dataset's.
  void setModel(const ModelInfo& info, bool matchesDataset);

 private:
  QProgressBar* progress_;
  QLabel* dataset_;
  QLabel* model_;
  QLabel* device_;
};

}  // namespace sddui
