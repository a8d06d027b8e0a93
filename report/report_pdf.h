#pragma once
// The PDF evaluation report (File ▸ Export Report… and `sdd report`): dataset summary,
// model, training settings and curves, confusion matrix, Table IV, ROC curves, the Table V
// comparison, inference timing and line speed, Fig. 8-style examples including every
// misclassified image, and a reproducibility block. The data comes from the core
// (sdd::collectReport); this layer only draws it, so the workbench and the CLI write the same
// document. Needs a QApplication (the plots are QCustomPlot widgets drawn into the PDF).

#include <QString>

#include "sdd/report/report_data.h"

namespace sddreport {

/// Writes the PDF, all or nothing. Throws sdd::WriteError naming the file and the reason
/// when it cannot be written.
void writeReportPdf(const sdd::ReportData& data, const QString& pdfFile);

}  // namespace sddreport
