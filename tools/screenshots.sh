#!/usr/bin/env bash
# Saves the workbench's panels on data/NEU-DET as PNGs (default docs/screenshots) through the
# Qt Test tour in tests/gui_test.cpp. Optional: SDD_SCREENSHOT_WORKSPACE=DIR to show the runs
# of a workspace on the Train tab. Look at the PNGs before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
export SDD_SCREENSHOT_DIR=${1:-$PWD/docs/screenshots}
QT_QPA_PLATFORM=offscreen build/tests/sdd_gui_tests screenshotTour
echo "screenshots in $SDD_SCREENSHOT_DIR"
