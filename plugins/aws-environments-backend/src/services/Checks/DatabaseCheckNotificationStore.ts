import type { Knex } from 'knex';
import type { CheckNotificationStore, NotificationKey } from './types';

const TABLE = 'check_notifications';

/**
 * The checks' deduplication in the plugin's database: a claim is an insert
 * of the key, which only one run (on one instance) can make; the table's
 * primary key turns the others into no-ops.
 */
export class DatabaseCheckNotificationStore implements CheckNotificationStore {
  constructor(private readonly knex: Knex) {}

  async claim(key: NotificationKey): Promise<boolean> {
    const inserted = await this.knex(TABLE)
      .insert({
        environment: key.environment,
        kind: key.kind,
        period: key.period,
      })
      .onConflict(['environment', 'kind', 'period'])
      .ignore()
      .returning('kind');
    return inserted.length === 1;
  }

  async release(key: NotificationKey): Promise<void> {
    await this.knex(TABLE)
      .where({
        environment: key.environment,
        kind: key.kind,
        period: key.period,
      })
      .delete();
  }
}
