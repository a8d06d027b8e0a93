#!/bin/bash
# A training run survives kill -9: kill -9 `sdd train` at random moments, again and again, then --resume. Every
# resume must start from the epoch after the last completed one (checkpoint.sddc written
# atomically: temp file + rename), and the finished run's log must hold each epoch once.
#   kill_resume.sh SDD GENERATOR WORKDIR [KILLS]
set -u
SDD=$1 GEN=$2 WORK=$3 KILLS=${4:-8}
rm -rf "$WORK"; mkdir -p "$WORK"
DATA="$WORK/data" RUN="$WORK/run"
"$GEN" --clean "$DATA" || { echo "FAIL: generator"; exit 1; }
# Far more epochs than any run gets through before its kill (a fast machine does ~30/s).
ARGS=(--input-size 48 --conv 8,16 --threads 1 --quiet --out "$RUN")
MANY=100000  # the CLI maximum
RANDOM=7  # repeatable kill times
fail=0 survived=0 resumed=0 between=0
done_epochs() { [ -f "$RUN/log.jsonl" ] && grep -c . "$RUN/log.jsonl" || echo 0; }
for i in $(seq 1 "$KILLS"); do
  before=$(done_epochs)
  if [ -f "$RUN/checkpoint.sddc" ]; then mode=--resume; else mode=--force; fi
  "$SDD" train "$DATA" "${ARGS[@]}" --epochs $MANY $mode > "$WORK/out.$i" 2> "$WORK/err.$i" &
  pid=$!
  # Kill at a random moment once training runs (startup time varies with load): during an
  # epoch, while a checkpoint is written, or between checkpoint and log.
  for _ in $(seq 1 1200); do
    grep -q '^epoch' "$WORK/out.$i" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break  # it failed to start: reported below
    sleep 0.05
  done
  sleep "$((RANDOM % 2)).$((RANDOM % 10))"
  if ! kill -9 "$pid" 2>/dev/null; then echo "FAIL: run $i ended before the kill"; cat "$WORK/err.$i"; fail=1; fi
  wait "$pid" 2>/dev/null
  survived=$((survived + 1))
  first=$(sed -n 's/^epoch *\([0-9]*\)\/.*/\1/p' "$WORK/out.$i" | head -1)
  if [ "$mode" = --resume ]; then
    resumed=$((resumed + 1))
    # The checkpoint is written first, then log.jsonl (derived from it, rewritten on resume):
    # a kill between the two leaves the log one epoch behind, and the resume rightly starts
    # one further on. Anything else would be a lost or repeated epoch.
    if [ -n "$first" ] && [ "$first" -eq $((before + 2)) ]; then
      between=$((between + 1))
    elif [ -n "$first" ] && [ "$first" -ne $((before + 1)) ]; then
      echo "FAIL: kill $i: resumed at epoch $first after $before logged epochs"; fail=1
    fi
  fi
  if grep -q "Error\|error" "$WORK/err.$i"; then echo "FAIL: run $i: $(cat "$WORK/err.$i")"; fail=1; fi
  echo "kill $i ($mode): $before epochs before, first epoch printed ${first:-none}, $(done_epochs) after"
done
n=$(done_epochs)
[ "$n" -gt 0 ] || { echo "FAIL: no epoch completed in $KILLS runs"; exit 1; }
# Finish the run: two more epochs.
"$SDD" train "$DATA" "${ARGS[@]}" --epochs $((n + 2)) --resume > "$WORK/out.final" 2> "$WORK/err.final" \
  || { echo "FAIL: final resume: $(cat "$WORK/err.final")"; fail=1; }
epochs=$(sed -n 's/.*"epoch": *\([0-9]*\).*/\1/p' "$RUN/log.jsonl" | tr '\n' ' ')
expected=$(seq 1 $((n + 2)) | tr '\n' ' ')
[ "$epochs" = "$expected" ] || { echo "FAIL: log epochs '$epochs', expected '$expected'"; fail=1; }
"$SDD" eval "$DATA" --model "$RUN/model.sddm" --split all > "$WORK/eval.out" 2>&1 \
  || { echo "FAIL: the final model does not evaluate: $(cat "$WORK/eval.out")"; fail=1; }
echo "$survived kills survived, $resumed resumes ($between after a kill between checkpoint and log), $((n + 2)) epochs in the log, each once"
[ $fail -eq 0 ] && echo "kill-resume-ok"
exit $fail
