#!/bin/bash
# The report's "reproduce" command, run as printed (from another folder), evaluates the same
# data with the same labels and split: same dataset and model fingerprints, same metrics.
# The dataset folder's name has a space and a quote in it, so the line must be shell-quoted.
#   report_reproduce.sh SDD GENERATOR WORKDIR
set -u
SDD=$(realpath "$1") GEN=$(realpath "$2") WORK=$3
PY=$(command -v /usr/bin/python3 python3 | head -1)
[ -n "$PY" ] || { echo "SKIP: no python3 to read the JSON"; exit 77; }
rm -rf "$WORK"; mkdir -p "$WORK"; WORK=$(realpath "$WORK")
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
D="$WORK/my data's folder"
"$GEN" --clean "$D" > /dev/null || { echo "FAIL: generator"; exit 1; }
"$SDD" train "$D" --input-size 32 --conv 8,16 --threads 1 --quiet --epochs 2 --out "$WORK/run" > /dev/null 2>&1 || { echo "FAIL: train"; exit 1; }
# Relabels in a workspace and a seeded re-split: both change the evaluated data.
"$SDD" relabel "$D" --workspace "$WORK/ws" "$(ls "$D"/disk/* | head -1)" "$(ls "$D"/disk/* | sed -n 2p)" --to stripes > /dev/null 2>&1
"$SDD" report "$D" --model "$WORK/run/model.sddm" --workspace "$WORK/ws" --split-seed 3 --split all \
  --out "$WORK/r1.pdf" --json "$WORK/r1.json" --quiet > "$WORK/1.out" 2>&1 || { echo "FAIL: report: $(cat "$WORK/1.out")"; exit 1; }
field() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
cmd=$(field "$WORK/r1.json" reproduce)
echo "  reproduce: $cmd"
check "the command names the workspace and the split seed" '[[ "$cmd" == "sdd report "*"--workspace "*"--split-seed 3"* ]]'
(cd / && eval "\"$SDD\" ${cmd#sdd } --out \"$WORK/r2.pdf\" --json \"$WORK/r2.json\" --quiet") > "$WORK/2.out" 2>&1
check "it runs as printed (from another folder)" '[ -s "$WORK/r2.json" ]'
for key in dataset_hash model_hash accuracy macro confusion_matrix images; do
  check "same $key" '[ -n "$(field "$WORK/r1.json" $key)" ] && [ "$(field "$WORK/r1.json" $key)" = "$(field "$WORK/r2.json" $key 2> /dev/null)" ]'
done
if command -v pdftotext > /dev/null; then
  check "the PDF prints the same command" 'pdftotext "$WORK/r1.pdf" - | tr -d "\n" | grep -q -- "--split-seed 3"'
fi
[ $fail -eq 0 ] && echo "report-reproduce-ok"
exit $fail
