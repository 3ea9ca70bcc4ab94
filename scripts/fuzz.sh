#!/usr/bin/env bash
# Fuzzes the OpenAPI document of each console plugin with Schemathesis against
# a running backend: no 5xx, no response slower than FUZZ_MAX_RESPONSE_TIME
# (a hang), every response as documented, invalid input refused with a 4xx.
#
#   FUZZ_BASE_URL=http://localhost:7007 scripts/fuzz.sh
#
# Run it against a backend you can throw away (scripts/test.sh runs it after
# Playwright): it signs in as the development guest, a break-glass admin, and
# leaves users, roles, role assignments, sessions revoked, audit records,
# metric events and a few workflow executions and batch jobs behind.
#
# Env:
#   FUZZ_BASE_URL          backend to fuzz (default http://localhost:7007)
#   FUZZ_MAX_EXAMPLES      generated cases per operation and phase (default 25)
#   FUZZ_SEED              seed, so that a run can be repeated (default 20261126)
#   FUZZ_MAX_RESPONSE_TIME slowest acceptable response in seconds (default 10)
#   FUZZ_DOCS              plugin ids to fuzz (default: workflows ai-metrics user-admin)
#   FUZZ_AI_METRICS_RATE_LIMIT  requests to ai-metrics, e.g. 30/s (the default)
# Output: a summary per document, .run/fuzz-summary.json, Schemathesis'
# reports under .run/fuzz/<plugin>/; exit 1 on any failure.
set -uo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

SCHEMATHESIS_VERSION=4.32.5
# no __pycache__ beside scripts/fuzz/*.py
export PYTHONDONTWRITEBYTECODE=1
venv="$TOOLCHAIN/schemathesis"
base="${FUZZ_BASE_URL:-http://localhost:7007}"
base="${base%/}"
max_examples="${FUZZ_MAX_EXAMPLES:-25}"
seed="${FUZZ_SEED:-20261126}"
max_response_time="${FUZZ_MAX_RESPONSE_TIME:-10}"
docs="${FUZZ_DOCS:-workflows ai-metrics user-admin}"
out="$ROOT/.run/fuzz"

# Operations left out, with why (operationId, per plugin). Everything else is
# fuzzed; scripts/fuzz/hooks.py keeps the rest from harming the backend
# (built-in roles are never changed, batches match no real execution) and
# steers some generated values past the first check (see its docstring).
excluded_operations() {
  case "$1" in
    user-admin)
      # logs the guest out everywhere: every later request of the run (and
      # any guest browser session) would be refused with 401
      echo revokeAllMySessions
      ;;
  esac
}

# Requests per second (or `auto`: a 429 is retried after its Retry-After).
# ai-metrics limits each client address (backend.rateLimit: 150 requests per
# 4 s in app-config.e2e.yaml), and a check's own request that meets a 429 is
# not retried: stay under it.
rate_limit() {
  case "$1" in
    ai-metrics) echo "${FUZZ_AI_METRICS_RATE_LIMIT:-30/s}" ;;
    *) echo auto ;;
  esac
}

# The Python to run Schemathesis on: the newest 3.13+ the machine has (pyenv's
# or on PATH), else python3. On CPython 3.11.7 Hypothesis failed now and then
# inside ast.parse ("SystemError: AST constructor recursion depth mismatch")
# while describing a strategy (python/cpython#106905, fixed in 3.13): a crash
# of the tool, reported as a runtime error.
pick_python() {
  local v candidate
  if command -v pyenv >/dev/null; then
    for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[3-9])\.[0-9]+$' | sort -V -r); do
      candidate="$(pyenv root)/versions/$v/bin/python3"
      [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
  fi
  for candidate in python3.14 python3.13; do
    "$candidate" -c '' 2>/dev/null && { command -v "$candidate"; return 0; }
  done
  command -v python3
}

install_schemathesis() {
  local python
  python="$(pick_python)" || true
  [ -n "$python" ] || die "python3 is missing: Schemathesis needs Python 3.10+"
  local want
  want="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  if [ -x "$venv/bin/st" ] && [ "$("$venv/bin/st" --version 2>/dev/null)" = "st, version $SCHEMATHESIS_VERSION" ] &&
    [ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "$want" ]; then
    return 0
  fi
  log "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI into ${venv#"$ROOT"/} (Python $want)"
  rm -rf "$venv"
  "$python" -m venv "$venv" || die "$python -m venv failed (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" ||
    die "pip could not install schemathesis==$SCHEMATHESIS_VERSION from PyPI"
}

