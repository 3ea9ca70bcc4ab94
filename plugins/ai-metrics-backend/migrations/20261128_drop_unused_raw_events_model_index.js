// @ts-check

/**
 * Raw events are read only by retention (occurred_at) and by id: every
 * aggregate comes from the rollups. The (model, occurred_at) index served no
 * query and cost every insert a third index update.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_metric_events', table => {
    table.dropIndex(['model', 'occurred_at'], 'ai_metric_events_model_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ai_metric_events', table => {
    table.index(['model', 'occurred_at'], 'ai_metric_events_model_idx');
  });
};
