#!/usr/bin/env bash
# Installs Debian's Chromium for the Allure report's browser check (ReportInBrowserIT, run by
# `mvn verify`), only when /usr/bin/chromium is missing. Idempotent and quiet: one line of output.
# The check drives Chromium over the DevTools protocol from Java, so nothing else is needed
# (no driver, no Node, no browser download).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "install-chromium: /usr/bin/chromium is missing and this is not root (no sudo): install the Debian package chromium" >&2
    exit 1
  fi
fi

log=$(mktemp /tmp/install-chromium.XXXXXX.log)
export DEBIAN_FRONTEND=noninteractive
apt=(apt-get -q -y -o DPkg::Lock::Timeout=300)
if ! { $sudo "${apt[@]}" update && $sudo "${apt[@]}" install --no-install-recommends chromium fonts-dejavu-core; } >"$log" 2>&1; then
  echo "install-chromium: apt-get failed; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: the package chromium installed no /usr/bin/chromium (see $log)" >&2
  exit 1
fi
rm -f "$log"
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