json_field() { # json_field EXPR: evaluates EXPR on the JSON document read from stdin
  "$venv/bin/python" -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

get() { # get URL [CURL ARGS...]: the body, retried for up to 30 s (a 429 of a rate limit, a restart)
  local url="$1" deadline=$((SECONDS + 30))
  shift
  until curl -fsS -m 10 "$@" "$url"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}

install_schemathesis
get "$base/.backstage/health/v1/readiness" >/dev/null ||
  die "no backend answers at $base (set FUZZ_BASE_URL)"

# The development guest (a break-glass admin in app-config.yaml), so that the
# requests get past the permission checks to the code behind them.
token="$(get "$base/api/auth/guest/refresh" -H 'X-Requested-With: XMLHttpRequest' |
  json_field 'd["backstageIdentity"]["token"]')" ||
  die "no guest token from $base/api/auth/guest/refresh (is auth.environment development?)"
auth=(-H "Authorization: Bearer $token")
# A plugin that is not healthy (Temporal or a database down) answers 503:
# that is not what the run is after.
for doc in $docs; do
  get "$base/api/$doc/health" "${auth[@]}" >/dev/null || die "$doc is not healthy: $base/api/$doc/health"
done
protected_roles="$(get "$base/api/user-admin/roles" "${auth[@]}" |
  json_field '",".join(r["name"] for r in d["items"] if r.get("builtIn"))')" ||
  die "could not list the roles at $base/api/user-admin/roles"
workflow_types="$(get "$base/api/workflows/types" "${auth[@]}" |
  json_field '",".join(t["name"] for t in d["items"])')" ||
  die "could not list the workflow types at $base/api/workflows/types"

rm -rf "$out"
mkdir -p "$out"
log "fuzzing $base: $docs (Schemathesis $SCHEMATHESIS_VERSION, seed $seed, $max_examples examples per operation)"
status=0
excluded=()
for doc in $docs; do
  args=()
  for op in $(excluded_operations "$doc"); do
    args+=(--exclude-operation-id "$op")
    excluded+=("$doc:$op")
  done
  log "fuzz: $doc"
  # -H sends the token with the document's request too; --url because the
  # documents' server is '/'.
  # The checks left out: positive_data_acceptance (some rules are not
  # expressible in OpenAPI 3.0: `to` after `from`, event timestamps within
  # the retention, blank-only text), unsupported_method and
  # allow_header_conformance (Express answers an undocumented method with 404
  # and OPTIONS with the methods of every route matching the path).
  (cd "$out" && export SCHEMATHESIS_HOOKS="$ROOT/scripts/fuzz/hooks.py" \
    FUZZ_PROTECTED_ROLES="$protected_roles" FUZZ_WORKFLOW_TYPES="$workflow_types" &&
    timeout 900 "$venv/bin/st" --config-file "$ROOT/scripts/fuzz/schemathesis.toml" run "$base/api/$doc/openapi.json" \
    --url "$base/api/$doc" \
    "${auth[@]}" \
    --checks all \
    --exclude-checks positive_data_acceptance,unsupported_method,allow_header_conformance \
    --max-response-time "$max_response_time" \
    --request-timeout "$max_response_time" \
    --max-examples "$max_examples" \
    --seed "$seed" \
    --continue-on-failure \
    --rate-limit "$(rate_limit "$doc")" \
    --workers 2 \
    --generation-database none \
    --no-color \
    --report json,ndjson \
    --report-json-path "$out/$doc/report.json" \
    --report-ndjson-path "$out/$doc/events.ndjson" \
    "${args[@]}" >"$out/$doc.log" 2>&1)
  rc=$?
  echo "$rc" >"$out/$doc.rc"
  if [ "$rc" != 0 ]; then
    status=1
    sed -n '/^=* FAILURES =*$/,$p' "$out/$doc.log" | head -150 >&2
  fi
done

"$venv/bin/python" "$ROOT/scripts/fuzz/summary.py" "$out" "$ROOT/.run/fuzz-summary.json" \
  --base-url "$base" --seed "$seed" --max-examples "$max_examples" \
  --excluded "${excluded[@]}" --docs $docs || status=1
exit "$status"
