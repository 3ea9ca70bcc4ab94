#!/usr/bin/env bash
# Sets up and runs the console on its embedded defaults: the Temporal dev
# server (SQLite), the dev IdP, the backend (SQLite in memory, guest sign-in,
# demo data) on :7007 and the frontend dev server on :3000. Ctrl-C stops
# everything it started.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

for port in 3000 7007; do
  port_free "$port" || die "port $port is in use: the console needs it (frontend :3000, backend :7007); stop what listens there"
done

# the dev identity provider for single sign-on (users admin, operator,
# viewer); one that already answers on its port is used and left running
started_idp=false
if ! "$ROOT/scripts/dev-idp.sh" status >/dev/null 2>&1; then
  "$ROOT/scripts/dev-idp.sh" start
  started_idp=true
fi

started_temporal=false
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  "$ROOT/scripts/temporal.sh" start
  started_temporal=true
  export TEMPORAL_ADDRESS="127.0.0.1:${TEMPORAL_PORT:-7233}"
fi
stop_started() {
  if $started_temporal; then "$ROOT/scripts/temporal.sh" stop; fi
  if $started_idp; then "$ROOT/scripts/dev-idp.sh" stop; fi
}
trap stop_started EXIT

# console.demoData (app-config.yaml) seeds an empty console within a minute
log "starting the console: open http://localhost:3000 and sign in with single sign-on as admin, operator or viewer (password: <name>-password), or Enter as guest; README.md says what to try first"
yarn start
