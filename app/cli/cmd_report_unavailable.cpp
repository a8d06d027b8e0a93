// sdd report in a build without the Qt layers (SDD_BUILD_UI=OFF): the report is drawn with Qt.
#include <stdexcept>

#include "commands.h"

namespace sdd::cli {

int cmdReport(const std::vector<std::string>&) {
  throw std::runtime_error(
      "this sdd was built without Qt (SDD_BUILD_UI=OFF), which draws the report");
}

}  // namespace sdd::cli
