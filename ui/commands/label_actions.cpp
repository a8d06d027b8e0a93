#include "commands/label_actions.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListView>
#include <QMenu>

#include "commands/relabel_controller.h"
#include "models/dataset_model.h"
#include "models/sample_filter.h"
#include "plots.h"

namespace sddui {

LabelActions::LabelActions(QWidget* window, QListView* browser, SampleFilter* filter,
                           DatasetModel* model, RelabelController* relabels, QMenu* labelMenu,
                           QAction* autoAdvance)
    : QObject(window),
      window_(window),
      browser_(browser),
      filter_(filter),
      model_(model),
      relabels_(relabels),
      menu_(labelMenu),
      autoAdvance_(autoAdvance) {}

void LabelActions::rebuild() {
  for (QAction* a : actions_) {
    browser_->removeAction(a);
    delete a;
  }
  actions_.clear();
  menu_->clear();
  const QStringList classes = model_->classes();
  for (int k = 0; k < classes.size(); ++k) {
    QPixmap dot(12, 12);
    dot.fill(sddreport::classColor(k));
    QAction* a =
        menu_->addAction(QIcon(dot), k < 9 ? tr("&%1  %2").arg(k + 1).arg(classes[k]) : classes[k]);
    if (k < 9) a->setShortcut(QKeySequence(Qt::Key_1 + k));
    // The keys label only where images are chosen (the grid has focus): a digit typed into a
    // search box, a spin box or the Review tab never relabels the browser's image.
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(a, &QAction::triggered, this, [this, k] { relabelSelection(k); });
    browser_->addAction(a);
    actions_ << a;
  }
  menu_->addSeparator();
  connect(menu_->addAction(tr("Other Class, with a Note…")), &QAction::triggered, this,
          &LabelActions::relabelWithNote);
}

void LabelActions::relabelWithNote() {
  if (model_->isEmpty() || !browser_->currentIndex().isValid()) return;
  QDialog dlg(window_);
  dlg.setWindowTitle(tr("Relabel with a note"));
  auto* form = new QFormLayout(&dlg);
  auto* cls = new QComboBox;
  cls->addItems(model_->classes());
  cls->setCurrentIndex(browser_->currentIndex().data(DatasetModel::LabelRole).toInt());
  auto* note = new QLineEdit;
  note->setPlaceholderText(tr("why (kept in the label journal)"));
  form->addRow(tr("New class"), cls);
  form->addRow(tr("Note"), note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, &dlg, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
  form->addRow(buttons);
  if (dlg.exec() == QDialog::Accepted) relabelSelection(cls->currentIndex(), note->text());
}

void LabelActions::relabelSelection(int cls, const QString& note) {
  if (model_->isEmpty() || cls < 0 || cls >= model_->classes().size()) return;
  QModelIndexList sel = browser_->selectionModel()->selectedIndexes();
  if (sel.isEmpty() && browser_->currentIndex().isValid()) sel << browser_->currentIndex();
  // Every selected image, also one the view shows with that label already: the journal
  // knows its current label (another program may have changed it) and skips no-ops.
  QVector<int> rows;
  for (const QModelIndex& i : sel) rows << filter_->mapToSource(i).row();
  // Remember the current image before the relabel: the filter may drop it from the view.
  const QModelIndex current = browser_->currentIndex();
  const int viewRow = current.row();
  const int sourceRow = current.isValid() ? filter_->mapToSource(current).row() : -1;
  relabels_->relabel(rows, cls, note);
  if (autoAdvance_->isChecked() && sel.size() == 1 && sourceRow >= 0) {
    // If it left the filtered view, the next image is now at its place.
    const int next =
        filter_->mapFromSource(model_->index(sourceRow)).isValid() ? viewRow + 1 : viewRow;
    if (next < filter_->rowCount()) browser_->setCurrentIndex(filter_->index(next, 0));
  }
}

}  // namespace sddui
