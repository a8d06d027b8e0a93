// sdd-workbench: the Qt desktop workbench.
//   sdd-workbench [DATASET] [--model FILE] [--workspace DIR] [--device D] [--classify PATH]...
//                 [--tab NAME] [--evaluate SPLIT]
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QSettings>
#include <QTranslator>
#include <cstdio>

#include "main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("sdd-workbench"));
  QApplication::setOrganizationName(QStringLiteral("SDD Workbench"));
  QApplication::setApplicationVersion(QStringLiteral(SDD_VERSION));
  QIcon icon;
  for (int size : {48, 64, 128, 256})
    icon.addFile(QStringLiteral(":/icons/sdd-workbench-%1.png").arg(size));
  QApplication::setWindowIcon(icon);
  QApplication::setDesktopFileName(QStringLiteral("sdd-workbench"));

  // The UI language: the one chosen in Settings ▸ Language, else the system's.
  const QString language =
      QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  const QLocale locale =
      language == QLatin1String("system") ? QLocale::system() : QLocale(language);
  QTranslator appTranslator, qtTranslator;
  if (appTranslator.load(locale, QStringLiteral("sdd"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
    QApplication::installTranslator(&appTranslator);
  if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(&qtTranslator);

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Steel surface defect detection workbench"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("dataset"),
      QStringLiteral("dataset folder to open (default: data/NEU-DET when present)"));
  QCommandLineOption model(
      QStringLiteral("model"),
      QStringLiteral("model file (default: the last one loaded, else the shipped NEU model)"),
      QStringLiteral("file"));
  QCommandLineOption workspace(QStringLiteral("workspace"),
                               QStringLiteral("workspace folder holding the label journal"),
                               QStringLiteral("dir"));
  QCommandLineOption device(QStringLiteral("device"),
                            QStringLiteral("auto (default), cpu, cuda or cuda:N"),
                            QStringLiteral("device"), QStringLiteral("auto"));
  QCommandLineOption classify(
      QStringLiteral("classify"),
      QStringLiteral("image file or folder to classify at start (repeatable)"),
      QStringLiteral("path"));
  QCommandLineOption tab(
      QStringLiteral("tab"),
      QStringLiteral("tab to show at start: dataset, review, classify, train or evaluate"),
      QStringLiteral("name"));
  QCommandLineOption evaluate(
      QStringLiteral("evaluate"),
      QStringLiteral(
          "evaluate the model on a split of the dataset at start: validation, train or all"),
      QStringLiteral("split"));
  parser.addOptions({model, workspace, device, classify, tab, evaluate});
  // Same exit code as the sdd CLI for a bad command line: 2.
  if (!parser.parse(QCoreApplication::arguments())) {
    std::fprintf(stderr, "sdd-workbench: %s\n(see sdd-workbench --help)\n",
                 qPrintable(parser.errorText()));
    return 2;
  }
  if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
  if (parser.isSet(QStringLiteral("version"))) parser.showVersion();
  static const QRegularExpression kDevice(QStringLiteral("^(auto|cpu|cuda|cuda:[0-9]+)$"));
  if (!kDevice.match(parser.value(device)).hasMatch()) {
    std::fprintf(stderr, "sdd-workbench: --device: expected auto, cpu, cuda or cuda:N, got '%s'\n",
                 qPrintable(parser.value(device)));
    return 2;
  }

  static const QRegularExpression kTab(
      QStringLiteral("^(dataset|review|classify|train|evaluate)$"));
  if (parser.isSet(tab) && !kTab.match(parser.value(tab)).hasMatch()) {
    std::fprintf(
        stderr,
        "sdd-workbench: --tab: expected dataset, review, classify, train or evaluate, got '%s'\n",
        qPrintable(parser.value(tab)));
    return 2;
  }
  static const QRegularExpression kSplit(QStringLiteral("^(validation|train|all)$"));
  if (parser.isSet(evaluate) && !kSplit.match(parser.value(evaluate)).hasMatch()) {
    std::fprintf(stderr, "sdd-workbench: --evaluate: expected validation, train or all, got '%s'\n",
                 qPrintable(parser.value(evaluate)));
    return 2;
  }

  sddui::WorkbenchOptions opt;
  opt.tab = parser.value(tab);
  opt.evaluate = parser.value(evaluate);
  const QStringList pos = parser.positionalArguments();
  if (pos.size() > 1) {
    std::fprintf(stderr,
                 "sdd-workbench: one dataset folder at most, got %lld arguments\n(see "
                 "sdd-workbench --help)\n",
                 static_cast<long long>(pos.size()));
    return 2;
  }
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
