#pragma once
// Train ▸ Reduce Model…: the paper's model-reduction search (Fig. 3) from the Train tab's
// network, with its progress and the resulting Table V. The search runs off the GUI thread
// (sdd::reduceModel) and can be stopped.

#include <QDialog>
#include <atomic>
#include <memory>

#include "sdd/training/reduction.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace sddui {

class ReductionDialog : public QDialog {
  Q_OBJECT
 public:
  /// `base`/`training`: the Train tab's settings; runs go to `outDir`.
  ReductionDialog(std::shared_ptr<const sdd::Dataset> dataset, const sdd::ModelSpec& base,
                  const sdd::TrainConfig& training, const QString& outDir,
                  QWidget* parent = nullptr);
  ~ReductionDialog() override;

  void start();
  void stop();
  bool running() const { return running_; }
  QTableWidget* table() const { return table_; }
  QDoubleSpinBox* toleranceBox() const { return tolerance_; }
  QSpinBox* briefEpochsBox() const { return brief_; }
  QSpinBox* finalEpochsBox() const { return final_; }

 Q_SIGNALS:
  void stepDone(int step);
  void finished(bool ok);
  void useModelRequested(const QString& file);

 private:
  void addRow(const sdd::ReductionStep& s, bool final);

  std::shared_ptr<const sdd::Dataset> dataset_;
  sdd::ModelSpec base_;
  sdd::TrainConfig training_;
  QString outDir_;
  QDoubleSpinBox* tolerance_;
  QSpinBox* brief_;
  QSpinBox* final_;
  QPushButton* start_;
  QPushButton* stop_;
  QPushButton* use_;
  QLabel* status_;
  QTableWidget* table_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool running_ = false;
};

}  // namespace sddui
