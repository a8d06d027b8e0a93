#include "panels/calibration_view.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "plots.h"
#include "qcp.h"

namespace sddui {

CalibrationView::CalibrationView(QWidget* parent) : QWidget(parent) {
  auto* lay = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  maxRisk_ = new QDoubleSpinBox;
  maxRisk_->setRange(0, 50);
  maxRisk_->setDecimals(2);
  maxRisk_->setSingleStep(0.1);
  maxRisk_->setValue(0.2);
  maxRisk_->setSuffix(tr(" %"));
  maxRisk_->setPrefix(tr("at most "));
  maxRisk_->setToolTip(tr("Errors allowed among the images accepted without a person"));
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::RichText);
  top->addWidget(new QLabel(tr("Review rule:")));
  top->addWidget(maxRisk_);
  perClass_ = new QCheckBox(tr("per class"));
  perClass_->setToolTip(
      tr("A threshold for each class too, at the same error rate among the images predicted as "
         "it (fewer images each than overall: check the counts). Off: saving keeps the model's "
         "own per-class thresholds"));
  top->addWidget(perClass_);
  top->addWidget(status_, 1);
  saveRule_ = new QPushButton(tr("Save with the Model…"));
  saveRule_->setToolTip(
      tr("Write a copy of the model whose decisions (sdd predict, Classify, Review, the report) "
         "follow this rule; its unknown detector is kept"));
  saveRule_->setEnabled(false);
  top->addWidget(saveRule_);
  connect(saveRule_, &QPushButton::clicked, this, &CalibrationView::saveRuleRequested);
  lay->addLayout(top);
  auto* plots = new QHBoxLayout;
  reliability_ = new QCustomPlot;
  riskCoverage_ = new QCustomPlot;
  for (QCustomPlot* p : {reliability_, riskCoverage_}) {
    p->setMinimumSize(280, 200);
    plots->addWidget(p, 1);
  }
  lay->addLayout(plots, 1);
  connect(maxRisk_, &QDoubleSpinBox::valueChanged, this, [this] { draw(); });
  connect(perClass_, &QCheckBox::toggled, this, [this] { draw(); });
}

void CalibrationView::setResults(std::vector<std::vector<float>> probs, std::vector<int> truth,
                                 const QString& split, const QStringList& classes) {
  probs_ = std::move(probs);
  truth_ = std::move(truth);
  split_ = split;
  classes_ = classes;
  if (isVisible()) draw();
}

void CalibrationView::showEvent(QShowEvent* e) {
  QWidget::showEvent(e);
  draw();
}

sdd::ConfidenceRule CalibrationView::pickedRule() const {
  sdd::ConfidenceRule rule;
  if (probs_.empty()) return rule;
  const sdd::CalibrationReport cal = sdd::calibrate(probs_, truth_);
  rule.maxRisk = maxRisk_->value() / 100.0;
  rule.temperature = cal.temperature;
  const auto calibrated = sdd::withTemperature(probs_, cal.temperature);
  rule.reviewBelow =
      sdd::operatingPoint(sdd::riskCoverage(calibrated, truth_), rule.maxRisk).threshold;
  if (perClass_->isChecked())
    for (const auto& p :
         sdd::perClassOperatingPoints(calibrated, truth_, int(classes_.size()), rule.maxRisk))
      rule.reviewBelowByClass.push_back(p.threshold);
  rule.fittedOn = split_.toStdString() + " split (" + std::to_string(probs_.size()) +
                  " images), picked in the workbench";
  return rule;
}

void CalibrationView::draw() {
  saveRule_->setEnabled(!probs_.empty());
  if (probs_.empty()) {
    for (QCustomPlot* p : {reliability_, riskCoverage_}) {
      p->clearPlottables();
      p->clearItems();
      p->replot();
    }
    status_->setText(tr("Evaluate a model to see how far its confidence can be trusted."));
    return;
  }
  const sdd::CalibrationReport cal = sdd::calibrate(probs_, truth_);
  const double maxRisk = maxRisk_->value() / 100.0;
  const auto calibrated = sdd::withTemperature(probs_, cal.temperature);
  const auto curve = sdd::riskCoverage(calibrated, truth_);
  const sdd::RiskCoveragePoint point = sdd::operatingPoint(curve, maxRisk);
  sddreport::drawReliability(reliability_, probs_, truth_, cal.temperature);
  sddreport::drawRiskCoverage(riskCoverage_, curve, point, maxRisk);
  status_->setText(
      tr("ECE %1 → %2 at temperature %3 (cross-fitted) · <b>%4 %</b> accepted above a calibrated "
         "%5 with %6 % errors among them; the rest to review. Chosen on these %7 images; "
         "<i>Save with the Model</i> (or <tt>sdd calibrate --max-risk</tt>) makes it the "
         "model's rule.")
          .arg(cal.eceBefore, 0, 'f', 4)
          .arg(cal.eceAfter, 0, 'f', 4)
          .arg(cal.temperature, 0, 'f', 3)
          .arg(100 * point.coverage, 0, 'f', 1)
          .arg(point.threshold, 0, 'f', 3)
          .arg(100 * point.risk, 0, 'f', 2)
          .arg(probs_.size()));
  if (!perClass_->isChecked()) return;
  std::vector<std::size_t> images;
  const auto points =
      sdd::perClassOperatingPoints(calibrated, truth_, int(classes_.size()), maxRisk, &images);
  QStringList each;
  for (std::size_t k = 0; k < points.size() && k < std::size_t(classes_.size()); ++k)
    each << (points[k].threshold < 0 ? tr("%1: overall (no image)").arg(classes_[int(k)])
                                     : tr("%1: %2 (%3 images)")
                                           .arg(classes_[int(k)])
                                           .arg(points[k].threshold, 0, 'f', 3)
                                           .arg(images[k]));
  status_->setText(status_->text() + tr("<br>Per class: %1.").arg(each.join(QStringLiteral(", "))));
}

}  // namespace sddui
