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
#include "sdd/labels/box_export.h"
#include "sdd/model/detector_net.h"
#include "sdd/model/onnx_export.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kExportHelp = R"(usage: sdd export (--onnx FILE | --sddm FILE) [--model MODEL]
       sdd export (--voc DIR | --coco FILE) [DATASET] [--workspace DIR]
--onnx: writes the model as a standard ONNX file (opset 13) for other runtimes and inference
servers. Input "image": float [N,C,H,W], RGB pixels / 255 (the normalization is inside the
graph); output "probabilities": float [N,classes]. The class names and the input spec are in
the file's metadata.
--sddm: writes the model in the current SDD model format (version 2, read by our own
checked parser). Model files from before it are LibTorch archives, which still load after a
CRC check; upgrade them with this. FILE must differ from MODEL. MODEL defaults to the
shipped model.
--voc / --coco: writes the dataset's defect boxes as they are now (its VOC files with the
boxes edited in the workbench, from the workspace's journal) as Pascal VOC XML, one file per
image under DIR mirroring the images' paths (DIR must be new or empty), or as one COCO
detection JSON (bbox = [xmin, ymin, xmax - xmin, ymax - ymin]; categories: the classes, then
other box names). Both may be given at once. The dataset's own files are never written.
)";

int exportBoxes(const Args& args) {
  const fs::path workspace = args.str("workspace", "");
  const sdd::Dataset ds = scanDataset(args, 42, false, workspace);
  std::size_t boxes = 0, images = 0;
  for (const auto& s : ds.samples()) boxes += s.boxes.size(), images += !s.boxes.empty();
  if (args.has("voc")) {
    const fs::path out = args.str("voc", "");
    const std::size_t n = sdd::exportVocAnnotations(ds, out);
    std::cout << "wrote " << n << " Pascal VOC annotation(s) to " << out.string() << " (" << boxes
              << " boxes on " << images << " image(s))\n";
  }
  if (args.has("coco")) {
    const fs::path out = args.str("coco", "");
    const sdd::CocoSummary c = sdd::exportCoco(ds, out);
    std::cout << "wrote " << out.string() << " (COCO: " << c.images << " images, " << c.annotations
              << " boxes, " << c.categories << " categories)\n";
  }
  return 0;
}

}  // namespace

int cmdExport(const std::vector<std::string>& argv) {
  Args args(argv, {"model", "onnx", "sddm", "voc", "coco", "workspace", "classes"}, {"help"});
  const bool boxes = args.has("voc") || args.has("coco");
  if (boxes && !args.has("onnx") && !args.has("sddm") && !args.has("model") && !args.has("help"))
    return exportBoxes(args);
  if (args.has("help") || boxes || args.has("onnx") == args.has("sddm")) {
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
