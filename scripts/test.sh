#!/usr/bin/env bash
# Sets up and runs every test of the console on a fresh machine:
#   type check, lint, formatting, unit and integration tests (real Temporal dev
#   server, SQLite and a private PostgreSQL), and e2e in Debian's Chromium.
# Ends with one line: "N passed, N failed" over every test and check it ran.
set -uo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh" --with-test-tools || die "setup failed"

# Services of our own, on ports apart from the ones `scripts/start.sh` uses.
export TEMPORAL_PORT="${TEST_TEMPORAL_PORT:-17233}"
export TEMPORAL_DB="$ROOT/.run/temporal/test.db"
export PG_PORT="${TEST_PG_PORT:-55432}"
export REDIS_PORT="${TEST_REDIS_PORT:-56379}"
# the e2e and built backends and their dev IdP; start.sh has 7007 and 7010
e2e_port="${TEST_BACKEND_PORT:-17007}"
export E2E_PORT="$e2e_port" BUILT_PORT="$e2e_port" # app-config.e2e.yaml, scripts/built-backend.sh
export PLAYWRIGHT_URL="http://localhost:$e2e_port" BUILT_URL="http://localhost:$e2e_port"
export DEV_IDP_PORT="${TEST_DEV_IDP_PORT:-17010}"
export DEV_IDP_ISSUER="http://localhost:$DEV_IDP_PORT" # the IdP's issuer and app-config.yaml's metadataUrl
# its default redirect URIs (7007, the topology's proxy) and the e2e backend's
DEV_IDP_REDIRECT_URIS="http://localhost:$e2e_port/api/auth/oidc/handler/frame,$(node --input-type=module \
  -e 'import { DEFAULT_REDIRECT_URIS as d } from "./packages/dev-idp/src/config.js"; console.log(d.join(","))')"
export DEV_IDP_REDIRECT_URIS
rm -f "$TEMPORAL_DB"
backend_pid=""
cleanup() {
  [ -n "$backend_pid" ] && kill -- -"$backend_pid" 2>/dev/null
  "$ROOT/scripts/built-backend.sh" stop >/dev/null 2>&1
  "$ROOT/scripts/stock-app.sh" stop >/dev/null 2>&1
  "$ROOT/scripts/topology.sh" stop >/dev/null 2>&1
  [ -z "${KEEP_SERVICES:-}" ] && { "$ROOT/scripts/temporal.sh" stop; "$ROOT/scripts/postgres.sh" stop; "$ROOT/scripts/redis.sh" stop; "$ROOT/scripts/jaeger.sh" stop; "$ROOT/scripts/dev-idp.sh" stop; }
}
trap cleanup EXIT

# the topology step runs on a Temporal server on PostgreSQL unless one was given
given_temporal_address="${TEMPORAL_ADDRESS:-}"
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  "$ROOT/scripts/temporal.sh" start || die "the Temporal dev server did not start"
  export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
fi
"$ROOT/scripts/postgres.sh" start || die "PostgreSQL did not start"
"$ROOT/scripts/redis.sh" start || die "Redis did not start"
# Jaeger receives the e2e backend's traces; the tracing e2e test reads them back
export JAEGER_OTLP_HTTP_PORT="${TEST_JAEGER_OTLP_HTTP_PORT:-14318}" JAEGER_OTLP_GRPC_PORT="${TEST_JAEGER_OTLP_GRPC_PORT:-14317}" \
  JAEGER_QUERY_PORT="${TEST_JAEGER_QUERY_PORT:-16696}" JAEGER_QUERY_GRPC_PORT="${TEST_JAEGER_QUERY_GRPC_PORT:-16695}"
"$ROOT/scripts/jaeger.sh" start || die "Jaeger did not start"
export JAEGER_QUERY_URL="$("$ROOT/scripts/jaeger.sh" url)"

