#!/bin/bash
# Prints a relabel CSV for the two-class generated dataset DATA (disk/, stripes/, as
# `sdd_make_nasty_dataset --clean` makes it): every image flips to the other class and back,
# ROUNDS times in all, so that every row is a real change.
#   make_flips_csv.sh DATA ROUNDS > flips.csv
set -u
DATA=$1 ROUNDS=$2
echo "path,label"
for round in $(seq 1 "$ROUNDS"); do
  for f in "$DATA"/disk/* "$DATA"/stripes/*; do
    rel=${f#"$DATA"/}
    if [ $((round % 2)) -eq 1 ]; then [[ $rel == disk/* ]] && l=stripes || l=disk
    else [[ $rel == disk/* ]] && l=disk || l=stripes; fi
    echo "$rel,$l"
  done
done
