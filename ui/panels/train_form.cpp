#include "panels/train_form.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "sdd/inference/model_evaluation.h"
#include "widgets/form_memory.h"
#include "widgets/wheel_guard.h"

namespace sddui {

TrainForm::TrainForm(QWidget* parent) : QWidget(parent) {
  preset_ = new QComboBox;
  // Item data: the core recipe (sdd::trainRecipe) each preset applies; Custom has none.
  preset_->addItem(tr("Recommended: 50 px, BatchNorm, global average pooling, weight average"),
                   QStringLiteral("default"));
  preset_->addItem(tr("Paper Table II (conv 8-16-32-64, FC 16)"), QStringLiteral("tableII"));
  preset_->addItem(tr("Table II + BatchNorm"), QStringLiteral("tableII-bn"));
  preset_->addItem(tr("Custom"));
  // The long preset names must not widen the settings column past its scroll area.
  preset_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  preset_->setMinimumContentsLength(18);
  // The form is narrower than the longest preset name: the list opens wide enough to read
  // every name, and the closed box tells its whole name on hover.
  int widest = 0;
  for (int i = 0; i < preset_->count(); ++i) {
    preset_->setItemData(i, preset_->itemText(i), Qt::ToolTipRole);
    widest = std::max(widest, preset_->fontMetrics().horizontalAdvance(preset_->itemText(i)));
  }
  preset_->view()->setMinimumWidth(widest + 4 * preset_->fontMetrics().averageCharWidth());
  preset_->setToolTip(preset_->currentText());
  conv_ = new QLineEdit(QStringLiteral("8,16,32,64"));
  conv_->setToolTip(tr("Output channels of each conv + max-pool block, comma separated"));
  inputSize_ = new QSpinBox;
  inputSize_->setRange(8, 4096);
  inputSize_->setValue(100);
  inputSize_->setSuffix(QStringLiteral(" px"));
  inputSize_->setToolTip(
      tr("Images are resized to this square size. On NEU's 200-px images 50 px was as accurate "
         "as 100 or 200 px for a fraction of the work; JPEGs at least twice the size are decoded "
         "at 1/2, 1/4 or 1/8 scale, which is also faster."));
  fc_ = new QSpinBox;
  fc_->setRange(0, 4096);
  fc_->setValue(16);
  fc_->setSpecialValueText(tr("none"));
  head_ = new QComboBox;
  head_->addItem(tr("flatten (Table II)"), int(sdd::HeadType::Flatten));
  head_->addItem(tr("global average pool"), int(sdd::HeadType::GlobalAvgPool));
  bn_ = new QCheckBox(tr("BatchNorm after each conv"));
  dropout_ = new QDoubleSpinBox;
  dropout_->setRange(0, 0.9);
  dropout_->setSingleStep(0.05);
  epochs_ = new QSpinBox;
  epochs_->setRange(1, 10000);
  epochs_->setValue(60);
  minSteps_ = new QSpinBox;
  minSteps_->setRange(0, 10000000);
  minSteps_->setSingleStep(100);
  minSteps_->setPrefix(tr("at least "));
  minSteps_->setSuffix(tr(" steps"));
  minSteps_->setSpecialValueText(tr("no step minimum"));
  minSteps_->setToolTip(
      tr("A small training set gets more epochs, so that training takes at least this many "
         "optimizer steps (the recommended recipe: 3,600, its 80 epochs on NEU)"));
  batch_ = new QSpinBox;
  batch_->setRange(1, 4096);
  batch_->setValue(32);
  lr_ = new QDoubleSpinBox;
  lr_->setDecimals(5);
  lr_->setRange(0.00001, 1.0);
  lr_->setSingleStep(0.0001);
  lr_->setValue(0.001);
  optimizer_ = new QComboBox;
  optimizer_->addItems({QStringLiteral("adam"), QStringLiteral("adamw"), QStringLiteral("sgd")});
  schedule_ = new QComboBox;
  schedule_->addItems({QStringLiteral("cosine"), QStringLiteral("step"), QStringLiteral("none")});
  patience_ = new QSpinBox;
  patience_->setRange(0, 1000);
  patience_->setSpecialValueText(tr("off"));
  augment_ = new QCheckBox(tr("flips, 90° rotations, brightness/contrast"));
  augment_->setChecked(true);
  // Amounts from 0 ("off") up to `max`: noise, blur, weight average, label smoothing.
  auto amount = [](double max, int decimals, double step, const QString& tip) {
    auto* s = new QDoubleSpinBox;
    s->setRange(0, max);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    s->setSpecialValueText(tr("off"));
    s->setToolTip(tip);
    return s;
  };
  noise_ = amount(1, 3, 0.01,
                  tr("Largest Gaussian noise sigma added to training images, in [0,1] pixel units "
                     "(0.04 is about 10 grey levels)"));
  blur_ =
      amount(10, 1, 0.5, tr("Largest Gaussian blur sigma applied to half of the training images"));
  blur_->setSuffix(tr(" px"));
  ema_ = amount(0.9999, 4, 0.0005,
                tr("Validate and keep an exponential moving average of the weights, with this "
                   "decay per batch "
                   "(0.999 in the recommended recipe; off = the weights as trained)"));
  labelSmoothing_ =
      amount(0.5, 2, 0.05, tr("Share of each training label spread evenly over all classes"));
  balance_ = new QComboBox;
  for (const char* how : {"auto", "none", "weights", "sqrt", "sampling"})
    balance_->addItem(balanceName(QLatin1String(how)), QLatin1String(how));
  balance_->setToolTip(
      tr("How classes with few training images are evened out. auto: balanced batches (each "
         "class equally likely) when the largest class has 3 times the images of the smallest "
         "or more. Loss weights: inverse to the class's image count n, or to its square root."));
  keep_ = new QComboBox;
  keep_->addItem(tr("last epoch"), QStringLiteral("last"));
  keep_->addItem(tr("best validation F1"), QStringLiteral("best"));
  seed_ = new QSpinBox;
  seed_->setRange(0, 2147483647);
  seed_->setValue(42);
  threads_ = new QSpinBox;
  threads_->setRange(0, 256);
  threads_->setSpecialValueText(tr("all cores"));
  formError_ = new QLabel;
  formError_->setWordWrap(true);
  formError_->setStyleSheet(QStringLiteral("color: #c00000"));
  modelSize_ = new QLabel;
  modelSize_->setWordWrap(true);

  auto* modelBox = new QGroupBox(tr("Model"));
  auto* mf = new QFormLayout(modelBox);
  mf->addRow(tr("Preset"), preset_);
  mf->addRow(tr("Input size"), inputSize_);
  mf->addRow(tr("Conv widths"), conv_);
  mf->addRow(tr("Hidden FC"), fc_);
  mf->addRow(tr("Head"), head_);
  mf->addRow(QString(), bn_);
  mf->addRow(tr("Dropout"), dropout_);
  mf->addRow(modelSize_);
  auto* trainBox = new QGroupBox(tr("Training"));
  auto* tf = new QFormLayout(trainBox);
  auto* epochsRow = new QHBoxLayout;
  epochsRow->addWidget(epochs_);
  epochsRow->addWidget(minSteps_, 1);
  tf->addRow(tr("Epochs"), epochsRow);
  tf->addRow(tr("Batch size"), batch_);
  tf->addRow(tr("Learning rate"), lr_);
  tf->addRow(tr("Optimizer"), optimizer_);
  tf->addRow(tr("Schedule"), schedule_);
  tf->addRow(tr("Early stop after"), patience_);
  tf->addRow(tr("Augmentation"), augment_);
  tf->addRow(tr("Noise"), noise_);
  tf->addRow(tr("Blur"), blur_);
  tf->addRow(tr("Weight average"), ema_);
  tf->addRow(tr("Label smoothing"), labelSmoothing_);
  tf->addRow(tr("Balance classes"), balance_);
  tf->addRow(tr("Keep"), keep_);
  tf->addRow(tr("Seed"), seed_);
  tf->addRow(tr("Threads"), threads_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(modelBox);
  layout->addWidget(trainBox);
  layout->addWidget(formError_);

  connect(preset_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          &TrainForm::applyPreset);
  connect(preset_, &QComboBox::currentTextChanged, preset_, &QComboBox::setToolTip);
  for (QLineEdit* e : {conv_})
    connect(e, &QLineEdit::textEdited, this, [this] {
      preset_->setCurrentIndex(preset_->count() - 1);
      validate();
    });
  for (QSpinBox* s : {fc_, inputSize_})
    connect(s, QOverload<int>::of(&QSpinBox::valueChanged), this, [this] { validate(); });
  for (QSpinBox* s : {epochs_, minSteps_, batch_, patience_, seed_, threads_})
    connect(s, QOverload<int>::of(&QSpinBox::valueChanged), this, &TrainForm::validate);
  for (QDoubleSpinBox* s : {lr_, dropout_, noise_, blur_, ema_, labelSmoothing_})
    connect(s, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this, &TrainForm::validate);
  for (QComboBox* c : {head_, optimizer_, schedule_, keep_, balance_})
    connect(c, QOverload<int>::of(&QComboBox::currentIndexChanged), this, &TrainForm::validate);
  connect(bn_, &QCheckBox::toggled, this, &TrainForm::validate);
  // Epochs typed in are the epochs trained (as `sdd train --epochs`): the preset's step
  // minimum goes, unless set again after.
  connect(epochs_, QOverload<int>::of(&QSpinBox::valueChanged), this, [this] {
    if (!applying_) minSteps_->setValue(0);
  });
  guardWheel(this);
  applying_ = true;
  applyPreset(0);
  // The settings of the last session come back (the preset first: it fills in the rest).
  const std::pair<QWidget*, const char*> names[] = {{preset_, "preset"},
                                                    {conv_, "conv"},
                                                    {fc_, "fc"},
                                                    {inputSize_, "input"},
                                                    {head_, "head"},
                                                    {bn_, "batchnorm"},
                                                    {dropout_, "dropout"},
                                                    {epochs_, "epochs"},
                                                    {minSteps_, "min_steps"},
                                                    {batch_, "batch"},
                                                    {lr_, "lr"},
                                                    {optimizer_, "optimizer"},
                                                    {schedule_, "schedule"},
                                                    {patience_, "patience"},
                                                    {augment_, "augment"},
                                                    {noise_, "noise"},
                                                    {blur_, "blur"},
                                                    {ema_, "ema"},
                                                    {labelSmoothing_, "label_smoothing"},
                                                    {balance_, "balance"},
                                                    {keep_, "keep"},
                                                    {seed_, "seed"},
                                                    {threads_, "threads"}};
  for (const auto& [w, name] : names) w->setObjectName(QString::fromLatin1(name));
  restoreInputs(this, QStringLiteral("train_form"), {preset_});
  applying_ = false;
}

TrainForm::~TrainForm() { saveInputs(this, QStringLiteral("train_form")); }

QString TrainForm::balanceName(const QString& balance) {
  if (balance == QLatin1String("auto")) return tr("auto");
  if (balance == QLatin1String("weights")) return tr("loss weights 1/n");
  if (balance == QLatin1String("sqrt")) return tr("loss weights 1/√n");
  if (balance == QLatin1String("sampling")) return tr("balanced batches");
  return tr("none");
}

void TrainForm::applyPreset(int preset) {
  const QString name = preset_->itemData(preset).toString();
  if (name.isEmpty()) {  // Custom: the form as it is
    validate();
    return;
  }
  const sdd::TrainRecipe r = sdd::trainRecipe(name.toStdString());
  const bool wasApplying = std::exchange(applying_, true);
  const QSignalBlocker b1(conv_), b2(fc_), b3(head_), b4(bn_), b5(inputSize_);
  inputSize_->setValue(r.spec.inputSize);
  QStringList widths;
  for (int w : r.spec.convChannels) widths << QString::number(w);
  conv_->setText(widths.join(QLatin1Char(',')));
  fc_->setValue(r.spec.fcWidth);
  head_->setCurrentIndex(head_->findData(int(r.spec.head)));
  bn_->setChecked(r.spec.batchNorm);
  epochs_->setValue(r.config.epochs);
  minSteps_->setValue(r.config.minSteps);
  balance_->setCurrentIndex(balance_->findData(QString::fromStdString(r.config.balance)));
  lr_->setValue(r.config.learningRate);
  ema_->setValue(r.config.ema);
  applying_ = wasApplying;
  validate();
}

sdd::ModelSpec TrainForm::spec() const {
  sdd::ModelSpec s = sdd::ModelSpec::tableII(classes_);
  s.convChannels.clear();
  for (const QString& part : conv_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int w = part.trimmed().toInt(&ok);
    if (!ok || w <= 0)
      throw std::invalid_argument(
          tr("conv widths: '%1' is not a positive whole number").arg(part.trimmed()).toStdString());
    s.convChannels.push_back(w);
  }
  if (s.convChannels.empty())
    throw std::invalid_argument(
        tr("conv widths: give at least one width, e.g. 8,16,32,64").toStdString());
  s.inputSize = inputSize_->value();
  s.fcWidth = fc_->value();
  s.head = sdd::HeadType(head_->currentData().toInt());
  s.batchNorm = bn_->isChecked();
  s.dropout = dropout_->value();
  s.validate();
  return s;
}

sdd::TrainConfig TrainForm::config() const {
  sdd::TrainConfig c;
  c.epochs = epochs_->value();
  c.minSteps = minSteps_->value();
  c.batchSize = batch_->value();
  c.learningRate = lr_->value();
  c.optimizer = optimizer_->currentText().toStdString();
  c.schedule = schedule_->currentText().toStdString();
  c.patience = patience_->value();
  c.augment = augment_->isChecked();
  c.noise = noise_->value();
  c.blur = blur_->value();
  c.ema = ema_->value();
  c.labelSmoothing = labelSmoothing_->value();
  c.balance = balance_->currentData().toString().toStdString();
  c.keep = keep_->currentData().toString().toStdString();
  c.seed = std::uint64_t(seed_->value());
  c.threads = threads_->value();
  c.validate();
  return c;
}

QString TrainForm::validate() {
  QString error;
  try {
    const sdd::ModelSpec s = spec();
    config();
    modelSize_->setText(tr("%1 weights, %2 MACs per image, %3 weight layers")
                            .arg(QLocale().toString(qlonglong(s.parameterCount())))
                            .arg(QLocale().toString(qlonglong(s.macs())))
                            .arg(sdd::weightLayers(s)));
  } catch (const std::exception& e) {
    error = QString::fromStdString(e.what());
    modelSize_->clear();
  }
  formError_->setText(error);
  formError_->setVisible(!error.isEmpty());
  error_ = error;
  Q_EMIT changed();
  return error;
}

void TrainForm::setEditable(bool editable) {
  for (QWidget* w : std::initializer_list<QWidget*>{
           preset_,         inputSize_, conv_,     fc_,    head_,   bn_,
           dropout_,        epochs_,    minSteps_, batch_, lr_,     optimizer_,
           schedule_,       patience_,  augment_,  noise_, blur_,   ema_,
           labelSmoothing_, balance_,   keep_,     seed_,  threads_})
    w->setEnabled(editable);
}

}  // namespace sddui
