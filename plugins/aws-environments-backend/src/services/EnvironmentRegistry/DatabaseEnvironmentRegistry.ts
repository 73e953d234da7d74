import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  ChangeSetSummary,
  DataSourceKind,
  Deployment,
  DeploymentAction,
  DeploymentEvent,
  DeploymentStatus,
  DeploymentSummary,
  EnvironmentStatus,
  ApprovalMode,
} from '@innovate/plugin-aws-environments-common';
import { Knex } from 'knex';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  DeploymentPatch,
  DeploymentPhase,
  DeploymentRecord,
  EnvironmentListItem,
  EnvironmentPatch,
  EnvironmentRecord,
  EnvironmentRegistry,
  EnvironmentRegistryOperations,
  NewDeployment,
  NewDeploymentEvent,
  NewEnvironment,
  DeploymentLeaseKey,
} from './types';

const MIGRATIONS_DIR = resolvePackagePath(
  '@innovate/plugin-aws-environments-backend',
  'migrations',
);

type DbTimestamp = Date | string | number;

interface EnvironmentRow {
  name: string;
  owner: string | null;
  source: string;
  status: string;
  spec: string;
  outputs: string;
  stacks: string | null;
  entities: string | null;
  checks: string | null;
  last_deployment_id: string | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
}

interface DeploymentRow {
  id: string;
  environment: string;
  source: string;
  action: string;
  status: string;
  phase: string;
  approval: string;
  destroy_data: boolean | number;
  requested_by: string;
  approved_by: string | null;
  allowed_deviations: string | null;
  spec: string;
  error: string | null;
  change_sets: string | null;
  worker_id: string | null;
  lease_token: string | null;
  new_owner: string | null;
  created_at: DbTimestamp;
  started_at: DbTimestamp | null;
  finished_at: DbTimestamp | null;
  heartbeat_at: DbTimestamp | null;
}

interface EventRow {
  id: number | string;
  deployment_id: string;
  at: DbTimestamp;
  level: string;
  message: string;
  stack: string | null;
  logical_id: string | null;
  resource_status: string | null;
}

/**
 * SQLite returns timestamps written from JavaScript dates as epoch
 * milliseconds, PostgreSQL as dates; both become ISO strings here.
 */
function toIso(value: DbTimestamp): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    return new Date(Number(value)).toISOString();
  }
  return new Date(value).toISOString();
}

function parseJson<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}

/** The columns a list needs: not the large templates, entities and checks. */
const LIST_COLUMNS = [
  'name',
  'owner',
  'source',
  'status',
  'spec',
  'outputs',
  'last_deployment_id',
  'created_at',
  'updated_at',
] as const;

type ListRow = Pick<EnvironmentRow, (typeof LIST_COLUMNS)[number]>;

function rowToListItem(
  row: ListRow,
): Omit<EnvironmentListItem, 'latestDeployment'> {
  return {
    name: row.name,
    owner: row.owner,
    source: row.source as DataSourceKind,
    status: row.status as EnvironmentStatus,
    spec: JSON.parse(row.spec),
    outputs: JSON.parse(row.outputs),
    lastDeploymentId: row.last_deployment_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function rowToEnvironment(row: EnvironmentRow): EnvironmentRecord {
  return {
    ...rowToListItem(row),
    stacks: parseJson(row.stacks),
    entities: parseJson(row.entities),
    checks: parseJson(row.checks),
  };
}

function rowToSummary(row: DeploymentRow): DeploymentSummary {
  const changeSets = parseJson<ChangeSetSummary[]>(row.change_sets);
  return {
    id: row.id,
    environment: row.environment,
    source: row.source as DataSourceKind,
    action: row.action as DeploymentAction,
    status: row.status as DeploymentStatus,
    approval: row.approval as ApprovalMode,
    ...(row.action === 'destroy'
      ? { destroyData: Boolean(row.destroy_data) }
      : {}),
    requestedBy: row.requested_by,
    ...(row.approved_by !== null ? { approvedBy: row.approved_by } : {}),
    ...(row.allowed_deviations !== null
      ? { allowedDeviations: JSON.parse(row.allowed_deviations) as string[] }
      : {}),
    createdAt: toIso(row.created_at),
    ...(row.started_at !== null ? { startedAt: toIso(row.started_at) } : {}),
    ...(row.finished_at !== null ? { finishedAt: toIso(row.finished_at) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(changeSets ? { changeSets } : {}),
  };
}

function rowToRecord(row: DeploymentRow): DeploymentRecord {
  return {
    ...rowToSummary(row),
    phase: row.phase as DeploymentPhase,
    spec: JSON.parse(row.spec),
    ...(row.worker_id !== null ? { workerId: row.worker_id } : {}),
    ...(row.lease_token !== null ? { leaseToken: row.lease_token } : {}),
    ...(row.new_owner !== null ? { newOwner: row.new_owner } : {}),
    ...(row.heartbeat_at !== null
      ? { heartbeatAt: toIso(row.heartbeat_at) }
      : {}),
  };
}

function rowToEvent(row: EventRow): DeploymentEvent {
  return {
    at: toIso(row.at),
    level: row.level as DeploymentEvent['level'],
    message: row.message,
    ...(row.stack !== null ? { stack: row.stack } : {}),
    ...(row.logical_id !== null ? { logicalId: row.logical_id } : {}),
    ...(row.resource_status !== null
      ? { resourceStatus: row.resource_status }
      : {}),
  };
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed|duplicate key value/.test(e?.message ?? '')
  );
}

/** The run of a deployment a worker holds: the row while its token is there. */
function leaseWhere(lease: DeploymentLeaseKey) {
  return {
    id: lease.deploymentId,
    worker_id: lease.workerId,
    lease_token: lease.leaseToken,
    status: 'running',
  };
}

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
    return { ...rowToSummary(row), events: events.map(rowToEvent) };
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
      allowed_deviations:
        deployment.allowedDeviations.length > 0
          ? JSON.stringify(deployment.allowedDeviations)
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
