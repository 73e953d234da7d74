// @ts-check

/**
 * The environment registry: environments, their deployments (which are also
 * the deployment queue) and each deployment's events.
 *
 * Timestamps are written by the plugin as JavaScript dates, never by database
 * defaults, so SQLite and PostgreSQL store the same precision.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.comment('Environments owned by the aws-environments plugin');
    table
      .string('name', 63)
      .primary()
      .notNullable()
      .comment('The environment name, also the spec name');
    table
      .string('source', 16)
      .notNullable()
      .comment('Where the environment lives: sandbox or aws');
    table
      .string('status', 32)
      .notNullable()
      .comment('The environment status (EnvironmentStatus)');
    table
      .text('spec')
      .notNullable()
      .comment(
        'JSON: the spec of the last successful deployment, or the first requested spec',
      );
    table
      .text('outputs')
      .notNullable()
      .comment(
        'JSON: stack outputs of the last successful deployment, by <stack>.<output>',
      );
    table
      .text('stacks')
      .nullable()
      .comment(
        'JSON: stacks (with templates) of the last successful deployment that are still deployed',
      );
    table
      .text('entities')
      .nullable()
      .comment('JSON: catalog entities of the last successful deployment');
    table
      .text('checks')
      .nullable()
      .comment(
        'JSON: cdk-nag findings, conformance results and the cost estimate of the last successful synth',
      );
    table
      .string('last_deployment_id', 36)
      .nullable()
      .comment(
        'The last deployment that succeeded; part of the data view cache keys',
      );
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployments of environments; queued rows are the work queue',
    );
    table.string('id', 36).primary().notNullable().comment('UUID');
    table
      .string('environment', 63)
      .notNullable()
      .references('name')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('source', 16).notNullable();
    table.string('action', 16).notNullable().comment('deploy or destroy');
    table
      .string('status', 32)
      .notNullable()
      .comment('DeploymentStatus: queued, running, awaiting-approval, ...');
    table
      .string('phase', 16)
      .notNullable()
      .comment(
        'What the worker does next: prepare (synth + change sets or deploy) or execute (approved change sets)',
      );
    table.string('approval', 16).notNullable().comment('auto or required');
    table.boolean('destroy_data').notNullable().defaultTo(false);
    table.string('requested_by', 255).notNullable();
    table
      .text('spec')
      .notNullable()
      .comment('JSON: the spec this deployment applies');
    table.text('error').nullable();
    table.text('change_sets').nullable().comment('JSON: ChangeSetSummary[]');
    table
      .string('worker_id', 64)
      .nullable()
      .comment('The backend instance running it');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment(
        'Refreshed while running; a stale heartbeat means the worker died',
      );
    table.index(['environment', 'created_at'], 'deployments_environment_idx');
    table.index(['status'], 'deployments_status_idx');
  });

  await knex.schema.createTable('deployment_events', table => {
    table.comment('Events of a deployment, in order');
    table.bigIncrements('id').primary().notNullable();
    table
      .string('deployment_id', 36)
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('level', 16).notNullable();
    table.text('message').notNullable();
    table.string('stack', 255).nullable();
    table.string('logical_id', 255).nullable();
    table.string('resource_status', 64).nullable();
    table.index(['deployment_id'], 'deployment_events_deployment_idx');
  });

  await knex.schema.createTable('plugin_flags', table => {
    table.comment(
      'One-time actions, guarded across backend instances by the primary key',
    );
    table.string('key', 64).primary().notNullable();
    table.timestamp('set_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('plugin_flags');
  await knex.schema.dropTable('deployment_events');
  await knex.schema.dropTable('deployments');
  await knex.schema.dropTable('environments');
};
