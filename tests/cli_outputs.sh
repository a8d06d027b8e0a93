#!/bin/bash
# Every file the CLI writes is whole or absent, every CSV parses with a real CSV parser
# (Python's csv module) into rows as wide as their header with no cell a spreadsheet would run
# as a formula, and a failed write (full disk, file size limit, /dev/full) exits non-zero
# with the reason. Flags asking for networks too big for the machine are refused with exit 2.
# Classes one level down are noted by the scan and found by a model trained on them.
#   cli_outputs.sh SDD GENERATOR WORKDIR
set -u
SDD=$(realpath "$1") GEN=$(realpath "$2") WORK=$3
PY=$(command -v /usr/bin/python3 python3 | head -1)
[ -n "$PY" ] || { echo "SKIP: no python3 to parse the CSV files"; exit 77; }
rm -rf "$WORK"; mkdir -p "$WORK"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
"$GEN" --clean "$WORK/clean" > /dev/null || { echo "FAIL: generator"; exit 1; }
# Class names a careless writer breaks: a comma, and a leading '=' (a spreadsheet formula);
# file names beginning with '-' and '='.
D="$WORK/data"
mkdir -p "$D/a,b" "$D/=sum"
cp "$WORK"/clean/disk/* "$D/a,b/"
cp "$WORK"/clean/stripes/* "$D/=sum/"
first=$(ls "$D/a,b" | head -1) second=$(ls "$D/a,b" | sed -n 2p)
mv "$D/a,b/$first" "$D/a,b/-dash.png"
mv "$D/a,b/$second" "$D/a,b/=cmd.png"
ARGS=(--input-size 32 --conv 8,16 --threads 1 --quiet)
"$SDD" train "$D" "${ARGS[@]}" --epochs 2 --out "$WORK/run" > "$WORK/train.out" 2>&1 || { echo "FAIL: train: $(cat "$WORK/train.out")"; exit 1; }
M="$WORK/run/model.sddm"

# csv_ok FILE COLUMNS: parses, every row as wide as the header (COLUMNS when given), no cell
# begins with =, +, -, @, TAB or CR.
csv_ok() {
  "$PY" - "$1" "${2:-0}" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
want = int(sys.argv[2]) or len(rows[0])
bad = [r for r in rows if len(r) != want]
danger = [c for r in rows for c in r if c[:1] in ('=', '+', '-', '@', '\t', '\r')]
if bad or danger or len(rows) < 2:
    print(f"  {sys.argv[1]}: {len(rows)} rows, widths {sorted(set(map(len, rows)))} (want {want}), formula-like cells {danger[:3]}")
    sys.exit(1)
PY
}

# 1. Every CSV the CLI writes.
"$SDD" eval "$D" --model "$M" --split all --csv "$WORK/eval.csv" --json "$WORK/eval.json" > /dev/null 2>&1
check "eval --csv: header 'p_a,b' is one field, 6 columns in every row" \
  'csv_ok "$WORK/eval.csv" 6 && head -1 "$WORK/eval.csv" | grep -q "\"p_a,b\""'
check "eval --csv: the class '=sum' is written guarded" 'grep -q "\"'"'"'=sum\"" "$WORK/eval.csv"'
"$SDD" calibrate "$D" --model "$M" --split all --out "$WORK/cal.sddm" > "$WORK/cal.out" 2>&1; rc=$?
"$SDD" predict "$D/a,b" --model "$WORK/cal.sddm" --json "$WORK/cal.json" > /dev/null 2>&1
check "calibrate: a copy with its confidence rule; predict --json says accept, review or unknown with the unknown score ($rc)" \
  '[ $rc -eq 0 ] && "$SDD" info "$WORK/cal.sddm" | grep -q "^confidence   temperature" &&
   "$PY" -c "
import json,sys; imgs = [i for i in json.load(open(sys.argv[1]))[\"images\"] if \"class\" in i]
assert imgs and all(i[\"decision\"] in (\"accept\", \"review\", \"unknown\") and 0 < i[\"calibrated_probability\"] <= 1 for i in imgs)
assert all(isinstance(i[\"unknown_score\"], float) for i in imgs)" "$WORK/cal.json"'
# --only-sizes: the model's rule as it was, plus the training images' sizes (sdd info shows them).
"$SDD" calibrate "$D" --model "$WORK/cal.sddm" --only-sizes --out "$WORK/sized.sddm" > "$WORK/sized.out" 2>&1; rc=$?
"$SDD" info "$WORK/cal.sddm" > "$WORK/cal.info" 2>&1
"$SDD" info "$WORK/sized.sddm" > "$WORK/sized.info" 2>&1
check "calibrate --only-sizes: the rule kept, the training images' sizes added ($rc)" \
  '[ $rc -eq 0 ] && grep -q "kept the model" "$WORK/sized.out" && grep -q "^sizes  *trained on images" "$WORK/sized.info" && [ "$(grep "^confidence" "$WORK/cal.info")" = "$(grep "^confidence" "$WORK/sized.info")" ]'
"$SDD" calibrate "$D" --model "$M" --out "$M" > /dev/null 2>&1; rc=$?
check "calibrate onto the model it reads: refused ($rc)" '[ $rc -ne 0 ] && [ -s "$M" ]'
check "eval --json parses" '"$PY" -c "import json,sys; json.load(open(sys.argv[1]))" "$WORK/eval.json"'
check "eval --json: calibration (temperature > 0, ECE in [0,1]) and the review rule's point" \
  '"$PY" -c "
import json,sys; c = json.load(open(sys.argv[1]))[\"calibration\"]
assert c[\"temperature\"] > 0 and 0 <= c[\"ece_before\"] <= 1 and 0 <= c[\"ece_after\"] <= 1
assert 0 <= c[\"operating_point\"][\"coverage\"] <= 1 and c[\"max_risk\"] == 0.002" "$WORK/eval.json"'
check "eval --json: the model's own rule (fitted by training) decides every image once" \
  '"$PY" -c "
import json,sys; j = json.load(open(sys.argv[1])); d = j[\"decisions\"]
assert d[\"accept\"] + d[\"review\"] + d[\"unknown\"] == j[\"calibration\"][\"images\"] > 0" "$WORK/eval.json"'
(cd "$D/a,b" && "$SDD" predict --model "$M" --csv "$WORK/predict.csv" -- -dash.png =cmd.png missing.png ./-also-missing.png > /dev/null 2>&1)
check "predict --csv: error rows as wide as the others (14 columns), names guarded" \
  'csv_ok "$WORK/predict.csv" 14 && [ "$(grep -c "file does not exist" "$WORK/predict.csv")" = 2 ] && grep -q "^\"'"'"'-dash.png\"" "$WORK/predict.csv"'
# Where the defects are: the shipped model has a defect map; the test model has none.
(cd "$D/a,b" && "$SDD" predict --defects --csv "$WORK/defects.csv" --json "$WORK/defects.json" -- -dash.png =cmd.png missing.png > "$WORK/defects.out" 2>&1)
check "predict --defects: a defects column (19 columns with the shipped model's 6 classes) and a list per image in the JSON" \
  'csv_ok "$WORK/defects.csv" 19 && head -1 "$WORK/defects.csv" | grep -q ",defects,unknown_reason,error" && grep -q "defects: " "$WORK/defects.out" && "$PY" -c "
import json,sys; j = json.load(open(sys.argv[1])); ok = [i for i in j[\"images\"] if \"error\" not in i]
assert len(ok) == 2 and all(isinstance(i[\"defects\"], list) for i in ok)
assert all(d[\"width\"] > 0 and d[\"height\"] > 0 and 0.5 <= d[\"score\"] <= 1 for i in ok for d in i[\"defects\"])" "$WORK/defects.json"'
# A 3 x 3 image is far smaller than the shipped model's 200-px training images: unknown, and why.
printf 'P5\n3 3\n255\n\200\200\200\200\000\200\200\200\200' > "$WORK/tiny.pgm"
"$SDD" predict "$WORK/tiny.pgm" --json "$WORK/tiny.json" --csv "$WORK/tiny.csv" > "$WORK/tiny.out" 2>&1
check "predict: an image far smaller than the training images is unknown, with the reason in text, JSON and CSV" \
  'grep -q "UNKNOWN (3x3 px: far smaller" "$WORK/tiny.out" && grep -q "far smaller" "$WORK/tiny.csv" && "$PY" -c "
import json,sys; i = json.load(open(sys.argv[1]))[\"images\"][0]
assert i[\"decision\"] == \"unknown\" and \"3x3 px\" in i[\"unknown_reason\"]" "$WORK/tiny.json"'
"$SDD" predict "$D/a,b" --model "$M" --defects > "$WORK/nomap.out" 2>&1; rc=$?
check "predict --defects with a model without a defect map: exit 2 ($rc), says so" \
  '[ $rc -eq 2 ] && grep -q "has no defect map" "$WORK/nomap.out"'
(cd "$D/a,b" && "$SDD" relabel "$D" --workspace "$WORK/ws" --to '=sum' -- -dash.png > "$WORK/relabel.out" 2>&1)
"$SDD" journal --workspace "$WORK/ws" --csv "$WORK/journal.csv" > /dev/null 2>&1
check "journal --csv parses, the relabel is in it" 'csv_ok "$WORK/journal.csv" 11 && grep -q "a,b/-dash.png" "$WORK/journal.csv"'
# Boxes as VOC (one file per image) and COCO (valid JSON, as many images).
"$SDD" export --voc "$WORK/voc" --coco "$WORK/boxes.json" "$D" --workspace "$WORK/ws" > "$WORK/boxes.out" 2>&1
nvoc=$(find "$WORK/voc" -name '*.xml' | wc -l)
check "export --voc / --coco: $nvoc annotations, the COCO file lists as many images" \
  '[ "$nvoc" -gt 0 ] && "$PY" -c "import json, sys; sys.exit(len(json.load(open(sys.argv[1]))[\"images\"]) != int(sys.argv[2]))" "$WORK/boxes.json" "$nvoc"'
check "training log.csv parses" 'csv_ok "$WORK/run/log.csv" 9'
"$SDD" suspects "$D" "${ARGS[@]}" --folds 2 --epochs 1 --out "$WORK/cv" --csv "$WORK/suspects.csv" > /dev/null 2>&1
check "suspects --csv parses" 'csv_ok "$WORK/suspects.csv" 7'
"$SDD" reduce "$D" "${ARGS[@]}" --preset default --epochs 1 --final-epochs 1 --max-steps 1 --out "$WORK/reduce" > /dev/null 2>&1
check "reduce: table-v.csv parses" 'csv_ok "$WORK/reduce/table-v.csv" 10'

# 2. Standard output on a full device: the command fails and says why.
for cmd in "scan $D" "eval $D --model $M" "info $M" "journal --workspace $WORK/ws"; do
  "$SDD" $cmd > /dev/full 2> "$WORK/full.err"; rc=$?
  check "sdd $(echo "$cmd" | cut -d' ' -f1) > /dev/full: exit $rc, reason given" \
    '[ $rc -ne 0 ] && grep -q "No space left on device" "$WORK/full.err"'
done

# 3. Output files that cannot be written whole (a 1 KB file size limit, as a nearly full
#    disk): exit 6 with the reason, no partial, 0-byte or temp file left, older files kept.
mkdir -p "$WORK/out"
echo "an older eval.csv" > "$WORK/out/old.csv"
limited() { (trap '' XFSZ; ulimit -f "${LIMIT_KB:-1}"; "$@"); }
limited "$SDD" eval "$D" --model "$M" --split all --csv "$WORK/out/e.csv" --json "$WORK/out/e.json" > /dev/null 2> "$WORK/3.err"; rc=$?
check "eval onto a full disk: exit 6 ($rc), reason named" '[ $rc -eq 6 ] && grep -q "File too large" "$WORK/3.err"'
limited "$SDD" eval "$D" --model "$M" --split all --csv "$WORK/out/old.csv" > /dev/null 2>&1
check "an older file is kept whole when its replacement fails" '[ "$(cat "$WORK/out/old.csv")" = "an older eval.csv" ]'
limited "$SDD" predict "$D/=sum" --model "$M" --csv "$WORK/out/p.csv" --json "$WORK/out/p.json" > /dev/null 2> "$WORK/4.err"; rc=$?
check "predict onto a full disk: exit 6 ($rc), not 2 (bad command line)" '[ $rc -eq 6 ] && grep -q "File too large" "$WORK/4.err"'
limited "$SDD" export --model "$M" --onnx "$WORK/out/m.onnx" > /dev/null 2> "$WORK/5.err"; rc=$?
check "export --onnx onto a full disk: exit 6 ($rc)" '[ $rc -eq 6 ]'
limited "$SDD" export --coco "$WORK/out/boxes.json" "$D" > /dev/null 2> "$WORK/5b.err"; rc=$?
check "export --coco onto a full disk: exit 6 ($rc)" '[ $rc -eq 6 ]'
LIMIT_KB=0 limited "$SDD" journal --workspace "$WORK/ws" --csv "$WORK/out/j.csv" > /dev/null 2>&1; rc=$?
limited "$SDD" train "$D" "${ARGS[@]}" --epochs 1 --out "$WORK/out/run" > /dev/null 2> "$WORK/6.err"; trc=$?
check "journal --csv ($rc) and train ($trc) onto a full disk fail" '[ $rc -eq 6 ] && [ $trc -ne 0 ]'
check "no partial, 0-byte or temp file left" \
  '[ "$(cd "$WORK/out" && find . -type f ! -path "./run/*" | sort | tr "\n" " ")" = "./old.csv " ] && [ -z "$(find "$WORK/out" -name "*.tmp")" ]'

# 4. Networks too big for the machine: refused before anything is allocated.
"$SDD" train "$D" --input-size 4096 --epochs 1 --out "$WORK/big" > /dev/null 2> "$WORK/7.err"; rc=$?
check "--input-size 4096: exit 2 ($rc) with the figure and the limit" '[ $rc -eq 2 ] && grep -q "MB of activations per image; at most" "$WORK/7.err"'
# 24 training images of 2,048 px: about 60 GB of activations in one batch. Checked only on
# machines with less than 48 GB, where it cannot fit.
if [ "$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)" -lt 50000000 ]; then
  "$SDD" train "$D" --input-size 2048 --batch 64 --epochs 1 --out "$WORK/big" > /dev/null 2> "$WORK/8.err"; rc=$?
  check "a batch that cannot fit in memory: exit 2 ($rc)" '[ $rc -eq 2 ] && grep -q "GB of memory" "$WORK/8.err"'
fi

# 5. Classes one level down (SDNET2018's D/CD, D/UD): the scan says how to take them; a model
#    trained with that class list evaluates on the folder without it.
N="$WORK/nested"
half() { ls "$WORK/clean/$1" | awk -v h="$2" 'NR % 2 == h'; }
mkdir -p "$N/A/disk" "$N/A/stripes" "$N/B/dots" "$N/B/lines"
for f in $(half disk 0); do cp "$WORK/clean/disk/$f" "$N/A/disk/"; done
for f in $(half disk 1); do cp "$WORK/clean/disk/$f" "$N/B/dots/"; done
for f in $(half stripes 0); do cp "$WORK/clean/stripes/$f" "$N/A/stripes/"; done
for f in $(half stripes 1); do cp "$WORK/clean/stripes/$f" "$N/B/lines/"; done
"$SDD" scan "$N" > "$WORK/9.out" 2>&1; rc=$?
check "scan of classes one level down: the note names the class list ($rc)" \
  '[ $rc -eq 0 ] && grep -q "give them as the class list (--classes disk,stripes,dots,lines)" "$WORK/9.out"'
"$SDD" train "$N" --classes disk,stripes,dots,lines "${ARGS[@]}" --epochs 1 --out "$WORK/nrun" > /dev/null 2>&1
"$SDD" eval "$N" --model "$WORK/nrun/model.sddm" > "$WORK/10.out" 2>&1; rc=$?
check "eval without the list takes the model's classes where they are folders further down ($rc)" \
  '[ $rc -eq 0 ] && grep -q "the model.s classes taken" "$WORK/10.out"'
[ $fail -eq 0 ] && echo "cli-outputs-ok"
exit $fail
