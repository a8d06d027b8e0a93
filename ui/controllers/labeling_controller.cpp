#include "controllers/labeling_controller.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <cmath>

#include "commands/relabel_controller.h"
#include "controllers/inference_controller.h"
#include "controllers/session.h"
#include "models/dataset_model.h"
#include "panels/review_panel.h"
#include "panels/train_panel.h"
#include "sdd/inference/model_evaluation.h"
#include "sdd/labels/prelabel.h"
#include "sdd/workspace/workspace.h"

namespace sddui {

LabelingController::LabelingController(DatasetModel* model, Session* session,
                                       RelabelController* relabels, ReviewPanel* review,
                                       TrainPanel* train, InferenceController* inference,
                                       QWidget* window,
                                       std::function<void(const QStringList&)> classify,
                                       QObject* parent)
    : QObject(parent),
      model_(model),
      session_(session),
      relabels_(relabels),
      review_(review),
      train_(train),
      window_(window),
      classify_(std::move(classify)) {
  connect(review_, &ReviewPanel::orderChanged, this, &LabelingController::restartReview);
  connect(review_, &ReviewPanel::acceptRequested, this, [this] { decide(-1, "accepted"); });
  connect(review_, &ReviewPanel::classRequested, this, [this](int cls) { decide(cls, "manual"); });
  connect(review_, &ReviewPanel::unsureRequested, this, &LabelingController::markUnsure);
  connect(review_, &ReviewPanel::undoRequested, this, &LabelingController::undo);
  connect(review_, &ReviewPanel::scoreRequested, this, [this] { scoreUnlabeled(); });
  connect(review_, &ReviewPanel::bulkRequested, this, [this] { bulkAccept(); });
  connect(review_, &ReviewPanel::trainAndRescoreRequested, this,
          &LabelingController::trainAndRescore);
  connect(session_, &Session::datasetOpened, this, [this] {
    review_->setClasses(model_->classes());
    restoreSuggestions();
    restartReview();
  });
  connect(session_, &Session::modelReady, this, [this](const ModelInfo& info) {
    try {
      fingerprint_ = QString::fromStdString(sdd::fileFingerprint(info.file.toStdString()));
    } catch (const std::exception&) {
      fingerprint_.clear();
    }
    restoreSuggestions();
    if (rescoreAfterLoad_) {
      rescoreAfterLoad_ = false;
      rescoring_ = true;
      scoreUnlabeled();
    }
    restartReview();
  });
  connect(inference, &InferenceController::batchFinished, this, [this] {
    if (decided_.empty()) restartReview();  // new suggestions: a new queue, unless mid-review
    if (rescoring_) {
      rescoring_ = false;
      Q_EMIT rescored(session_->model().file, {});
    }
  });
  connect(train_, &TrainPanel::trainingFinished, this, [this](const TrainOutcome& o) {
    if (!rescoreAfterTraining_) return;
    rescoreAfterTraining_ = false;
    if (!o.error.isEmpty() || o.cancelled || o.modelFile.isEmpty()) {
      Q_EMIT rescored({}, o.error.isEmpty() ? tr("training was stopped") : o.error);
      return;
    }
    rescoreAfterLoad_ = true;
    if (!session_->loadModel(o.modelFile)) {
      rescoreAfterLoad_ = false;
      Q_EMIT rescored({}, tr("the new model could not be loaded"));
    }
  });
}

sdd::LabelSource LabelingController::source(const std::string& method) const {
  return {method, model_->userName().toStdString(), fingerprint_.toStdString()};
}

ScoreTarget LabelingController::scoreTarget(const QStringList& files) const {
  ScoreTarget t;
  if (model_->isEmpty() || session_->workspace().isEmpty() || fingerprint_.isEmpty() ||
      !session_->modelMatchesDataset() || (model_->store() && model_->store()->readOnly()))
    return t;
  t.predictionsFile = QString::fromStdString(
      sdd::Workspace(session_->workspace().toStdString()).predictionsFile().string());
  t.model = fingerprint_;
  t.classes = model_->classes();
  for (const QString& f : files) {
    const int row = model_->rowForFile(f);
    t.journalPaths << (row >= 0 ? model_->journalPath(row) : QString());
  }
  return t;
}

int LabelingController::restoreSuggestions() {
  if (model_->isEmpty() || fingerprint_.isEmpty() || !session_->modelMatchesDataset()) return 0;
  const auto file = sdd::Workspace(session_->workspace().toStdString()).predictionsFile();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return 0;
  try {
    const sdd::PredictionStore store(file, sdd::LabelStore::Access::ReadOnly);
    return model_->applyStoredPredictions(store.get(fingerprint_.toStdString()),
                                          store.unknownScores(fingerprint_.toStdString()));
  } catch (const std::exception&) {
    return 0;  // a damaged cache: the images are scored again
  }
}

void LabelingController::scoreUnlabeled(bool all) {
  if (model_->isEmpty() || !session_->modelLoaded() || !session_->modelMatchesDataset()) return;
  std::vector<std::size_t> rows;
  if (all) {
    for (int r = 0; r < model_->rowCount(); ++r) rows.push_back(std::size_t(r));
  } else {
    rows = model_->dataset()->unlabeledIndices();
  }
  if (!rows.empty()) classify_(model_->files(rows));
}

void LabelingController::restartReview() {
  queue_.clear();
  pos_ = 0;
  decided_.clear();
  paceDecisions_ = 0;
  if (!model_->isEmpty())
    queue_ = sdd::reviewQueue(*model_->dataset(), model_->predictionVectors(), review_->order(), {},
                              model_->decisionVector());
  showCurrent();
}

void LabelingController::showCurrent() {
  // Images decided meanwhile (here, in the browser or by another program) are passed.
  const sdd::ReviewOrder order = review_->order();
  while (pos_ < queue_.size()) {
    const int row = int(queue_[pos_]);
    const int label = model_->sample(row).label;
    const QVector<float>& p = model_->probabilities(row);
    const bool open =
        order == sdd::ReviewOrder::LikelyErrors
            ? !p.isEmpty() && label != int(std::max_element(p.begin(), p.end()) - p.begin())
            : label == sdd::kUnlabeled;
    if (open && !model_->index(row).data(DatasetModel::UnsureRole).toBool()) break;
    ++pos_;
  }
  updateProgress();
  if (model_->isEmpty()) return review_->showMessage(tr("Open a dataset to review its images."));
  if (queue_.empty()) {
    const bool unscored =
        model_->dataset()->unlabeledCount() > 0 && order != sdd::ReviewOrder::FileOrder;
    return review_->showMessage(unscored
                                    ? tr("No suggestions yet: score the unlabeled images first.")
                                    : tr("Nothing to review in this order."));
  }
  if (pos_ >= queue_.size())
    return review_->showMessage(
        tr("Every image of the queue is decided. Unsure ones are under Show ▸ Unsure."));
  const int row = int(queue_[pos_]);
  ReviewItem item;
  item.file = model_->index(row).data(DatasetModel::PathRole).toString();
  item.name = model_->index(row).data(Qt::DisplayRole).toString();
  item.label = model_->sample(row).label;
  item.probabilities = model_->probabilities(row);
  item.suggestion = model_->index(row).data(DatasetModel::PredictedRole).toInt();
  if (item.suggestion >= 0) {
    const sdd::Decided d = model_->decided(row);
    item.decision = int(d.decision);
    item.calibrated = d.calibrated;
    item.unknownScore = model_->unknownScore(row);
    item.outside = QString::fromStdString(d.outside);
  }
  review_->showItem(item);
}

void LabelingController::decide(int cls, const char* method) {
  if (pos_ >= queue_.size()) return;
  const int row = int(queue_[pos_]);
  if (cls < 0) cls = model_->index(row).data(DatasetModel::PredictedRole).toInt();
  if (cls < 0 || cls >= model_->classes().size()) return;
  if (!pace_.isValid() || paceDecisions_ == 0) pace_.start();
  relabels_->assign(
      {row}, {cls}, {}, source(method),
      tr("label %1 as %2")
          .arg(model_->index(row).data(Qt::DisplayRole).toString(), model_->classes()[cls]));
  decided_.push_back({row, false});
  ++paceDecisions_;
  ++pos_;
  showCurrent();
}

void LabelingController::markUnsure() {
  if (pos_ >= queue_.size()) return;
  const int row = int(queue_[pos_]);
  try {
    model_->setUnsure({row}, true);
  } catch (const std::exception& e) {
    review_->setProgress(tr("The mark was not saved: %1").arg(QString::fromStdString(e.what())));
    return;
  }
  if (!pace_.isValid() || paceDecisions_ == 0) pace_.start();
  decided_.push_back({row, true});
  ++paceDecisions_;
  ++pos_;
  showCurrent();
}

void LabelingController::undo() {
  if (decided_.empty()) return;
  const Decision last = decided_.back();
  decided_.pop_back();
  if (last.unsure) {
    try {
      model_->setUnsure({last.row}, false);
    } catch (const std::exception&) {
      // Still marked: it stays out of the queue, under Show ▸ Unsure.
    }
  } else {
    relabels_->undo();
  }
  paceDecisions_ = std::max(0, paceDecisions_ - 1);
  const auto at = std::find(queue_.begin(), queue_.end(), std::size_t(last.row));
  if (at != queue_.end()) pos_ = std::size_t(at - queue_.begin());
  showCurrent();
}

void LabelingController::updateProgress() {
  if (queue_.empty()) return review_->setProgress(QString());
  const QLocale loc;
  QString line = tr("%1 of %2 decided, %3 unsure")
                     .arg(loc.toString(qulonglong(pos_)), loc.toString(qulonglong(queue_.size())))
                     .arg(model_->unsureCount());
  if (paceDecisions_ > 0 && pos_ < queue_.size()) {
    const double perImage = pace_.elapsed() / 1000.0 / paceDecisions_;
    const long long left = std::llround(perImage * double(queue_.size() - pos_));
    line += left >= 3600 ? tr(", %1 h %2 min at your pace")
                               .arg(left / 3600)
                               .arg((left / 60) % 60, 2, 10, QChar('0'))
                         : tr(", %1 min at your pace").arg(std::max(1LL, (left + 30) / 60));
  }
  review_->setProgress(line);
}

std::vector<std::size_t> LabelingController::bulkCandidates(const QVector<int>& rows) const {
  // Images marked unsure wait for a person's second look, and images the model's rule calls
  // unknown are unlike what it was trained on, however sure its SoftMax: no bulk acceptance
  // labels them.
  std::vector<std::size_t> out;
  auto consider = [&](int r) {
    const QModelIndex i = model_->index(r);
    if (!i.data(DatasetModel::UnsureRole).toBool() &&
        i.data(DatasetModel::DecisionRole).toInt() != int(sdd::Decision::Unknown))
      out.push_back(std::size_t(r));
  };
  if (rows.isEmpty())
    for (int r = 0; r < model_->rowCount(); ++r) consider(r);
  for (int r : rows) consider(r);
  return out;
}

int LabelingController::acceptAbove(double threshold, const QVector<int>& rows) {
  if (model_->isEmpty()) return 0;
  const auto predictions = model_->predictionVectors();
  const std::vector<std::size_t> candidates = bulkCandidates(rows);
  if (candidates.empty()) return 0;
  std::vector<bool> unchecked;
  if (model_->store()) unchecked = sdd::labeledInBulk(*model_->dataset(), *model_->store());
  const sdd::BulkAcceptance plan =
      sdd::planBulkAcceptance(*model_->dataset(), predictions, threshold, candidates, unchecked);
  if (plan.images.empty()) return 0;
  QVector<int> targets, labels;
  for (std::size_t i : plan.images) {
    targets << int(i);
    labels << sdd::suggestionOf(predictions[i]).label;
  }
  relabels_->assign(
      targets, labels, {}, source(sdd::bulkMethod(threshold)),
      tr("accept %n suggestion(s) at least %1 confident", nullptr, int(targets.size()))
          .arg(threshold, 0, 'g', 4));
  showCurrent();
  return int(targets.size());
}

void LabelingController::bulkAccept(const QVector<int>& rows) {
  if (model_->isEmpty()) return;
  QDialog dlg(window_);
  dlg.setWindowTitle(tr("Accept confident suggestions"));
  auto* form = new QFormLayout(&dlg);
  auto* threshold = new QDoubleSpinBox;
  threshold->setRange(0.5, 1.0);
  threshold->setDecimals(3);
  threshold->setSingleStep(0.01);
  threshold->setValue(0.95);
  auto* preview = new QLabel;
  preview->setWordWrap(true);
  preview->setMinimumWidth(380);
  form->addRow(tr("Confidence at least"), threshold);
  form->addRow(preview);
  const auto predictions = model_->predictionVectors();
  const std::vector<std::size_t> candidates = bulkCandidates(rows);
  int unknowns = 0;
  auto countUnknown = [&](int r) {
    unknowns +=
        model_->sample(r).label == sdd::kUnlabeled &&
        model_->index(r).data(DatasetModel::DecisionRole).toInt() == int(sdd::Decision::Unknown);
  };
  if (rows.isEmpty())
    for (int r = 0; r < model_->rowCount(); ++r) countUnknown(r);
  for (int r : rows) countUnknown(r);
  std::vector<bool> unchecked;
  if (model_->store()) unchecked = sdd::labeledInBulk(*model_->dataset(), *model_->store());
  auto update = [&] {
    // No candidate left means none (to planBulkAcceptance an empty list means all).
    sdd::BulkAcceptance plan;
    plan.perClass.assign(std::size_t(model_->classes().size()), 0);
    if (!candidates.empty())
      plan = sdd::planBulkAcceptance(*model_->dataset(), predictions, threshold->value(),
                                     candidates, unchecked);
    QStringList perClass;
    for (int k = 0; k < model_->classes().size(); ++k)
      if (plan.perClass[std::size_t(k)])
        perClass
            << QStringLiteral("%1 %2").arg(model_->classes()[k]).arg(plan.perClass[std::size_t(k)]);
    QString text = tr("Labels %n image(s) without a class", nullptr, int(plan.images.size()));
    if (!perClass.isEmpty()) text += QStringLiteral(": ") + perClass.join(QStringLiteral(", "));
    text += QStringLiteral(".<br>");
    if (unknowns > 0)
      text += tr("%n image(s) the model calls unknown are left out: a person labels them.", nullptr,
                 unknowns) +
              QStringLiteral("<br>");
    text += plan.validationChecked ? tr("On the %1 validation images labeled by hand or by folder "
                                        "that the model is this confident "
                                        "about, its suggestion was right for %2 (%3 %).")
                                         .arg(plan.validationChecked)
                                         .arg(plan.validationCorrect)
                                         .arg(100.0 * plan.validationAccuracy(), 0, 'f', 1)
                                   : tr("No labeled validation image has a suggestion this "
                                        "confident: how accurate the threshold "
                                        "is cannot be checked.");
    preview->setText(text);
  };
  update();
  connect(threshold, QOverload<double>::of(&QDoubleSpinBox::valueChanged), &dlg, update);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, &dlg, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
  form->addRow(buttons);
  if (dlg.exec() == QDialog::Accepted) acceptAbove(threshold->value(), rows);
}

void LabelingController::trainAndRescore() {
  rescoreAfterTraining_ = true;
  if (!train_->startTraining()) {
    rescoreAfterTraining_ = false;
    Q_EMIT rescored({}, tr("training could not start (see the Train tab)"));
  }
}

}  // namespace sddui
