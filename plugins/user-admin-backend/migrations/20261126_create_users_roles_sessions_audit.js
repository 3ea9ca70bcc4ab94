// @ts-check

/**
 * Users, roles (with grants and members), sessions and the audit log of the
 * user-admin plugin.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ua_users', table => {
    table.string('id', 36).primary();
    table.string('user_ref', 255).notNullable().unique();
    table.string('email', 320).nullable().unique();
    table.string('display_name', 255).notNullable();
    table.string('status', 16).notNullable().index();
    table.string('provider', 64).nullable();
    table.string('subject', 255).nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('last_sign_in_at').nullable();
    table.unique(['provider', 'subject']);
  });
  // Tokens of a user issued before revoked_before are refused. Kept apart
  // from ua_users so that it outlives a deleted user's row.
  await knex.schema.createTable('ua_user_revocations', table => {
    table.string('user_ref', 255).primary();
    table.bigInteger('revoked_before').notNullable().index();
  });
  await knex.schema.createTable('ua_roles', table => {
    table.string('name', 100).primary();
    table.string('title', 255).notNullable();
    table.text('description').notNullable();
    table.boolean('built_in').notNullable().defaultTo(false);
    // JSON array of grants
    table.text('grants').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('ua_role_members', table => {
    table
      .string('role_name', 100)
      .notNullable()
      .references('name')
      .inTable('ua_roles')
      .onDelete('CASCADE');
    // a user or group entity ref, lower case
    table.string('member_ref', 255).notNullable().index();
    table.primary(['role_name', 'member_ref']);
  });
  await knex.schema.createTable('ua_sessions', table => {
    table.string('id', 36).primary();
    table.string('user_ref', 255).notNullable().index();
    table.string('provider', 64).notNullable();
    // the identity provider's session (OIDC sid), stable across refreshes
    table.string('session_key', 255).notNullable();
    table.bigInteger('auth_time').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table.string('user_agent', 512).nullable();
    table.string('ip_address', 64).nullable();
    table.bigInteger('revoked_at').nullable().index();
    table.string('revoked_by', 255).nullable();
    table.string('revoke_reason', 1000).nullable();
    table.index(['provider', 'session_key']);
  });
  await knex.schema.createTable('ua_audit', table => {
    table.bigIncrements('id').primary();
    table.bigInteger('at').notNullable().index();
    table.string('actor', 255).notNullable().index();
    table.string('action', 64).notNullable().index();
    table.string('target', 255).nullable().index();
    table.string('outcome', 16).notNullable();
    table.text('details').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ua_audit');
  await knex.schema.dropTable('ua_sessions');
  await knex.schema.dropTable('ua_role_members');
  await knex.schema.dropTable('ua_roles');
  await knex.schema.dropTable('ua_user_revocations');
  await knex.schema.dropTable('ua_users');
};
