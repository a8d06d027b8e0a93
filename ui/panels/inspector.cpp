#include "panels/inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsPixmapItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "display_image.h"
#include "models/dataset_model.h"
#include "plots.h"
#include "sdd/labels/box_edits.h"
#include "widgets/image_view.h"
#include "workers/inference_worker.h"

namespace sddui {

using sddreport::classColor;
using sddreport::loadDisplayImage;
using sddreport::loadMaskOverlay;

Inspector::Inspector(DatasetModel* model, QWidget* parent)
    : QWidget(parent),
      model_(model),
      view_(new ImageView),
      showBoxes_(new QCheckBox(tr("Defect boxes"))),
      editBoxes_(new QToolButton),
      boxClass_(new QComboBox),
      deleteBox_(new QToolButton),
      boxEditRow_(new QWidget),
      showMask_(new QCheckBox(tr("Mask"))),
      maskOpacity_(new QSlider(Qt::Horizontal)),
      showHeat_(new QCheckBox(tr("Grad-CAM"))),
      explainWith_(new QComboBox),
      opacity_(new QSlider(Qt::Horizontal)),
      heatInfo_(new QLabel),
      title_(new QLabel),
      facts_(new QLabel),
      history_(new QTreeWidget) {
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(6, 6, 6, 6);
  title_->setTextFormat(Qt::RichText);
  title_->setWordWrap(true);
  lay->addWidget(title_);
  lay->addWidget(view_, 3);

  auto* tools = new QHBoxLayout;
  auto button = [&](const QString& text, const QString& tip, auto fn) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    connect(b, &QToolButton::clicked, this, fn);
    tools->addWidget(b);
  };
  button(QStringLiteral("+"), tr("Zoom in"), [this] { view_->zoomBy(1.25); });
  button(QStringLiteral("−"), tr("Zoom out"), [this] { view_->zoomBy(0.8); });
  button(tr("Fit"), tr("Fit the image to the view"), [this] { view_->fitToView(); });
  button(tr("1:1"), tr("Actual pixels"), [this] {
    view_->resetTransform();
    view_->zoomBy(1.0);
  });
  tools->addStretch();
  lay->addLayout(tools);
  // The boxes: shown, and edited (the class of a new or selected box, delete).
  auto* boxTools = new QHBoxLayout;
  showBoxes_->setChecked(true);
  showBoxes_->setToolTip(tr("Show the Pascal VOC defect regions of the dataset"));
  connect(showBoxes_, &QCheckBox::toggled, view_, &ImageView::setBoxesVisible);
  boxTools->addWidget(showBoxes_);
  editBoxes_->setText(tr("Edit boxes"));
  editBoxes_->setCheckable(true);
  editBoxes_->setToolTip(
      tr("Edit the defect boxes: drag on the image to draw one, drag a box or its edges to move "
         "or resize it, Tab to pick the next, arrows to nudge (Shift: 10 px), Delete to remove. "
         "Saved in the workspace's journal (Edit ▸ Undo); the dataset's files are not changed."));
  connect(editBoxes_, &QToolButton::toggled, this, &Inspector::setEditingBoxes);
  boxTools->addWidget(editBoxes_);
  boxTools->addStretch();
  // While editing, a row of its own: the class of a new or the selected box, and delete.
  boxEditRow_->setVisible(false);
  auto* editRow = new QHBoxLayout(boxEditRow_);
  editRow->setContentsMargins(0, 0, 0, 0);
  editRow->addWidget(new QLabel(tr("Box class")));
  boxClass_->setToolTip(tr("The class of a new box, and of the selected one"));
  // Long class names must not widen the dock (the window fits 1360 px).
  boxClass_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  boxClass_->setMinimumContentsLength(9);
  connect(boxClass_, &QComboBox::activated, this, [this] {
    const QString name = boxClass_->currentText();
    view_->setNewBoxClass(name);
    view_->reclassSelected(name);
  });
  editRow->addWidget(boxClass_, 1);
  deleteBox_->setText(tr("Delete box"));
  deleteBox_->setToolTip(tr("Delete the selected box (Delete key)"));
  deleteBox_->setEnabled(false);
  connect(deleteBox_, &QToolButton::clicked, view_, &ImageView::deleteSelected);
  editRow->addWidget(deleteBox_);
  connect(view_, &ImageView::selectionChanged, this, [this](int index) {
    deleteBox_->setEnabled(index >= 0);
    if (index < 0) return;
    const QString name = view_->boxes().value(index).name;
    if (boxClass_->findText(name) < 0) boxClass_->addItem(name);
    boxClass_->setCurrentText(name);
  });
  connect(
      view_, &ImageView::boxesEdited, this,
      [this](const QList<ViewBox>& edited, const QString& what) {
        if (row_ < 0) return;
        std::vector<sdd::BoundingBox> boxes;
        for (const ViewBox& b : edited) {
          boxes.push_back(
              {b.name.toStdString(), b.rect.left(), b.rect.top(), b.rect.right(), b.rect.bottom()});
          for (const QPolygonF& polygon : b.outline) {
            auto& points = boxes.back().outline.emplace_back();
            for (const QPointF& p : polygon) points.push_back({float(p.x()), float(p.y())});
          }
        }
        Q_EMIT boxesEditRequested(row_, boxes, what);
        showBoxes();  // what was saved: the edit, or the boxes before it when it failed or waits
      });
  connect(model_, &DatasetModel::boxesChanged, this, [this](int row) {
    if (row == row_) showRow(row_);
  });
  showMask_->setChecked(true);
  showMask_->setToolTip(tr("Show the image's pixel mask from the dataset (the defect's pixels)"));
  connect(showMask_, &QCheckBox::toggled, view_, &ImageView::setMaskVisible);
  maskOpacity_->setRange(0, 100);
  maskOpacity_->setValue(80);
  maskOpacity_->setToolTip(tr("Mask opacity"));
  maskOpacity_->setMaximumWidth(80);
  maskOpacity_->setMinimumWidth(40);
  connect(maskOpacity_, &QSlider::valueChanged, this,
          [this](int v) { view_->setMaskOpacity(v / 100.0); });
  lay->addLayout(boxTools);
  lay->addWidget(boxEditRow_);
  auto* heat = new QHBoxLayout;
  showHeat_->setToolTip(
      tr("Grad-CAM heat map of the predicted class: where the network looked (computed on the "
         "worker thread)"));
  opacity_->setRange(0, 100);
  opacity_->setValue(55);
  opacity_->setToolTip(tr("Heat map opacity"));
  opacity_->setMaximumWidth(120);
  opacity_->setMinimumWidth(40);
  heatInfo_->setWordWrap(true);
  connect(opacity_, &QSlider::valueChanged, this,
          [this](int v) { view_->setOverlayOpacity(v / 100.0); });
  connect(showHeat_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) {
      requestHeat();
    } else {
      view_->setOverlay({}, {});
      heatShown_ = false;
      heatInfo_->clear();
    }
  });
  // The overlays, each with its opacity: the dataset's mask, the model's heat map.
  heat->addWidget(showMask_);
  heat->addWidget(maskOpacity_);
  heat->addSpacing(8);
  heat->addWidget(showHeat_);
  explainWith_->addItem(tr("Defect map"));
  explainWith_->addItem(tr("Grad-CAM"));
  explainWith_->setToolTip(
      tr("Defect map: where the model, trained on the dataset's masks or boxes, finds defects "
         "(dashed: the regions it finds). Grad-CAM: where the classifier looked."));
  explainWith_->setVisible(false);
  connect(explainWith_, &QComboBox::currentIndexChanged, this, [this] {
    if (showHeat_->isChecked()) requestHeat();
  });
  heat->addWidget(explainWith_);
  heat->addWidget(opacity_);
  heat->addStretch();
  lay->addLayout(heat);
  lay->addWidget(heatInfo_);

  facts_->setTextFormat(Qt::RichText);
  facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  facts_->setWordWrap(true);
  lay->addWidget(facts_);
  auto* hl = new QLabel(tr("<b>History</b> (label and boxes)"));
  lay->addWidget(hl);
  history_->setHeaderLabels({tr("When (UTC)"), tr("Change"), tr("How"), tr("By"), tr("Note")});
  history_->setRootIsDecorated(false);
  history_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  history_->setMinimumHeight(90);
  // Row numbers of a newly opened dataset mean other images.
  connect(model_, &QAbstractItemModel::modelReset, this, [this] { imageRow_ = -1; });
  lay->addWidget(history_, 1);
  showRow(-1);
}

