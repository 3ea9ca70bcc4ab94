// @ts-check

/**
 * An identity binds once: users are found by (provider, subject) only, and an
 * e-mail links only an unbound invitation, and only when the identity
 * provider says it is verified. E-mail addresses are therefore no longer
 * unique (an unverified one must not block anyone), and each user row
 * remembers whether its address was verified.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ua_users', table => {
    table.dropUnique(['email']);
  });
  await knex.schema.alterTable('ua_users', table => {
    table.boolean('email_verified').notNullable().defaultTo(false);
    table.index(['email']);
  });
  // The identity provider's own session id (OIDC `sid`), kept for display
  // and back-channel logout; a console session is keyed by its login id.
  await knex.schema.alterTable('ua_sessions', table => {
    table.string('idp_session', 255).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ua_sessions', table => {
    table.dropColumn('idp_session');
  });
  await knex.schema.alterTable('ua_users', table => {
    table.dropIndex(['email']);
    table.dropColumn('email_verified');
  });
  await knex.schema.alterTable('ua_users', table => {
    table.unique(['email']);
  });
};
