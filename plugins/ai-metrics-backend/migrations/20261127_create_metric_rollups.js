// @ts-check

/**
 * Per-minute and per-hour rollups per model and version, updated in the same
 * transaction as the raw insert. `latency_sketch` is a mergeable log-bucketed
 * histogram (1% relative error) stored sparse as JSON; percentiles of any range
 * come from merging these, never from the raw events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const [name, retention] of [
    ['ai_metric_rollups_minute', 'aiMetrics.retention.minuteRollups'],
    ['ai_metric_rollups_hour', 'aiMetrics.retention.hourRollups'],
  ]) {
    await knex.schema.createTable(name, table => {
      table.comment(`Rollups of ai_metric_events; kept for ${retention}`);
      table.bigInteger('bucket_start').notNullable().comment('Epoch ms');
      table.string('model', 200).notNullable();
      table.string('model_version', 100).notNullable().defaultTo('');
      table.bigInteger('request_count').notNullable().defaultTo(0);
      table.bigInteger('error_count').notNullable().defaultTo(0);
      table.bigInteger('input_tokens').notNullable().defaultTo(0);
      table.bigInteger('output_tokens').notNullable().defaultTo(0);
      table.double('cost_usd').notNullable().defaultTo(0);
      table.double('score_sum').notNullable().defaultTo(0);
      table.bigInteger('score_count').notNullable().defaultTo(0);
      table.double('latency_sum_ms').notNullable().defaultTo(0);
      table.text('latency_sketch').notNullable().comment('LatencySketch JSON');
      table.primary(['bucket_start', 'model', 'model_version'], `${name}_pkey`);
      table.index(
        ['model', 'model_version', 'bucket_start'],
        `${name}_model_idx`,
      );
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_metric_rollups_hour');
  await knex.schema.dropTable('ai_metric_rollups_minute');
};