bool Inspector::maskShown() const { return hasMask_ && showMask_->isChecked(); }

bool Inspector::editingBoxes() const { return view_->editing(); }

void Inspector::setEditingBoxes(bool on) {
  if (editBoxes_->isChecked() != on) editBoxes_->setChecked(on);  // comes back here
  view_->setEditing(on);
  boxEditRow_->setVisible(on);
  if (on) view_->setNewBoxClass(boxClass_->currentText());
}

void Inspector::fillBoxClasses() {
  // The dataset's classes, then the other names this image's boxes use.
  boxClass_->clear();
  boxClass_->addItems(model_->classes());
  for (const auto& b : model_->sample(row_).boxes)
    if (boxClass_->findText(QString::fromStdString(b.name)) < 0)
      boxClass_->addItem(QString::fromStdString(b.name));
  const int label = model_->sample(row_).label;
  if (label >= 0) boxClass_->setCurrentIndex(label);
  view_->setNewBoxClass(boxClass_->currentText());
}

void Inspector::showBoxes() {
  if (row_ < 0 || model_->isEmpty() || row_ >= model_->rowCount()) return;
  QList<ViewBox> boxes;
  for (const auto& b : model_->sample(row_).boxes) {
    boxes.append(
        {QRect(QPoint(b.xmin, b.ymin), QPoint(b.xmax, b.ymax)), QString::fromStdString(b.name)});
    for (const auto& points : b.outline) {
      QPolygonF& polygon = boxes.back().outline.emplace_back();
      for (const sdd::OutlinePoint& p : points) polygon << QPointF(p.x, p.y);
    }
  }
  view_->setBoxes(boxes);
  showBoxes_->setEnabled(!boxes.isEmpty());
  showBoxes_->setText(boxes.isEmpty() ? tr("No defect boxes")
                                      : tr("Defect boxes (%1)").arg(boxes.size()));
}

