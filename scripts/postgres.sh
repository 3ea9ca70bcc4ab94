#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and benchmarks: its own data folder
# (/tmp/ai-ops-console-pg-<hash of the work tree>) and port, owned by the `postgres` system user because the
# server refuses to run as root.
#   check  say whether PostgreSQL binaries are installed
#   start  initdb (first time) and start on 127.0.0.1:$PG_PORT (default 55432)
#   stop   stop it
#   url    print the connection string
# Env: PG_PORT, PG_BIN (folder of initdb/pg_ctl; default: newest under /usr/lib/postgresql)
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

port="${PG_PORT:-55432}"
# under /tmp: the postgres user may not enter the work tree
data="${PG_DATA:-/tmp/ai-ops-console-pg-$(printf %s "$ROOT" | sha1sum | cut -c1-8)}"
password="console-test"

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

check() {
  local bin; bin="$(find_bin)" || true
  if [ -z "$bin" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "PostgreSQL is missing: installing Debian's postgresql package"
      (apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }) \
        || die "PostgreSQL is missing and apt-get could not install it: install PostgreSQL 15+ (initdb, pg_ctl) or set PG_BIN"
      bin="$(find_bin)" || die "PostgreSQL installed but initdb not found under /usr/lib/postgresql/*/bin; set PG_BIN"
    else
      die "PostgreSQL is missing: install PostgreSQL 15+ (Debian: apt-get install postgresql) or set PG_BIN to the folder holding initdb and pg_ctl"
    fi
  fi
  echo "$bin"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

url() { echo "postgresql://postgres:$password@127.0.0.1:$port/postgres"; }

ready() { as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; }

start() {
  bin="$(check)"
  if [ -f "$data/postmaster.pid" ] && ready; then
    log "PostgreSQL already running on 127.0.0.1:$port"; return 0
  fi
  port_free "$port" || die "port $port is in use: stop what listens there or set PG_PORT to another port"
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; chmod 700 "$data"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    local pwfile; pwfile="$(mktemp)"; echo "$password" >"$pwfile"; chmod 644 "$pwfile"
    as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --no-locale >/dev/null
    rm -f "$pwfile"
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >/dev/null \
    || { tail -20 "$data/server.log" >&2; die "PostgreSQL did not start (log: $data/server.log)"; }
  WAIT_SECONDS=30 wait_for ready || die "PostgreSQL did not answer on 127.0.0.1:$port"
  log "PostgreSQL ready: $(url)"
}

stop() {
  bin="$(find_bin)" || return 0
  if [ -f "$data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    log "PostgreSQL stopped"
  fi
}

case "${1:-}" in
  check) check >/dev/null && log "PostgreSQL found: $(find_bin)" ;;
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 check|start|stop|url" >&2; exit 2 ;;
esac
