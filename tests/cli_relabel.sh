#!/bin/bash
# `sdd relabel` on a shared workspace: FILE arguments relative to the current folder or to the
# dataset, absolute through a symbolic link, or beginning with '-' after `--`; a workspace
# inside the dataset refused; four processes creating one workspace at once all succeed; the
# journal's WAL file stays small through a 6,000-row import; reading commands work on a
# journal they cannot write.
#   cli_relabel.sh SDD GENERATOR WORKDIR
set -u
SDD=$(realpath "$1") GEN=$(realpath "$2") WORK=$3
rm -rf "$WORK"; mkdir -p "$WORK"; WORK=$(realpath "$WORK")
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
D="$WORK/data" WS="$WORK/ws"
"$GEN" --clean "$D" > /dev/null || { echo "FAIL: generator"; exit 1; }
ln -s "$D" "$WORK/link"
imgs=($(cd "$D/disk" && ls))
cp "$D/disk/${imgs[5]}" "$D/disk/-odd.png"

(cd "$D/disk" && "$SDD" relabel "$D" --workspace "$WS" "${imgs[0]}" --to stripes) > "$WORK/1.out" 2>&1
check "a path relative to the current folder" 'grep -q "relabelled disk/${imgs[0]}: disk -> stripes" "$WORK/1.out"'
(cd / && "$SDD" relabel "$D" --workspace "$WS" "disk/${imgs[1]}" --to stripes) > "$WORK/2.out" 2>&1
check "a path relative to the dataset" 'grep -q "relabelled disk/${imgs[1]}" "$WORK/2.out"'
"$SDD" relabel "$WORK/link" --workspace "$WS" "$D/disk/${imgs[2]}" --to stripes > "$WORK/3.out" 2>&1
check "an absolute path into a dataset opened through a symbolic link" 'grep -q "relabelled disk/${imgs[2]}" "$WORK/3.out"'
"$SDD" relabel "$D" --workspace "$WS" "$WORK/link/disk/${imgs[3]}" --to stripes > "$WORK/4.out" 2>&1
check "an absolute path through the symbolic link" 'grep -q "relabelled disk/${imgs[3]}" "$WORK/4.out"'
(cd "$D/disk" && "$SDD" relabel "$D" --workspace "$WS" --to stripes -- -odd.png) > "$WORK/5.out" 2>&1
check "a name beginning with '-' after --" 'grep -q "relabelled disk/-odd.png" "$WORK/5.out"'
"$SDD" relabel "$D" --workspace "$WS" "$WORK/elsewhere.png" --to stripes > "$WORK/6.out" 2>&1; rc=$?
check "a file outside the dataset: left out, exit 1" '[ $rc -eq 1 ] && grep -q "is not an image of the dataset" "$WORK/6.out"'

"$SDD" relabel "$D" --workspace "$D/ws" "disk/${imgs[4]}" --to stripes > "$WORK/7.out" 2>&1; rc=$?
check "a workspace inside the dataset: refused (exit 5), nothing created" \
  '[ $rc -eq 5 ] && grep -q "inside the dataset folder" "$WORK/7.out" && [ ! -e "$D/ws" ]'
cp -r "$WS" "$D/made-by-hand"  # as an older version allowed
"$SDD" scan "$D" --workspace "$WORK/link/made-by-hand" > "$WORK/8.out" 2>&1; rc=$?
check "scan with a workspace inside the dataset (through the link): refused (exit 5)" \
  '[ $rc -eq 5 ] && grep -q "inside the dataset folder" "$WORK/8.out"'
"$SDD" scan "$D" > "$WORK/8b.out" 2>&1
check "scan leaves a workspace inside the dataset out, with one note, and no class for it" \
  'grep -q "2 classes" "$WORK/8b.out" && grep -q "made-by-hand: a workbench workspace" "$WORK/8b.out"'
rm -rf "$D/made-by-hand"

# Four processes create one new workspace at the same moment, 15 times.
bad=0
for round in $(seq 1 15); do
  pids=()
  for p in 1 2 3 4; do
    "$SDD" relabel "$D" --workspace "$WORK/race$round" "disk/${imgs[$p]}" --to stripes > "$WORK/race.$round.$p" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || bad=$((bad + 1)); done
done
check "60 processes creating 15 workspaces four at a time: all succeed ($bad failed)" '[ $bad -eq 0 ]'
[ $bad -eq 0 ] || cat "$WORK"/race.* | grep -v relabel | head -5

# 6,000 relabels from one CSV: the WAL file stays under 8 MB (it grew to 81 MB).
bash "$(dirname "$0")/make_flips_csv.sh" "$D" 200 > "$WORK/flips.csv"
"$SDD" relabel "$D" --workspace "$WORK/big" --csv "$WORK/flips.csv" --quiet > "$WORK/9.out" 2>&1 &
pid=$! largest=0
while kill -0 $pid 2> /dev/null; do
  size=$(stat -c %s "$WORK/big/labels.sqlite-wal" 2> /dev/null || echo 0)
  [ "$size" -gt "$largest" ] && largest=$size
  sleep 0.02
done
wait $pid; rc=$?
check "6,000-row import (exit $rc): largest WAL $largest bytes <= 8 MB" '[ $rc -eq 0 ] && [ "$largest" -le 8388608 ]'
check "journal integrity ok with every row" '"$SDD" journal --workspace "$WORK/big" | grep -q "integrity ok, 6200 change(s)"'
[ $fail -eq 0 ] && echo "cli-relabel-ok"
exit $fail