bool Inspector::heatmapOn() const { return showHeat_->isChecked(); }
void Inspector::setHeatmapOn(bool on) { showHeat_->setChecked(on); }

void Inspector::requestHeat() {
  if (row_ < 0 || model_->isEmpty() || row_ >= model_->rowCount()) return;
  heatInfo_->setText(tr("computing…"));
  Q_EMIT explainRequested(QString::fromStdString(model_->sample(row_).path.string()),
                          explainWith_->isVisible() && explainWith_->currentIndex() == 0);
}

void Inspector::setModelHasMap(bool hasMap) {
  explainWith_->setVisible(hasMap);
  showHeat_->setText(hasMap ? QString() : tr("Grad-CAM"));  // the combo names it
}

void Inspector::setExplanation(const Explained& e, const QString& className) {
  if (!showHeat_->isChecked() || row_ < 0 || row_ >= model_->rowCount() ||
      QString::fromStdString(model_->sample(row_).path.string()) != e.file)
    return;  // a late answer for an image no longer shown
  if (!e.error.isEmpty()) {
    heatInfo_->setText(tr("no heat map: %1").arg(e.error));
    return;
  }
  view_->setOverlay(e.overlay, e.peak, e.regions);
  heatShown_ = true;
  const QString what =
      e.defectMap ? tr("defect map (%1), %n region(s)", "", int(e.regions.size())).arg(className)
                  : tr("Grad-CAM of %1").arg(className);
  bool inBox = false;
  for (const auto& b : model_->sample(row_).boxes)
    inBox = inBox || QRect(QPoint(b.xmin, b.ymin), QPoint(b.xmax, b.ymax)).contains(e.peak);
  heatInfo_->setText(
      model_->sample(row_).boxes.empty()
          ? tr("%1; + marks the peak").arg(what)
          : tr("%1; peak (+) %2 a defect box").arg(what, inBox ? tr("inside") : tr("outside")));
}

