#!/usr/bin/env bash
# After changing user-visible strings: adds new source strings to translations/*.ts (then
# translate them, e.g. with Qt Linguist: linguist translations/sdd_ko.ts). The test
# translations.complete fails until every string has a Korean and a Chinese translation.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=/usr/lib/qt6/bin/lupdate  # /usr/bin/lupdate may be Qt 5 (qtchooser)
"$LUPDATE" -no-obsolete -locations none report ui app -ts translations/sdd_ko.ts translations/sdd_zh_CN.ts
