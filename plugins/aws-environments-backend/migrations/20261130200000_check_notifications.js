// @ts-check

/**
 * Notifications of the guardrail checks: one row per environment, kind and
 * period, inserted before the notification is sent, so that the hourly
 * check (on any instance) and `POST .../checks/run` notify a finding once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('check_notifications', table => {
    table.comment('Guardrail notifications sent, for deduplication');
    table
      .string('environment', 255)
      .notNullable()
      .comment('The environment the finding is about');
    table
      .string('kind', 64)
      .notNullable()
      .comment('The rule, e.g. forecast-over-budget or alarm');
    table
      .string('period', 255)
      .notNullable()
      .comment(
        'What deduplicates the kind: month, day, version or alarm episode',
      );
    table
      .timestamp('sent_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When the notification was claimed for sending');
    table.primary(['environment', 'kind', 'period']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('check_notifications');
};
