// @ts-check

/**
 * What the demo seeding (src/demo) decided and did for each part (users,
 * metrics, workflows): it seeds a part once, and only into an empty store.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('console_demo_parts', table => {
    table.comment('The demo seeding of each part of the console');
    table.string('part', 50).primary().notNullable();
    table
      .string('state', 20)
      .notNullable()
      .comment('seeding: decided, not finished; done; skipped: not empty');
    table.text('note').nullable().comment('What was seeded, or why not');
    table.bigInteger('updated_at').notNullable().comment('Epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('console_demo_parts');
};