void Inspector::showRow(int row) {
  row_ = row;
  history_->clear();
  if (row < 0 || model_->isEmpty() || row >= model_->rowCount()) {
    title_->setText(tr("<i>Select an image to inspect it.</i>"));
    facts_->clear();
    view_->setImage(QImage());
    imageRow_ = -1;
    heatShown_ = false;
    heatInfo_->clear();
    showBoxes_->setEnabled(false);
    editBoxes_->setEnabled(false);
    hasMask_ = false;
    showMask_->setEnabled(false);
    maskOpacity_->setEnabled(false);
    return;
  }
  const sdd::Sample& s = model_->sample(row);
  const QStringList classes = model_->classes();
  if (row != imageRow_) {
    imageError_.clear();
    view_->setImage(loadDisplayImage(s.path, 0, &imageError_));
    imageRow_ = row;
    fillBoxClasses();
    QString maskError;
    const QImage mask =
        s.mask.empty() ? QImage() : loadMaskOverlay(s.mask, QColor(0, 200, 255), 0, &maskError);
    view_->setMask(mask);
    hasMask_ = !mask.isNull();
    showMask_->setEnabled(hasMask_);
    maskOpacity_->setEnabled(hasMask_);
    showMask_->setText(s.mask.empty() ? tr("No mask")
                       : hasMask_     ? tr("Mask")
                                      : tr("Mask unreadable"));
    showMask_->setToolTip(
        maskError.isEmpty()
            ? tr("Show the image's pixel mask from the dataset (the defect's "
                 "pixels)")
            : QStringLiteral("%1: %2").arg(QString::fromStdString(s.mask.string()), maskError));
    heatShown_ = false;
    heatInfo_->clear();
    if (showHeat_->isChecked()) requestHeat();
  }
  showBoxes();
  editBoxes_->setEnabled(imageError_.isEmpty());
  const QString& error = imageError_;

  const QModelIndex idx = model_->index(row);
  const int pred = idx.data(DatasetModel::PredictedRole).toInt();
  auto chip = [&](int c) {
    return QStringLiteral("<span style='color:%1'>●</span> %2")
        .arg(classColor(c).name(),
             c == sdd::kUnlabeled ? tr("unlabeled") : classes.value(c).toHtmlEscaped());
  };
  title_->setText(
      QStringLiteral("<b>%1</b>").arg(idx.data(Qt::DisplayRole).toString().toHtmlEscaped()));
  QString f = QStringLiteral("<table cellspacing=2>");
  auto rowHtml = [&](const QString& k, const QString& v) {
    f += QStringLiteral("<tr><td style='color:gray'>%1&nbsp;</td><td>%2</td></tr>").arg(k, v);
  };
  rowHtml(tr("Label"),
          chip(s.label) + (s.label != s.originalLabel ? tr(" (was %1)").arg(chip(s.originalLabel))
                                                      : QString()));
  if (pred >= 0) {
    const float conf = idx.data(DatasetModel::ConfidenceRole).toFloat();
    // For an image without a class the prediction is a suggestion, not a disagreement.
    rowHtml(s.label == sdd::kUnlabeled ? tr("Suggestion") : tr("Predicted"),
            chip(pred) + QStringLiteral(" %1").arg(conf, 0, 'f', 3) +
                (pred != s.label && s.label != sdd::kUnlabeled
                     ? tr(" <b style='color:#d50000'>≠ label</b>")
                     : QString()));
  }
  rowHtml(tr("Split"), s.split == sdd::Split::Train ? tr("train") : tr("validation"));
  rowHtml(tr("Size"), tr("%1 × %2, %3 channel(s)").arg(s.width).arg(s.height).arg(s.channels));
  if (!s.mask.empty())
    rowHtml(tr("Mask"), QString::fromStdString(s.mask.filename().string()).toHtmlEscaped());
  if (idx.data(DatasetModel::DuplicateRole).toBool())
    rowHtml(tr("Duplicate"), tr("byte-identical to another image"));
  if (!error.isEmpty()) rowHtml(tr("Error"), error.toHtmlEscaped());
  rowHtml(tr("File"), QString::fromStdString(s.path.string()).toHtmlEscaped());
  facts_->setText(f + QStringLiteral("</table>"));

  if (auto* store = model_->store()) {
    // The label's rows and the boxes' rows, in the order they were made.
    struct Line {
      QString time, change, how, by, note;
    };
    std::vector<Line> lines;
    try {
      const std::string path = model_->journalPath(row).toStdString();
      for (const auto& c : store->history(path)) {
        const QString none = tr("(no class)");
        // How: the action, and how the label was chosen (an accepted suggestion, a bulk
        // acceptance with its threshold); by whom, and which model suggested it.
        lines.push_back(
            {QString::fromStdString(c.time),
             QStringLiteral("%1 → %2").arg(
                 c.oldLabel.empty() ? none : QString::fromStdString(c.oldLabel),
                 c.newLabel.empty() ? none : QString::fromStdString(c.newLabel)),
             QString::fromStdString(c.action) +
                 (c.method.empty() || c.method == "manual"
                      ? QString()
                      : QStringLiteral(", ") + QString::fromStdString(c.method)),
             QString::fromStdString(c.user) +
                 (c.model.empty() ? QString()
                                  : tr(" (model %1)").arg(QString::fromStdString(c.model).left(8))),
             QString::fromStdString(c.note)});
      }
      for (const auto& e : store->boxHistory(path))
        lines.push_back({QString::fromStdString(e.time),
                         tr("boxes %1 → %2").arg(e.oldBoxes.size()).arg(e.newBoxes.size()),
                         tr("boxes %1").arg(QString::fromStdString(e.action)),
                         QString::fromStdString(e.user), QString::fromStdString(e.note)});
    } catch (const std::exception& e) {
      lines.push_back({{}, QString::fromStdString(e.what()), {}, {}, {}});
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line& a, const Line& b) { return a.time < b.time; });
    for (const Line& l : lines) {
      auto* item = new QTreeWidgetItem(history_);
      item->setText(0, l.time.left(19).replace('T', ' '));
      item->setText(1, l.change);
      item->setText(2, l.how);
      item->setText(3, l.by);
      item->setText(4, l.note);
      const QString all =
          QStringLiteral("%1\n%2\n%3\n%4\n%5").arg(item->text(0), l.change, l.how, l.by, l.note);
      for (int col = 0; col < 5; ++col) item->setToolTip(col, all);
    }
  }
  if (history_->topLevelItemCount() == 0)
    (new QTreeWidgetItem(history_))->setText(1, tr("no label or box given here yet"));
}

}  // namespace sddui
