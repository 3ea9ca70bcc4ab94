// @ts-check

/**
 * The change feed's state, shared by every replica its scheduled task may
 * move to: the cursor it resumes from, and one claim per observed start or
 * close of a run, so that exactly one replica counts each of them however
 * often overlapping polls see it. Times are epoch milliseconds (bigint) to
 * behave the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('workflows_feed_cursors', table => {
    table.comment('Where the change feed resumes, per Temporal namespace');
    table.string('namespace', 255).primary();
    table
      .bigInteger('watermark')
      .notNullable()
      .comment('Epoch ms at which the last poll started');
  });
  await knex.schema.createTable('workflows_feed_claims', table => {
    table.comment(
      'Starts and closes already counted; pruned once the cursor is far past',
    );
    table.string('run_id', 128).notNullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('Running for the start, else the close status');
    table
      .bigInteger('claimed_at')
      .notNullable()
      .comment('Epoch ms of the poll that claimed it');
    table.primary(['run_id', 'status']);
    table.index(['claimed_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('workflows_feed_claims');
  await knex.schema.dropTable('workflows_feed_cursors');
};
