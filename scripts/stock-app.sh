#!/usr/bin/env bash
# The console installed into a stock Backstage app, as an adopter would: a
# fresh app from `@backstage/create-app --legacy`, the console's packages
# packed with `yarn pack` (what npm would serve), installed from those
# tarballs by the steps of docs/plugin-author-guide.md (tests/stock-app/
# install.mjs reads them from the guide), built, and started with its own
# guest sign-in and allow-all policy. tests/stock-app/ checks it in Chromium.
#   pack      build and pack every public package into .run/stock-app/tarballs
#   create    a fresh app in .run/stock-app/app, @backstage/* aligned to the
#             newest versions the registry serves, the console installed
#   start     build the app's frontend and start its backend on
#             STOCK_PORT (7020; the dev IdP of the e2e tests has 7010) against TEMPORAL_ADDRESS; wait for readiness
#   stop      stop it
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

CREATE_APP_VERSION=0.9.2
dir="$ROOT/.run/stock-app"
app="$dir/app"
port="${STOCK_PORT:-7020}"
cache="${STOCK_APP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-ops-console/stock-app-$CREATE_APP_VERSION}"

case "${1:-}" in
  pack)
    rm -rf "$dir/tarballs"; mkdir -p "$dir/tarballs"
    log "stock app: type declarations (yarn tsc) and builds of the public packages"
    yarn tsc >"$dir/pack.log" 2>&1 || { tail -30 "$dir/pack.log" >&2; die "yarn tsc failed (log: .run/stock-app/pack.log)"; }
    yarn workspaces foreach --all --no-private --topological run build >>"$dir/pack.log" 2>&1 \
      || { tail -30 "$dir/pack.log" >&2; die "building the packages failed (log: .run/stock-app/pack.log)"; }
    yarn workspaces foreach --all --no-private pack --out "$dir/tarballs/%s-%v.tgz" >>"$dir/pack.log" 2>&1 \
      || { tail -30 "$dir/pack.log" >&2; die "yarn pack failed (log: .run/stock-app/pack.log)"; }
    # a packed manifest must point at what it ships, never at src/, and
    # every entry of its `files` must have shipped something
    for tarball in "$dir"/tarballs/*.tgz; do
      TARBALL_FILES="$(tar tzf "$tarball")" node -e '
        const p = JSON.parse(require("fs").readFileSync(0, "utf8"));
        const shipped = process.env.TARBALL_FILES.split("\n");
        const problems = [];
        if (JSON.stringify([p.main, p.types, p.module, p.exports]).includes("src/"))
          problems.push("the packed manifest points at src/");
        for (const entry of p.files ?? []) {
          const prefix = `package/${entry.replace(/\/?\*\*$/, "")}`;
          if (!shipped.some(f => f === prefix || f.startsWith(`${prefix}/`)))
            problems.push(`files names ${entry}, but the tarball has nothing of it`);
        }
        if (problems.length) { console.error(`${p.name}: ${problems.join("; ")}`); process.exit(1); }
      ' < <(tar xzOf "$tarball" package/package.json) || die "a packed package is incomplete"
    done
    log "stock app: $(ls "$dir"/tarballs/*.tgz | wc -l) packages packed"
    ;;
  create)
    ls "$dir"/tarballs/*.tgz >/dev/null 2>&1 || die "nothing packed: run '$0 pack' first"
    rm -rf "$app" "$dir/scaffold"
    log "stock app: @backstage/create-app@$CREATE_APP_VERSION --legacy"
    BACKSTAGE_APP_NAME=stock-app npx -y "@backstage/create-app@$CREATE_APP_VERSION" \
      --legacy --skip-install --path "$dir/scaffold" </dev/null >"$dir/create.log" 2>&1 \
      || { tail -30 "$dir/create.log" >&2; die "create-app failed (log: .run/stock-app/create.log)"; }
    # create-app pins older ranges than the registry's newest (its plugin-signals
    # needs backend-defaults 0.19): align as `backstage-cli versions:bump` would
    node scripts/align-backstage-versions.mjs --root "$dir/scaffold" >>"$dir/create.log"
    # the installed stock app, before the console, is kept outside the clone:
    # the same scaffold with the same versions needs no second install (~4 min)
    want="$(cd "$dir/scaffold" && cat package.json packages/*/package.json | sha1sum | cut -d' ' -f1)"
    if [ "$(cat "$cache/.stamp" 2>/dev/null)" != "$want" ]; then
      log "stock app: yarn install (cached in $cache for the next run)"
      # --no-immutable: a new app has no lockfile yet, and yarn makes installs
      # immutable by default when CI is set
      (cd "$dir/scaffold" && yarn install --no-immutable) >>"$dir/create.log" 2>&1 \
        || { tail -30 "$dir/create.log" >&2; die "the stock app did not install (log: .run/stock-app/create.log)"; }
      rm -rf "$cache"; mkdir -p "$(dirname "$cache")"
      cp -a "$dir/scaffold" "$cache"
      echo "$want" >"$cache/.stamp"
    fi
    rm -rf "$dir/scaffold"
    cp -a "$cache" "$app"
    log "stock app: installing the console by the plugin-author guide's steps"
    node tests/stock-app/install.mjs "$app" "$dir/tarballs" >>"$dir/create.log" 2>&1 \
      || { tail -40 "$dir/create.log" >&2; die "installing the console failed (log: .run/stock-app/create.log)"; }
    (cd "$app" && yarn tsc) >>"$dir/create.log" 2>&1 \
      || { tail -40 "$dir/create.log" >&2; die "the stock app does not type-check with the console (log: .run/stock-app/create.log)"; }
    ;;
  start)
    [ -d "$app/node_modules" ] || die "no app: run '$0 create' first"
    port_free "$port" || die "port $port is in use"
    url="http://localhost:$port"
    cat >"$app/app-config.stock.yaml" <<YAML
app:
  baseUrl: $url
backend:
  baseUrl: $url
  listen:
    port: $port
  cors:
    origin: $url
YAML
    log "stock app: building the frontend"
    (cd "$app" && APP_CONFIG_app_baseUrl="$url" yarn workspace app build --config ../../app-config.yaml --config ../../app-config.stock.yaml) \
      >"$dir/build.log" 2>&1 || { tail -30 "$dir/build.log" >&2; die "the stock app's frontend did not build (log: .run/stock-app/build.log)"; }
    log "stock app: starting its backend on :$port"
    (
      cd "$app"
      export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
      setsid yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.stock.yaml \
        >"$dir/backend.log" 2>&1 &
      echo $! >"$dir/backend.pid"
    )
    WAIT_SECONDS=180 wait_for curl -fsS "$url/.backstage/health/v1/readiness" \
      || { tail -40 "$dir/backend.log" >&2; "$0" stop; die "the stock app's backend did not get ready (log: .run/stock-app/backend.log)"; }
    log "stock app ready at $url"
    ;;
  stop)
    if [ -f "$dir/backend.pid" ]; then
      kill -- -"$(cat "$dir/backend.pid")" 2>/dev/null || true
      rm -f "$dir/backend.pid"
    fi
    ;;
  *) echo "usage: $0 pack|create|start|stop" >&2; exit 2 ;;
esac
