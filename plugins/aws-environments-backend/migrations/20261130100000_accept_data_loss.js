// @ts-check

/**
 * Accepted data losses: every deployment records the logical ids of the
 * stateful resources whose replacement or removal (and the data lost with
 * it) its request accepted. Deployments queued before this migration
 * accepted none, which a null column means.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .text('accept_data_loss')
      .nullable()
      .comment(
        'JSON: logical ids of stateful resources the request accepted to replace or remove; null for none',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('accept_data_loss');
  });
};
