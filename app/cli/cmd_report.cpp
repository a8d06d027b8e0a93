// sdd report: the workbench's PDF report, headless (qt_outputs: a QApplication for the plots,
// offscreen when there is no display).
#include <iomanip>
#include <iostream>
#include <vector>

#include "commands.h"
#include "common.h"
#include "qt_outputs.h"
#include "report_pdf.h"
#include "sdd/dataset/dataset.h"
#include "sdd/report/report_data.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/json.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kReportHelp = R"(usage: sdd report [DATASET] [options]
  --model FILE         model to report on (default: the shipped model)
  --out FILE           the PDF to write (default sdd-report.pdf)
  --json FILE          also write the report's numbers as JSON
  --split NAME         validation (default) | train | all
  --compare LIST       further model files for the Table V comparison, comma separated
  --workspace DIR      use the labels of a workbench workspace and count relabels since its
                       last report
  --fov M              field of view along the strip in metres for the line speed (0.5)
  --val-fraction F, --seed N   split of a dataset without split folders
  --split-seed N       ignore the split folders; seeded stratified split (as in sdd train)
  --threads N          default 1 (one image at a time, timed from file read to decision)
  --device D
  --quiet              no progress line (it is shown only on a terminal anyway)
)";

struct ReportRequest {
  fs::path model, pdf, json;
  ReportOptions options;
  bool progress = false;  ///< a progress line on stderr
};

int runReport(const Dataset& dataset, const ReportRequest& r) {
  ensureQtApplication();  // QCustomPlot draws through widgets

  const bool tty = r.progress;
  const ReportData data =
      collectReport(dataset, r.model, r.options, [tty](const ReportProgress& p) {
        if (tty && (p.done == p.total || p.done % 20 == 0))
          std::cerr << "\r" << (p.model == 0 ? "evaluating " : "comparing with ")
                    << p.file.filename().string() << ": " << p.done << "/" << p.total
                    << (p.done == p.total ? "\n" : "") << std::flush;
      });
  sddreport::writeReportPdf(data, QString::fromStdString(r.pdf.string()));
  try {
    recordReport(data, r.pdf);
  } catch (const WriteError& e) {
    throw WriteError("the report " + r.pdf.string() +
                     " was written, but recording it in the workspace failed: " + e.what());
  }
  const auto& ev = data.evaluation;
  std::cout << "report " << r.pdf.string() << "\n"
            << std::fixed << std::setprecision(4) << "  " << ev.samples.size() << " "
            << r.options.split << " images: accuracy " << ev.eval.accuracy << ", macro F1 "
            << ev.eval.macroF1 << ", macro AUC " << ev.eval.macroAuc << "\n"
            << std::setprecision(2) << "  median " << ev.medianMs
            << " ms/image (file read to decision) on " << ev.device << "\n"
            << "  " << data.comparison.size() << " model(s) in the comparison\n";
  for (const auto& m : data.skippedModels)
    std::cerr << "warning: " << m.file.string() << " not compared: " << m.reason << "\n";
  if (!r.json.empty()) writeFileAtomically(r.json, dumpJson(reportJson(data), 2) + "\n");
  return 0;
}

}  // namespace

int cmdReport(const std::vector<std::string>& argv) {
  Args args(argv,
            {"model", "out", "json", "split", "compare", "workspace", "fov", "val-fraction",
             "split-seed", "seed", "threads", "device", "classes"},
            {"help", "quiet"});
  if (args.has("help")) {
    std::cout << kReportHelp;
    return 0;
  }
  ReportRequest r;
  r.model = args.str("model", defaultModel().string());
  r.pdf = args.str("out", "sdd-report.pdf");
  r.json = args.str("json", "");
  r.options.split = args.choice("split", "validation", {"validation", "train", "all"});
  r.options.workspace = args.str("workspace", "");
  r.options.fovMeters = args.real("fov", 0.5, 0.001, 1000);
  r.options.threads = args.integer("threads", 1, 0, 1024);
  r.options.device = args.str("device", "auto");
  r.options.version = SDD_VERSION;
  r.progress = isTty() && !args.has("quiet");
  const std::string compare = args.str("compare", "");
  for (std::size_t a = 0; a < compare.size();) {
    std::size_t b = compare.find(',', a);
    if (b == std::string::npos) b = compare.size();
    if (b > a) {
      const fs::path m = compare.substr(a, b - a);
      if (!fs::exists(m)) throw CliError("--compare: model file does not exist: " + m.string());
      r.options.compareModels.push_back(m);
    }
    a = b + 1;
  }
  if (!fs::exists(r.model)) throw sdd::ModelError("model file does not exist: " + r.model.string());
  const sdd::Dataset ds =
      scanDataset(args, args.integer("seed", 42, 0, 2147483647), false, r.options.workspace);
  return runReport(ds, r);
}

}  // namespace sdd::cli
