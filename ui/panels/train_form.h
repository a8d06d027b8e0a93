#pragma once
// The Train tab's settings: the network (a preset, the paper's Table II, or custom input
// size, conv widths, head, hidden FC, BatchNorm, dropout, with its weights and MACs) and how
// to train it (epochs, batch, learning rate, optimizer, schedule, early stopping,
// augmentation, noise, blur, weight average, label smoothing, class weights, which epoch to
// keep, seed, threads), checked as the user types. The presets are the core's recipes
// (sdd::trainRecipe), the same as `sdd train --preset`.

#include <QString>
#include <QWidget>

#include "sdd/model/model_spec.h"
#include "sdd/training/train_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sddui {

class TrainForm : public QWidget {
  Q_OBJECT
 public:
  /// Restores the settings of the last session (QSettings); the destructor keeps them.
  explicit TrainForm(QWidget* parent = nullptr);
  ~TrainForm() override;

  /// The number of classes the network is built for (the open dataset's).
  void setClassCount(int classes) { classes_ = classes; }
  /// The settings; throw std::invalid_argument / sdd::ModelError naming the bad value.
  sdd::ModelSpec spec() const;
  sdd::TrainConfig config() const;
  /// Checks the settings, shows why they are invalid under the form, and returns that
  /// reason (empty when valid).
  QString validate();
  /// The reason of the last check (empty: valid).
  QString error() const { return error_; }
  /// Settings cannot change while a run trains.
  void setEditable(bool editable);
  QSpinBox* epochsBox() const { return epochs_; }
  /// A class balance (sdd::TrainConfig::balance) in words: "balanced batches", …
  static QString balanceName(const QString& balance);

 Q_SIGNALS:
  /// A setting changed (and was checked).
  void changed();

 private:
  void applyPreset(int preset);

  int classes_ = 6;
  QString error_;
  QComboBox* preset_;
  QLineEdit* conv_;
  QSpinBox* fc_;
  QSpinBox* inputSize_;
  QComboBox* head_;
  QCheckBox* bn_;
  QDoubleSpinBox* dropout_;
  QSpinBox* epochs_;
  QSpinBox* minSteps_;
  bool applying_ = false;  ///< a preset or the last session's settings are being filled in
  QSpinBox* batch_;
  QDoubleSpinBox* lr_;
  QComboBox* optimizer_;
  QComboBox* schedule_;
  QSpinBox* patience_;
  QCheckBox* augment_;
  QDoubleSpinBox* noise_;
  QDoubleSpinBox* blur_;
  QDoubleSpinBox* ema_;
  QDoubleSpinBox* labelSmoothing_;
  QComboBox* balance_;
  QComboBox* keep_;
  QSpinBox* seed_;
  QSpinBox* threads_;
  QLabel* formError_;
  QLabel* modelSize_;
};

}  // namespace sddui
