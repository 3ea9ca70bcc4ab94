#!/usr/bin/env bash
# One-time setup of a Temporal namespace for the console, run by an operator
# once per namespace (before or while the console runs; running it again
# changes nothing): adds the search attributes the console needs
# (ConsoleStartedBy, Keyword) when the namespace lacks them, and waits until
# queries accept them. The console itself never adds them in production
# (workflows.temporal.registerSearchAttributes is for development): until
# they are there, its /health and workflow calls answer 503 naming this step.
#
# It connects with the console's own settings (workflows.temporal: address,
# namespace, TLS or mTLS files, API key) from the config files given, so it
# reaches Temporal exactly as the backend does:
#   scripts/temporal-setup.sh                                   app-config.yaml
#   TEMPORAL_ADDRESS=... TEMPORAL_NAMESPACE=... TEMPORAL_TLS_CERT_FILE=... \
#     scripts/temporal-setup.sh --config app-config.production.yaml
# Needs node_modules (scripts/setup.sh), not Go. Temporal Cloud refuses
# adding search attributes through its API: there, add them in the Cloud UI
# or with tcld (docs/operator-guide.md).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
[ -d node_modules/@temporalio/client ] || die "node_modules is missing: run scripts/setup.sh first"
exec node --require @backstage/cli-node/config/nodeTransform.cjs scripts/temporal-setup.cjs "$@"
