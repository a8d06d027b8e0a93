// sdd — the command-line face of SDD Workbench. This file dispatches to the commands
// (cmd_<name>.cpp) and turns their errors into exit codes; standard output is checked before
// the program exits.
#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.h"
#include "common.h"
#include "sdd/dataset/dataset.h"
#include "sdd/labels/label_store.h"
#include "sdd/model/model_spec.h"
#include "sdd/util/atomic_file.h"

using namespace sdd::cli;

namespace {

const char* kUsage = R"(usage: sdd <command> [arguments] [options]

commands:
  scan    [DATASET]            describe a dataset: layout, classes, splits, boxes, masks,
                               duplicates, bad files
  train   [DATASET]            train the detector (recommended recipe; --preset tableII: the paper's)
  eval    [DATASET]            evaluate a model: Table IV, confusion matrix, ROC/AUC
  predict FILE|FOLDER...       classify images and time them from file read to decision
  info    [MODEL]              show what a model file holds
  report  [DATASET]            evaluate a model and write the PDF report (as the workbench does)
  suspects [DATASET]           k-fold out-of-fold scoring: list images whose label looks wrong
  reduce  [DATASET]            the paper's model-reduction search (Fig. 3) and Table V
  export  --onnx FILE          write the model as ONNX for other runtimes
          --sddm FILE          ... or in the current model file format (upgrades old files)
  relabel [DATASET] --workspace DIR (--csv FILE | FILE... --to CLASS)
                               record relabels in a workspace's journal (files untouched)
  journal --workspace DIR      check a label journal (SQLite integrity) and export it as CSV
  prelabel [DATASET]           the model's suggestion for every image without a class (CSV)
  label   [DATASET] --workspace DIR --accept-above T
                               accept the suggestions at least that confident as labels
  simulate-labeling [DATASET]  how many labels uncertainty sampling saves over random (rounds)
  calibrate [DATASET] --out F  a copy of the model with its confidence rule (temperature,
                               review threshold) fitted on a split

DATASET defaults to data/NEU-DET. It may be the NEU-DET layout
(train|validation/images/<class>/), NEU-CLS (flat Cr_1.bmp ... Sc_300.bmp), YOLO (images/ +
labels/*.txt with a data.yaml: the class is that of the boxes covering the most area), Pascal
VOC (JPEGImages/ + Annotations/, or x.xml beside x.jpg: the class is the box class the file
name starts with, else by area), COCO (a detection JSON beside the images or in annotations/:
the same class rule; also LabelMe / X-AnyLabeling, Label Studio, CVAT (images or video),
CreateML, Supervisely, Datumaro and box-record files), a CSV label file (train.csv: image and
class columns, Severstal's pixels) or one folder per class (then a seeded, stratified 80/20
split is made); masks beside the images are attached to them, and are the labels (defect /
good, or the class numbers of class-indexed masks) where nothing else names a class; folders
named by numbers (0/, 1/) are classes only where nothing else names one; images in
unlabeled/ (unsorted/, new/), or in a folder without class folders, have no class yet
(--classes A,B,... names the classes then). MODEL defaults to the shipped model.
Run `sdd <command> --help` for the options of a command.

exit codes: 0 success, 1 failure, 2 bad command line (unknown option, bad value),
            3 dataset problem, 4 model file problem, 5 label journal problem,
            6 an output file or standard output could not be written (e.g. disk full)
)";

int dispatch(const std::string& cmd, const std::vector<std::string>& rest) {
  if (cmd == "scan") return cmdScan(rest);
  if (cmd == "train") return cmdTrain(rest);
  if (cmd == "eval") return cmdEval(rest);
  if (cmd == "predict") return cmdPredict(rest);
  if (cmd == "info") return cmdInfo(rest);
  if (cmd == "report") return cmdReport(rest);
  if (cmd == "suspects") return cmdSuspects(rest);
  if (cmd == "reduce") return cmdReduce(rest);
  if (cmd == "export") return cmdExport(rest);
  if (cmd == "relabel") return cmdRelabel(rest);
  if (cmd == "journal") return cmdJournal(rest);
  if (cmd == "prelabel") return cmdPrelabel(rest);
  if (cmd == "label") return cmdLabel(rest);
  if (cmd == "simulate-labeling") return cmdSimulateLabeling(rest);
  if (cmd == "calibrate") return cmdCalibrate(rest);
  if (cmd == "--version") {
    std::cout << "sdd " << SDD_VERSION << "\n";
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << (cmd.empty() ? "sdd: no command given\n" : "sdd: unknown command '" + cmd + "'\n")
            << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> rest(argv + std::min(argc, 2), argv + argc);
  const std::string cmd = argc > 1 ? argv[1] : "";
  auto fail = [&](int code, const std::string& what) {
    std::cerr << "sdd " << cmd << ": " << what << "\n";
    return code;
  };
  int rc = 0;
  try {
    rc = dispatch(cmd, rest);
  } catch (const CliError& e) {
    rc = fail(2, e.what());
  } catch (const std::invalid_argument& e) {
    rc = fail(2, e.what());
  } catch (const sdd::DatasetError& e) {
    rc = fail(3, e.what());
  } catch (const sdd::ModelError& e) {
    rc = fail(4, e.what());
  } catch (const sdd::LabelStoreError& e) {
    rc = fail(5, e.what());
  } catch (const sdd::WriteError& e) {
    rc = fail(kExitWriteError, e.what());
  } catch (const std::exception& e) {
    // OpenCV's and LibTorch's exceptions end here too, as a message and not std::terminate.
    rc = fail(1, std::string("error: ") + e.what());
  }
  // What went to standard output only reaches a full disk or /dev/full when it is flushed.
  try {
    sdd::flushStandardOutput();
  } catch (const sdd::WriteError& e) {
    return fail(rc ? rc : kExitWriteError, e.what());
  }
  return rc;
}
