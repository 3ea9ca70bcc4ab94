#!/usr/bin/env bash
# The dev OpenID Connect provider (packages/dev-idp): seeded users for local
# sign-in and e2e tests. Development only; all its state is in memory.
#   start   start it in the background (log .run/dev-idp/server-<port>.log), wait for /healthz
#   stop    stop the server this script started
#   status  print the issuer and whether it answers
# Env: DEV_IDP_PORT (default 7010), DEV_IDP_ISSUER, DEV_IDP_CLIENT_SECRET,
#      DEV_IDP_REDIRECT_URIS, DEV_IDP_USERS, DEV_IDP_PASSWORD, ... (packages/dev-idp/README.md)
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

run_dir="$ROOT/.run/dev-idp"
main="$ROOT/packages/dev-idp/src/main.js"
port="${DEV_IDP_PORT:-7010}"
export DEV_IDP_PORT="$port"
# one per port: scripts/start.sh (7010) and scripts/test.sh (17010) run side by side
pid_file="$run_dir/pid-$port"
log_file="$run_dir/server-$port.log"

healthy() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time 2 "http://127.0.0.1:$1/healthz" >/dev/null
  else
    node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$1/healthz"
  fi
}

# our_pid: the pid from the pid file when that process is still this dev IdP
our_pid() {
  [ -f "$pid_file" ] || return 1
  local pid; pid="$(cat "$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "dev-idp/src/main.js" || return 1
  echo "$pid"
}

start() {
  if our_pid >/dev/null; then
    log "dev IdP already running on 127.0.0.1:$port (pid $(our_pid))"
    return 0
  fi
  rm -f "$pid_file"
  port_free "$port" || die "port $port is in use: stop what listens there or set DEV_IDP_PORT to another port (and point auth.providers.oidc.*.metadataUrl at it)"
  command -v node >/dev/null || die "node is not on PATH: run scripts/setup.sh first"
  [ -d "$ROOT/node_modules/oidc-provider" ] || die "oidc-provider is not installed (node_modules/oidc-provider): run yarn install"
  mkdir -p "$run_dir"
  log "starting the dev IdP on 127.0.0.1:$port (log: $log_file)"
  nohup node "$main" >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  local pid; pid="$(cat "$pid_file")"
  local deadline=$((SECONDS + ${WAIT_SECONDS:-30}))
  until healthy "$port" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      tail -20 "$log_file" >&2 || true
      die "the dev IdP exited during start (log: $log_file)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -20 "$log_file" >&2 || true
      die "the dev IdP did not answer on http://127.0.0.1:$port/healthz within ${WAIT_SECONDS:-30} s (log: $log_file)"
    fi
    sleep 0.3
  done
  log "dev IdP ready: ${DEV_IDP_ISSUER:-http://localhost:$port}/.well-known/openid-configuration"
}

stop() {
  local pid
  if pid="$(our_pid)"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    log "dev IdP stopped"
  else
    log "dev IdP not running (no live process from $pid_file)"
  fi
  rm -f "$pid_file"
}

status() {
  if healthy "$port" 2>/dev/null; then
    echo "dev-idp: serving on 127.0.0.1:$port, issuer ${DEV_IDP_ISSUER:-http://localhost:$port}$(our_pid >/dev/null && echo " (pid $(our_pid))")"
  else
    echo "dev-idp: not answering on 127.0.0.1:$port"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
