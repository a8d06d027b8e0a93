#pragma once
// Asking the user for the classes of images whose folders name none (a folder straight off
// the line): names separated by commas, checked as the core checks a class list, asked
// again with the reason while they are not a valid list. Lives on the GUI thread.

#include <QString>
#include <QStringList>

class QWidget;

namespace sddui {

/// The class list the user typed; empty when cancelled (and always when SDD_NO_DIALOGS is
/// set: tests and scripted runs give the classes themselves). `why` says why it is asked;
/// `initial` is the text the field starts with (the classes now, when they are changed).
QStringList askClassList(QWidget* parent, const QString& why, const QString& initial = {});

}  // namespace sddui
