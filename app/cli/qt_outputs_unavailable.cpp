// `sdd` in a build without the Qt layers (SDD_BUILD_UI=OFF): what is drawn with Qt (the PDF
// report, the simulation's plot) is refused with the reason.
#include <stdexcept>

#include "commands.h"
#include "qt_outputs.h"

namespace sdd::cli {

int cmdReport(const std::vector<std::string>&) {
  throw std::runtime_error(
      "this sdd was built without Qt (SDD_BUILD_UI=OFF), which draws the report");
}

void writeSimulationPlot(const std::vector<SimulationRow>&, const std::filesystem::path&, int,
                         int) {
  throw std::runtime_error(
      "this sdd was built without Qt (SDD_BUILD_UI=OFF), which draws the plot");
}

}  // namespace sdd::cli
