#!/usr/bin/env bash
# The production topology on one machine, without containers: the backend
# built with `yarn build:backend` and installed by scripts/built-backend.sh,
# run with NODE_ENV=production on app-config.production.yaml plus
# app-config.topology.yaml as
#   two API replicas  (127.0.0.1:7081, :7082; no Temporal worker)
#   one worker        (CONSOLE_ROLE=worker, :7083; app-config.worker.yaml,
#                      its discovery pointing at the proxy)
#   nginx             (Debian's package, 127.0.0.1:7080, round-robin,
#                      X-Forwarded-For, WebSockets): the console's URL
# on PostgreSQL (databases topology_*), Redis, the dev IdP as the OIDC
# provider and a Temporal server on PostgreSQL (scripts/temporal-server.sh),
# in a namespace of its own.
#   ensure   install nginx from Debian's packages when it is missing
#   build    yarn build:backend (scripts/built-backend.sh build)
#   start    start what is not running; from nothing, a fresh topology: the
#            databases dropped, new secrets (builds first when no build exists)
#   stop     stop every process of the topology
#   status   each process and the proxy
#   url      the console's URL (the proxy)
# Env: TEMPORAL_ADDRESS   use this Temporal frontend; unset, the script starts
#                         scripts/temporal-server.sh and uses it
#      TOPOLOGY_PORT (7080), TOPOLOGY_API_PORTS (7081,7082),
#      TOPOLOGY_WORKER_PORT (7083), TOPOLOGY_DB_PREFIX (topology_),
#      TOPOLOGY_NAMESPACE (console-topology), PG_PORT, PG_PASSWORD,
#      REDIS_PORT, DEV_IDP_PORT (the services of scripts/test.sh by default),
#      TOPOLOGY_EXTRA_CONFIG (a config file, relative to the repository, loaded
#      last by every process, e.g. bench/topology.app-config.yaml)
# Logs: .run/topology/{api-1,api-2,worker}.log, nginx/{access,error}.log.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

NGINX="${NGINX_PATH:-$(command -v nginx || echo /usr/sbin/nginx)}"
proxy_port="${TOPOLOGY_PORT:-7080}"
IFS=, read -r api1_port api2_port <<<"${TOPOLOGY_API_PORTS:-7081,7082}"
worker_port="${TOPOLOGY_WORKER_PORT:-7083}"
db_prefix="${TOPOLOGY_DB_PREFIX:-topology_}"
namespace="${TOPOLOGY_NAMESPACE:-console-topology}"
pg_port="${PG_PORT:-55432}"
pg_password="${PG_PASSWORD:-console-test}"
idp_port="${DEV_IDP_PORT:-7010}"
run="$ROOT/.run/topology"
app="$run/app"
url="http://localhost:$proxy_port"

# name port [role]: the processes of the topology
processes() {
  echo "api-1 $api1_port api"
  echo "api-2 $api2_port api"
  echo "worker $worker_port worker"
}

alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }
ready() { curl -fsS --max-time 2 "http://127.0.0.1:$1/.backstage/health/v1/readiness" >/dev/null 2>&1; }

ensure() {
  if [ -x "$NGINX" ]; then log "nginx found: $("$NGINX" -v 2>&1 | cut -d/ -f2)"; return 0; fi
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
    || die "nginx is missing: install Debian's nginx package (apt-get install nginx) or set NGINX_PATH"
  log "installing Debian's nginx package"
  export DEBIAN_FRONTEND=noninteractive
  local had_pid=""; [ -f /run/nginx.pid ] && had_pid=1
  apt-get install -y -q --no-install-recommends nginx >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends nginx >/dev/null; } \
    || die "apt-get could not install nginx; install it by hand or set NGINX_PATH"
  # the package's own service on :80, if its install started one: not ours
  # to keep running
  if [ -z "$had_pid" ] && [ -f /run/nginx.pid ]; then /usr/sbin/nginx -s quit 2>/dev/null || true; fi
  NGINX="${NGINX_PATH:-/usr/sbin/nginx}"
  [ -x "$NGINX" ] || die "nginx installed but $NGINX is missing; set NGINX_PATH"
}

