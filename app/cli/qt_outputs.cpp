// The Qt part of `sdd`: a QApplication without a display (QCustomPlot draws through
// widgets) and the plots and PDF drawn with it.
#include "qt_outputs.h"

#include <QApplication>
#include <QBuffer>
#include <cstdlib>
#include <string>

#include "plots.h"
#include "qcp.h"
#include "sdd/training/labeling_simulation.h"
#include "sdd/util/atomic_file.h"

namespace sdd::cli {

void ensureQtApplication() {
  if (QApplication::instance()) return;
  if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
  static int argc = 1;
  static char name[] = "sdd";
  static char* argv[] = {name, nullptr};
  static QApplication app(argc, argv);
  QApplication::setApplicationVersion(QStringLiteral(SDD_VERSION));
}

void writeSimulationPlot(const std::vector<SimulationRow>& rows, const std::filesystem::path& png,
                         int width, int height) {
  ensureQtApplication();
  QCustomPlot plot;
  plot.resize(width, height);
  sddreport::drawLabelingCurves(&plot, rows);
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!plot.toPixmap(width, height).save(&buffer, "PNG"))
    throw WriteError("cannot encode the plot for " + png.string());
  writeFileAtomically(png, std::string(bytes.constData(), std::size_t(bytes.size())));
}

}  // namespace sdd::cli
