// @ts-check

/**
 * `environments.repository`: the repository the create-aws-environment
 * template published the environment's CDK app to (https://<host>/<owner>/<repo>).
 * The repository sync proposes changes to an environment only from a
 * catalog file inside that repository; null (an environment created without
 * a repository) means no repository proposes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('environments', table => {
    table
      .text('repository')
      .nullable()
      .comment(
        'The environment repository (https://<host>/<owner>/<repo>) whose environment.json may propose changes; null for none',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('environments', table => {
    table.dropColumn('repository');
  });
};
