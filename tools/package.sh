#!/usr/bin/env bash
# Builds the Debian package (CPack) from the release build: build/sdd-workbench_<ver>_amd64.deb.
# With --install it also installs it (apt-get, so its dependencies come along) and checks that
# the installed programs start: `sdd --version`, `sdd info` (finds the shipped model under
# /usr/share) and, when Xvfb is present, sdd-workbench on a virtual display for a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh >/dev/null
# CPack's DEB generator derives the dependencies with dpkg-shlibdeps (dpkg-dev).
if ! command -v dpkg-shlibdeps >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
fi
(cd build && cpack -G DEB >/dev/null)
deb=$(ls -t build/sdd-workbench_*_amd64.deb | head -1)
echo "package: $deb"
dpkg-deb -I "$deb" | grep -E "Package|Version|Depends"
if [[ "${1:-}" == "--install" ]]; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
  (cd /tmp && /usr/bin/sdd --version && /usr/bin/sdd info | head -2)
  if command -v xvfb-run >/dev/null; then
    SDD_NO_DIALOGS=1 timeout 8 xvfb-run -a /usr/bin/sdd-workbench >/dev/null 2>&1 && status=0 || status=$?
    # 124: still running when timeout stopped it, i.e. it started and stayed up.
    [[ $status -eq 124 ]] && echo "sdd-workbench started from /usr/bin and stayed up" || { echo "sdd-workbench exited with $status"; exit 1; }
  fi
fi
