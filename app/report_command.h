#pragma once
// `sdd report`: the workbench's PDF report, headless. Lives apart from sdd_main.cpp so the
// rest of the CLI does not depend on Qt.

#include <filesystem>
#include <string>
#include <vector>

namespace sdd {
class Dataset;
}

namespace sdd::cli {

struct ReportRequest {
  std::filesystem::path model, pdf, json, workspace;
  std::string split = "validation", device = "auto";
  std::vector<std::filesystem::path> compare;
  double fov = 0.5;
  int threads = 1;
  bool progress = false;  ///< a progress line on stderr
};

/// Evaluates and writes the PDF (and JSON). Throws like the other commands.
int runReport(const Dataset& dataset, const ReportRequest& request);

}  // namespace sdd::cli
