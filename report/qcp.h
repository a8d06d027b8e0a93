#pragma once
// QCustomPlot 2.1's header uses the Qt keywords `signals` and `foreach`, which QT_NO_KEYWORDS
// (needed because LibTorch uses `slots` as an identifier) removes. Include it only via here.
#include <QtGlobal>
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach
