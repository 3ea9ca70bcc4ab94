#!/usr/bin/env bash
# A Temporal server on PostgreSQL, the shape production runs (unlike the dev
# server of scripts/temporal.sh): go.temporal.io/server and its SQL schema
# tool, pinned in tools/temporal-server/go.mod, one process running every
# service of a single-node cluster.
#   build  build `temporal-server` and `temporal-sql-tool` once (cached by the
#          pin's hash under .toolchain/temporal-server/)
#   start  create the databases, set up or update their schemas with
#          temporal-sql-tool, write the server config, start the server in the
#          background, wait until the frontend answers, register the namespace
#   stop   stop the server this script started on TEMPORAL_SERVER_PORT
#   url    print the frontend's host:port (what TEMPORAL_ADDRESS takes)
#   status print whether it answers
#   drop   drop its two databases (stop it first)
# Env: TEMPORAL_SERVER_PORT  frontend gRPC port (default 18233); the other
#                            services take the next 9 ports (see below)
#      PG_HOST, PG_PORT, PG_USER, PG_PASSWORD  the PostgreSQL to use
#                            (default 127.0.0.1:55432, postgres/console-test:
#                            the cluster of scripts/postgres.sh)
#      TEMPORAL_SERVER_DB    database name (default temporal_<port>; the
#                            visibility store is <name>_visibility)
#      TEMPORAL_SERVER_NAMESPACE  namespace to register (default: default)
#      TEMPORAL_SERVER_TLS_CA, TEMPORAL_SERVER_TLS_CERT, TEMPORAL_SERVER_TLS_KEY
#                            PEM files: when set, the frontend serves TLS and
#                            requires client certificates signed by the CA
#                            (mTLS); the certificate (with both server and
#                            client usage, SAN 127.0.0.1) also serves as the
#                            server's own clients' certificate
# Logs and config: .run/temporal-server/<port>/.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

port="${TEMPORAL_SERVER_PORT:-18233}"
pg_host="${PG_HOST:-127.0.0.1}"
pg_port="${PG_PORT:-55432}"
pg_user="${PG_USER:-postgres}"
export SQL_PASSWORD="${PG_PASSWORD:-console-test}" # read by temporal-sql-tool, kept off the command line
db="${TEMPORAL_SERVER_DB:-temporal_$port}"
namespace="${TEMPORAL_SERVER_NAMESPACE:-default}"
tls_ca="${TEMPORAL_SERVER_TLS_CA:-}"
tls_cert="${TEMPORAL_SERVER_TLS_CERT:-}"
tls_key="${TEMPORAL_SERVER_TLS_KEY:-}"
module="$ROOT/tools/temporal-server"
run_dir="$ROOT/.run/temporal-server/$port"
pid_file="$run_dir/pid"
cli="$TOOLCHAIN/bin/temporal"

pin_hash() { cat "$module/go.mod" "$module/go.sum" | sha1sum | cut -c1-12; }
bin_dir() { echo "$TOOLCHAIN/temporal-server/$(pin_hash)"; }
version() { awk '$1 == "go.temporal.io/server" { print $2 }' "$module/go.mod"; }

# Ports from the base: frontend gRPC, membership and HTTP; history, matching
# and worker gRPC and membership; Prometheus metrics.
frontend_membership=$((port + 1)) frontend_http=$((port + 2))
history_grpc=$((port + 3)) history_membership=$((port + 4))
matching_grpc=$((port + 5)) matching_membership=$((port + 6))
worker_grpc=$((port + 7)) worker_membership=$((port + 8))
metrics_port=$((port + 9))

build() {
  local dir; dir="$(bin_dir)"
  if [ -x "$dir/temporal-server" ] && [ -x "$dir/temporal-sql-tool" ]; then
    log "Temporal server $(version) up to date"
    return 0
  fi
  command -v go >/dev/null \
    || die "no Go toolchain on PATH: the Temporal server is built from tools/temporal-server/go.mod. Install Go (>= $(sed -n 's/^go //p' "$module/go.mod")), or point the console at an existing Temporal with TEMPORAL_ADDRESS=host:port."
  log "building the Temporal server $(version) and temporal-sql-tool from the Go module proxy (first time: several minutes)"
  mkdir -p "$dir"
  local started=$SECONDS
  if ! (cd "$module" && go build -o "$dir/temporal-server.tmp" go.temporal.io/server/cmd/server \
    && go build -o "$dir/temporal-sql-tool.tmp" go.temporal.io/server/cmd/tools/sql); then
    rm -f "$dir"/*.tmp
    die "building the Temporal server failed (see above)"
  fi
  mv "$dir/temporal-server.tmp" "$dir/temporal-server"
  mv "$dir/temporal-sql-tool.tmp" "$dir/temporal-sql-tool"
  log "built the Temporal server $(version) in $((SECONDS - started)) s"
}

sql_tool() { # sql_tool DATABASE ARGS...
  "$(bin_dir)/temporal-sql-tool" --plugin postgres12 --ep "$pg_host" -p "$pg_port" -u "$pg_user" --db "$1" "${@:2}"
}

# Creates each database when missing, puts the versioning tables in place and
# applies every schema version not applied yet: the same steps on a first
# start and on a restart (then nothing is left to do), and after an upgrade
# of the pinned server (then its new schema versions are applied).
schemas() {
  local out="$run_dir/schema.log"
  : >"$out"
  local name schema
  for pair in "$db:temporal" "${db}_visibility:visibility"; do
    name="${pair%%:*}" schema="${pair#*:}"
    if ! { sql_tool "$name" create-database \
      && sql_tool "$name" setup-schema -v 0.0 \
      && sql_tool "$name" update-schema --schema-name "postgresql/v12/$schema"; } >>"$out" 2>&1; then
      grep -v DEBUG "$out" | tail -15 >&2
      die "setting up the $schema schema in database $name on $pg_host:$pg_port failed (log: $out). Is PostgreSQL running there (scripts/postgres.sh start) with user $pg_user and PG_PASSWORD?"
    fi
  done
  log "schemas up to date in $db and ${db}_visibility on $pg_host:$pg_port"
}

datastore() { # datastore DATABASE MAX_CONNS
  cat <<YAML
      sql:
        pluginName: postgres12
        databaseName: "$1"
        connectAddr: "$pg_host:$pg_port"
        connectProtocol: tcp
        user: "$pg_user"
        password: "$SQL_PASSWORD"
        maxConns: $2
        maxIdleConns: $2
        maxConnLifetime: 1h
YAML
}

service() { # service NAME GRPC MEMBERSHIP [HTTP]
  cat <<YAML
  $1:
    rpc:
      grpcPort: $2
      membershipPort: $3
      bindOnLocalHost: true
YAML
  [ -z "${4:-}" ] || echo "      httpPort: $4"
}

tls_config() {
  [ -n "$tls_cert" ] || return 0
  cat <<YAML
  tls:
    frontend:
      server:
        certFile: "$tls_cert"
        keyFile: "$tls_key"
        requireClientAuth: true
        clientCaFiles: ["$tls_ca"]
      client:
        serverName: 127.0.0.1
        rootCaFiles: ["$tls_ca"]
    systemWorker:
      certFile: "$tls_cert"
      keyFile: "$tls_key"
      client:
        serverName: 127.0.0.1
        rootCaFiles: ["$tls_ca"]
YAML
}

# The server reads <config dir>/development.yaml (its default environment).
write_config() {
  mkdir -p "$run_dir/config"
  local file="$run_dir/config/development.yaml"
  (
    umask 077 # it holds the database password
    cat >"$file" <<YAML
# Written by scripts/temporal-server.sh; changes are overwritten at start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  # fixed for the life of the database: history shards are not resharded
  numHistoryShards: 4
  datastores:
    default:
$(datastore "$db" 20)
    visibility:
$(datastore "${db}_visibility" 10)
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  pprof:
    port: 0
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:$metrics_port"
$(tls_config)
services:
$(service frontend "$port" "$frontend_membership" "$frontend_http")
$(service history "$history_grpc" "$history_membership")
$(service matching "$matching_grpc" "$matching_membership")
$(service worker "$worker_grpc" "$worker_membership")
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:$port"
dcRedirectionPolicy:
  policy: noop
YAML
  )
}

# The Temporal CLI (scripts/temporal.sh builds it) talks to the frontend.
cli_run() {
  local tls=()
  [ -z "$tls_cert" ] || tls=(--tls-ca-path "$tls_ca" --tls-cert-path "$tls_cert" --tls-key-path "$tls_key" --tls-server-name 127.0.0.1)
  "$cli" "$@" --address "127.0.0.1:$port" "${tls[@]}"
}

healthy() { cli_run operator cluster health 2>/dev/null | grep -q SERVING; }
# a namespace answers once every service's namespace cache has it
namespace_ready() { cli_run workflow count --namespace "$namespace" >/dev/null 2>&1; }

register_namespace() {
  if ! cli_run operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
    log "registering namespace $namespace"
    cli_run operator namespace create --namespace "$namespace" --retention 72h >>"$run_dir/server.log" 2>&1 \
      || cli_run operator namespace describe --namespace "$namespace" >/dev/null 2>&1 \
      || die "registering namespace $namespace failed (log: $run_dir/server.log)"
  fi
  WAIT_SECONDS=60 wait_for namespace_ready || die "namespace $namespace did not become usable within 60 s (log: $run_dir/server.log)"
}

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

start() {
  if [ -n "$tls_cert$tls_key$tls_ca" ] && { [ ! -r "$tls_cert" ] || [ ! -r "$tls_key" ] || [ ! -r "$tls_ca" ]; }; then
    die "TEMPORAL_SERVER_TLS_CA, TEMPORAL_SERVER_TLS_CERT and TEMPORAL_SERVER_TLS_KEY must all name readable PEM files"
  fi
  build
  [ -x "$cli" ] || "$ROOT/scripts/temporal.sh" build
  if running; then
    log "Temporal server already running on 127.0.0.1:$port"
    return 0
  fi
  local p
  for p in "$port" $(seq "$frontend_membership" "$metrics_port"); do
    port_free "$p" || die "port $p is in use: the Temporal server on base port $port takes ports $port-$metrics_port; stop what listens there or set TEMPORAL_SERVER_PORT"
  done
  mkdir -p "$run_dir"
  schemas
  write_config
  log "starting the Temporal server $(version) on 127.0.0.1:$port (PostgreSQL $pg_host:$pg_port/$db${tls_cert:+, mTLS})"
  (cd "$run_dir" && exec nohup "$(bin_dir)/temporal-server" --root "$run_dir" --config config start) \
    >>"$run_dir/server.log" 2>&1 &
  echo $! >"$pid_file"
  if ! WAIT_SECONDS=90 wait_for healthy; then
    tail -20 "$run_dir/server.log" >&2 || true
    running || rm -f "$pid_file"
    die "the Temporal server did not answer on 127.0.0.1:$port within 90 s (log: $run_dir/server.log)"
  fi
  register_namespace
  log "Temporal server ready on 127.0.0.1:$port, namespace $namespace"
}

stop() {
  if running; then
    local pid; pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    log "Temporal server on 127.0.0.1:$port stopped"
  fi
  rm -f "$pid_file"
}

status() {
  if [ -x "$cli" ] && healthy; then echo "temporal-server: serving at 127.0.0.1:$port"; else echo "temporal-server: not answering at 127.0.0.1:$port"; return 1; fi
}

drop() {
  running && die "the Temporal server on 127.0.0.1:$port is running: stop it first"
  build
  sql_tool "$db" drop-database -f >/dev/null 2>&1 || true
  sql_tool "${db}_visibility" drop-database -f >/dev/null 2>&1 || true
  log "dropped databases $db and ${db}_visibility"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  url) echo "127.0.0.1:$port" ;;
  status) status ;;
  drop) drop ;;
  *) echo "usage: $0 build|start|stop|url|status|drop" >&2; exit 2 ;;
esac
