// sdd export
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
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kExportHelp = R"(usage: sdd export (--onnx FILE | --sddm FILE) [--model MODEL]
--onnx: writes the model as a standard ONNX file (opset 13) for other runtimes and inference
servers. Input "image": float [N,C,H,W], RGB pixels / 255 (the normalization is inside the
graph); output "probabilities": float [N,classes]. The class names and the input spec are in
the file's metadata.
--sddm: writes the model in the current SDD model format (version 2, read by our own
checked parser). Model files from before it are LibTorch archives, which still load after a
CRC check; upgrade them with this. FILE must differ from MODEL. MODEL defaults to the
shipped model.
)";

}  // namespace

int cmdExport(const std::vector<std::string>& argv) {
  Args args(argv, {"model", "onnx", "sddm"}, {"help"});
  if (args.has("help") || args.has("onnx") == args.has("sddm")) {
    std::cout << kExportHelp;
    return args.has("help") ? 0 : 2;
  }
  const fs::path model = args.str("model", defaultModel().string());
  if (!fs::exists(model)) throw sdd::ModelError("model file does not exist: " + model.string());
  if (args.has("sddm")) {
    const fs::path out = args.str("sddm", "");
    std::error_code ec;
    if (fs::equivalent(model, out, ec))
      throw CliError("--sddm: give a new file, not the model itself");
    const auto meta = sdd::upgradeModelFile(model, out);
    std::cout << "wrote " << out.string() << " (" << fs::file_size(out)
              << " bytes, SDD model format 2): " << meta.spec.describe() << "\n";
    return 0;
  }
  const fs::path out = args.str("onnx", "");
  sdd::exportOnnx(model, out, SDD_VERSION);
  const auto meta = sdd::readModelMetadata(model);
  std::cout << "wrote " << out.string() << " (" << fs::file_size(out)
            << " bytes, ONNX opset 13): " << meta.spec.describe() << "\ninput  \"image\"  float [N,"
            << meta.spec.inputChannels << "," << meta.spec.inputSize << "," << meta.spec.inputSize
            << "], " << (meta.spec.inputChannels == 3 ? "RGB" : "grey")
            << " pixels / 255 (normalization is inside)\n"
            << "output \"probabilities\" float [N," << meta.classes.size() << "]: ";
  for (std::size_t i = 0; i < meta.classes.size(); ++i)
    std::cout << (i ? ", " : "") << meta.classes[i];
  std::cout << "\n";
  if (meta.spec.defectMap)
    std::cout << "output \"defect_map\" float [N,1," << meta.spec.mapSize() << ","
              << meta.spec.mapSize() << "]: the defect probability per cell\n";
  return 0;
}

}  // namespace sdd::cli
