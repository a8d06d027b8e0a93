#include "widgets/about.h"

#include <opencv2/core/version.hpp>

#include "qcp.h"

namespace sddui {
QString aboutText() {
  return QStringLiteral(
             "<h3>SDD Workbench %1</h3><p>Steel surface defect detection: browse and relabel "
             "datasets, train and evaluate the dedicated CNN of Table II, explain its decisions, "
             "classify images, export PDF reports and ONNX models.</p>"
             "<p>Qt %2 · QCustomPlot %3 · OpenCV %4 · LibTorch</p>")
      .arg(QStringLiteral(SDD_VERSION), QString::fromLatin1(qVersion()),
           QString::fromLatin1(QCUSTOMPLOT_VERSION_STR), QStringLiteral(CV_VERSION));
}
}  // namespace sddui
