#!/bin/sh
# Every user-visible source string has a Korean and a Simplified Chinese translation: lupdate
# re-reads the sources into copies of the .ts files; no message may be new or unfinished.
# usage: translations_check.sh SOURCE_DIR WORK_DIR [LUPDATE]
set -e
LUPDATE=${3:-/usr/lib/qt6/bin/lupdate}
mkdir -p "$2"
fail=0
for lang in ko zh_CN; do
  cp "$1/translations/sdd_$lang.ts" "$2/sdd_$lang.ts"
  "$LUPDATE" -silent -no-obsolete -locations none "$1/report" "$1/ui" "$1/app" -ts "$2/sdd_$lang.ts" >/dev/null
  n=$(grep -c 'type="unfinished"' "$2/sdd_$lang.ts" || true)
  total=$(grep -c '<source>' "$2/sdd_$lang.ts")
  echo "$lang: $total strings, $n without a translation"
  if [ "$n" -ne 0 ]; then
    grep -B2 'type="unfinished"' "$2/sdd_$lang.ts" | grep '<source>' | head -20
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "translations complete"
exit $fail
