#!/usr/bin/env bash
# Set up, load demo data into the embedded SQLite database and start Teilhabe at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/teilhabe migrate --noinput
.venv/bin/teilhabe demo --base-url "http://${TEILHABE_ADDR:-127.0.0.1:8000}"
echo "» Teilhabe läuft auf http://127.0.0.1:8000/ (Strg+C beendet)"
exec .venv/bin/teilhabe runserver "${TEILHABE_ADDR:-127.0.0.1:8000}"
