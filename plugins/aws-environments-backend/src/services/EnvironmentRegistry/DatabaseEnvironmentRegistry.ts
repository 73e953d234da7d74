import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  diffSpecs,
  type DataSourceKind,
  type Deployment,
  type DeploymentStatus,
  type DeploymentSummary,
  type EnvironmentSpec,
  type EnvironmentStatus,
} from '@innovate/plugin-aws-environments-common';
import { Knex } from 'knex';
import {
  acceptDataLossOf,
  DeploymentRow,
  EnvironmentRow,
  EventRow,
  isUniqueViolation,
  leaseWhere,
  LIST_COLUMNS,
  ListRow,
  rowToEnvironment,
  rowToEvent,
  rowToListItem,
  rowToRecord,
  rowToSummary,
} from './rows';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  DeploymentLeaseKey,
  DeploymentPatch,
  DeploymentRecord,
  EnvironmentListItem,
  EnvironmentPatch,
  EnvironmentRegistry,
  EnvironmentRegistryOperations,
  NewDeployment,
  NewDeploymentEvent,
  NewEnvironment,
  RunOutcome,
} from './types';

const MIGRATIONS_DIR = resolvePackagePath(
  '@innovate/plugin-aws-environments-backend',
  'migrations',
);

/** Registry operations against a knex connection or transaction. */
class KnexRegistryOperations implements EnvironmentRegistryOperations {
  constructor(protected readonly db: Knex | Knex.Transaction) {}

  async listEnvironments(): Promise<EnvironmentListItem[]> {
    const rows: ListRow[] = await this.db<EnvironmentRow>('environments')
      .select(...LIST_COLUMNS)
      .orderBy('name');
    const latest = await this.db<DeploymentRow>('deployments as d')
      .join(
        this.db('deployments')
          .select('environment')
          .max('created_at as latest_at')
          .groupBy('environment')
          .as('l'),
        function joinLatest() {
          this.on('d.environment', '=', 'l.environment').andOn(
            'd.created_at',
            '=',
            'l.latest_at',
          );
        },
      )
      .select('d.*');
    const latestByEnvironment = new Map<string, DeploymentSummary>();
    for (const row of latest as DeploymentRow[]) {
      const summary = rowToSummary(row);
      const current = latestByEnvironment.get(row.environment);
      // Two deployments created in the same millisecond: the id decides.
      if (!current || current.id < summary.id) {
        latestByEnvironment.set(row.environment, summary);
      }
    }
    return rows.map(row => {
      const latestDeployment = latestByEnvironment.get(row.name);
      return {
        ...rowToListItem(row),
        ...(latestDeployment ? { latestDeployment } : {}),
      };
    });
  }

  async getEnvironment(name: string, options?: { lock?: boolean }) {
    let query = this.db<EnvironmentRow>('environments').where({ name });
    if (options?.lock && this.db.client.config.client === 'pg') {
      query = query.forUpdate();
    }
    const row = await query.first();
    return row ? rowToEnvironment(row) : undefined;
  }

  async getEnvironmentHeader(name: string) {
    const row = await this.db<EnvironmentRow>('environments')
      .where({ name })
      .select('name', 'owner', 'source', 'status', 'last_deployment_id')
      .select(this.db.raw('(stacks is not null) as deployed'))
      .first();
    if (!row) {
      return undefined;
    }
    const header = row as unknown as Pick<
      EnvironmentRow,
      'name' | 'owner' | 'source' | 'status' | 'last_deployment_id'
    > & { deployed: boolean | number };
    return {
      name: header.name,
      owner: header.owner,
      source: header.source as DataSourceKind,
      status: header.status as EnvironmentStatus,
      lastDeploymentId: header.last_deployment_id,
      deployed: Boolean(header.deployed),
    };
  }

