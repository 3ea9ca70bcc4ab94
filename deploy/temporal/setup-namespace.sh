#!/bin/sh
# The namespace the console uses and the search attribute it needs
# (ConsoleStartedBy, a keyword: who started an execution), created once with
# the Temporal CLI; changes nothing when both exist. Temporal Cloud: create
# both in its UI or with tcld instead.
# Env: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE (default),
# TEMPORAL_RETENTION (720h: how long closed executions stay readable).
set -eu
ns="${TEMPORAL_NAMESPACE:-default}"
if ! temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
  temporal operator namespace create --namespace "$ns" --retention "${TEMPORAL_RETENTION:-720h}"
fi
if ! temporal operator search-attribute list --namespace "$ns" | grep -q ConsoleStartedBy; then
  temporal operator search-attribute create --namespace "$ns" --name ConsoleStartedBy --type Keyword
fi
echo "namespace $ns ready (search attribute ConsoleStartedBy)"
