#include "widgets/welcome_page.h"

#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace sddui {

QWidget* makeWelcomePage(std::function<void()> openDataset) {
  auto* welcome = new QLabel;
  welcome->setAlignment(Qt::AlignCenter);
  welcome->setWordWrap(true);
  welcome->setTextFormat(Qt::RichText);
  welcome->setText(QCoreApplication::translate(
      "sddui::WelcomePage",
      "<h2>Welcome to SDD Workbench</h2>"
      "<p>Open a dataset folder with <b>File ▸ Open Dataset…</b> (Ctrl+O).</p>"
      "<p>It reads the NEU-DET layout (<i>train|validation/images/&lt;class&gt;/</i>), "
      "the NEU-CLS layout (<i>Cr_1.bmp … Sc_300.bmp</i>) and any folder with one "
      "sub-folder per class.<br>Get the NEU surface defect database and link it as "
      "<i>data/NEU-DET</i> to have it opened at start.</p>"
      "<p>To classify images now, drop image files or folders anywhere on this window.</p>"));
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->addStretch();
  layout->addWidget(welcome);
  auto* open = new QPushButton(QCoreApplication::translate("sddui::WelcomePage", "Open Dataset…"));
  open->setMaximumWidth(200);
  QObject::connect(open, &QPushButton::clicked, page, std::move(openDataset));
  layout->addWidget(open, 0, Qt::AlignHCenter);
  layout->addStretch();
  return page;
}

}  // namespace sddui
