#!/usr/bin/env bash
# The code habits the build checks (CTest `style`, so tools/test.sh and CI fail on them):
# every C++ source formatted as .clang-format says (clang-format 14, Debian 12's), and no
# source file in core/, report/, ui/ or app/ over 600 lines. Fix the first with
#   clang-format -i FILE...
# and the second by giving the file's concepts homes of their own.
#   check-style.sh SOURCE_DIR [CLANG_FORMAT]
set -u
cd "$1"
CLANG_FORMAT=${2:-clang-format}
mapfile -t sources < <(find core ui app report tests bench fuzz -name '*.cpp' -o -name '*.h' | sort)
fail=0
if ! "$CLANG_FORMAT" --dry-run --Werror "${sources[@]}" 2> /tmp/sdd-style.$$; then
  echo "FAIL: not formatted as .clang-format says (clang-format -i FILE):"
  grep -o '^[^:]*\.\(cpp\|h\):' /tmp/sdd-style.$$ | sort -u | sed 's/:$//; s/^/  /'
  fail=1
fi
rm -f /tmp/sdd-style.$$
while read -r lines file; do
  if [ "$file" != total ] && [ "$lines" -gt 600 ]; then
    echo "FAIL: $file has $lines lines (at most 600)"
    fail=1
  fi
done < <(find core ui app report -name '*.cpp' -o -name '*.h' | xargs wc -l)
[ $fail -eq 0 ] && echo "style-ok: ${#sources[@]} files formatted, none over 600 lines"
exit $fail
