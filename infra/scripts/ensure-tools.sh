#!/usr/bin/env bash
# Makes sure the tools the tests and the local runtime need are on this machine:
#   moto_server (AWS emulator) and cfn-lint (SAM template validation).
# Uses them from PATH when present; otherwise installs them with pip into the project's own venv (.venv),
# which the test harness and the local runtime also look in. Idempotent and quiet when nothing is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
MOTO_SPEC="${MOTO_SPEC:-moto[server]>=5.1,<6}"
CFN_LINT_SPEC="${CFN_LINT_SPEC:-cfn-lint>=1.20,<2}"

need=()
command -v moto_server >/dev/null 2>&1 || [ -x "$VENV/bin/moto_server" ] || need+=("$MOTO_SPEC")
command -v cfn-lint >/dev/null 2>&1 || [ -x "$VENV/bin/cfn-lint" ] || need+=("$CFN_LINT_SPEC")

if [ ${#need[@]} -gt 0 ]; then
  command -v python3 >/dev/null 2>&1 || { echo "ensure-tools: python3 is required to install ${need[*]}" >&2; exit 1; }
  echo "ensure-tools: installing ${need[*]} into $VENV" >&2
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet "${need[@]}" >&2
fi

# With --browser (the test command passes it): the billing page's browser tests (infra/web-tests) drive Debian's
# chromium + chromium-driver headless. Installed only where apt-get exists and we are root; elsewhere, or if the
# install fails, those tests skip themselves with a message.
if [ "${1:-}" = "--browser" ] && ! { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "ensure-tools: installing chromium and chromium-driver with apt-get" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; } >&2 \
      || echo "ensure-tools: WARNING: could not install chromium/chromium-driver: browser tests will skip" >&2
  else
    echo "ensure-tools: chromium/chromedriver missing and apt-get unavailable (or not root): browser tests will skip" >&2
  fi
fi
