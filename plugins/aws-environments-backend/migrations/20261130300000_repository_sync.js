// @ts-check

/**
 * Repository sync: a merge to an environment's repository (the one the
 * create-aws-environment template wrote, registered in the catalog) becomes
 * a proposed deployment awaiting a person's approval.
 *
 * - `deployments.origin`: where a deployment was proposed from (the
 *   repository, the file read and its ETag); null for a person's request.
 * - `repository_proposals`: the last spec proposed from a repository, per
 *   environment. Claimed (insert, or compare-and-set on the spec hash)
 *   before the deployment is requested, so that two runs or two backend
 *   instances propose one spec once.
 * - `repository_reads`: the last read of each repository's environment.json
 *   that was dealt with (its ETag, for a conditional read next time, and the
 *   validation error of an invalid file).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .text('origin')
      .nullable()
      .comment(
        'JSON: DeploymentOrigin, where the deployment was proposed from (a repository); null for a request made in the portal',
      );
  });

  await knex.schema.createTable('repository_proposals', table => {
    table.comment(
      'The last spec proposed from an environment repository, per environment',
    );
    table
      .string('environment', 63)
      .primary()
      .notNullable()
      .comment('The environment the repository names');
    table
      .string('spec_hash', 64)
      .notNullable()
      .comment('SHA-256 of the proposed spec (as validated)');
    table
      .text('repository')
      .notNullable()
      .comment('The repository the spec was read from');
    table
      .string('etag', 255)
      .nullable()
      .comment('ETag of environment.json when it was read');
    table
      .string('deployment_id', 36)
      .nullable()
      .comment('The deployment proposed; null while it is being requested');
    table.timestamp('proposed_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('repository_reads', table => {
    table.comment(
      'The last read of each environment repository that was dealt with',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment('The catalog Component of the repository');
    table.string('environment', 63).notNullable();
    table.text('file').notNullable().comment('URL of environment.json');
    table
      .string('etag', 255)
      .nullable()
      .comment('ETag of the read; null when the reader gave none');
    table
      .text('error')
      .nullable()
      .comment(
        'JSON: FieldError[] of an invalid environment.json; null when valid',
      );
    table.timestamp('read_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('repository_reads');
  await knex.schema.dropTable('repository_proposals');
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('origin');
  });
};
