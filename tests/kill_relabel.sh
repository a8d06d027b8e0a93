#!/bin/bash
# No acknowledged relabel is lost to kill -9: kill -9 `sdd relabel` in the middle of a long relabel import, again and again.
# Afterwards the journal passes SQLite's integrity check and holds every relabel whose
# "relabelled" line was printed (each change is committed before its line is printed).
#   kill_relabel.sh SDD GENERATOR WORKDIR [KILLS]
set -u
SDD=$1 GEN=$2 WORK=$3 KILLS=${4:-10}
rm -rf "$WORK"; mkdir -p "$WORK"
DATA="$WORK/data" WS="$WORK/ws"
"$GEN" --clean "$DATA" > /dev/null || { echo "FAIL: generator"; exit 1; }
# 30,000 relabels: every image flips between the two classes 1,000 times.
bash "$(dirname "$0")/make_flips_csv.sh" "$DATA" 1000 > "$WORK/flips.csv"
RANDOM=11
fail=0 acked=0
# The lines a run printed in full. A kill can land in the middle of a write, leaving half a
# line at the end: that relabel was committed but not yet acknowledged, so it is not counted.
acknowledged() {
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then head -n -1 "$1"; else cat "$1"; fi \
    | grep '^relabelled'
}
for i in $(seq 1 "$KILLS"); do
  "$SDD" relabel "$DATA" --workspace "$WS" --csv "$WORK/flips.csv" > "$WORK/out.$i" 2> "$WORK/err.$i" &
  pid=$!
  # Kill after a random number of acknowledged relabels (1 to 3,000 of the 30,000), whatever
  # the machine's speed: a timed kill let an idle machine finish the import first.
  target=$((1 + (RANDOM * 32768 + RANDOM) % 3000))
  for _ in $(seq 1 3000); do
    [ "$(grep -c '^relabelled' "$WORK/out.$i" 2>/dev/null)" -ge "$target" ] && break
    sleep 0.01
  done
  kill -9 "$pid" 2>/dev/null || { echo "FAIL: run $i finished before the kill"; fail=1; }
  wait "$pid" 2>/dev/null
  n=$(acknowledged "$WORK/out.$i" | grep -c .)
  acked=$((acked + n))
  "$SDD" journal --workspace "$WS" --csv "$WORK/journal.$i.csv" > "$WORK/check.$i" 2>&1 \
    || { echo "FAIL: kill $i: journal check: $(cat "$WORK/check.$i")"; fail=1; }
  grep -q "integrity ok" "$WORK/check.$i" || { echo "FAIL: kill $i: $(cat "$WORK/check.$i")"; fail=1; }
  rows=$(($(grep -c . "$WORK/journal.$i.csv") - 1))
  # Every acknowledged relabel is a journal row: their count can only be >= the acks (a
  # transaction committed just before the kill may not have printed its lines yet).
  [ "$rows" -ge "$acked" ] || { echo "FAIL: kill $i: $acked relabels acknowledged, $rows in the journal"; fail=1; }
  [ "$rows" -le $((acked + 256)) ] || { echo "FAIL: kill $i: $rows journal rows for $acked acknowledged relabels"; fail=1; }
  # ... and the last acknowledged one is the matching journal row.
  last=$(acknowledged "$WORK/out.$i" | tail -1 | sed 's/^relabelled \(.*\): .* -> \(.*\)$/\1,\2/')
  if [ -n "$last" ]; then
    sed -n "$((acked + 1))p" "$WORK/journal.$i.csv" | grep -qF ",$(echo "$last" | cut -d, -f1)," \
      || { echo "FAIL: kill $i: journal row $acked is not '$last'"; fail=1; }
  fi
  acked=$rows  # the next run's acknowledgements follow the rows already there
  echo "kill $i: $n relabels acknowledged in this run, $rows journal rows"
done
[ "$rows" -gt 0 ] || { echo "FAIL: no relabel reached the journal"; fail=1; }
echo "$KILLS kills, $rows relabels in the journal, 0 acknowledged relabels lost"
[ $fail -eq 0 ] && echo "kill-relabel-ok"
exit $fail
