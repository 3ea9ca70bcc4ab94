#!/usr/bin/env bash
# Jaeger v2 all-in-one (pinned in tools/jaeger/go.mod): receives the console's
# traces over OTLP, keeps them in memory and serves them through its query API
# (built from source, the binary has no UI assets). Development and tests only.
#   build  build Jaeger once from the Go module proxy into .toolchain/bin (cached)
#   start  start it on loopback with tools/jaeger/config.yaml
#   stop   stop the Jaeger this script started
#   status print whether it answers
#   url    print the query API's URL (e.g. $url/api/traces/<traceId>)
# Env: JAEGER_OTLP_HTTP_PORT (default 4318), JAEGER_OTLP_GRPC_PORT (4317),
#      JAEGER_QUERY_PORT (16686), JAEGER_QUERY_GRPC_PORT (16685)
# The backend sends its traces there with
#   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

bin="$TOOLCHAIN/bin/jaeger"
stamp="$TOOLCHAIN/bin/.jaeger-stamp"
run_dir="$ROOT/.run/jaeger"
config="$ROOT/tools/jaeger/config.yaml"
export JAEGER_OTLP_HTTP_PORT="${JAEGER_OTLP_HTTP_PORT:-4318}"
export JAEGER_OTLP_GRPC_PORT="${JAEGER_OTLP_GRPC_PORT:-4317}"
export JAEGER_QUERY_PORT="${JAEGER_QUERY_PORT:-16686}"
export JAEGER_QUERY_GRPC_PORT="${JAEGER_QUERY_GRPC_PORT:-16685}"
query_url="http://127.0.0.1:$JAEGER_QUERY_PORT"

version() { awk '$1 == "github.com/jaegertracing/jaeger" { print $2 }' "$ROOT/tools/jaeger/go.mod"; }

pin_hash() { cat "$ROOT/tools/jaeger/go.mod" "$ROOT/tools/jaeger/go.sum" | sha1sum | cut -d' ' -f1; }

build() {
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$(pin_hash)" ]; then
    log "Jaeger $(version) up to date"
    return 0
  fi
  if ! command -v go >/dev/null; then
    die "no Go toolchain on PATH: Jaeger is built from tools/jaeger/go.mod, and the tests need it (the tracing e2e test reads the backend's traces back from it) even when TEMPORAL_ADDRESS is set. Install Go (>= $(sed -n 's/^go //p' "$ROOT/tools/jaeger/go.mod"))."
  fi
  log "building Jaeger from the Go module proxy (first time: ten minutes or so)"
  mkdir -p "$TOOLCHAIN/bin"
  if ! (cd "$ROOT/tools/jaeger" && go build -o "$bin.tmp" github.com/jaegertracing/jaeger/cmd/jaeger); then
    rm -f "$bin.tmp"
    die "building Jaeger failed (see above)"
  fi
  mv "$bin.tmp" "$bin"
  pin_hash >"$stamp"
  log "built Jaeger $(version)"
}

healthy() { curl -fsS --max-time 2 "$query_url/api/services" >/dev/null 2>&1; }

pid_file() { echo "$run_dir/pid-$JAEGER_QUERY_PORT"; }

start() {
  [ -x "$bin" ] || build
  if [ -f "$(pid_file)" ] && kill -0 "$(cat "$(pid_file)")" 2>/dev/null; then
    log "Jaeger already running ($query_url)"
    return 0
  fi
  local port
  for port in "$JAEGER_OTLP_HTTP_PORT" "$JAEGER_OTLP_GRPC_PORT" "$JAEGER_QUERY_PORT" "$JAEGER_QUERY_GRPC_PORT"; do
    port_free "$port" || die "port $port is in use: stop what listens there or set JAEGER_OTLP_HTTP_PORT, JAEGER_OTLP_GRPC_PORT, JAEGER_QUERY_PORT, JAEGER_QUERY_GRPC_PORT"
  done
  mkdir -p "$run_dir"
  local logfile="$run_dir/jaeger-$JAEGER_QUERY_PORT.log"
  log "starting Jaeger: OTLP on 127.0.0.1:$JAEGER_OTLP_HTTP_PORT (HTTP) and :$JAEGER_OTLP_GRPC_PORT (gRPC), query on $query_url"
  nohup "$bin" --config "$config" >"$logfile" 2>&1 &
  echo $! >"$(pid_file)"
  if ! WAIT_SECONDS=60 wait_for healthy; then
    tail -20 "$logfile" >&2 || true
    die "Jaeger did not answer on $query_url within 60 s (log: $logfile)"
  fi
  log "Jaeger ready: $query_url"
}

stop() {
  if [ -f "$(pid_file)" ]; then
    local pid; pid="$(cat "$(pid_file)")"
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      log "Jaeger stopped"
    fi
    rm -f "$(pid_file)"
  fi
}

status() {
  if healthy; then echo "jaeger: serving at $query_url"; else echo "jaeger: not answering at $query_url"; return 1; fi
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$query_url" ;;
  *) echo "usage: $0 build|start|stop|status|url" >&2; exit 2 ;;
esac
