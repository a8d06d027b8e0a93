#!/bin/sh
# sdd scan / train / eval on the generated nasty dataset. Every bad file is named
# with its reason, a summary is printed, nothing crashes, the good files give correct
# results, and no file of the dataset is modified.
#   nasty_dataset.sh SDD GENERATOR WORKDIR
set -u
SDD=$1 GEN=$2 WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
DATA="$WORK/nasty"
"$GEN" "$DATA" > "$WORK/planted.txt" || { echo "FAIL: generator"; exit 1; }
sums() { find "$DATA" -type f -perm -u=r -print0 | sort -z | xargs -0 sha256sum; }
sums > "$WORK/before.sha256"
fail=0
check() {  # check FILE PATTERN WHAT
  grep -q -- "$2" "$1" || { echo "FAIL: $3 (no '$2' in $1)"; fail=1; }
}

"$SDD" scan "$DATA" > "$WORK/scan.out" 2> "$WORK/scan.err"; rc=$?
[ $rc -eq 0 ] || { echo "FAIL: sdd scan exit $rc"; cat "$WORK/scan.err"; fail=1; }
check "$WORK/scan.err" "truncated.jpg: truncated JPEG" "truncated JPEG named"
check "$WORK/scan.err" "zero.jpg: empty file" "zero-byte file named"
check "$WORK/scan.err" "text.jpg: not an image" "text file named .jpg named"
check "$WORK/scan.err" "notes.txt: not an image file extension" "non-image extension named"
check "$WORK/scan.err" "loop: symbolic link to a folder; not followed" "folder symlink loop named"
check "$WORK/scan.err" "a.jpg: symbolic link that leads nowhere" "file symlink loop named"
check "$WORK/scan.err" "empty_class: class folder without any usable image" "empty class named"
check "$WORK/scan.err" "file(s) skipped in total" "summary line"
check "$WORK/scan.out" "2 classes" "two classes found"
# Good files: 15 per class + 16-bit PNG + CMYK JPEG + the 10,000 x 10,000 image
# (+ the unreadable file when not running as root, + the garbled JPEG if libjpeg accepts it).
check "$WORK/scan.out" "disk  *1[3-8] " "disk train count"

"$SDD" train "$DATA" --input-size 32 --conv 8,16 --fc 0 --head gap --bn --epochs 12 --lr 0.01 \
  --out "$WORK/run" --quiet > "$WORK/train.out" 2> "$WORK/train.err"; rc=$?
[ $rc -eq 0 ] || { echo "FAIL: sdd train exit $rc"; cat "$WORK/train.err"; fail=1; }
check "$WORK/train.err" "truncated.jpg: truncated JPEG" "train names bad files too"

"$SDD" eval "$DATA" --model "$WORK/run/model.sddm" --split all --json "$WORK/eval.json" \
  > "$WORK/eval.out" 2> "$WORK/eval.err"; rc=$?
[ $rc -eq 0 ] || { echo "FAIL: sdd eval exit $rc"; cat "$WORK/eval.err"; fail=1; }
acc=$(sed -n 's/.*"accuracy": *\([0-9.]*\).*/\1/p' "$WORK/eval.json" | head -1)
echo "accuracy on all good files: $acc"
awk -v a="$acc" 'BEGIN { exit !(a >= 0.9) }' || { echo "FAIL: accuracy $acc < 0.9 on the good files"; fail=1; }

sums > "$WORK/after.sha256"
cmp -s "$WORK/before.sha256" "$WORK/after.sha256" || { echo "FAIL: dataset files changed"; fail=1; }
[ -z "$(find "$DATA" -newer "$WORK/planted.txt" -print -quit)" ] || { echo "FAIL: something was written into the dataset"; fail=1; }
chmod -R u+rwX "$DATA"
[ $fail -eq 0 ] && echo "nasty-dataset-ok"
exit $fail
