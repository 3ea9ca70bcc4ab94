#!/usr/bin/env bash
# Debian's Prometheus, for its promtool: the ai-metrics tests check the alerting
# rules (promtool check rules / test rules) and the exposition text (promtool check metrics).
#   ensure  install the prometheus package when promtool is missing
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
PROMTOOL="${PROMTOOL_PATH:-$(command -v promtool || echo /usr/bin/promtool)}"
case "${1:-}" in
  ensure)
    if [ -x "$PROMTOOL" ]; then log "promtool found: $("$PROMTOOL" --version 2>&1 | head -1)"; exit 0; fi
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
      || die "promtool is missing: install Debian's prometheus package (apt-get install prometheus) or set PROMTOOL_PATH"
    log "installing Debian's prometheus package (for promtool)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends prometheus >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends prometheus >/dev/null; } \
      || die "apt-get could not install prometheus; install it by hand or set PROMTOOL_PATH"
    PROMTOOL="${PROMTOOL_PATH:-/usr/bin/promtool}"
    [ -x "$PROMTOOL" ] || die "prometheus installed but $PROMTOOL is missing; set PROMTOOL_PATH"
    log "promtool installed: $("$PROMTOOL" --version 2>&1 | head -1)"
    ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac
