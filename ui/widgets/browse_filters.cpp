#include "widgets/browse_filters.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QShortcut>
#include <QVBoxLayout>

#include "models/dataset_model.h"
#include "models/sample_filter.h"
#include "plots.h"
#include "sdd/dataset/dataset.h"
#include "widgets/browser_view.h"
#include "widgets/form_memory.h"

namespace sddui {

BrowseFilters::BrowseFilters(DatasetModel* model, SampleFilter* filter, QWidget* parent)
    : QWidget(parent), model_(model), filter_(filter) {
  auto* fl = new QVBoxLayout(this);
  classList_ = new QListWidget;
  classList_->setMinimumWidth(210);
  connect(classList_, &QListWidget::currentRowChanged, this, [this](int) { applyClassFilter(); });
  labelKind_ = new QComboBox;
  labelKind_->addItems({tr("by current label"), tr("by original label")});
  connect(labelKind_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this] { applyClassFilter(); });
  split_ = new QComboBox;
  split_->addItems({tr("All splits"), tr("Train"), tr("Validation")});
  connect(split_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) {
    filter_->setSplitFilter(i - 1);
    refreshCounts();
  });
  status_ = new QComboBox;
  status_->addItems({tr("All images"), tr("Relabeled"), tr("Misclassified"), tr("Duplicates"),
                     tr("Not classified yet"), tr("Unsure"), tr("Model says: review"),
                     tr("Model says: unknown")});
  status_->setItemData(7,
                       tr("Images the model's rule calls unknown: unlike every class it was "
                          "trained on (suggestions restored from an earlier session carry no "
                          "unknown score: classify again to see them)"),
                       Qt::ToolTipRole);
  connect(status_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setStatus(static_cast<SampleFilter::Status>(i)); });
  predicted_ = new QComboBox;
  connect(predicted_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setPredictedFilter(i - 1); });
  sort_ = new QComboBox;
  sort_->addItems({tr("File name"), tr("Class"), tr("Confidence (lowest first)")});
  connect(sort_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setSortKey(static_cast<SampleFilter::SortKey>(i)); });
  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("Search file names"));
  search_->setClearButtonEnabled(true);
  connect(search_, &QLineEdit::textChanged, filter_, &SampleFilter::setNameFilter);
  fl->addWidget(new QLabel(tr("<b>Classes</b>")));
  fl->addWidget(classList_, 1);
  fl->addWidget(labelKind_);
  auto* form = new QFormLayout;
  form->addRow(tr("Split"), split_);
  form->addRow(tr("Show"), status_);
  form->addRow(tr("Predicted"), predicted_);
  form->addRow(tr("Sort"), sort_);
  fl->addLayout(form);
  fl->addWidget(search_);
  shown_ = new QLabel;
  shown_->setWordWrap(true);
  fl->addWidget(shown_);
  auto count = [this] {
    const int all = model_->rowCount(), now = filter_->rowCount();
    QString text = now == all ? tr("%n image(s)", nullptr, all)
                              : tr("%1 of %2 images shown").arg(now).arg(all);
    // Sorting by confidence needs predictions: say so rather than sort silently by nothing.
    if (sort_->currentIndex() == int(SampleFilter::SortKey::Confidence) &&
        model_->predictedCount() == 0)
      text += tr("; no confidence to sort by yet (Dataset ▸ Classify All Images)");
    shown_->setText(text);
  };
  connect(sort_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, count);
  connect(model_, &DatasetModel::predictionsChanged, this, count);
  for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
    connect(filter_, signal, this, count);
  connect(filter_, &QAbstractItemModel::modelReset, this, count);
  connect(filter_, &QAbstractItemModel::layoutChanged, this, count);
  // The filters of the last session come back; the class ones do not (another dataset may
  // have other classes).
  labelKind_->setObjectName(QStringLiteral("label_kind"));
  split_->setObjectName(QStringLiteral("split"));
  status_->setObjectName(QStringLiteral("show"));
  sort_->setObjectName(QStringLiteral("sort"));
  search_->setObjectName(QStringLiteral("search"));
  restoreInputs(this, QStringLiteral("browser"));
}

BrowseFilters::~BrowseFilters() { saveInputs(this, QStringLiteral("browser")); }

void BrowseFilters::attachGrid(BrowserView* grid, QWidget* window) {
  auto* find = new QShortcut(QKeySequence::Find, window);
  connect(find, &QShortcut::activated, this, [this] {
    search_->setFocus(Qt::ShortcutFocusReason);
    search_->selectAll();
  });
  connect(grid, &BrowserView::typed, this, [this](const QString& text) {
    search_->setFocus(Qt::OtherFocusReason);
    search_->insert(text);
  });
  auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), search_);
  leave->setContext(Qt::WidgetShortcut);
  connect(leave, &QShortcut::activated, grid, [grid] { grid->setFocus(Qt::ShortcutFocusReason); });
}

void BrowseFilters::setClasses() {
  predicted_->blockSignals(true);
  predicted_->clear();
  predicted_->addItem(tr("Any"));
  predicted_->addItems(model_->classes());
  predicted_->blockSignals(false);
  refreshCounts();
}

void BrowseFilters::refreshCounts() {
  const int keep = std::max(0, classList_->currentRow());
  classList_->blockSignals(true);
  classList_->clear();
  // The counts follow the split filter: what the list would show.
  const int split = split_->currentIndex() - 1;
  const QVector<int> counts = model_->classCounts(split);
  int total = 0;
  for (int c : counts) total += c;
  classList_->addItem(tr("All classes  (%1)").arg(total + model_->unlabeledCount(split)));
  const QStringList classes = model_->classes();
  for (int k = 0; k < classes.size(); ++k) {
    QPixmap dot(12, 12);
    dot.fill(sddreport::classColor(k));
    classList_->addItem(new QListWidgetItem(
        QIcon(dot), k < 9 ? tr("%1  %2  (%3)").arg(k + 1).arg(classes[k]).arg(counts[k])
                          : tr("%1  (%2)").arg(classes[k]).arg(counts[k])));
  }
  // The images still to be labeled, as an entry of their own after the classes.
  if (const int unlabeled = model_->unlabeledCount(split)) {
    QPixmap dot(12, 12);
    dot.fill(sddreport::classColor(sdd::kUnlabeled));
    classList_->addItem(new QListWidgetItem(QIcon(dot), tr("Unlabeled  (%1)").arg(unlabeled)));
  }
  classList_->setCurrentRow(std::min(keep, classList_->count() - 1));
  classList_->blockSignals(false);
  const int relabeled = model_->relabeledCount();
  status_->setItemText(1, relabeled ? tr("Relabeled (%1)").arg(relabeled) : tr("Relabeled"));
  const int unsure = model_->unsureCount();
  status_->setItemText(5, unsure ? tr("Unsure (%1)").arg(unsure) : tr("Unsure"));
}

void BrowseFilters::applyClassFilter() {
  const int row = classList_->currentRow();
  const int classes = int(model_->classes().size());
  const int cls = row <= 0         ? SampleFilter::kAllClasses
                  : row <= classes ? row - 1
                                   : SampleFilter::kUnlabeledOnly;
  filter_->setClassFilter(cls, labelKind_->currentIndex() == 1);
}

void BrowseFilters::showConfusionCell(int truth, int predicted, const QString& split) {
  search_->clear();
  status_->setCurrentIndex(0);
  labelKind_->setCurrentIndex(0);  // the evaluation uses current labels
  split_->setCurrentIndex(split == QLatin1String("train")        ? 1
                          : split == QLatin1String("validation") ? 2
                                                                 : 0);
  classList_->setCurrentRow(truth + 1);
  predicted_->setCurrentIndex(predicted + 1);
}

void BrowseFilters::showAll() {
  search_->clear();
  status_->setCurrentIndex(0);
  split_->setCurrentIndex(0);
  classList_->setCurrentRow(0);
  predicted_->setCurrentIndex(0);
  // The filter itself too: code may have narrowed it without these controls (a control
  // already at "all" emits nothing above).
  filter_->setNameFilter({});
  filter_->setStatus(SampleFilter::Status::All);
  filter_->setSplitFilter(-1);
  filter_->setClassFilter(SampleFilter::kAllClasses, false);
  filter_->setPredictedFilter(-1);
}

}  // namespace sddui
