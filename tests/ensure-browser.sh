#!/usr/bin/env bash
# Find a Chromium for the browser tests; on a root Debian machine, install one.
set -euo pipefail
if [ -n "${EXPLAINER_CHROMIUM:-}" ]; then
  [ -x "$EXPLAINER_CHROMIUM" ] && exit 0
  echo "EXPLAINER_CHROMIUM=$EXPLAINER_CHROMIUM is not an executable file" >&2; exit 1
fi
for b in /usr/bin/chromium /usr/bin/google-chrome /usr/bin/google-chrome-stable /usr/bin/chromium-browser; do
  [ -x "$b" ] && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ -f /etc/debian_version ]; then
  echo "Installing Debian's chromium package for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "No Chromium found: install it (Debian: sudo apt-get install chromium) or set EXPLAINER_CHROMIUM=/path/to/chrome" >&2
exit 1
