#!/bin/sh
# Exports the shipped model and runs the official ONNX checker on it (full check, with shape
# inference) when Debian's python3-onnx is installed; otherwise reports a skip (exit 77).
# usage: onnx_checker.sh SDD_BINARY WORK_DIR
set -e
PY=/usr/bin/python3
if ! "$PY" -c "import onnx" 2>/dev/null; then
  echo "python3-onnx is not installed: the ONNX checker test is skipped"
  exit 77
fi
mkdir -p "$2"
"$1" export --onnx "$2/shipped.onnx"
"$PY" - "$2/shipped.onnx" <<'EOF'
import json, sys
import onnx
m = onnx.load(sys.argv[1])
onnx.checker.check_model(m, full_check=True)
props = {p.key: p.value for p in m.metadata_props}
assert len(json.loads(props["classes"])) == 6, props["classes"]
print("onnx.checker: ok;", props["architecture"])
EOF
