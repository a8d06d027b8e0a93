// sdd-workbench: the Qt desktop workbench.
//   sdd-workbench [DATASET] [--model FILE] [--workspace DIR] [--device D] [--classify PATH]...
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include "main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("sdd-workbench"));
  QApplication::setOrganizationName(QStringLiteral("SDD Workbench"));
  QApplication::setApplicationVersion(QStringLiteral(SDD_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Steel surface defect detection workbench"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("dataset"),
                               QStringLiteral("dataset folder to open (default: data/NEU-DET when present)"));
  QCommandLineOption model(QStringLiteral("model"), QStringLiteral("model file (default: the shipped NEU model)"),
                           QStringLiteral("file"));
  QCommandLineOption workspace(QStringLiteral("workspace"),
                               QStringLiteral("workspace folder holding the label journal"), QStringLiteral("dir"));
  QCommandLineOption device(QStringLiteral("device"), QStringLiteral("auto (default), cpu, cuda or cuda:N"),
                            QStringLiteral("device"), QStringLiteral("auto"));
  QCommandLineOption classify(QStringLiteral("classify"),
                              QStringLiteral("image file or folder to classify at start (repeatable)"),
                              QStringLiteral("path"));
  parser.addOptions({model, workspace, device, classify});
  parser.process(app);  // unknown options: message and exit code 1

  sddui::WorkbenchOptions opt;
  const QStringList pos = parser.positionalArguments();
  if (pos.size() > 1) parser.showHelp(2);
  if (!pos.isEmpty()) {
    opt.dataset = pos[0];
  } else if (QFileInfo(QStringLiteral("data/NEU-DET")).isDir()) {
    opt.dataset = QDir(QStringLiteral("data/NEU-DET")).absolutePath();
  }
  opt.model = parser.value(model);
  opt.workspace = parser.value(workspace);
  opt.device = parser.value(device);
  opt.classify = parser.values(classify);
  sddui::MainWindow w(opt);
  w.show();
  return QApplication::exec();
}
