#include "widgets/scan_problems.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QStringList>

namespace sddui {

namespace {

// The layout's name in the user's language (NEU-DET and NEU-CLS are names, not words).
QString layoutName(sdd::DatasetLayout layout) {
  switch (layout) {
    case sdd::DatasetLayout::FolderPerClass:
      return QCoreApplication::translate("sddui::ScanProblems", "a folder per class");
    case sdd::DatasetLayout::Unlabeled:
      return QCoreApplication::translate("sddui::ScanProblems", "images without classes");
    case sdd::DatasetLayout::Csv:
      return QCoreApplication::translate("sddui::ScanProblems", "classes from a CSV file");
    case sdd::DatasetLayout::Masked:
      return QCoreApplication::translate("sddui::ScanProblems",
                                         "images with masks; classes from the masks");
    default:
      return QString::fromLatin1(sdd::toString(layout));
  }
}

}  // namespace

QString describeOpened(const QString& folder, const sdd::Dataset& ds,
                       const sdd::AppliedLabels& applied) {
  QString msg =
      QCoreApplication::translate("sddui::ScanProblems", "Opened %1: %2 images, %3 classes (%4)")
          .arg(folder)
          .arg(ds.samples().size())
          .arg(ds.classes().size())
          .arg(layoutName(ds.layout()));
  if (ds.dataFolder() != ds.root())
    msg += QCoreApplication::translate("sddui::ScanProblems", ", read from %1")
               .arg(QString::fromStdString(
                   ds.dataFolder().lexically_relative(ds.root()).generic_string()));
  if (!ds.skipped().empty())
    msg += QCoreApplication::translate("sddui::ScanProblems", ", %1 file(s) skipped")
               .arg(ds.skipped().size());
  if (!ds.notes().empty())  // how the files were read where they left a choice
    msg += QStringLiteral("; %1: %2")
               .arg(QString::fromStdString(ds.notes().front().file.filename().string()),
                    QString::fromStdString(ds.notes().front().reason));
  if (applied.changed)
    msg += QCoreApplication::translate("sddui::ScanProblems", ", %1 relabel(s) from the workspace")
               .arg(applied.changed);
  int conflicts = 0;
  for (const sdd::DuplicateGroup& g : ds.duplicates())
    conflicts += !ds.conflictingLabels(g).empty();
  if (conflicts)
    msg += QCoreApplication::translate(
               "sddui::ScanProblems",
               ", %1 group(s) of identical images labeled differently (Show: Duplicates)")
               .arg(conflicts);
  return msg;
}

void showScanProblems(QWidget* parent, const sdd::Dataset& ds, const sdd::AppliedLabels& applied) {
  if (ds.skipped().empty() && applied.unknownPaths.empty() && ds.notes().empty()) return;
  const auto line = [](const sdd::ScanIssue& i) {
    return QStringLiteral("%1: %2").arg(QString::fromStdString(i.file.string()),
                                        QString::fromStdString(i.reason));
  };
  QStringList lines;
  for (const auto& s : ds.skipped()) lines << line(s);
  for (const auto& p : applied.unknownPaths)
    lines << QCoreApplication::translate(
                 "sddui::ScanProblems",
                 "%1: relabeled in the workspace but no longer in the dataset")
                 .arg(QString::fromStdString(p));
  const auto unusable = lines.size();
  bool aboutClasses = false;          // a class list changes those readings, not e.g. a split's
  for (const auto& n : ds.notes()) {  // not problems, but read here too
    lines << line(n);
    aboutClasses = aboutClasses || n.reason.find("class") != std::string::npos;
  }
  // Only notes: the dataset is whole, but read one way of two; say which, and how to change it.
  QMessageBox box(
      unusable ? QMessageBox::Warning : QMessageBox::Information,
      QCoreApplication::translate("sddui::ScanProblems", "Open dataset"),
      unusable ? QCoreApplication::translate(
                     "sddui::ScanProblems",
                     "%1 file(s) could not be used; the rest of the dataset is open.")
                     .arg(unusable)
               : QCoreApplication::translate(
                     "sddui::ScanProblems",
                     "The dataset is open. Where its files allow two readings, it was read as "
                     "below.") +
                     (aboutClasses ? QLatin1Char(' ') + QCoreApplication::translate(
                                                            "sddui::ScanProblems",
                                                            "Dataset > Set Class List… takes "
                                                            "other classes.")
                                   : QString()) +
                     QStringLiteral("\n\n") + lines.join('\n'),
      QMessageBox::Ok, parent);
  if (unusable) box.setDetailedText(lines.join('\n'));
  if (!qEnvironmentVariableIsSet("SDD_NO_DIALOGS")) box.exec();
}

}  // namespace sddui
