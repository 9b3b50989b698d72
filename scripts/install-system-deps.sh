#!/usr/bin/env bash
# Debian packages the reports need, installed only when missing (idempotent, offline after this):
#   chromium       headless browser that prints nbconvert's HTML to PDF, and screenshots it in tests
#   poppler-utils  pdftotext / pdfinfo / pdftoppm, to check and preview the PDFs
#   fonts-*        fonts for charts and PDF text, so nothing is fetched from the network at run time
# `apt-get update` runs only when something is missing; as root directly, otherwise through sudo.
set -euo pipefail

say() { printf 'install-system-deps: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# package -> a file or command that shows it is installed
declare -A PROVIDES=(
  [chromium]=/usr/bin/chromium
  [poppler-utils]=/usr/bin/pdftotext
  [fonts-dejavu-core]=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  [fonts-liberation]=/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf
)

if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get not found: install ${!PROVIDES[*]} with your system's package manager"
  exit 0
fi

missing=()
for pkg in "${!PROVIDES[@]}"; do
  if [ ! -e "${PROVIDES[$pkg]}" ] && ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
say "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "done"
