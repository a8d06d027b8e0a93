#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the SDD Workbench GUI on
# data/NEU-DET when it is there (else on its welcome page). Arguments go to sdd-workbench,
# e.g. tools/run.sh /path/to/dataset --model my.sddm
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  cat >&2 <<MSG
run: no display (DISPLAY/WAYLAND_DISPLAY unset), so the workbench window cannot open.
  Run it from a desktop session, or use the command-line tool instead:
  build/app/sdd --help      (train, eval, predict without a GUI; see README)
  tools/reproduce.sh        (train + evaluate on data/NEU-DET, the README figures)
MSG
  exit 1
fi
exec build/app/sdd-workbench "$@"
