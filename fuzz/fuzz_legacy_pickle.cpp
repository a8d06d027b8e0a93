// libFuzzer target: our reader of the LibTorch archives earlier versions wrote (model files
// version 1, checkpoint.pt), below the ZIP CRC check that stops most mutations in
// fuzz_model_file: the input is the archive's data.pkl, wrapped here in a well-formed ZIP
// with valid CRCs and sixteen 4 KB storages (data/0 … data/15). The seed is the data.pkl of
// a real version-1 file. The only acceptable failure is a ModelError.
#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "fuzz_model_support.h"
#include "sdd/model/archive_check.h"
#include "sdd/model/detector_net.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"m/data.pkl", std::string(reinterpret_cast<const char*>(data), size)}, {"m/version", "3\n"}};
  for (int i = 0; i < 16; ++i)
    entries.emplace_back("m/data/" + std::to_string(i), std::string(4096, '\0'));
  const std::string zip = sdd::makeStoredZip(entries);
  const auto file = sdd::fuzz::scratchDir() / "v1.sddm";
  sdd::fuzz::writeFile(file, reinterpret_cast<const std::uint8_t*>(zip.data()), zip.size());
  sdd::fuzz::loadAndRunModel(file);
  return 0;
}
