import type {
  ApprovalMode,
  ChangeSetSummary,
  DataSourceKind,
  DeploymentAction,
  DeploymentEvent,
  DeploymentStatus,
  DeploymentSummary,
  EnvironmentStatus,
} from '@innovate/plugin-aws-environments-common';
import type {
  DeploymentLeaseKey,
  DeploymentPhase,
  DeploymentRecord,
  EnvironmentListItem,
  EnvironmentRecord,
} from './types';

/*
 * The registry's tables as knex returns their rows, and their mapping to
 * the records of ./types.
 */

export type DbTimestamp = Date | string | number;

export interface EnvironmentRow {
  name: string;
  owner: string | null;
  repository?: string | null;
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

export interface DeploymentRow {
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
  accept_data_loss: string | null;
  spec: string;
  error: string | null;
  change_sets: string | null;
  worker_id: string | null;
  lease_token: string | null;
  new_owner: string | null;
  /** Absent in rows read before the repository-sync migration ran. */
  origin?: string | null;
  created_at: DbTimestamp;
  started_at: DbTimestamp | null;
  finished_at: DbTimestamp | null;
  heartbeat_at: DbTimestamp | null;
}

export interface EventRow {
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
export function toIso(value: DbTimestamp): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    return new Date(Number(value)).toISOString();
  }
  return new Date(value).toISOString();
}

export function parseJson<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}

/** The columns a list needs: not the large templates, entities and checks. */
export const LIST_COLUMNS = [
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

export type ListRow = Pick<EnvironmentRow, (typeof LIST_COLUMNS)[number]>;

export function rowToListItem(
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

export function rowToEnvironment(row: EnvironmentRow): EnvironmentRecord {
  return {
    ...rowToListItem(row),
    ...(row.repository ? { repository: row.repository } : {}),
    stacks: parseJson(row.stacks),
    entities: parseJson(row.entities),
    checks: parseJson(row.checks),
  };
}

export function rowToSummary(row: DeploymentRow): DeploymentSummary {
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
    ...(row.origin ? { origin: JSON.parse(row.origin) } : {}),
  };
}

/** The accepted data losses; null (none, or queued before they existed) is []. */
export function acceptDataLossOf(
  row: Pick<DeploymentRow, 'accept_data_loss'>,
): string[] {
  return parseJson<string[]>(row.accept_data_loss) ?? [];
}

export function rowToRecord(row: DeploymentRow): DeploymentRecord {
  return {
    ...rowToSummary(row),
    phase: row.phase as DeploymentPhase,
    spec: JSON.parse(row.spec),
    acceptDataLoss: acceptDataLossOf(row),
    ...(row.worker_id !== null ? { workerId: row.worker_id } : {}),
    ...(row.lease_token !== null ? { leaseToken: row.lease_token } : {}),
    ...(row.new_owner !== null ? { newOwner: row.new_owner } : {}),
    ...(row.heartbeat_at !== null
      ? { heartbeatAt: toIso(row.heartbeat_at) }
      : {}),
  };
}

export function rowToEvent(row: EventRow): DeploymentEvent {
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

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed|duplicate key value/.test(e?.message ?? '')
  );
}

/** The run of a deployment a worker holds: the row while its token is there. */
export function leaseWhere(lease: DeploymentLeaseKey) {
  return {
    id: lease.deploymentId,
    worker_id: lease.workerId,
    lease_token: lease.leaseToken,
    status: 'running',
  };
}
