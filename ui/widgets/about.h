#pragma once
/// The About box text: what the program is and which libraries it runs on.
#include <QString>

namespace sddui {
QString aboutText();
}
