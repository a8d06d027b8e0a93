#pragma once
// What `sdd` draws with Qt and the report layer (QCustomPlot): the PDF report (cmd_report.cpp)
// and the labeling simulation's plot. In a build without Qt (SDD_BUILD_UI=OFF)
// qt_outputs_unavailable.cpp stands in and says so.

#include <filesystem>
#include <vector>

namespace sdd {
struct SimulationRow;
}

namespace sdd::cli {

/// A QApplication for drawing (offscreen when QT_QPA_PLATFORM is not set), made once.
void ensureQtApplication();

/// Draws the simulation's curves (sddreport::drawLabelingCurves) as a PNG of `width` x
/// `height` pixels, written whole or not at all.
void writeSimulationPlot(const std::vector<SimulationRow>& rows, const std::filesystem::path& png,
                         int width = 900, int height = 560);

}  // namespace sdd::cli
