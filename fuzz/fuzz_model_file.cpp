// libFuzzer target: model-file loading (loadModelFile) on arbitrary bytes: truncated,
// damaged, from another program, not a model at all. Seeds: a version-2 file and a version-1
// file (a LibTorch archive, which our own ZIP check and pickle reader parse). The only
// acceptable failure is a ModelError; a file that loads must run.
#include <torch/torch.h>

#include <cstdint>

#include "fuzz_model_support.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/model_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = sdd::fuzz::scratchDir() / "model.sddm";
  sdd::fuzz::writeFile(file, data, size);
  sdd::fuzz::loadAndRunModel(file);
  return 0;
}
