#!/usr/bin/env bash
# The printed calendar (Typst, src/teilhabe/calendar/print/) embeds Noto fonts for every script it prints:
# Noto Sans plus Arabic, Hebrew, Devanagari, Gurmukhi, Tamil, Sinhala, Thai, Armenian and Georgian
# (Debian package fonts-noto-core, /usr/share/fonts/truetype/noto) and Chinese/Korean (fonts-noto-cjk,
# /usr/share/fonts/opentype/noto). Install the packages if a font is missing and we are allowed to;
# otherwise say what to install and fail, so a machine never prints (or tests) without them.
set -euo pipefail

CORE=/usr/share/fonts/truetype/noto
CJK=/usr/share/fonts/opentype/noto
# One file per family that teilhabe.calendar.print.payload (BASE_FONT, SCRIPT_FONTS) asks for.
REQUIRED=(
  "$CORE/NotoSans-Regular.ttf"
  "$CORE/NotoSansArabic-Regular.ttf"
  "$CORE/NotoSansHebrew-Regular.ttf"
  "$CORE/NotoSansDevanagari-Regular.ttf"
  "$CORE/NotoSansGurmukhi-Regular.ttf"
  "$CORE/NotoSansTamil-Regular.ttf"
  "$CORE/NotoSansSinhala-Regular.ttf"
  "$CORE/NotoSansThai-Regular.ttf"
  "$CORE/NotoSansArmenian-Regular.ttf"
  "$CORE/NotoSansGeorgian-Regular.ttf"
  "$CJK/NotoSansCJK-Regular.ttc"
)
PACKAGES=(fonts-noto-core fonts-noto-cjk)

missing() {
  local file
  for file in "${REQUIRED[@]}"; do
    [ -f "$file" ] || echo "$file"
  done
}

if [ -z "$(missing)" ]; then exit 0; fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "» installing the Noto fonts for the printed calendar (${PACKAGES[*]})"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

if [ -n "$(missing)" ]; then
  echo "Schriften für den Kalenderdruck fehlen:" >&2
  missing | sed 's/^/  /' >&2
  echo "Bitte als root 'apt-get install ${PACKAGES[*]}' ausführen (oder scripts/setup-fonts.sh als root)." >&2
  exit 1
fi
