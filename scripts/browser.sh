#!/usr/bin/env bash
# Install (if missing) the browser the dashboard's tests drive: Debian's Chromium and its ChromeDriver
# (/usr/bin/chromium, /usr/bin/chromedriver) and a CJK font so Chinese pages render. Idempotent; needs root when
# something is missing. The tests never download a browser or a driver.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
log() { echo "[browser] $(date +%T) $*"; }

pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || pkgs+=(fonts-noto-cjk)
if ((${#pkgs[@]} == 0)); then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/browser.sh: ${pkgs[*]} missing; run it as root to install them (sudo bash scripts/browser.sh)." >&2
  exit 1
fi

apt_log=/var/log/monitor-browser-apt.log
log "apt-get install ${pkgs[*]} (output in $apt_log)"
if ! apt-get install -y --no-install-recommends "${pkgs[@]}" >"$apt_log" 2>&1; then
  apt-get update >>"$apt_log" 2>&1
  apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$apt_log" 2>&1
fi
log "$(/usr/bin/chromium --version 2>/dev/null); $(/usr/bin/chromedriver --version 2>/dev/null | head -1)"
