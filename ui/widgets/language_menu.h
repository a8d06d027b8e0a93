#pragma once
// Settings ▸ Language: the system's language or one of the translations, from the next start.

#include <QString>
#include <functional>

class QMenu;

namespace sddui {

/// Fills `menu`; `chosen(message)` runs after a choice was saved (the message says when it
/// takes effect).
void fillLanguageMenu(QMenu* menu, std::function<void(const QString&)> chosen);

}  // namespace sddui
