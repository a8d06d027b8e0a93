#include "widgets/language_menu.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QSettings>

namespace sddui {

void fillLanguageMenu(QMenu* menu, std::function<void(const QString&)> chosen) {
  auto* languages = new QActionGroup(menu);
  const QString current =
      QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  for (const auto& [code, name] :
       {std::pair{QStringLiteral("system"),
                  QCoreApplication::translate("sddui::LanguageMenu", "System default")},
        std::pair{QStringLiteral("en"), QStringLiteral("English")},
        std::pair{QStringLiteral("ko"), QStringLiteral("한국어")},
        std::pair{QStringLiteral("zh_CN"), QStringLiteral("简体中文")}}) {
    QAction* a = menu->addAction(name);
    a->setCheckable(true);
    a->setChecked(code == current);
    languages->addAction(a);
    QObject::connect(a, &QAction::triggered, menu, [code = code, chosen] {
      QSettings().setValue(QStringLiteral("language"), code);
      chosen(QCoreApplication::translate(
          "sddui::LanguageMenu", "The language changes the next time SDD Workbench starts."));
    });
  }
}

}  // namespace sddui
