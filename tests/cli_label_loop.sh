#!/bin/bash
# The labeling loop headless: a dataset that is mostly images without a class (in unlabeled/
# and a camera folder) -> scan counts them -> train on the few labeled ones -> prelabel
# (suggestions kept in the workspace) -> bulk acceptance (dry run first) -> the reviewed
# prelabel CSV imported with `sdd relabel --csv` -> train again and re-score; the journal
# says how each label was given. A folder of camera images alone needs a class list.
#   cli_label_loop.sh SDD GENERATOR WORKDIR
set -u
SDD=$(realpath "$1") GEN=$(realpath "$2") WORK=$3
rm -rf "$WORK"; mkdir -p "$WORK"; WORK=$(realpath "$WORK")
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
G="$WORK/generated" D="$WORK/data" WS="$WORK/ws"
"$GEN" --clean "$G" > /dev/null || { echo "FAIL: generator"; exit 1; }
# 5 labeled images per class; the other 20 without a class, 10 in unlabeled/, 10 in cam2/.
for c in disk stripes; do
  mkdir -p "$D/$c" "$D/unlabeled" "$D/cam2"
  n=0
  for f in $(cd "$G/$c" && ls | sort -n); do
    if [ $n -lt 5 ]; then cp "$G/$c/$f" "$D/$c/$f"
    elif [ $n -lt 10 ]; then cp "$G/$c/$f" "$D/unlabeled/$c-$f"   # the answer hides in the name
    else cp "$G/$c/$f" "$D/cam2/$c-$f"; fi
    n=$((n + 1))
  done
done
find "$D" -type f -exec chmod a-w {} +
sum_before=$(find "$D" -type f -exec md5sum {} + | sort | md5sum)

"$SDD" scan "$D" > "$WORK/1.out" 2>&1
check "scan: 20 images without a class, beside 2 classes" \
  'grep -q "20 image(s) without a class" "$WORK/1.out" && grep -q "folder-per-class" "$WORK/1.out"'

"$SDD" train "$D" --epochs 25 --batch 4 --input-size 32 --threads 2 --seed 3 --out "$WS/runs/first" > "$WORK/2.out" 2>&1; rc=$?
M1="$WS/runs/first/model.sddm"
check "train on the 10 labeled images only ($rc)" '[ $rc -eq 0 ] && [ -f "$M1" ] && grep -q "disk *4 *1" "$WORK/2.out"'

"$SDD" prelabel "$D" --model "$M1" --workspace "$WS" --csv "$WORK/pre.csv" > "$WORK/3.out" 2>&1; rc=$?
check "prelabel: 20 rows with suggestion, confidence, margin, probabilities ($rc)" \
  '[ $rc -eq 0 ] && [ $(tail -n +2 "$WORK/pre.csv" | wc -l) -eq 20 ] &&
   head -1 "$WORK/pre.csv" | grep -q "^path,label,suggestion,confidence,margin,p_disk,p_stripes$" &&
   [ -f "$WS/predictions.sqlite" ]'
right=$(tail -n +2 "$WORK/pre.csv" | awk -F, '{split($1, a, "/"); split(a[2], b, "-"); if (b[1] == $3) n++} END {print n + 0}')
check "the suggestions are mostly right ($right of 20)" '[ "$right" -ge 15 ]'

# The threshold: the median confidence, so that about half is accepted in bulk.
T=$(tail -n +2 "$WORK/pre.csv" | cut -d, -f4 | sort -g | sed -n 11p)
"$SDD" label "$D" --workspace "$WS" --model "$M1" --accept-above "$T" --dry-run > "$WORK/4.out" 2>&1; rc=$?
check "label --dry-run: a preview per class, no label written ($rc)" \
  '[ $rc -eq 0 ] && grep -q "dry run: no label written" "$WORK/4.out" && grep -q "^  disk " "$WORK/4.out" &&
   [ ! -f "$WS/labels.sqlite" ]'
"$SDD" label "$D" --workspace "$WS" --model "$M1" --accept-above "$T" > "$WORK/5.out" 2>&1; rc=$?
bulk=$(grep -o "^[0-9]* label(s) recorded" "$WORK/5.out" | cut -d' ' -f1)
check "label --accept-above $T: $bulk first labels, in bulk ($rc)" \
  '[ $rc -eq 0 ] && [ "${bulk:-0}" -ge 8 ] && [ "$bulk" -le 12 ]'

# The reviewer fills in the undecided rows (here: the suggestion) and imports the file.
awk -F, 'BEGIN {OFS=","} NR > 1 && $2 == "" {$2 = $3} {print}' "$WORK/pre.csv" > "$WORK/reviewed.csv"
"$SDD" relabel "$D" --workspace "$WS" --csv "$WORK/reviewed.csv" --quiet > "$WORK/6.out" 2>&1; rc=$?
check "relabel --csv of the reviewed prelabel file: the other $((20 - bulk)) labeled ($rc)" \
  '[ $rc -eq 0 ] && grep -q "^$((20 - bulk)) relabel(s) recorded" "$WORK/6.out"'
"$SDD" scan "$D" --workspace "$WS" > "$WORK/7.out" 2>&1
check "scan with the workspace: no image without a class left" '! grep -q "without a class" "$WORK/7.out"'

