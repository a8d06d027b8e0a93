#!/usr/bin/env bash
# After changing user-visible strings: adds new source strings to translations/*.ts (then
# translate them, e.g. with Qt Linguist: linguist translations/sdd_ko.ts). A string that only
# moved (to another class or file: another translation context) keeps its translation. The
# test translations.complete fails until every string has a Korean and a Chinese translation.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=/usr/lib/qt6/bin/lupdate  # /usr/bin/lupdate may be Qt 5 (qtchooser)
for ts in translations/sdd_ko.ts translations/sdd_zh_CN.ts; do
  cp "$ts" "$ts.before"
  "$LUPDATE" -no-obsolete -locations none report ui app -ts "$ts"
  # Fill messages lupdate left unfinished with the translation the same source text had
  # before (in any context).
  python3 - "$ts.before" "$ts" <<'PY'
import re, sys
before, after = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read()
msg = re.compile(r'(<message(?: numerus="yes")?>\s*<source>(.*?)</source>\s*)<translation( type="unfinished")?>(.*?)</translation>', re.S)
known = {m.group(2): m.group(4) for m in msg.finditer(before) if not m.group(3) and m.group(4).strip()}
def fill(m):
    if m.group(3) and m.group(2) in known:
        return m.group(1) + "<translation>" + known[m.group(2)] + "</translation>"
    return m.group(0)
open(sys.argv[2], "w", encoding="utf-8").write(msg.sub(fill, after))
PY
  rm "$ts.before"
done
grep -c 'type="unfinished"' translations/*.ts || true
