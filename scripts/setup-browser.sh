#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser download does not
# work on these machines). Install the package if it is missing and we are allowed to. Fonts come from
# scripts/setup-fonts.sh, which scripts/setup.sh runs first.
set -euo pipefail
CHROMIUM=${TEILHABE_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "» installing Debian's chromium for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium fehlt ($CHROMIUM). Bitte 'apt-get install chromium' ausführen." >&2
  exit 1
fi
