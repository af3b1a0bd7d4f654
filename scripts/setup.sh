#!/usr/bin/env bash
# Install everything kongthun needs on a fresh Debian 12 machine. Idempotent: each step
# runs only when what it installs is missing or its inputs changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(postgresql chromium fonts-thai-tlwg gettext libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "kongthun setup: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "kongthun setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.kongthun-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "kongthun setup: pip install -e .[dev]"
  .venv/bin/pip install -q --disable-pip-version-check -U pip
  .venv/bin/pip install -q --disable-pip-version-check -e ".[dev]"
  touch "$stamp"
fi

if [ ! -d node_modules ] || [ package.json -nt node_modules/.kongthun-installed ] || \
   { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.kongthun-installed ]; }; then
  echo "kongthun setup: npm ci (Pico CSS, htmx, Chart.js)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
  touch node_modules/.kongthun-installed
fi

# Compile the Thai/English translations (msgfmt from Debian's gettext).
for po in src/kongthun/locale/*/LC_MESSAGES/django.po; do
  [ -f "$po" ] || continue
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then msgfmt --check -o "$mo" "$po"; fi
done
mkdir -p var/static
