// @ts-check

/**
 * Raw metric events, one row per event id: the id is the producers'
 * idempotency key, so a retried batch inserts nothing twice.
 * Times are epoch milliseconds (bigint) to behave the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_metric_events', table => {
    table.comment(
      'Raw model call events; kept for aiMetrics.retention.rawEvents',
    );
    table
      .string('id', 128)
      .primary()
      .comment('Idempotency key of the producer');
    table
      .bigInteger('occurred_at')
      .notNullable()
      .comment('Epoch ms of the call');
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('Epoch ms of ingestion');
    table.string('model', 200).notNullable();
    table.string('model_version', 100).notNullable().defaultTo('');
    table.string('provider', 64).notNullable();
    table.string('operation', 64).notNullable();
    table.double('latency_ms').notNullable();
    table.bigInteger('input_tokens').notNullable().defaultTo(0);
    table.bigInteger('output_tokens').notNullable().defaultTo(0);
    table.double('cost_usd').notNullable().defaultTo(0);
    table
      .string('error_type', 128)
      .nullable()
      .comment('null when the call succeeded');
    table.double('score').nullable();
    table.text('labels').nullable().comment('JSON object of custom labels');
    table.string('trace_id', 32).nullable();
    table.index(['occurred_at'], 'ai_metric_events_occurred_at_idx');
    table.index(['model', 'occurred_at'], 'ai_metric_events_model_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_metric_events');
};
