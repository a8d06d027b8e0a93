#include "widgets/decision_badge.h"

#include <QCoreApplication>

namespace sddui {

QString decisionText(sdd::Decision d) {
  switch (d) {
    case sdd::Decision::Review:
      return QCoreApplication::translate("DecisionBadge", "review");
    case sdd::Decision::Unknown:
      return QCoreApplication::translate("DecisionBadge", "unknown");
    case sdd::Decision::Accept:
      break;
  }
  return QCoreApplication::translate("DecisionBadge", "OK");
}

QColor decisionColor(sdd::Decision d) {
  switch (d) {
    case sdd::Decision::Review:
      return QColor(178, 106, 0);
    case sdd::Decision::Unknown:
      return QColor(142, 36, 170);
    case sdd::Decision::Accept:
      break;
  }
  return QColor(0, 130, 60);
}

QString decisionBadgeHtml(sdd::Decision d) {
  return QStringLiteral("<span style='background:%1;color:white'>&nbsp;%2&nbsp;</span>")
      .arg(decisionColor(d).name(), decisionText(d));
}

QString decisionWhyHtml(sdd::Decision d, double calibrated, double unknownScore,
                        const QString& outside) {
  // The size check's reason (sdd::outsideTrainedShapes) names the sizes, in the core's words.
  if (d == sdd::Decision::Unknown && !outside.isEmpty())
    return QCoreApplication::translate("DecisionBadge",
                                       "<br><span style='color:%1'>outside the image sizes it "
                                       "was trained on: %2</span>")
        .arg(decisionColor(d).name(), outside.toHtmlEscaped());
  if (d == sdd::Decision::Unknown)
    return QCoreApplication::translate("DecisionBadge",
                                       "<br><span style='color:%1'>unlike every class it was "
                                       "trained on (unknown score %2)</span>")
        .arg(decisionColor(d).name())
        .arg(unknownScore, 0, 'f', 1);
  if (d == sdd::Decision::Review)
    return QCoreApplication::translate("DecisionBadge",
                                       "<br><span style='color:%1'>not sure enough: a person "
                                       "should look (calibrated %2)</span>")
        .arg(decisionColor(d).name())
        .arg(calibrated, 0, 'f', 3);
  return QString();
}

}  // namespace sddui
