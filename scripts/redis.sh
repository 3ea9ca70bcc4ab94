#!/usr/bin/env bash
# Debian's Redis, for the rate limiter's shared store (backend.rateLimit.store):
# production points every replica at one Redis; the tests start their own.
#   ensure  install the redis-server package when it is missing
#   start   run a private server on REDIS_PORT (default 56379), data in memory only
#   stop    stop it
#   url     print its connection string
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
REDIS_SERVER="${REDIS_SERVER_PATH:-$(command -v redis-server || echo /usr/bin/redis-server)}"
REDIS_PORT="${REDIS_PORT:-56379}"
run_dir="$ROOT/.run/redis"
pid_file="$run_dir/pid-$REDIS_PORT"

case "${1:-}" in
  ensure)
    if [ -x "$REDIS_SERVER" ]; then log "redis-server found: $("$REDIS_SERVER" --version | cut -d' ' -f3)"; exit 0; fi
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
      || die "redis-server is missing: install Debian's redis-server package (apt-get install redis-server) or set REDIS_SERVER_PATH"
    log "installing Debian's redis-server package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends redis-server >/dev/null; } \
      || die "apt-get could not install redis-server; install it by hand or set REDIS_SERVER_PATH"
    REDIS_SERVER="${REDIS_SERVER_PATH:-/usr/bin/redis-server}"
    [ -x "$REDIS_SERVER" ] || die "redis-server installed but $REDIS_SERVER is missing; set REDIS_SERVER_PATH"
    ;;
  start)
    [ -x "$REDIS_SERVER" ] || die "redis-server is missing: run scripts/redis.sh ensure"
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      log "Redis already running on $REDIS_PORT"; exit 0
    fi
    port_free "$REDIS_PORT" || die "port $REDIS_PORT is in use; set REDIS_PORT"
    mkdir -p "$run_dir"
    "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize yes --pidfile "$pid_file" --logfile "$run_dir/redis-$REDIS_PORT.log" \
      || die "Redis did not start (log: $run_dir/redis-$REDIS_PORT.log)"
    wait_for bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT" || die "Redis did not listen on $REDIS_PORT"
    log "Redis listening on 127.0.0.1:$REDIS_PORT"
    ;;
  stop)
    if [ -f "$pid_file" ]; then
      kill "$(cat "$pid_file")" 2>/dev/null || true
      rm -f "$pid_file"
    fi
    ;;
  url) echo "redis://127.0.0.1:$REDIS_PORT" ;;
  *) echo "usage: $0 ensure|start|stop|url" >&2; exit 2 ;;
esac
