#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the claims report's browser check
# (ReportInBrowserIT, run by `mvn verify`, drives /usr/bin/chromium through /usr/bin/chromedriver
# with Selenium WebDriver), only when one of them is missing. Idempotent and quiet: one line of
# output. Nothing is downloaded at test time (no Selenium Manager, no browser download).
set -euo pipefail

version() { echo "$(/usr/bin/chromium --version 2>/dev/null || echo chromium), $(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2 || echo chromedriver)"; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "install-chromium: $(version) already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "install-chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing and this is not root (no sudo): install the Debian packages chromium and chromium-driver" >&2
    exit 1
  fi
fi

log=$(mktemp /tmp/install-chromium.XXXXXX.log)
export DEBIAN_FRONTEND=noninteractive
apt=(apt-get -q -y -o DPkg::Lock::Timeout=300)
if ! { $sudo "${apt[@]}" update && $sudo "${apt[@]}" install --no-install-recommends chromium chromium-driver fonts-dejavu-core; } >"$log" 2>&1; then
  echo "install-chromium: apt-get failed; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
for bin in /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$bin" ]; then
    echo "install-chromium: the packages chromium and chromium-driver installed no $bin (see $log)" >&2
    exit 1
  fi
done
rm -f "$log"
echo "install-chromium: installed $(version)"
