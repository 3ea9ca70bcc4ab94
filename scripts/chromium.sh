#!/usr/bin/env bash
# Debian's Chromium for Playwright (Playwright's own browser download cannot work here).
#   ensure  install the chromium package when /usr/bin/chromium is missing
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
case "${1:-}" in
  ensure)
    if [ -x "$CHROMIUM" ]; then log "Chromium found: $("$CHROMIUM" --version 2>/dev/null | head -1)"; exit 0; fi
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
      || die "Chromium is missing at $CHROMIUM: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH"
    log "installing Debian's chromium package"
    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } \
      || die "apt-get could not install chromium; install it by hand or set CHROMIUM_PATH"
    [ -x "$CHROMIUM" ] || die "chromium installed but $CHROMIUM is missing; set CHROMIUM_PATH"
    log "Chromium installed: $("$CHROMIUM" --version 2>/dev/null | head -1)"
    ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac
