#include "widgets/wheel_guard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QObject>
#include <QWidget>

namespace sddui {

namespace {

class WheelGuard : public QObject {
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* e) override {
    auto* w = qobject_cast<QWidget*>(watched);
    if (e->type() != QEvent::Wheel || !w || w->hasFocus()) return false;
    // Consumed here but not accepted: Qt hands the turn on to the parent (the scroll area).
    e->ignore();
    return true;
  }
};

}  // namespace

void guardWheel(QWidget* form) {
  auto* guard = new WheelGuard(form);
  QList<QWidget*> fields;
  for (auto* s : form->findChildren<QAbstractSpinBox*>()) fields << s;
  for (auto* c : form->findChildren<QComboBox*>()) fields << c;
  for (QWidget* w : fields) {
    w->setFocusPolicy(Qt::StrongFocus);  // not WheelFocus: a wheel turn does not focus it
    w->installEventFilter(guard);
  }
}

}  // namespace sddui
