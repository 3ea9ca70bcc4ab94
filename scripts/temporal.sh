#!/usr/bin/env bash
# The Temporal dev server (Temporal CLI, pinned in tools/temporal/go.mod).
#   build  build the CLI once from the Go module proxy into .toolchain/bin (cached)
#   start  start `temporal server start-dev` (headless, SQLite) unless TEMPORAL_ADDRESS is set,
#          with the console's search attribute (production: docs/operator-guide.md)
#   stop   stop the server this script started
#   status print the address in use and whether it answers
# Env: TEMPORAL_ADDRESS (use an existing server), TEMPORAL_PORT (default 7233),
#      TEMPORAL_DB (SQLite file, default .run/temporal/dev.db)
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

bin="$TOOLCHAIN/bin/temporal"
stamp="$TOOLCHAIN/bin/.temporal-stamp"
run_dir="$ROOT/.run/temporal"
port="${TEMPORAL_PORT:-7233}"

pin_hash() { cat "$ROOT/tools/temporal/go.mod" "$ROOT/tools/temporal/go.sum" | sha1sum | cut -d' ' -f1; }

build() {
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$(pin_hash)" ]; then
    log "temporal CLI up to date ($("$bin" --version | head -1))"
    return 0
  fi
  if ! command -v go >/dev/null; then
    die "no Go toolchain on PATH: the Temporal dev server is built from tools/temporal/go.mod. Install Go (>= $(sed -n 's/^go //p' "$ROOT/tools/temporal/go.mod")) or set TEMPORAL_ADDRESS=host:port to use an existing Temporal server."
  fi
  log "building the Temporal CLI from the Go module proxy (first time: a few minutes)"
  mkdir -p "$TOOLCHAIN/bin"
  if ! (cd "$ROOT/tools/temporal" && go build -o "$bin.tmp" github.com/temporalio/cli/cmd/temporal); then
    rm -f "$bin.tmp"
    die "building the Temporal CLI failed (see above). Set TEMPORAL_ADDRESS=host:port to use an existing Temporal server instead."
  fi
  mv "$bin.tmp" "$bin"
  pin_hash >"$stamp"
  log "built $("$bin" --version | head -1)"
}

healthy() { "$bin" operator cluster health --address "$1" 2>/dev/null | grep -q SERVING; }

start() {
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
    log "using the existing Temporal server at $TEMPORAL_ADDRESS"
    if [ -x "$bin" ]; then
      WAIT_SECONDS=20 wait_for healthy "$TEMPORAL_ADDRESS" || die "no Temporal server answers at TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS"
    fi
    return 0
  fi
  [ -x "$bin" ] || build
  if [ -f "$run_dir/pid-$port" ] && kill -0 "$(cat "$run_dir/pid-$port")" 2>/dev/null; then
    log "Temporal dev server already running on 127.0.0.1:$port"
    return 0
  fi
  port_free "$port" || die "port $port is in use: stop what listens there, set TEMPORAL_PORT to another port, or set TEMPORAL_ADDRESS to use that server"
  mkdir -p "$run_dir"
  local db="${TEMPORAL_DB:-$run_dir/dev.db}"
  log "starting the Temporal dev server on 127.0.0.1:$port (SQLite $db)"
  nohup "$bin" server start-dev --headless --ip 127.0.0.1 --port "$port" \
    --db-filename "$db" --log-level warn \
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true \
    --search-attribute ConsoleStartedBy=Keyword \
    >"$run_dir/server-$port.log" 2>&1 &
  echo $! >"$run_dir/pid-$port"
  if ! WAIT_SECONDS=60 wait_for healthy "127.0.0.1:$port"; then
    tail -20 "$run_dir/server-$port.log" >&2 || true
    die "the Temporal dev server did not answer on 127.0.0.1:$port within 60 s (log: $run_dir/server-$port.log)"
  fi
  log "Temporal dev server ready on 127.0.0.1:$port"
}

stop() {
  if [ -f "$run_dir/pid-$port" ]; then
    local pid; pid="$(cat "$run_dir/pid-$port")"
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      log "Temporal dev server stopped"
    fi
    rm -f "$run_dir/pid-$port"
  fi
}

status() {
  local address="${TEMPORAL_ADDRESS:-127.0.0.1:$port}"
  if healthy "$address"; then echo "temporal: serving at $address"; else echo "temporal: not answering at $address"; return 1; fi
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 build|start|stop|status" >&2; exit 2 ;;
esac
