// @ts-check

/**
 * Idempotency ids belong to the producer that sent them: the key of a raw
 * event is (producer, id), the producer being the authenticated principal
 * (a service subject such as external:<name> or plugin:<id>, or a user
 * ref). With the id alone as the key, one producer could send another's
 * ids first and have that producer's events dropped as duplicates.
 *
 * Rows stored before have producer '' and are still recognised: while any
 * is kept, the store counts a retry of one of their ids as a duplicate,
 * whichever producer sends it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_metric_events', table => {
    table
      .string('producer', 255)
      .notNullable()
      .defaultTo('')
      .comment("Who sent the event (its principal); '' before it was recorded");
  });
  await knex.schema.alterTable('ai_metric_events', table => {
    table.dropPrimary('ai_metric_events_pkey');
    table.primary(['producer', 'id'], {
      constraintName: 'ai_metric_events_pkey',
    });
  });
};

/**
 * Back to one row per id: of the rows that share an id, the one of the
 * smallest producer ('' first) is kept.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('ai_metric_events as e')
    .whereExists(
      knex('ai_metric_events as o')
        .select(knex.raw('1'))
        .whereRaw('o.id = e.id')
        .andWhereRaw('o.producer < e.producer'),
    )
    .delete();
  await knex.schema.alterTable('ai_metric_events', table => {
    table.dropPrimary('ai_metric_events_pkey');
    table.primary(['id'], { constraintName: 'ai_metric_events_pkey' });
  });
  await knex.schema.alterTable('ai_metric_events', table => {
    table.dropColumn('producer');
  });
};
