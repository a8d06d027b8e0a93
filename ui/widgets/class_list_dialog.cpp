#include "widgets/class_list_dialog.h"

#include <QInputDialog>
#include <QLabel>

#include "sdd/dataset/dataset.h"

namespace sddui {

QStringList askClassList(QWidget* parent, const QString& why, const QString& initial) {
  if (qEnvironmentVariableIsSet("SDD_NO_DIALOGS")) return {};
  QString problem, text = initial;
  while (true) {
    QInputDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Classes of these images"));
    dialog.setLabelText(
        QObject::tr(
            "%1\n\nType the classes, separated by commas (e.g. crazing, patches, scratches). "
            "They are kept in the workspace.%2")
            .arg(why, problem.isEmpty() ? QString() : QStringLiteral("\n\n") + problem));
    dialog.setTextValue(text);
    // The reason can be a long sentence (a path, what the folder lacks): wrapped, not one line
    // as wide as the screen.
    for (QLabel* label : dialog.findChildren<QLabel*>()) label->setWordWrap(true);
    dialog.resize(560, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted) return {};
    text = dialog.textValue();
    try {
      QStringList out;
      for (const std::string& c : sdd::parseClassList(text.toStdString()))
        out << QString::fromStdString(c);
      return out;
    } catch (const sdd::DatasetError& e) {
      problem = QString::fromStdString(e.what());
    }
  }
}

}  // namespace sddui
