#!/bin/sh
# The ONNX export checked in ONNX Runtime (npm onnxruntime-node, which tools/setup.sh installs
# into build/node when node and npm are present) against LibTorch on real NEU images.
# Skipped (exit 77) without node, without the package or without data/NEU-DET.
# usage: onnxruntime_check.sh ONNX_REFERENCE_BINARY WORK_DIR NODE_MODULES_DIR SOURCE_DIR [--map]
set -e
if ! command -v node > /dev/null 2>&1; then
  echo "node is not installed: the ONNX Runtime check is skipped"
  exit 77
fi
if [ ! -d "$3/onnxruntime-node" ]; then
  echo "onnxruntime-node is not installed in $3 (tools/setup.sh installs it): skipped"
  exit 77
fi
rc=0
"$1" "$2" $5 || rc=$?
[ $rc -eq 0 ] || exit $rc
node "$4/tests/onnxruntime_check.js" "$2" "$3"
