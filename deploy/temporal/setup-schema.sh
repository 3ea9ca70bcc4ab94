#!/bin/sh
# Temporal's two databases on PostgreSQL, created when missing and brought to
# the schema of the temporal-sql-tool's server version (the tool embeds it).
# Run before every start of a new server version: it changes nothing when the
# schema is current. deploy/compose.yaml runs it in temporalio/admin-tools.
# Env, read by the tool itself: SQL_PLUGIN (postgres12), SQL_HOST, SQL_PORT,
# SQL_USER, SQL_PASSWORD; here: TEMPORAL_DB (temporal),
# TEMPORAL_VISIBILITY_DB (temporal_visibility), TEMPORAL_SQL_TOOL
# (temporal-sql-tool).
set -eu
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
for pair in "${TEMPORAL_DB:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"
  schema="postgresql/v12/${pair##*:}"
  # refused when the database exists; any other cause fails the steps below
  "$tool" --db "$db" create-database >/dev/null 2>&1 || true
  # the version tables, once
  "$tool" --db "$db" setup-schema -v 0.0
  "$tool" --db "$db" update-schema --schema-name "$schema"
  echo "$db: schema $schema current"
done