  async createEnvironment(environment: NewEnvironment) {
    const now = new Date();
    try {
      await this.db('environments').insert({
        name: environment.name,
        owner: environment.owner,
        repository: environment.repository ?? null,
        source: environment.source,
        status: environment.status,
        spec: JSON.stringify(environment.spec),
        outputs: '{}',
        stacks: null,
        entities: null,
        checks: null,
        last_deployment_id: null,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Environment '${environment.name}' already exists; send mode 'update' to change it`,
        );
      }
      throw error;
    }
  }

  async updateEnvironment(name: string, patch: EnvironmentPatch) {
    const update: Record<string, unknown> = { updated_at: new Date() };
    if (patch.owner !== undefined) update.owner = patch.owner;
    if (patch.repository !== undefined) update.repository = patch.repository;
    if (patch.source !== undefined) update.source = patch.source;
    if (patch.status !== undefined) update.status = patch.status;
    if (patch.spec !== undefined) update.spec = JSON.stringify(patch.spec);
    if (patch.outputs !== undefined) {
      update.outputs = JSON.stringify(patch.outputs);
    }
    if (patch.stacks !== undefined) {
      update.stacks =
        patch.stacks === null ? null : JSON.stringify(patch.stacks);
    }
    if (patch.entities !== undefined) {
      update.entities =
        patch.entities === null ? null : JSON.stringify(patch.entities);
    }
    if (patch.checks !== undefined) {
      update.checks =
        patch.checks === null ? null : JSON.stringify(patch.checks);
    }
    if (patch.lastDeploymentId !== undefined) {
      update.last_deployment_id = patch.lastDeploymentId;
    }
    await this.db('environments').where({ name }).update(update);
  }

  async listDeployments(
    environment: string,
    options?: { limit?: number; statuses?: DeploymentStatus[] },
  ) {
    let query = this.db<DeploymentRow>('deployments')
      .where({ environment })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (options?.statuses) {
      query = query.whereIn('status', options.statuses);
    }
    if (options?.limit) {
      query = query.limit(options.limit);
    }
    const rows = await query;
    return rows.map(rowToSummary);
  }

  async getDeployment(id: string) {
    const row = await this.db<DeploymentRow>('deployments')
      .where({ id })
      .first();
    return row ? rowToRecord(row) : undefined;
  }

  async getDeploymentWithEvents(id: string): Promise<Deployment | undefined> {
    const row = await this.db<DeploymentRow>('deployments')
      .where({ id })
      .first();
    if (!row) {
      return undefined;
    }
    const events = await this.db<EventRow>('deployment_events')
      .where({ deployment_id: id })
      .orderBy('id');
    const previous = await this.previousDeploy(row);
    const detail: Deployment = {
      ...rowToSummary(row),
      events: events.map(rowToEvent),
      acceptDataLoss: acceptDataLossOf(row),
      ...(previous ? { previousDeploymentId: previous.id } : {}),
    };
    if (row.action === 'deploy') {
      const spec: EnvironmentSpec = JSON.parse(row.spec);
      // A stored spec was validated; the generated type narrows the zod
      // one's strings to enums (see EnvironmentDetail in the common package).
      detail.spec = spec as NonNullable<Deployment['spec']>;
      detail.specChanges = diffSpecs(
        previous ? JSON.parse(previous.spec) : undefined,
        spec,
      );
    }
    return detail;
  }

  /**
   * The deployment whose spec was in place before `row`: the environment's
   * latest succeeded deploy created before it (the id orders two created in
   * the same millisecond, as in the lists).
   */
  private async previousDeploy(
    row: DeploymentRow,
  ): Promise<Pick<DeploymentRow, 'id' | 'spec'> | undefined> {
    return this.db<DeploymentRow>('deployments')
      .where({
        environment: row.environment,
        action: 'deploy',
        status: 'succeeded',
      })
      .andWhere(earlier =>
        earlier
          .where('created_at', '<', row.created_at)
          .orWhere(sameTime =>
            sameTime
              .where('created_at', '=', row.created_at)
              .andWhere('id', '<', row.id),
          ),
      )
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('id', 'spec');
  }

  async createDeployment(deployment: NewDeployment) {
    await this.db('deployments').insert({
      id: deployment.id,
      environment: deployment.environment,
      source: deployment.source,
      action: deployment.action,
      status: 'queued',
      phase: 'prepare',
      approval: deployment.approval,
      destroy_data: deployment.destroyData,
      requested_by: deployment.requestedBy,
      approved_by: null,
      new_owner: deployment.newOwner ?? null,
      origin: deployment.origin ? JSON.stringify(deployment.origin) : null,
      allowed_deviations:
        deployment.allowedDeviations.length > 0
          ? JSON.stringify(deployment.allowedDeviations)
          : null,
      accept_data_loss:
        deployment.acceptDataLoss && deployment.acceptDataLoss.length > 0
          ? JSON.stringify(deployment.acceptDataLoss)
          : null,
      spec: JSON.stringify(deployment.spec),
      error: null,
      change_sets: null,
      worker_id: null,
      created_at: new Date(),
      started_at: null,
      finished_at: null,
      heartbeat_at: null,
    });
  }

  async updateDeployment(
    id: string,
    patch: DeploymentPatch,
    options?: { expectStatus?: DeploymentStatus },
  ) {
    const update: Record<string, unknown> = {};
    if (patch.status !== undefined) update.status = patch.status;
    if (patch.phase !== undefined) update.phase = patch.phase;
    if (patch.error !== undefined) update.error = patch.error;
    if (patch.approvedBy !== undefined) update.approved_by = patch.approvedBy;
    if (patch.changeSets !== undefined) {
      update.change_sets = JSON.stringify(patch.changeSets);
    }
    if (patch.finishedAt !== undefined) {
      update.finished_at = new Date(patch.finishedAt);
    }
    if (patch.status === 'queued') {
      update.worker_id = null;
      update.heartbeat_at = null;
      update.lease_token = null;
    }
    let query = this.db('deployments').where({ id });
    if (options?.expectStatus) {
      query = query.andWhere({ status: options.expectStatus });
    }
    const count = await query.update(update);
    return count === 1;
  }

  async appendEvents(deploymentId: string, events: NewDeploymentEvent[]) {
    if (events.length === 0) {
      return;
    }
    await this.db('deployment_events').insert(
      events.map(event => ({
        deployment_id: deploymentId,
        at: event.at ? new Date(event.at) : new Date(),
        level: event.level,
        message: event.message,
        stack: event.stack ?? null,
        logical_id: event.logicalId ?? null,
        resource_status: event.resourceStatus ?? null,
      })),
    );
  }

  async setFlagOnce(key: string) {
    const inserted = await this.db('plugin_flags')
      .insert({ key, set_at: new Date() })
      .onConflict('key')
      .ignore()
      .returning('key');
    return inserted.length === 1;
  }

  async countActiveDeployments(requestedBy: string) {
    const [{ count }] = await this.db('deployments')
      .where({ requested_by: requestedBy })
      .whereIn('status', ACTIVE_DEPLOYMENT_STATUSES)
      .count({ count: '*' });
    return Number(count);
  }

  async assignOwnerToUnowned(owner: string) {
    return this.db('environments')
      .whereNull('owner')
      .update({ owner, updated_at: new Date() });
  }
}

/**
 * The environment registry in the plugin's own database (SQLite or
 * PostgreSQL). The deployments table doubles as the deployment queue.
 */
export class DatabaseEnvironmentRegistry
  extends KnexRegistryOperations
  implements EnvironmentRegistry
{
  /** Connects to the plugin's database and runs its migrations. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseEnvironmentRegistry> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    }
    return new DatabaseEnvironmentRegistry(knex);
  }

  private constructor(private readonly knex: Knex) {
    super(knex);
  }

  async transaction<T>(
    fn: (tx: EnvironmentRegistryOperations) => Promise<T>,
  ): Promise<T> {
    return this.knex.transaction(trx => fn(new KnexRegistryOperations(trx)));
  }

  async finishDeployment(
    deployment: Pick<DeploymentRecord, 'id' | 'environment'>,
    outcome: RunOutcome,
    environment: EnvironmentPatch,
    events: NewDeploymentEvent[] = [],
  ) {
    return this.transaction(async tx => {
      const ended = outcome.status !== 'awaiting-approval';
      const recorded = await tx.updateDeployment(
        deployment.id,
        {
          ...outcome,
          ...(ended ? { finishedAt: new Date().toISOString() } : {}),
        },
        { expectStatus: 'running' },
      );
      if (recorded) {
        await tx.appendEvents(deployment.id, events);
        await tx.updateEnvironment(deployment.environment, environment);
      }
      return recorded;
    });
  }

  async claimNextDeployment(workerId: string) {
    const candidates = await this.knex<DeploymentRow>('deployments')
      .where({ status: 'queued' })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(10);
    for (const candidate of candidates) {
      const now = new Date();
      // Only one worker's update matches `status = queued`; the others move on.
      const claimed = await this.knex('deployments')
        .where({ id: candidate.id, status: 'queued' })
        .update({
          status: 'running',
          worker_id: workerId,
          lease_token: randomUUID(),
          started_at: candidate.started_at ?? now,
          heartbeat_at: now,
        });
      if (claimed === 1) {
        return this.getDeployment(candidate.id);
      }
    }
    return undefined;
  }

  async heartbeat(lease: DeploymentLeaseKey) {
    const updated = await this.knex('deployments')
      .where(leaseWhere(lease))
      .update({ heartbeat_at: new Date() });
    return updated === 1;
  }

  async holdsLease(lease: DeploymentLeaseKey) {
    const row = await this.knex('deployments')
      .where(leaseWhere(lease))
      .first('id');
    return row !== undefined;
  }

  async findLostDeployments(olderThan: Date) {
    const rows = await this.knex<DeploymentRow>('deployments')
      .where({ status: 'running' })
      .andWhere(builder =>
        builder
          .where('heartbeat_at', '<', olderThan)
          .orWhereNull('heartbeat_at'),
      );
    return rows.map(rowToRecord);
  }
}
