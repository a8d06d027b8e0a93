#pragma once
// The report's defect-map page: for a model with a defect map, how often its peak falls in the
// annotated regions of the split, how well its regions match them, and one image per class
// with the map, the annotations and the regions it finds.

#include "sdd/report/report_data.h"

namespace sddreport {

class Document;

/// Draws "Where the defects are" when the report holds a defect map; nothing otherwise.
void drawDefectMapSection(Document& doc, const sdd::ReportData& d);

}  // namespace sddreport
