#pragma once
// Scrolling a form with the mouse wheel must not change its settings: a spin box or combo box
// under the pointer takes wheel turns only once it has focus (clicked or tabbed into);
// otherwise the turn scrolls the form around it. Lives on the GUI thread.

class QWidget;

namespace sddui {

/// Applies that rule to every spin box and combo box inside `form` (now; later children are
/// not covered).
void guardWheel(QWidget* form);

}  // namespace sddui
