#!/usr/bin/env bash
# Set up, load demo data into the embedded SQLite database and start Teilhabe at http://127.0.0.1:8000
# (another address or port: TEILHABE_ADDR=0.0.0.0:8080 make run, or only a port: TEILHABE_ADDR=8080)
set -euo pipefail
cd "$(dirname "$0")/.."
addr="${TEILHABE_ADDR:-127.0.0.1:8000}"
case "$addr" in
  *:*) ;;                      # host:port (or [ipv6]:port) as given
  *) addr="127.0.0.1:$addr" ;;  # only a port: runserver listens on 127.0.0.1
esac
scripts/setup.sh
.venv/bin/teilhabe migrate --noinput
.venv/bin/teilhabe demo --base-url "http://$addr"
echo "» Teilhabe läuft auf http://$addr/ (Strg+C beendet)"
exec .venv/bin/teilhabe runserver "$addr"
