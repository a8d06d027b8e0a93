#!/bin/bash
# `sdd train --resume --out RUN` goes on with the run's own settings (run.json), as the
# workbench's Resume does: no need to repeat the options, and options given still change
# them (--epochs to train longer). A resume that is refused leaves run.json as it was.
#   resume_settings.sh SDD GENERATOR WORKDIR
set -u
SDD=$1 GEN=$2 WORK=$3
rm -rf "$WORK"; mkdir -p "$WORK"
DATA="$WORK/data" RUN="$WORK/run"
"$GEN" --clean "$DATA" > /dev/null || { echo "FAIL: generator"; exit 1; }
fail=0
"$SDD" train "$DATA" --input-size 32 --conv 8,16 --epochs 2 --ema 0.99 --lr 0.01 --threads 1 --quiet \
  --out "$RUN" > "$WORK/1.out" 2> "$WORK/1.err" || { echo "FAIL: first run: $(cat "$WORK/1.err")"; fail=1; }
"$SDD" train "$DATA" --resume --out "$RUN" --epochs 3 --quiet > "$WORK/2.out" 2> "$WORK/2.err" \
  || { echo "FAIL: resume without the run's options: $(cat "$WORK/2.err")"; fail=1; }
grep -q "resuming after epoch 2" "$WORK/2.err" || { echo "FAIL: did not resume after epoch 2: $(cat "$WORK/2.err")"; fail=1; }
grep -q "^model 32x32x3 conv\[8,16\]" "$WORK/2.out" || { echo "FAIL: resumed with another model: $(head -3 "$WORK/2.out")"; fail=1; }
[ "$(grep -c . "$RUN/log.jsonl")" -eq 3 ] || { echo "FAIL: log holds $(grep -c . "$RUN/log.jsonl") epochs, expected 3"; fail=1; }
grep -q '"epochs": 3' "$RUN/run.json" || { echo "FAIL: run.json does not record the 3 epochs"; fail=1; }
grep -q '"ema": 0.99' "$RUN/run.json" || { echo "FAIL: run.json lost the run's --ema"; fail=1; }
cp "$RUN/run.json" "$WORK/run.json.before"
# Another architecture is refused and run.json stays as it was.
"$SDD" train "$DATA" --resume --out "$RUN" --conv 8,24 --epochs 4 --quiet > "$WORK/3.out" 2> "$WORK/3.err"; rc=$?
[ $rc -eq 4 ] || { echo "FAIL: resume with another architecture: exit $rc, expected 4"; fail=1; }
grep -q "differs from the requested one" "$WORK/3.err" || { echo "FAIL: no reason given: $(cat "$WORK/3.err")"; fail=1; }
cmp -s "$RUN/run.json" "$WORK/run.json.before" || { echo "FAIL: a refused resume changed run.json"; fail=1; }
[ $fail -eq 0 ] && echo "resume-settings-ok"
exit $fail
