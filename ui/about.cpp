#include "about.h"

#include "qcp.h"

namespace sdd::ui {
QString aboutText() {
  return QStringLiteral("SDD Workbench — Qt %1, QCustomPlot %2")
      .arg(QString::fromLatin1(qVersion()), QString::fromLatin1(QCUSTOMPLOT_VERSION_STR));
}
}  // namespace sdd::ui
