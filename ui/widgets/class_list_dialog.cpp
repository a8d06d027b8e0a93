#include "widgets/class_list_dialog.h"

#include <QInputDialog>

#include "sdd/dataset/dataset.h"

namespace sddui {

QStringList askClassList(QWidget* parent, const QString& why) {
  if (qEnvironmentVariableIsSet("SDD_NO_DIALOGS")) return {};
  QString problem, text;
  while (true) {
    bool ok = false;
    text = QInputDialog::getText(
        parent, QObject::tr("Classes of these images"),
        QObject::tr(
            "%1\n\nType the classes, separated by commas (e.g. crazing, patches, scratches). "
            "They are kept in the workspace.%2")
            .arg(why, problem.isEmpty() ? QString() : QStringLiteral("\n\n") + problem),
        QLineEdit::Normal, text, &ok);
    if (!ok) return {};
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