# The proxy: round-robin over the API replicas, the client's address
# appended to X-Forwarded-For (the backend trusts exactly one hop,
# BACKEND_TRUST_PROXY=1, so a client cannot claim another address),
# WebSocket upgrades passed on.
write_nginx_conf() {
  mkdir -p "$run/nginx/tmp"
  cat >"$run/nginx/nginx.conf" <<EOF
# written by scripts/topology.sh
$([ "$(id -u)" = 0 ] && echo "user root;  # the temp folders below belong to the caller")
worker_processes 1;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/octet-stream;
  client_body_temp_path $run/nginx/tmp/body;
  proxy_temp_path $run/nginx/tmp/proxy;
  fastcgi_temp_path $run/nginx/tmp/fastcgi;
  uwsgi_temp_path $run/nginx/tmp/uwsgi;
  scgi_temp_path $run/nginx/tmp/scgi;
  log_format topology '\$remote_addr "\$http_x_forwarded_for" -> \$upstream_addr \$status "\$request" \$request_time';
  access_log $run/nginx/access.log topology;
  client_max_body_size 16m;

  upstream console_api {
    # a replica that fails a connection rests for 2 s; requests not yet
    # sent go to the other one (a POST already sent is never sent twice)
    server 127.0.0.1:$api1_port max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$api2_port max_fails=1 fail_timeout=2s;
  }
  # A client may pin itself to one replica with the cookie console_replica
  # (1 or 2): the topology's tests show that way what crosses replicas.
  upstream console_api_1 { server 127.0.0.1:$api1_port; }
  upstream console_api_2 { server 127.0.0.1:$api2_port; }
  map \$cookie_console_replica \$console_upstream {
    "1" console_api_1;
    "2" console_api_2;
    default console_api;
  }
  map \$http_upgrade \$connection_upgrade {
    default upgrade;
    "" "";
  }

  server {
    listen 127.0.0.1:$proxy_port;
    proxy_http_version 1.1;
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header Upgrade \$http_upgrade;
    proxy_set_header Connection \$connection_upgrade;
    # which replica answered, for the tests and for debugging; a proxy at
    # the edge of a real network would not tell its clients
    add_header X-Console-Upstream \$upstream_addr always;

    location / {
      proxy_pass http://\$console_upstream;
    }
    # signals: WebSockets stay open while the page is
    location /api/signals {
      proxy_pass http://\$console_upstream;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
EOF
}

start_proxy() {
  if [ -f "$run/nginx/nginx.pid" ] && kill -0 "$(cat "$run/nginx/nginx.pid")" 2>/dev/null; then return 0; fi
  [ -x "$NGINX" ] || ensure
  port_free "$proxy_port" || die "port $proxy_port is in use; set TOPOLOGY_PORT"
  write_nginx_conf
  "$NGINX" -t -q -e "$run/nginx/error.log" -c "$run/nginx/nginx.conf" -p "$run/nginx" \
    || die "nginx refused its config ($run/nginx/nginx.conf)"
  "$NGINX" -e "$run/nginx/error.log" -c "$run/nginx/nginx.conf" -p "$run/nginx" \
    || die "nginx did not start (log: $run/nginx/error.log)"
  log "nginx on $url -> 127.0.0.1:$api1_port, 127.0.0.1:$api2_port"
}

# The Temporal frontend: TEMPORAL_ADDRESS, or the server on PostgreSQL of
# scripts/temporal-server.sh
temporal_address() {
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then echo "$TEMPORAL_ADDRESS"; return; fi
  [ -x "$ROOT/scripts/temporal-server.sh" ] \
    || die "TEMPORAL_ADDRESS is not set and scripts/temporal-server.sh is missing"
  # stopped with the topology only when the topology started it
  "$ROOT/scripts/temporal-server.sh" status >/dev/null 2>&1 || touch "$run/temporal-server-ours"
  PG_PORT="$pg_port" PG_PASSWORD="$pg_password" "$ROOT/scripts/temporal-server.sh" start >&2 \
    || die "the Temporal server did not start (scripts/temporal-server.sh start)"
  "$ROOT/scripts/temporal-server.sh" url
}

# The dev IdP must send the browser back to the proxy's origin
check_idp() {
  local redirect="$url/api/auth/oidc/handler/frame" status
  status="$(curl -s -o /dev/null -w '%{http_code}' --get "http://localhost:$idp_port/auth" \
    --data-urlencode client_id=ai-ops-console --data-urlencode response_type=code \
    --data-urlencode scope=openid --data-urlencode "redirect_uri=$redirect" || true)"
  case "$status" in
    30[0-9]) ;;
    000) die "no dev IdP answers on :$idp_port: run scripts/dev-idp.sh start (or set DEV_IDP_PORT)" ;;
    *) die "the dev IdP on :$idp_port refuses the redirect URI $redirect ($status): restart it with this repository's defaults (scripts/dev-idp.sh restart) or add it to DEV_IDP_REDIRECT_URIS" ;;
  esac
}

secrets() {
  if [ ! -f "$run/secrets.env" ]; then
    (umask 077; {
      echo "BACKEND_SECRET=$(head -c 32 /dev/urandom | base64)"
      echo "AUTH_SESSION_SECRET=$(head -c 32 /dev/urandom | base64)"
    } >"$run/secrets.env")
  fi
  # shellcheck disable=SC1091
  set -a; source "$run/secrets.env"; set +a
}

start_process() { # name port role temporal
  local name="$1" port="$2" role="$3" temporal="$4"
  alive "$name" && return 0
  port_free "$port" || die "port $port ($name) is in use; see TOPOLOGY_API_PORTS, TOPOLOGY_WORKER_PORT"
  local configs=(--config app-config.production.yaml --config app-config.topology.yaml)
  [ "$role" = worker ] && configs+=(--config app-config.worker.yaml)
  # a last layer of the caller's (bench/topology.mjs: a producer token)
  [ -n "${TOPOLOGY_EXTRA_CONFIG:-}" ] && configs+=(--config "$ROOT/$TOPOLOGY_EXTRA_CONFIG")
  (
    cd "$app"
    export NODE_ENV=production CONSOLE_PORT="$port" CONSOLE_DATABASE_PREFIX="$db_prefix"
    export APP_BASE_URL="$url" BACKEND_BASE_URL="$url" BACKEND_TRUST_PROXY=1
    export REDIS_URL="redis://127.0.0.1:${REDIS_PORT:-56379}"
    export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$pg_port" POSTGRES_USER=postgres POSTGRES_PASSWORD="$pg_password"
    export AUTH_OIDC_METADATA_URL="http://localhost:$idp_port/.well-known/openid-configuration"
    export AUTH_OIDC_CLIENT_ID=ai-ops-console AUTH_OIDC_CLIENT_SECRET="${DEV_IDP_CLIENT_SECRET:-dev-idp-client-secret}"
    export AUTH_GITHUB_CLIENT_ID=unused AUTH_GITHUB_CLIENT_SECRET=unused
    export CONSOLE_BOOTSTRAP_ADMIN=admin@console.example CONSOLE_EMAIL_DOMAIN=console.example
    export CONSOLE_REGISTRATION=open
    export TEMPORAL_ADDRESS="$temporal" TEMPORAL_NAMESPACE="$namespace"
    if [ "$role" = worker ]; then export CONSOLE_ROLE=worker CONSOLE_API_URL="$url"; fi
    exec setsid node packages/backend "${configs[@]}"
  ) >>"$run/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
  log "$name starting on 127.0.0.1:$port (log: .run/topology/$name.log)"
}

wait_ready() { # name port
  local deadline=$((SECONDS + ${WAIT_SECONDS:-120}))
  until ready "$2"; do
    if ! alive "$1"; then
      tail -30 "$run/$1.log" >&2
      die "$1 exited during start (log: $run/$1.log)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { tail -30 "$run/$1.log" >&2; die "$1 was not ready within ${WAIT_SECONDS:-120} s"; }
    sleep 0.5
  done
  log "$1 ready on 127.0.0.1:$2"
}

