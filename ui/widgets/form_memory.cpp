#include "widgets/form_memory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QWidget>

namespace sddui {

namespace {

QList<QWidget*> namedInputs(const QWidget* form) {
  QList<QWidget*> inputs;
  for (QWidget* w : form->findChildren<QWidget*>())
    // Named by us: Qt names its own inner widgets qt_... (a spin box's line edit).
    if (!w->objectName().isEmpty() && !w->objectName().startsWith(QLatin1String("qt_")) &&
        (qobject_cast<QSpinBox*>(w) || qobject_cast<QDoubleSpinBox*>(w) ||
         qobject_cast<QComboBox*>(w) || qobject_cast<QCheckBox*>(w) || qobject_cast<QLineEdit*>(w)))
      inputs << w;
  return inputs;
}

QString keyOf(const QString& group, const QWidget* w) {
  return group + QLatin1Char('/') + w->objectName();
}

}  // namespace

void restoreInputs(QWidget* form, const QString& group, const QList<QWidget*>& first) {
  QList<QWidget*> inputs = first;
  for (QWidget* w : namedInputs(form))
    if (!inputs.contains(w)) inputs << w;
  const QSettings settings;
  for (QWidget* w : inputs) {
    const QVariant v = settings.value(keyOf(group, w));
    if (!v.isValid()) continue;
    if (auto* s = qobject_cast<QSpinBox*>(w)) {
      s->setValue(v.toInt());
    } else if (auto* d = qobject_cast<QDoubleSpinBox*>(w)) {
      d->setValue(v.toDouble());
    } else if (auto* c = qobject_cast<QComboBox*>(w)) {
      const int i = v.toInt();
      if (i >= 0 && i < c->count()) c->setCurrentIndex(i);
    } else if (auto* b = qobject_cast<QCheckBox*>(w)) {
      b->setChecked(v.toBool());
    } else if (auto* e = qobject_cast<QLineEdit*>(w)) {
      e->setText(v.toString());
    }
  }
}

void saveInputs(const QWidget* form, const QString& group) {
  QSettings settings;
  for (const QWidget* w : namedInputs(form)) {
    QVariant v;
    if (auto* s = qobject_cast<const QSpinBox*>(w))
      v = s->value();
    else if (auto* d = qobject_cast<const QDoubleSpinBox*>(w))
      v = d->value();
    else if (auto* c = qobject_cast<const QComboBox*>(w))
      v = c->currentIndex();
    else if (auto* b = qobject_cast<const QCheckBox*>(w))
      v = b->isChecked();
    else if (auto* e = qobject_cast<const QLineEdit*>(w))
      v = e->text();
    settings.setValue(keyOf(group, w), v);
  }
}

}  // namespace sddui
