// libFuzzer target: Pascal VOC annotation parsing (NEU-DET's ANNOTATIONS / annotations).
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "sdd/dataset/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto boxes = sdd::parseVocBoxes(xml, &error);
  if (!error.empty() && !boxes.empty()) sdd::fuzz::fail("boxes returned together with an error");
  return 0;
}
