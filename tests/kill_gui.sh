#!/bin/bash
# Nothing acknowledged is lost when the workbench is killed: kill -9 — the real window, offscreen, driven by sdd_gui_soak the way
# a user drives it — in the middle of relabeling and of training, again and again. Afterwards
# the label journal passes integrity_check and holds every relabel the window acknowledged,
# and Resume in the Train tab continues after the last completed epoch, each epoch logged once.
#   kill_gui.sh SOAK SDD GENERATOR WORKDIR [KILLS]
set -u
SOAK=$1 SDD=$2 GEN=$3 WORK=$4 KILLS=${5:-6}
rm -rf "$WORK"; mkdir -p "$WORK"
DATA="$WORK/data" WS="$WORK/ws"
"$GEN" --clean "$DATA" > /dev/null || { echo "FAIL: generator"; exit 1; }
RANDOM=5
fail=0 acked=0 rows=0
# Waits until $2 has a line starting with $3 or the process $1 ends.
wait_for_line() { for _ in $(seq 1 1200); do grep -q "^$3" "$2" 2>/dev/null && return; kill -0 "$1" 2>/dev/null || return; sleep 0.05; done; }

# 1. Relabeling: key presses on the browser, each acknowledged relabel printed.
for i in $(seq 1 "$KILLS"); do
  "$SOAK" relabel "$DATA" "$WS" > "$WORK/r.$i" 2> "$WORK/r.err.$i" &
  pid=$!
  wait_for_line $pid "$WORK/r.$i" ack
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null || { echo "FAIL: relabel run $i ended before the kill: $(cat "$WORK/r.err.$i")"; fail=1; }
  wait "$pid" 2>/dev/null
  n=$(grep -c '^ack' "$WORK/r.$i")
  acked=$((acked + n))
  "$SDD" journal --workspace "$WS" --csv "$WORK/journal.$i.csv" > "$WORK/check.$i" 2>&1
  grep -q "integrity ok" "$WORK/check.$i" || { echo "FAIL: relabel kill $i: $(cat "$WORK/check.$i")"; fail=1; }
  rows=$(($(grep -c . "$WORK/journal.$i.csv") - 1))
  # Each acknowledged relabel is a row; at most one more (committed, not yet acknowledged).
  [ "$rows" -ge "$acked" ] && [ "$rows" -le $((acked + 1)) ] \
    || { echo "FAIL: relabel kill $i: $acked acknowledged, $rows journal rows"; fail=1; }
  last=$(grep '^ack' "$WORK/r.$i" | tail -1)
  if [ -n "$last" ]; then
    read -r _ path label <<< "$last"
    sed -n "$((acked + 1))p" "$WORK/journal.$i.csv" | grep -F ",$path," | grep -qF ",$label," \
      || { echo "FAIL: relabel kill $i: journal row $acked is not '$path -> $label'"; fail=1; }
  fi
  echo "relabel kill $i: $n relabels acknowledged by the window, $rows journal rows"
  acked=$rows
done
[ "$rows" -gt 0 ] || { echo "FAIL: no relabel reached the journal"; fail=1; }

# 2. Training: Train, then Resume after every kill.
done_epochs() { local f; f=$(ls "$WS"/runs/*/log.jsonl 2>/dev/null | head -1); [ -n "$f" ] && grep -c . "$f" || echo 0; }
resumes=0 between=0
for i in $(seq 1 "$KILLS"); do
  before=$(done_epochs)
  if ls "$WS"/runs/*/checkpoint.sddc > /dev/null 2>&1; then mode=resume; else mode=train; fi
  "$SOAK" $mode "$DATA" "$WS" > "$WORK/t.$i" 2> "$WORK/t.err.$i" &
  pid=$!
  wait_for_line $pid "$WORK/t.$i" epoch
  sleep "$((RANDOM % 2)).$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null || { echo "FAIL: training run $i ended before the kill: $(cat "$WORK/t.$i" "$WORK/t.err.$i")"; fail=1; }
  wait "$pid" 2>/dev/null
  first=$(sed -n 's/^epoch \([0-9]*\)$/\1/p' "$WORK/t.$i" | head -1)
  if [ $mode = resume ]; then
    resumes=$((resumes + 1))
    # A kill between checkpoint and log leaves the log one behind: the resume starts one further.
    if [ -n "$first" ] && [ "$first" -eq $((before + 2)) ]; then between=$((between + 1))
    elif [ -n "$first" ] && [ "$first" -ne $((before + 1)) ]; then
      echo "FAIL: training kill $i: resumed at epoch $first after $before logged epochs"; fail=1
    fi
  fi
  echo "training kill $i ($mode): $before epochs before, first epoch shown ${first:-none}, $(done_epochs) after"
done
log=$(ls "$WS"/runs/*/log.jsonl | head -1)
n=$(grep -c . "$log")
epochs=$(sed -n 's/.*"epoch": *\([0-9]*\).*/\1/p' "$log" | tr '\n' ' ')
[ "$epochs" = "$(seq 1 "$n" | tr '\n' ' ')" ] || { echo "FAIL: log epochs '$epochs'"; fail=1; }
"$SDD" eval "$DATA" --model "$(dirname "$log")/last.sddm" --split all > "$WORK/eval.out" 2>&1 \
  || { echo "FAIL: the last model does not evaluate: $(cat "$WORK/eval.out")"; fail=1; }
echo "$KILLS relabel kills ($rows journal rows, 0 acknowledged relabels lost), $KILLS training kills ($resumes resumes, $between after a kill between checkpoint and log, $n epochs in the log, each once)"
[ $fail -eq 0 ] && echo "kill-gui-ok"
exit $fail
