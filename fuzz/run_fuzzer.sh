#!/bin/bash
# Runs one libFuzzer target: first every past crash in regressions/NAME (each must now pass),
# then SECONDS of fuzzing from the seed corpus. New corpus entries and any crash go to
# WORK/NAME, never into the source tree.
#   run_fuzzer.sh FUZZER FUZZ_SOURCE_DIR NAME WORK SECONDS [extra libFuzzer flags]
set -euo pipefail
FUZZER=$1 SRC=$2 NAME=$3 WORK=$4/$3 SECONDS_=$5
shift 5
rm -rf "$WORK"; mkdir -p "$WORK/corpus" "$WORK/crashes"
# libjpeg/libpng warnings on broken files are expected noise; the fuzzer's own report stays.
FLAGS=(-rss_limit_mb=3072 -timeout=20 -print_final_stats=1 "-artifact_prefix=$WORK/crashes/")
if compgen -G "$SRC/regressions/$NAME/*" > /dev/null; then
  echo "== $NAME: replaying $(ls "$SRC/regressions/$NAME" | wc -l) past crashes"
  "$FUZZER" "${FLAGS[@]}" "$@" "$SRC"/regressions/"$NAME"/* 2>&1 | grep -v "^Corrupt JPEG\|^Premature end\|libpng" | tail -5
fi
echo "== $NAME: fuzzing for $SECONDS_ s"
"$FUZZER" "${FLAGS[@]}" -max_total_time="$SECONDS_" "$@" "$WORK/corpus" "$SRC/corpus/$NAME" 2> "$WORK/log" \
  || { grep -v "^Corrupt JPEG\|^Premature end" "$WORK/log" | tail -60; echo "FAIL: fuzz_$NAME crashed; input in $WORK/crashes"; exit 1; }
grep "stat::number_of_executed_units\|stat::peak_rss_mb\|^Done" "$WORK/log" || true
echo "fuzz_$NAME: no crash in $SECONDS_ s"