export CI=true
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$("$ROOT/scripts/postgres.sh" url)"
export CONSOLE_TEST_REQUIRE_POSTGRES=1
export CONSOLE_TEST_REDIS_URL="$("$ROOT/scripts/redis.sh" url)"
export CONSOLE_TEST_REQUIRE_REDIS=1

passed=0
failed=0
failures=()
results="$ROOT/.run/test-results"
rm -rf "$results"; mkdir -p "$results"

check() { # check NAME CMD...: one check counts as one test
  local name="$1"; shift
  log "check: $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

# count_json FILE KIND: adds the passed/failed counts of a jest or playwright JSON report
count_json() {
  local counts
  counts="$(node -e '
    const [file, kind] = process.argv.slice(1);
    let r; try { r = JSON.parse(require("fs").readFileSync(file, "utf8")); } catch { console.log("0 1"); process.exit(0); }
    if (kind === "jest") console.log(`${r.numPassedTests} ${r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)}`);
    else console.log(`${r.stats.expected} ${r.stats.unexpected + r.stats.flaky}`);
  ' "$1" "$2")"
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
  [ "${counts#* }" = 0 ] || failures+=("$2 tests ($1)")
}

# count_tap NAME DIR: runs DIR's node:test tests and adds their pass/fail counts
count_tap() {
  local name="$1" tap="$results/$1.tap" pass fail
  node --test --test-reporter=tap "$2" >"$tap" 2>&1 || true
  pass=$(sed -n 's/^# pass //p' "$tap")
  fail=$(sed -n 's/^# fail //p' "$tap")
  if [ -z "$pass" ]; then
    failed=$((failed + 1)); failures+=("$name tests did not run (log: $tap)")
  else
    passed=$((passed + pass)); failed=$((failed + ${fail:-0}))
    [ "${fail:-0}" = 0 ] || { failures+=("$name tests ($tap)"); grep -B2 -A30 '^not ok' "$tap" | head -80 >&2; }
  fi
}

check "type check (tsc)" yarn tsc
# after tsc: the reports are read from its declarations
check "API reports match the packages' exports" yarn backstage-repo-tools api-reports --ci --allow-all-warnings -o ae-wrong-input-file-type
check "package metadata in sync (backstage-cli repo fix)" yarn backstage-cli repo fix --check
check "lint" yarn backstage-cli repo lint
check "formatting (prettier)" yarn prettier --check .
check "OpenAPI documents match the declared routes" node --require @backstage/cli-node/config/nodeTransform.cjs scripts/openapi.cjs --check
check "API reference matches the OpenAPI documents" node scripts/api-reference.mjs --check
# the image, compose file and Helm chart, linted (no container engine here);
# each linter also proves it refuses a planted fault
for lint in dockerfile compose helm manifests; do
  check "deploy: $lint lint" scripts/deploy-lint.sh "$lint"
  check "deploy: $lint lint refuses a planted fault (self-test)" scripts/deploy-lint.sh "$lint" --self-test
done

log "dev identity provider tests (node --test)"
count_tap dev-idp packages/dev-idp/test/

log "unit and integration tests (jest)"
yarn backstage-cli repo test --json --outputFile="$results/jest.json" || true
count_json "$results/jest.json" jest

log "fault tests: PostgreSQL restart and backend kill during ingest (node --test)"
count_tap fault tests/fault/

log "Temporal server on PostgreSQL with mTLS, built from go.temporal.io/server (node --test)"
count_tap temporal-server tests/temporal-server/

log "e2e: building the app (secret config values replaced by canaries the scan looks for)"
if (eval "$(node scripts/check-bundle-secrets.mjs --print-canary-env)" && yarn workspace app build) >"$results/app-build.log" 2>&1; then
  check "no configuration secret in the built app" node scripts/check-bundle-secrets.mjs
  check "the bundle secret scan finds a planted secret (self-test)" node scripts/check-bundle-secrets.mjs --self-test
  node bench/bundle-sizes.mjs >"$results/bundle-sizes.txt" 2>&1 || true
  if port_free "$e2e_port" && "$ROOT/scripts/dev-idp.sh" start; then
    log "e2e: starting the backend on :$e2e_port"
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT" \
      setsid yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.e2e.yaml \
      >"$results/backend.log" 2>&1 &
    backend_pid=$!
    if WAIT_SECONDS=120 wait_for curl -fsS "http://127.0.0.1:$e2e_port/.backstage/health/v1/readiness"; then
      yarn playwright test || true
      cp .run/e2e-results.json "$results/e2e.json" 2>/dev/null
      count_json "$results/e2e.json" playwright
      # after Playwright: fuzzing leaves users, roles and workflows behind
      check "API fuzzing (schemathesis)" env FUZZ_BASE_URL="http://127.0.0.1:$e2e_port" "$ROOT/scripts/fuzz.sh"
    else
      tail -30 "$results/backend.log" >&2
      failed=$((failed + 1)); failures+=("e2e: backend did not become ready (log: $results/backend.log)")
    fi
    kill -- -"$backend_pid" 2>/dev/null; backend_pid=""

    # the backend as production runs it: built, production dependencies
    # only, NODE_ENV=production on app-config.production.yaml alone
    log "built backend: yarn build:backend, production install, start (node --test)"
    sleep 1
    if "$ROOT/scripts/built-backend.sh" build && "$ROOT/scripts/built-backend.sh" install \
      && "$ROOT/scripts/built-backend.sh" start; then
      count_tap built tests/built/
    else
      failed=$((failed + 1)); failures+=("built backend: did not build, install or start (logs in .run/)")
    fi
    "$ROOT/scripts/built-backend.sh" stop

    # the production topology on this machine: two replicas and a worker of
    # the built backend behind nginx, on a Temporal server on PostgreSQL
    log "production topology: replicas and a worker behind nginx (Playwright, tests/topology)"
    if TEMPORAL_ADDRESS="$given_temporal_address" "$ROOT/scripts/topology.sh" start; then
      yarn playwright test -c tests/topology/playwright.config.ts || true
      cp .run/topology-results.json "$results/topology.json" 2>/dev/null
      count_json "$results/topology.json" playwright
    else
      failed=$((failed + 1)); failures+=("production topology: did not start (logs in .run/topology/)")
    fi
    "$ROOT/scripts/topology.sh" stop

    # the console as an adopter installs it: a fresh create-app app, the
    # packages from `yarn pack`, the plugin-author guide's steps, Chromium
    log "stock app: pack, create-app --legacy, install by the guide, start (Playwright)"
    if "$ROOT/scripts/stock-app.sh" pack && "$ROOT/scripts/stock-app.sh" create \
      && "$ROOT/scripts/stock-app.sh" start; then
      yarn playwright test -c tests/stock-app/playwright.config.ts || true
      cp .run/stock-app-results.json "$results/stock-app.json" 2>/dev/null
      count_json "$results/stock-app.json" playwright
    else
      failed=$((failed + 1)); failures+=("stock app: did not pack, install or start (logs in .run/stock-app/)")
    fi
    "$ROOT/scripts/stock-app.sh" stop
  else
    failed=$((failed + 1)); failures+=("e2e: port $e2e_port is in use (set TEST_BACKEND_PORT) or the dev IdP did not start on $DEV_IDP_PORT (set TEST_DEV_IDP_PORT)")
  fi
else
  tail -30 "$results/app-build.log" >&2
  failed=$((failed + 1)); failures+=("e2e: app build failed (log: $results/app-build.log)")
fi

# stop the services first, so that the count is the last line printed
cleanup >"$results/cleanup.log" 2>&1
trap - EXIT
if [ "${#failures[@]}" -gt 0 ]; then
  printf '\nfailed:\n' >&2
  printf '  - %s\n' "${failures[@]}" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
