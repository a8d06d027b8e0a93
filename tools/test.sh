#!/usr/bin/env bash
# README command 2: build, then run the whole test suite. Tests that need the real NEU data
# read data/NEU-DET (a link to your copy; .ci/run links ../shared/datasets/NEU-DET there).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
ctest --preset release -j2 "$@"
