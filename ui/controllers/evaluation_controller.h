#pragma once
// The Evaluate tab's long analyses and the PDF report, each off the GUI thread on a copy of
// the dataset: the Table V comparison, the Grad-CAM pointing game, suspected label errors
// (k-fold training) and the report. It shows progress and results on the EvaluatePanel and
// says when each is done. One of comparison / pointing game / report runs at a time
// (busy()); the k-fold job runs beside them and can be stopped. Lives on the GUI thread.

#include <QObject>
#include <QString>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sdd/dataset/dataset.h"
#include "sdd/report/report_data.h"
#include "sdd/training/train_config.h"

namespace sddui {

class EvaluatePanel;

/// What an analysis works on: a copy of the open dataset and the loaded model.
struct AnalysisInput {
  std::shared_ptr<const sdd::Dataset> dataset;
  std::filesystem::path model;
  std::string device = "auto";
  std::string split = "validation";
  std::filesystem::path workspace;
};

class EvaluationController : public QObject {
  Q_OBJECT
 public:
  /// `panel` outlives the controller.
  explicit EvaluationController(EvaluatePanel* panel, QObject* parent = nullptr);
  ~EvaluationController() override;

  bool busy() const { return busy_; }
  bool suspectsRunning() const { return suspectsCancel_ != nullptr; }

  /// `models`: the loaded one first, then the shipped and the workspace's.
  void compareModels(const AnalysisInput& in, const std::vector<std::filesystem::path>& models);
  void pointingGame(const AnalysisInput& in);
  /// k-fold with the Train tab's network and settings (`epochs` per fold).
  void suspectedLabels(const AnalysisInput& in, const sdd::ModelSpec& spec, sdd::TrainConfig config,
                       int folds, int epochs);
  void cancelSuspects();
  /// Evaluates (off the GUI thread), then draws and writes the PDF (on it: the plots are
  /// widgets) and records it in the workspace.
  void report(const AnalysisInput& in, const std::vector<std::filesystem::path>& compare,
              const std::string& version, const QString& pdfFile);
  /// Writes a copy of `model` to `out` whose confidence rule is `picked` (temperature, review
  /// thresholds: CalibrationView::pickedRule) with the rest of the model's own rule (unknown
  /// detector, trained sizes, and its per-class review thresholds when `picked` has none).
  /// Returns an error text, empty on success; `model` itself is never written.
  static QString saveRule(const std::filesystem::path& model, const std::filesystem::path& out,
                          const sdd::ConfidenceRule& picked);

 Q_SIGNALS:
  void comparisonFinished(int models);
  void pointingGameFinished(int images);
  /// -1: failed or stopped.
  void suspectsFinished(int suspects);
  void reportWritten(const QString& pdfFile);
  void reportFailed(const QString& reason);

 private:
  EvaluatePanel* panel_;
  bool busy_ = false;
  std::shared_ptr<std::atomic<bool>> suspectsCancel_;
};

}  // namespace sddui
