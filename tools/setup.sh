#!/usr/bin/env bash
# Installs the Debian packages SDD Workbench needs (only those missing), then configures and
# builds the release preset. Safe to run again: a no-op rebuild takes seconds (ccache). The NEU
# data beside the checkout (../shared/datasets/NEU-DET) is linked as data/NEU-DET, where the
# workbench opens it and the tests read it.
#   tools/setup.sh          the workbench, CLI, tests and benchmarks (build/)
#   tools/setup.sh --asan   also clang, then the sanitizer + libFuzzer build (build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."

PRESET=release
PACKAGES=(
  cmake ninja-build g++ ccache pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp libopencv-dev libsqlite3-dev nlohmann-json3-dev
  libgtest-dev libjpeg-dev zlib1g-dev xvfb xauth poppler-utils python3 clang-format
  # Chinese, Japanese and Korean text (class names such as the Tianchi sets' 破洞, the zh_CN
  # and ko translations) is drawn as empty boxes without a font that has it: 5 MB.
  fonts-wqy-microhei
)
case "${1:-}" in
  "") ;;
  --asan) PRESET=asan; PACKAGES+=(clang-14 libclang-rt-14-dev) ;;
  *) echo "setup: unknown option '$1' (expected --asan or nothing)" >&2; exit 2 ;;
esac

if [[ -d ../shared/datasets/NEU-DET && ! -e data/NEU-DET ]]; then
  mkdir -p data
  ln -s "$(cd ../shared/datasets/NEU-DET && pwd)" data/NEU-DET
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing missing Debian packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET"

# ONNX Runtime for the onnx.onnxruntime test (the runtime Triton's ONNX backend uses): the npm
# package, whose CPU library ships inside it (--ignore-scripts: its install script only
# fetches GPU extras). Optional: without node / npm, or offline, the test is skipped.
ORT=build/node/node_modules/onnxruntime-node
if [[ "$PRESET" == release && ! -d "$ORT" ]] && command -v npm > /dev/null 2>&1; then
  echo "setup: installing onnxruntime-node 1.30.0 into build/node (for the ONNX Runtime test)"
  npm install --prefix build/node --ignore-scripts --no-audit --no-fund --silent \
    onnxruntime-node@1.30.0 || echo "setup: onnxruntime-node not installed; onnx.onnxruntime will be skipped"
fi
