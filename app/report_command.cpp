#include "report_command.h"

#include <QApplication>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <iomanip>
#include <iostream>

#include "report.h"
#include "sdd/dataset/dataset.h"
#include "sdd/util/atomic_file.h"

namespace sdd::cli {

int runReport(const Dataset& dataset, const ReportRequest& r) {
  // QCustomPlot draws through widgets: a QApplication is needed, without any display.
  if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
  static int argc = 1;
  static char name[] = "sdd";
  static char* argv[] = {name, nullptr};
  QApplication app(argc, argv);
  QApplication::setApplicationVersion(QStringLiteral(SDD_VERSION));

  sddui::ReportOptions opt;
  opt.split = QString::fromStdString(r.split);
  opt.device = QString::fromStdString(r.device);
  opt.threads = r.threads;
  opt.fovMeters = r.fov;
  opt.workspace = QString::fromStdString(r.workspace.string());
  opt.version = QStringLiteral(SDD_VERSION);
  for (const auto& m : r.compare) opt.compareModels << QString::fromStdString(m.string());
  const bool tty = r.progress;
  const sddui::ReportData data = sddui::collectReport(
      dataset, QString::fromStdString(r.model.string()), opt, [tty](int done, int total, const QString& what) {
        if (tty && (done == total || done % 20 == 0))
          std::cerr << "\r" << what.toStdString() << ": " << done << "/" << total << (done == total ? "\n" : "") << std::flush;
      });
  sddui::writeReportPdf(data, QString::fromStdString(r.pdf.string()));
  try {
    sddui::recordReport(data, QString::fromStdString(r.pdf.string()));
  } catch (const WriteError& e) {
    throw WriteError("the report " + r.pdf.string() + " was written, but recording it in the workspace failed: " +
                     e.what());
  }
  const auto& ev = data.evaluation;
  std::cout << "report " << r.pdf.string() << "\n"
            << std::fixed << std::setprecision(4) << "  " << ev.samples.size() << " " << r.split
            << " images: accuracy " << ev.eval.accuracy << ", macro F1 " << ev.eval.macroF1 << ", macro AUC "
            << ev.eval.macroAuc << "\n"
            << std::setprecision(2) << "  median " << ev.medianMs << " ms/image (file read to decision) on "
            << ev.device << "\n"
            << "  " << data.comparison.size() << " model(s) in the comparison\n";
  if (!r.json.empty()) {
    sdd::writeFileAtomically(r.json, sddui::reportJson(data).dump(2) + "\n");
  }
  return 0;
}

}  // namespace sdd::cli
