#pragma once
// The Evaluate tab's "Calibration and review": how far the model's confidence can be trusted
// on the evaluated images (reliability diagram, ECE before and after temperature scaling) and
// the review rule a target error rate among auto-accepted images gives (risk-coverage curve,
// operating point), which can be saved with a copy of the model. Drawn only while shown: the
// fit costs ~0.1 s on 20,000 images. Lives on the GUI thread.

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

#include "sdd/metrics/calibration.h"

class QCheckBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace sddui {

class CalibrationView : public QWidget {
  Q_OBJECT
 public:
  explicit CalibrationView(QWidget* parent = nullptr);

  /// The evaluated images' SoftMax outputs and true classes, and the split they are from (for
  /// the rule's "fitted on"); empty: nothing evaluated.
  void setResults(std::vector<std::vector<float>> probs, std::vector<int> truth,
                  const QString& split, const QStringList& classes);
  /// The review rule shown (temperature and threshold fitted on the evaluated images at the
  /// target error rate, and with "per class" a threshold for each class fitted on the images
  /// predicted as it; no unknown detector: a model keeps its own). Temperature 1 and
  /// threshold 0 before anything was evaluated.
  sdd::ConfidenceRule pickedRule() const;
  QCheckBox* perClassBox() const { return perClass_; }
  QCustomPlot* reliabilityPlot() const { return reliability_; }
  QCustomPlot* riskCoveragePlot() const { return riskCoverage_; }

 Q_SIGNALS:
  /// "Save with the Model": pickedRule() into a copy of the loaded model.
  void saveRuleRequested();

 protected:
  void showEvent(QShowEvent* e) override;

 private:
  void draw();

  QCustomPlot* reliability_;
  QCustomPlot* riskCoverage_;
  QDoubleSpinBox* maxRisk_;
  QCheckBox* perClass_;
  QLabel* status_;
  QPushButton* saveRule_;
  std::vector<std::vector<float>> probs_;
  std::vector<int> truth_;
  QString split_;
  QStringList classes_;
};

}  // namespace sddui
