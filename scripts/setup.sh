#!/usr/bin/env bash
# Install everything Teilhabe needs into this checkout: Python packages (locked, in .venv) and the
# front-end assets it serves itself (locked, in node_modules), and the fonts the printed calendar needs
# (Debian packages, scripts/setup-fonts.sh). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
UV_VERSION=0.13.9
if ! "$PYTHON" -m uv --version >/dev/null 2>&1; then
  echo "» installing uv $UV_VERSION"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
echo "» Python packages (uv.lock → .venv)"
UV_PYTHON_DOWNLOADS=never "$PYTHON" -m uv sync --frozen --quiet ${UV_SYNC_ARGS:-}

if [ ! -d node_modules/@kern-ux/native ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "» front-end assets (package-lock.json → node_modules)"
  npm ci --silent --no-audit --no-fund
fi

scripts/setup-fonts.sh