"$SDD" journal --workspace "$WS" --csv "$WORK/journal.csv" > /dev/null 2>&1
fp=$(grep -o "for model [0-9a-f]*" "$WORK/3.out" | cut -d' ' -f3)
check "journal: bulk rows say so, with the model's fingerprint; imported rows are manual; all are 'label'" \
  '[ $(grep -c ",label,sdd label,bulk >= $T,[^,]*,$fp$" "$WORK/journal.csv") -eq "$bulk" ] &&
   [ $(grep -c ",label,sdd relabel,manual,[^,]*,$" "$WORK/journal.csv") -eq $((20 - bulk)) ]'

"$SDD" train "$D" --workspace "$WS" --epochs 25 --batch 4 --input-size 32 --threads 2 --seed 3 \
  --out "$WS/runs/second" > "$WORK/8.out" 2>&1; rc=$?
check "train again on all 30 labels ($rc)" '[ $rc -eq 0 ] && grep -Eq "stripes *1[0-9] *[0-9]" "$WORK/8.out"'
"$SDD" prelabel "$D" --model "$WS/runs/second/model.sddm" --workspace "$WS" --all --csv "$WORK/rescore.csv" \
  > "$WORK/9.out" 2>&1; rc=$?
check "re-score with the new model (--all: 30 rows, labels filled in)" \
  '[ $rc -eq 0 ] && [ $(tail -n +2 "$WORK/rescore.csv" | wc -l) -eq 30 ] && ! grep -q "^[^,]*,," "$WORK/rescore.csv"'

# A folder straight off the line: no class folders at all.
mkdir -p "$WORK/line/cam1"; cp "$D"/cam2/* "$WORK/line/cam1/"
"$SDD" prelabel "$WORK/line" --model "$M1" --csv "$WORK/line.csv" > "$WORK/10.out" 2>&1; rc=$?
check "a camera folder alone: the model's classes ($rc)" '[ $rc -eq 0 ] && [ $(tail -n +2 "$WORK/line.csv" | wc -l) -eq 10 ]'
"$SDD" scan "$WORK/line" > "$WORK/11.out" 2>&1; rc=$?
check "scan of it without a class list: exit 3, says what is missing" '[ $rc -eq 3 ] && grep -q "(--classes A,B,...)" "$WORK/11.out"'
"$SDD" relabel "$WORK/line" --workspace "$WORK/ws2" --classes disk,stripes --to stripes "cam1/$(ls "$WORK/line/cam1" | head -1)" \
  > "$WORK/12.out" 2>&1; rc=$?
check "relabel --classes: the first label, and the class list kept in the workspace ($rc)" \
  '[ $rc -eq 0 ] && [ -f "$WORK/ws2/classes.json" ] && "$SDD" scan "$WORK/line" --workspace "$WORK/ws2" 2>&1 | grep -q "9 image(s) without a class"'
"$SDD" relabel "$WORK/line" --workspace "$WORK/ws2" --classes a,b --to a "cam1/$(ls "$WORK/line/cam1" | tail -1)" \
  > "$WORK/13.out" 2>&1; rc=$?
check "another class list for that workspace: refused (exit 2)" '[ $rc -eq 2 ] && grep -q "differs from the class list" "$WORK/13.out"'

# The simulation on the generated classes (labels hidden and asked for again), then its plot
# drawn again from the CSV without training.
"$SDD" simulate-labeling "$G" --seeds 1 --start 2 --query 4 --max-labels 12 --max-epochs 2 --threads 2 \
  --csv "$WORK/sim.csv" --plot "$WORK/sim.png" > "$WORK/14.out" 2>&1; rc=$?
check "simulate-labeling: a reference and 3 rounds per strategy, CSV and plot ($rc)" \
  '[ $rc -eq 0 ] && [ $(grep -c "^uncertainty,1," "$WORK/sim.csv") -eq 3 ] &&
   [ $(grep -c "^random,1," "$WORK/sim.csv") -eq 3 ] && grep -q "^all labels,1," "$WORK/sim.csv" &&
   head -c 4 "$WORK/sim.png" | grep -q PNG'
"$SDD" simulate-labeling --replot "$WORK/sim.csv" --plot "$WORK/sim2.png" > "$WORK/15.out" 2>&1; rc=$?
check "simulate-labeling --replot: the summary and the plot from the CSV ($rc)" \
  '[ $rc -eq 0 ] && grep -q "labels to macro F1 0.95" "$WORK/15.out" && [ -s "$WORK/sim2.png" ]'
printf 'strategy,seed,labels,macro_f1,epochs,seconds\nrandom,1,x,0.5,1,1\n' > "$WORK/bad.csv"
"$SDD" simulate-labeling --replot "$WORK/bad.csv" > "$WORK/16.out" 2>&1; rc=$?
check "--replot of a bad CSV: exit 2 naming the file and line ($rc)" \
  '[ $rc -eq 2 ] && grep -q "bad.csv: line 2" "$WORK/16.out"'

check "no dataset file was changed" '[ "$(find "$D" -type f -exec md5sum {} + | sort | md5sum)" = "$sum_before" ]'
[ $fail -eq 0 ] && echo "cli-label-loop-ok"
