#pragma once
/// Library versions shown in the workbench's About box (placeholder until the GUI issue).
#include <QString>

namespace sdd::ui {
QString aboutText();
}
