#include "controllers/evaluation_controller.h"

#include <QMetaObject>
#include <QPointer>

#include "panels/evaluate_panel.h"
#include "report_pdf.h"
#include "sdd/inference/predictor.h"
#include "sdd/training/cross_validation.h"
#include "sdd/workspace/workspace.h"
#include "workers/background_job.h"

namespace sddui {

EvaluationController::EvaluationController(EvaluatePanel* panel, QObject* parent)
    : QObject(parent), panel_(panel) {}

// Qt's thread pool waits for running jobs at exit: a k-fold training must stop now.
EvaluationController::~EvaluationController() { cancelSuspects(); }

void EvaluationController::compareModels(const AnalysisInput& in,
                                         const std::vector<std::filesystem::path>& models) {
  busy_ = true;
  panel_->setComparisonBusy(tr("Evaluating %1 model(s) on the %2 split…")
                                .arg(models.size())
                                .arg(QString::fromStdString(in.split)));
  runInBackground<sdd::ModelComparison>(
      this, [in, models] { return sdd::compareModels(*in.dataset, in.split, models, in.device); },
      [this](sdd::ModelComparison c) {
        busy_ = false;
        panel_->setComparison(c);
        Q_EMIT comparisonFinished(int(c.rows.size()));
      },
      [this](const QString& reason) {
        busy_ = false;
        panel_->setComparisonBusy(reason);
        Q_EMIT comparisonFinished(0);
      });
}

void EvaluationController::pointingGame(const AnalysisInput& in) {
  busy_ = true;
  panel_->setPointingGameBusy(
      tr("Computing Grad-CAM for the %1 split…").arg(QString::fromStdString(in.split)));
  runInBackground<sdd::PointingGame>(
      this,
      [in] {
        sdd::Predictor p(in.model, in.device, 1);
        return sdd::pointingGame(p, *in.dataset, in.split, sdd::CamMethod::GradCam);
      },
      [this](sdd::PointingGame g) {
        busy_ = false;
        panel_->setPointingGame(g);
        Q_EMIT pointingGameFinished(g.totalImages());
      },
      [this](const QString& reason) {
        busy_ = false;
        panel_->setPointingGameBusy(tr("Pointing game failed: %1").arg(reason));
        Q_EMIT pointingGameFinished(0);
      });
}

void EvaluationController::suspectedLabels(const AnalysisInput& in, const sdd::ModelSpec& spec,
                                           sdd::TrainConfig config, int folds, int epochs) {
  if (suspectsCancel_) return;
  config.fixEpochs(epochs);
  config.patience = 0;
  config.device = in.device;
  const std::filesystem::path work = sdd::Workspace(in.workspace).crossValidationFolder();
  suspectsCancel_ = std::make_shared<std::atomic<bool>>(false);
  panel_->setSuspectsBusy(true, tr("Training %1 models (%2 epochs each) in %3…")
                                    .arg(folds)
                                    .arg(epochs)
                                    .arg(QString::fromStdString(work.string())));
  auto cancel = suspectsCancel_;
  QPointer<EvaluatePanel> panel(panel_);
  runInBackground<sdd::OutOfFold>(
      this,
      [=] {
        return sdd::outOfFoldProbabilities(
            *in.dataset, spec, config, folds, work,
            [panel](const sdd::CrossValidationProgress& p) {
              const QString text = QString::fromStdString(p.message);
              QMetaObject::invokeMethod(
                  panel,
                  [panel, text] {
                    if (panel) panel->setSuspectsBusy(true, text);
                  },
                  Qt::QueuedConnection);
            },
            cancel.get());
      },
      [this, in](sdd::OutOfFold oof) {
        suspectsCancel_.reset();
        if (oof.cancelled) {
          panel_->setSuspectsBusy(false, tr("Stopped."));
          Q_EMIT suspectsFinished(-1);
          return;
        }
        int scored = 0;
        for (const auto& p : oof.probs) scored += !p.empty();
        // Rows are dataset indices; the labels are those the models were trained with.
        const auto list = sdd::suspectedLabels(*in.dataset, oof);
        panel_->setSuspects(*in.dataset, list, scored);
        Q_EMIT suspectsFinished(int(list.size()));
      },
      [this](const QString& reason) {
        suspectsCancel_.reset();
        panel_->setSuspectsBusy(false, tr("Failed: %1").arg(reason));
        Q_EMIT suspectsFinished(-1);
      });
}

void EvaluationController::cancelSuspects() {
  if (suspectsCancel_) *suspectsCancel_ = true;
}

void EvaluationController::report(const AnalysisInput& in,
                                  const std::vector<std::filesystem::path>& compare,
                                  const std::string& version, const QString& pdfFile) {
  busy_ = true;
  sdd::ReportOptions options;
  options.split = in.split;
  options.device = in.device;
  options.compareModels = compare;
  options.workspace = in.workspace;
  options.version = version;
  runInBackground<sdd::ReportData>(
      this, [in, options] { return sdd::collectReport(*in.dataset, in.model, options); },
      [this, pdfFile](sdd::ReportData data) {
        busy_ = false;
        try {
          sddreport::writeReportPdf(data, pdfFile);
          sdd::recordReport(data, pdfFile.toStdString());
        } catch (const std::exception& e) {
          Q_EMIT reportFailed(QString::fromStdString(e.what()));
          return;
        }
        Q_EMIT reportWritten(pdfFile);
      },
      [this](const QString& reason) {
        busy_ = false;
        Q_EMIT reportFailed(reason);
      });
}

QString EvaluationController::saveRule(const std::filesystem::path& model,
                                       const std::filesystem::path& out,
                                       const sdd::ConfidenceRule& picked) {
  try {
    std::error_code ec;
    if (std::filesystem::equivalent(model, out, ec))
      return tr("%1 is the loaded model itself: choose another file")
          .arg(QString::fromStdString(out.string()));
    sdd::ConfidenceRule rule = picked;
    const sdd::ModelMetadata meta = sdd::readModelMetadata(model);
    // The pick is the temperature and the thresholds; what the model's rule holds besides
    // (its unknown detector, the trained sizes, and thresholds per class unless some were
    // picked) stays.
    if (meta.confidenceRule) {
      rule.unknown = meta.confidenceRule->unknown;
      rule.shapes = meta.confidenceRule->shapes;
      if (rule.reviewBelowByClass.empty())
        rule.reviewBelowByClass = meta.confidenceRule->reviewBelowByClass;
    }
    sdd::upgradeModelFile(model, out, rule);
    return QString();
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
}

}  // namespace sddui
