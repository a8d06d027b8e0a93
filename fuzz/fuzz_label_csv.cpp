// libFuzzer target: relabel CSV import (`sdd relabel --csv`, the workbench's Import labels).
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "sdd/labels/label_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const sdd::LabelCsv csv = sdd::parseLabelCsv(text);
  std::size_t lastLine = 0;
  for (const auto& row : csv.rows) {
    if (row.path.empty() || row.label.empty()) sdd::fuzz::fail("a kept row has an empty field");
    if (row.line <= lastLine) sdd::fuzz::fail("row line numbers do not increase");
    lastLine = row.line;
  }
  return 0;
}
