// sdd scan
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "commands.h"
#include "common.h"
#include "sdd/dataset/dataset.h"

namespace fs = std::filesystem;

namespace sdd::cli {

int cmdScan(const std::vector<std::string>& argv) {
  Args args(argv, {"val-fraction", "split-seed", "seed", "workspace", "classes"}, {"help"});
  if (args.has("help")) {
    std::cout << "usage: sdd scan [DATASET] [--val-fraction F] [--seed N] [--split-seed N] "
                 "[--workspace DIR]\n";
    return 0;
  }
  const sdd::Dataset ds =
      scanDataset(args, args.integer("seed", 42, 0, 2147483647), true, args.str("workspace", ""));
  std::size_t boxes = 0, annotated = 0, masked = 0, outlined = 0;
  for (const auto& s : ds.samples()) {
    boxes += s.boxes.size();
    annotated += !s.boxes.empty();
    masked += !s.mask.empty();
    for (const auto& b : s.boxes) outlined += !b.outline.empty();
  }
  // Outlined: a polygon or a mask object of a labeling tool, which the defect map learns as
  // that shape rather than as its box.
  std::cout << "  " << ds.samples().size() << " images, " << masked << " with masks, " << annotated
            << " with boxes (" << boxes << " boxes"
            << (outlined ? ", " + std::to_string(outlined) + " of them outlined" : std::string())
            << "), " << ds.duplicates().size() << " duplicate group(s), " << ds.skipped().size()
            << " skipped file(s)\n";
  return 0;
}

}  // namespace sdd::cli
