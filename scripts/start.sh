#!/usr/bin/env bash
# Sets up and runs the console on its embedded defaults: the Temporal dev
# server (SQLite), the backend (SQLite in memory, guest sign-in) on :7007 and
# the frontend dev server on :3000. Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

for port in 3000 7007; do
  port_free "$port" || die "port $port is in use: the console needs it (frontend :3000, backend :7007); stop what listens there"
done

# the dev identity provider for single sign-on (users admin, operator, viewer)
"$ROOT/scripts/dev-idp.sh" start

started_temporal=false
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  "$ROOT/scripts/temporal.sh" start
  started_temporal=true
  export TEMPORAL_ADDRESS="127.0.0.1:${TEMPORAL_PORT:-7233}"
fi
trap '$started_temporal && "$ROOT/scripts/temporal.sh" stop; "$ROOT/scripts/dev-idp.sh" stop' EXIT

log "starting the console: open http://localhost:3000; choose Enter (guest) or single sign-on (admin / admin-password)"
yarn start
