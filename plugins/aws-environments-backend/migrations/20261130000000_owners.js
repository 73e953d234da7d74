// @ts-check

/**
 * Owners and approvers (the access model): every environment records its
 * owner, a catalog entity ref (a group; a user for a guest), and every
 * deployment who approved its change sets and which seed claims it was
 * allowed to fail; and the fencing token of each deployment run.
 *
 * Environments registered before owners existed get no owner here: the
 * plugin assigns them `awsEnvironments.defaultOwner` at start-up, so the
 * owner comes from configuration, not from a migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('environments', table => {
    table
      .string('owner', 255)
      .nullable()
      .comment(
        'Catalog entity ref of the owner (group:default/platform-team); null only before start-up assigns the default owner',
      );
  });
  await knex.schema.alterTable('deployments', table => {
    table
      .string('approved_by', 255)
      .nullable()
      .comment('The user who approved the change sets, once approved');
    table
      .text('allowed_deviations')
      .nullable()
      .comment(
        'JSON: ids of seed claims the request allowed to fail; null for none',
      );
    table
      .string('new_owner', 255)
      .nullable()
      .comment(
        'The owner the environment gets when this deployment succeeds; null to keep it',
      );
    table
      .string('lease_token', 36)
      .nullable()
      .comment(
        'Fencing token of the current run: a worker changes AWS only while its token is still here',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('lease_token');
    table.dropColumn('new_owner');
    table.dropColumn('allowed_deviations');
    table.dropColumn('approved_by');
  });
  await knex.schema.alterTable('environments', table => {
    table.dropColumn('owner');
  });
};
