#!/usr/bin/env bash
# Reproduces the README figures: build, then train the paper's detector on DATASET (default data/NEU-DET)
# and evaluate it on the validation split. Extra arguments go to `sdd train`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
DATASET=${1:-data/NEU-DET}
shift || true
if [[ ! -d "$DATASET" ]]; then
  cat >&2 <<MSG
run: dataset folder '$DATASET' not found.
  Download the NEU surface defect database (NEU-DET layout: train|validation/images/<class>/)
  and link it:  ln -s /path/to/NEU-DET data/NEU-DET
  or pass another folder:  tools/reproduce.sh /path/to/dataset
MSG
  exit 3
fi
OUT=runs/$(basename "$DATASET")
build/app/sdd train "$DATASET" --out "$OUT" --force "$@"
build/app/sdd eval "$DATASET" --model "$OUT/model.sddm" --json "$OUT/eval.json" --csv "$OUT/eval.csv"
echo "run: model, training log and evaluation are in $OUT/"
