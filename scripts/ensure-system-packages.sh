#!/usr/bin/env bash
# Installs what the tests need from the system that npm cannot provide: Debian's Chromium, a CJK
# font and an emoji font for the browser tests, redis-server for the Redis-outage test, and Mosquitto (with
# its dynamic-security plugin) as the device broker with per-device accounts. Does nothing when all are there.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Read once into a variable: `fc-list | grep -q` under pipefail fails when grep stops reading early.
fonts=$(fc-list 2>/dev/null || true)
grep -qiE 'wqy|noto.*cjk' <<<"$fonts" || missing+=(fonts-wqy-microhei)
# The mini-program's category tiles use emoji; without a colour emoji font they render as boxes.
grep -qi 'emoji' <<<"$fonts" || missing+=(fonts-noto-color-emoji)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}. Install them (Debian: sudo apt-get install -y ${missing[*]})." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
