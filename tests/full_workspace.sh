#!/bin/bash
# A read-only or full output/workspace folder gives a clear error before work is lost,
# and the dataset folder is never written to. Uses tmpfs mounts (a read-only one, and a small
# one that we fill up mid-run), so it needs root with CAP_SYS_ADMIN; elsewhere it is skipped.
#   full_workspace.sh SDD GENERATOR WORKDIR
set -u
SDD=$1 GEN=$2 WORK=$3
RO="$WORK/ro" SMALL="$WORK/small" ROWS="$WORK/ro-ws"
cleanup() { umount "$RO" 2>/dev/null; umount "$SMALL" 2>/dev/null; umount "$ROWS" 2>/dev/null; }
trap cleanup EXIT
cleanup
rm -rf "$WORK"; mkdir -p "$RO" "$SMALL" "$ROWS"
"$GEN" --clean "$WORK/data" > /dev/null || { echo "FAIL: generator"; exit 1; }
if ! mount -t tmpfs -o ro,size=1m tmpfs "$RO" 2>/dev/null || ! mount -t tmpfs -o size=8m tmpfs "$SMALL" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)"; exit 77
fi
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
dataset_state() { (cd "$WORK/data" && find . -type f -exec sha256sum {} + | sort); }
before=$(dataset_state)
ARGS=(--input-size 48 --conv 8,16 --threads 1 --quiet)
IMG1=$(ls "$WORK"/data/disk/* | head -1) IMG2=$(ls "$WORK"/data/disk/* | sed -n 2p)

# 1. Read-only: training stops before loading an image; a relabel is refused with the reason.
"$SDD" train "$WORK/data" "${ARGS[@]}" --epochs 3 --out "$RO/run" > "$WORK/1.out" 2> "$WORK/1.err"; rc=$?
echo "  read-only train (exit $rc): $(cat "$WORK/1.err")"
check "read-only output folder: training refused up front" \
  '[ $rc -ne 0 ] && grep -q "Read-only file system" "$WORK/1.err" && ! grep -q "^epoch\|loading" "$WORK/1.out"'
"$SDD" relabel "$WORK/data" --workspace "$RO" "$IMG1" --to stripes > "$WORK/2.out" 2> "$WORK/2.err"; rc=$?
echo "  read-only relabel (exit $rc): $(cat "$WORK/2.err")"
check "read-only workspace: relabel refused, exit 5, reason named" \
  '[ $rc -eq 5 ] && grep -q "not writable (Read-only file system)" "$WORK/2.err"'

# 2. Too little space from the start: refused before training, with the sizes.
mount -o remount,size=64k "$SMALL"
"$SDD" train "$WORK/data" "${ARGS[@]}" --conv 8,16,32,64,128 --epochs 3 --out "$SMALL/run0" > "$WORK/3.out" 2> "$WORK/3.err"; rc=$?
echo "  small disk train (exit $rc): $(cat "$WORK/3.err")"
check "too little free space: training refused up front" \
  '[ $rc -ne 0 ] && grep -q "not enough free space" "$WORK/3.err" && ! grep -q "^epoch" "$WORK/3.out"'
rm -rf "$SMALL/run0"

# 3. The disk fills up mid-run: the run stops with the reason and says how to go on; the last
#    checkpoint is whole and --resume finishes the run with every epoch logged once.
mount -o remount,size=8m "$SMALL"
"$SDD" train "$WORK/data" "${ARGS[@]}" --epochs 5000 --force --out "$SMALL/run" > "$WORK/4.out" 2> "$WORK/4.err" &
pid=$!
for _ in $(seq 1 1200); do [ "$(grep -c '^epoch' "$WORK/4.out" 2>/dev/null)" -ge 3 ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; done
dd if=/dev/zero of="$SMALL/filler" bs=16k 2> /dev/null  # until "No space left on device"
wait $pid; rc=$?
echo "  disk filled mid-run (exit $rc): $(cat "$WORK/4.err" | grep -v '^loading')"
check "disk full mid-run: stopped with the reason and the way on" \
  '[ $rc -ne 0 ] && grep -q "No space left on device" "$WORK/4.err" && grep -q -- "--resume" "$WORK/4.err"'
check "no temp file left behind" '[ -z "$(ls "$SMALL/run" | grep "\.tmp$")" ]'
rm -f "$SMALL/filler"
n=$(grep -c . "$SMALL/run/log.jsonl")
"$SDD" train "$WORK/data" "${ARGS[@]}" --epochs $((n + 2)) --resume --out "$SMALL/run" > "$WORK/5.out" 2> "$WORK/5.err"; rc=$?
epochs=$(sed -n 's/.*"epoch": *\([0-9]*\).*/\1/p' "$SMALL/run/log.jsonl" | tr '\n' ' ')
check "--resume after freeing space finishes the run ($n + 2 epochs, each once)" \
  '[ $rc -eq 0 ] && [ "$epochs" = "$(seq 1 $((n + 2)) | tr "\n" " ")" ]'
"$SDD" eval "$WORK/data" --model "$SMALL/run/model.sddm" --split all > "$WORK/6.out" 2>&1
check "the finished model evaluates" '[ $? -eq 0 ]'

# 4. A relabel into a full workspace: either journaled, or refused with exit 5 and a reason;
#    what was acknowledged before is in the journal and the journal passes integrity_check.
"$SDD" relabel "$WORK/data" --workspace "$SMALL/ws" "$IMG1" --to stripes > "$WORK/7.out" 2>&1
check "relabel into the workspace" 'grep -q "relabel" "$WORK/7.out"'
dd if=/dev/zero of="$SMALL/filler" bs=4k 2> /dev/null
"$SDD" relabel "$WORK/data" --workspace "$SMALL/ws" "$IMG2" --to stripes > "$WORK/8.out" 2> "$WORK/8.err"; rc=$?
echo "  relabel on a full disk (exit $rc): $(cat "$WORK/8.out" "$WORK/8.err")"
check "full workspace: relabel journaled or refused with the reason" \
  '[ $rc -eq 0 ] || { [ $rc -eq 5 ] && grep -q "No space left on device" "$WORK/8.err"; }'
rm -f "$SMALL/filler"
"$SDD" journal --workspace "$SMALL/ws" --csv "$WORK/journal.csv" > "$WORK/9.out" 2>&1
check "journal integrity ok, first relabel kept" \
  'grep -q "integrity.*ok" "$WORK/9.out" && grep -q "$(basename "$IMG1")" "$WORK/journal.csv"'
if [ $rc -eq 0 ]; then check "acknowledged relabel on the full disk kept" 'grep -q "$(basename "$IMG2")" "$WORK/journal.csv"'; fi

# 5. Output files onto the full disk: exit 6 with the OS reason, nothing partial left.
"$SDD" train "$WORK/data" "${ARGS[@]}" --epochs 1 --out "$WORK/tiny" > /dev/null 2>&1
dd if=/dev/zero of="$SMALL/filler" bs=4k 2> /dev/null
"$SDD" eval "$WORK/data" --model "$WORK/tiny/model.sddm" --split all --csv "$SMALL/e.csv" --json "$SMALL/e.json" \
  > /dev/null 2> "$WORK/10.err"; rc=$?
echo "  eval onto a full disk (exit $rc): $(cat "$WORK/10.err")"
check "eval --csv/--json onto a full disk: exit 6, no space named, no file or temp file left" \
  '[ $rc -eq 6 ] && grep -q "No space left on device" "$WORK/10.err" && [ -z "$(ls "$SMALL" | grep -v "^filler$\|^ws$\|^run$")" ]'
"$SDD" predict "$WORK/data/disk" --model "$WORK/tiny/model.sddm" --csv "$SMALL/p.csv" > /dev/null 2> "$WORK/11.err"; rc=$?
check "predict --csv onto a full disk: exit 6 (not 2, a bad command line)" '[ $rc -eq 6 ]'
rm -f "$SMALL/filler"

# 6. A workspace on a read-only medium: reading commands open the journal read-only and work;
#    a relabel is refused with the reason.
mount -t tmpfs -o size=4m tmpfs "$ROWS"
"$SDD" relabel "$WORK/data" --workspace "$ROWS" "$IMG1" --to stripes > /dev/null 2>&1
mount -o remount,ro "$ROWS"
"$SDD" journal --workspace "$ROWS" > "$WORK/12.out" 2>&1; jrc=$?
"$SDD" scan "$WORK/data" --workspace "$ROWS" > "$WORK/13.out" 2>&1; src=$?
"$SDD" eval "$WORK/data" --model "$WORK/tiny/model.sddm" --workspace "$ROWS" > "$WORK/14.out" 2>&1; erc=$?
"$SDD" train "$WORK/data" "${ARGS[@]}" --epochs 1 --workspace "$ROWS" --out "$WORK/ro-run" > "$WORK/15.out" 2>&1; trc=$?
echo "  read-only workspace: journal $jrc, scan $src, eval $erc, train $trc"
check "read-only workspace: journal, scan, eval and train read it (exit 0)" \
  '[ $jrc -eq 0 ] && [ $src -eq 0 ] && [ $erc -eq 0 ] && [ $trc -eq 0 ] && grep -q "integrity ok, 1 change" "$WORK/12.out"'
check "read-only workspace: the relabel in it is applied" 'grep -q "1 image(s) carry a relabeled class" "$WORK/14.out"'
"$SDD" relabel "$WORK/data" --workspace "$ROWS" "$IMG2" --to stripes > /dev/null 2> "$WORK/16.err"; rc=$?
check "read-only workspace: a relabel is refused (exit 5) with the reason" '[ $rc -eq 5 ] && grep -q "not writable" "$WORK/16.err"'

check "the dataset folder is unchanged (SHA-256 of every file)" '[ "$before" = "$(dataset_state)" ]'
[ $fail -eq 0 ] && echo "full-workspace-ok"
exit $fail
