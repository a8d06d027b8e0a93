#pragma once
// Settings a user chose come back after a restart: the named inputs of a form (spin boxes,
// combo boxes, check boxes, line edits whose objectName is set) are kept in QSettings under
// a group. GUI thread only.

#include <QList>
#include <QString>

class QWidget;

namespace sddui {

/// Restores the named inputs inside `form` from QSettings group `group`, the widgets in
/// `first` before the others (a preset that fills in the rest, which then get their own
/// stored values). A stored value an input no longer accepts (an index past the end) is
/// ignored.
void restoreInputs(QWidget* form, const QString& group, const QList<QWidget*>& first = {});
/// Stores the values of the named inputs inside `form` (all of them at once, so that values
/// a preset set with signals blocked are kept too).
void saveInputs(const QWidget* form, const QString& group);

}  // namespace sddui
