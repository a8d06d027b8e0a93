#pragma once
// How a confidence rule's decision (accept / review / unknown, sdd::decide) is shown wherever
// the workbench shows one: the Classify panel's table and detail, the Review tab. One home so
// that a "review" looks and reads the same everywhere.

#include <QColor>
#include <QString>

#include "sdd/metrics/calibration.h"

namespace sddui {

/// The badge text of a decision ("OK", "review", "unknown") and its colour.
QString decisionText(sdd::Decision d);
QColor decisionColor(sdd::Decision d);
/// The badge as rich text: the text on its colour.
QString decisionBadgeHtml(sdd::Decision d);
/// Why the rule decided so, as rich text starting with a line break (empty for OK):
/// `calibrated` is the top class's probability at the rule's temperature, `unknownScore` the
/// image's unknown score.
QString decisionWhyHtml(sdd::Decision d, double calibrated, double unknownScore,
                        const QString& outside = QString());

}  // namespace sddui