start() {
  mkdir -p "$run"
  local fresh=1 name port role
  while read -r name port role; do alive "$name" && fresh=""; done < <(processes)
  check_idp
  if [ -n "$fresh" ]; then
    [ -f packages/backend/dist/bundle.tar.gz ] || "$ROOT/scripts/built-backend.sh" build
    "$ROOT/scripts/built-backend.sh" install "$app"
    cp app-config.topology.yaml app-config.worker.yaml "$app/"
    rm -f "$run/secrets.env" "$run"/*.log
    PG_URL="postgresql://postgres:$pg_password@127.0.0.1:$pg_port/postgres" \
      node scripts/lib/topology-admin.mjs drop-databases "$db_prefix"
  fi
  [ -f "$app/packages/backend/package.json" ] || die "nothing installed in $app: stop and start again"
  secrets
  local temporal; temporal="$(temporal_address)"
  node scripts/lib/topology-admin.mjs namespace "$temporal" "$namespace"
  # the namespace's one-time setup (search attributes), as an operator runs it
  if [ -x scripts/temporal-setup.sh ]; then
    TEMPORAL_ADDRESS="$temporal" TEMPORAL_NAMESPACE="$namespace" \
      scripts/temporal-setup.sh --config app-config.production.yaml >&2 \
      || die "the Temporal namespace setup failed (scripts/temporal-setup.sh)"
  fi
  start_proxy
  # One replica first: it runs the migrations. Backstage's migrations race
  # when two processes create the same tables at once (a replica then fails
  # its start); after that, the others start together.
  start_process api-1 "$api1_port" api "$temporal"
  wait_ready api-1 "$api1_port"
  start_process api-2 "$api2_port" api "$temporal"
  start_process worker "$worker_port" worker "$temporal"
  wait_ready api-2 "$api2_port"
  wait_ready worker "$worker_port"
  curl -fsS --max-time 5 "$url/.backstage/health/v1/readiness" >/dev/null \
    || die "the console does not answer through the proxy on $url"
  # what the tests (tests/topology) need to know of this topology
  cat >"$run/topology.env" <<EOF
TOPOLOGY_URL=$url
TOPOLOGY_API_PORTS=$api1_port,$api2_port
TOPOLOGY_WORKER_PORT=$worker_port
TOPOLOGY_DB_PREFIX=$db_prefix
TEMPORAL_ADDRESS=$temporal
TEMPORAL_NAMESPACE=$namespace
DEV_IDP_PORT=$idp_port
PG_URL=postgresql://postgres:$pg_password@127.0.0.1:$pg_port
EOF
  log "topology ready on $url (Temporal $temporal, namespace $namespace)"
}

stop() {
  local name port role pid pids=()
  # all at once: a process may take up to 10 s to end its connections
  while read -r name port role; do
    if alive "$name"; then
      pid="$(cat "$run/$name.pid")"
      pids+=("$pid")
      kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    fi
    rm -f "$run/$name.pid"
  done < <(processes)
  for _ in $(seq 1 40); do
    local left=""
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    [ -z "$left" ] && break
    sleep 0.25
  done
  for pid in "${pids[@]}"; do kill -9 -- -"$pid" 2>/dev/null || true; done
  [ "${#pids[@]}" = 0 ] || log "stopped ${#pids[@]} console process(es)"
  if [ -f "$run/nginx/nginx.pid" ] && kill -0 "$(cat "$run/nginx/nginx.pid")" 2>/dev/null; then
    "$NGINX" -e "$run/nginx/error.log" -c "$run/nginx/nginx.conf" -p "$run/nginx" -s quit 2>/dev/null \
      || kill "$(cat "$run/nginx/nginx.pid")" 2>/dev/null || true
    log "nginx stopped"
  fi
  if [ -f "$run/temporal-server-ours" ]; then
    "$ROOT/scripts/temporal-server.sh" stop || true
    rm -f "$run/temporal-server-ours"
  fi
}

status() {
  local name port role bad=0
  while read -r name port role; do
    if ready "$port"; then echo "$name: ready on 127.0.0.1:$port ($role)"
    elif alive "$name"; then echo "$name: running, not ready, on 127.0.0.1:$port"; bad=1
    else echo "$name: not running"; bad=1; fi
  done < <(processes)
  if curl -fsS --max-time 2 "$url/.backstage/health/v1/readiness" >/dev/null 2>&1; then
    echo "proxy: $url"
  else echo "proxy: not answering on $url"; bad=1; fi
  return "$bad"
}

case "${1:-}" in
  ensure) ensure ;;
  build) "$ROOT/scripts/built-backend.sh" build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$url" ;;
  *) echo "usage: $0 ensure|build|start|stop|status|url" >&2; exit 2 ;;
esac
