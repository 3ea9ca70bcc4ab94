#!/usr/bin/env bash
# The backend as production runs it: built with `yarn build:backend`, unpacked
# into a folder of its own with production dependencies only (Backstage's
# documented host build: skeleton, `yarn workspaces focus --all --production`,
# bundle), started with NODE_ENV=production on app-config.production.yaml
# alone. The install runs packages/backend/docker/install-production.sh, the
# script of the Dockerfile's RUN steps: the same steps, without a container.
#   build          yarn build:backend (the app is bundled in)
#   install [DIR]  unpack into DIR (default .run/built/app); dependencies are
#                  reused while yarn.lock is unchanged
#   start [DIR]    start it in the background on the local services (below);
#                  wait for readiness; log in DIR/backend.log
#   stop [DIR]     stop it
# Env for start (defaults: the test command's services): PG_PORT, REDIS_PORT,
#   TEMPORAL_ADDRESS, DEV_IDP_PORT, BUILT_PORT (7007; the production config
#   listens on it through BACKEND_PORT). Secrets are generated per start.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

dir="${2:-$ROOT/.run/built/app}"
deps="$ROOT/.run/built/deps"

case "${1:-}" in
  build)
    log "building the backend (yarn build:backend)"
    mkdir -p "$ROOT/.run"
    yarn build:backend >"$ROOT/.run/built-build.log" 2>&1 \
      || { tail -30 "$ROOT/.run/built-build.log" >&2; die "yarn build:backend failed (log: .run/built-build.log)"; }
    ;;
  install)
    [ -f packages/backend/dist/bundle.tar.gz ] || die "no build: run '$0 build' first"
    want="$(cat yarn.lock package.json .yarnrc.yml | sha1sum | cut -d' ' -f1)-$(tar xzOf packages/backend/dist/skeleton.tar.gz | sha1sum | cut -d' ' -f1)"
    if [ "$(cat "$deps/.stamp" 2>/dev/null)" != "$want" ]; then
      log "installing production dependencies into $deps"
      rm -rf "$deps"; mkdir -p "$deps/.yarn"
      # what the Dockerfile COPYs before its dependencies step
      cp package.json yarn.lock .yarnrc.yml "$deps/"
      cp -r .yarn/releases "$deps/.yarn/"
      packages/backend/docker/install-production.sh dependencies packages/backend/dist/skeleton.tar.gz "$deps" \
        >"$ROOT/.run/built-install.log" 2>&1 \
        || { tail -30 "$ROOT/.run/built-install.log" >&2; die "production install failed (log: .run/built-install.log)"; }
      echo "$want" >"$deps/.stamp"
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    cp -al "$deps/." "$dir/"   # hard links: the same files, no copy
    rm -f "$dir/.stamp"
    packages/backend/docker/install-production.sh bundle packages/backend/dist/bundle.tar.gz "$dir" \
      || die "unpacking the bundle failed"
    # what the Dockerfile COPYs after the bundle
    cp app-config.production.yaml app-config.worker.yaml catalog-info.yaml \
      packages/backend/src/instrumentation.js "$dir/"
    log "built backend in $dir"
    ;;
  start)
    [ -f "$dir/packages/backend/package.json" ] || die "nothing installed in $dir: run '$0 install' first"
    port="${BUILT_PORT:-7007}"
    port_free "$port" || die "port $port is in use"
    url="http://localhost:$port"
    (
      cd "$dir"
      export NODE_ENV=production
      export APP_BASE_URL="$url" BACKEND_BASE_URL="$url" BACKEND_PORT="$port"
      BACKEND_SECRET="$(head -c 32 /dev/urandom | base64)"
      AUTH_SESSION_SECRET="$(head -c 32 /dev/urandom | base64)"
      export BACKEND_SECRET AUTH_SESSION_SECRET
      export REDIS_URL="redis://127.0.0.1:${REDIS_PORT:-56379}"
      export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="${PG_PORT:-55432}" POSTGRES_USER=postgres POSTGRES_PASSWORD="${PG_PASSWORD:-console-test}"
      export AUTH_OIDC_METADATA_URL="http://localhost:${DEV_IDP_PORT:-7010}/.well-known/openid-configuration"
      export AUTH_OIDC_CLIENT_ID=ai-ops-console AUTH_OIDC_CLIENT_SECRET="${DEV_IDP_CLIENT_SECRET:-dev-idp-client-secret}"
      export AUTH_GITHUB_CLIENT_ID=unused AUTH_GITHUB_CLIENT_SECRET=unused
      export CONSOLE_BOOTSTRAP_ADMIN=admin@console.example CONSOLE_EMAIL_DOMAIN=console.example
      export CONSOLE_REGISTRATION=open
      export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
      exec setsid node packages/backend --config app-config.production.yaml
    ) >"$dir/backend.log" 2>&1 &
    echo $! >"$dir/pid"
    if ! WAIT_SECONDS=90 wait_for curl -fsS "$url/.backstage/health/v1/readiness"; then
      tail -30 "$dir/backend.log" >&2
      die "the built backend did not become ready (log: $dir/backend.log)"
    fi
    log "built backend ready on $url (log: $dir/backend.log)"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      kill -- -"$(cat "$dir/pid")" 2>/dev/null || kill "$(cat "$dir/pid")" 2>/dev/null || true
      rm -f "$dir/pid"
      log "built backend stopped"
    fi
    ;;
  *)
    die "usage: $0 build | install [DIR] | start [DIR] | stop [DIR]"
    ;;
esac
