// libFuzzer target: model-file loading (loadModelFile) on arbitrary bytes: truncated,
// damaged, from another program, not a model at all. The seed is a version-2 file. The only
// acceptable failure is a ModelError; a file that loads must run.
#include <cstdint>

#include <torch/torch.h>

#include "fuzz_support.h"
#include "sdd/model/archive_check.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/model_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A version-1 file (a LibTorch archive): only our ZIP/CRC check runs on it. LibTorch's own
  // parser crashes on crafted archives with valid CRCs (known-libtorch-crashes/README.md).
  if (size >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4) {
    sdd::checkZipArchive(std::vector<std::uint8_t>(data, data + size));
    return 0;
  }
  const auto file = sdd::fuzz::scratchDir() / "model.sddm";
  sdd::fuzz::writeFile(file, data, size);
  try {
    sdd::LoadedModel m = sdd::loadModelFile(file);
    const auto& spec = m.metadata.spec;
    if (spec.inputSize <= 256) {
      torch::NoGradGuard guard;
      const auto out = m.net->forward(torch::zeros({1, spec.inputChannels, spec.inputSize, spec.inputSize}));
      if (out.size(1) != static_cast<std::int64_t>(m.metadata.classes.size()))
        sdd::fuzz::fail("model output width differs from its class list");
    }
  } catch (const sdd::ModelError&) {
  }
  return 0;
}
