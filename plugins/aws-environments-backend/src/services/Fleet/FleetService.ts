import type {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  awsEnvironmentReadPermission,
  FLEET_DEFAULT_LIMIT,
  type DataSourceKind,
  type FleetQuery,
  type FleetResponse,
} from '@innovate/plugin-aws-environments-common';
import { createHash } from 'node:crypto';
import type { EnvironmentAccess } from '../Access/EnvironmentAccess';
import type { EnvironmentListItem } from '../EnvironmentRegistry/types';
import type { EnvironmentRegistry } from '../EnvironmentRegistry/types';
import { FleetCache } from './FleetCache';
import {
  firingByEnvironment,
  groupsOf,
  isLive,
  matchesFilters,
  sortEntries,
  toEntry,
  totalsOf,
} from './fleetEntries';
import type {
  FleetAlarms,
  FleetCosts,
  FleetDataSource,
  FleetRead,
} from './types';

/** A scope of one read: the live environments of one source it covers. */
interface Scope {
  source: DataSourceKind;
  id: string;
  environments: EnvironmentListItem[];
}

function digest(names: string[]): string {
  return createHash('sha256')
    .update(names.sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** The live environments of `all` by source and `key`, for `wanted`'s keys. */
function scopesOf(
  all: EnvironmentListItem[],
  wanted: EnvironmentListItem[],
  key: (environment: EnvironmentListItem) => string,
): Map<string, Scope> {
  const needed = new Set(
    wanted.filter(isLive).map(e => `${e.source}:${key(e)}`),
  );
  const scopes = new Map<string, Scope>();
  for (const environment of all.filter(isLive)) {
    const id = key(environment);
    const scopeKey = `${environment.source}:${id}`;
    if (!needed.has(scopeKey)) {
      continue;
    }
    const scope = scopes.get(scopeKey) ?? {
      source: environment.source,
      id,
      environments: [],
    };
    scope.environments.push(environment);
    scopes.set(scopeKey, scope);
  }
  return scopes;
}

const workloadsKey = (e: EnvironmentListItem) =>
  `${e.spec.accounts.workloads}:${e.spec.region}`;
const managementKey = (e: EnvironmentListItem) => e.spec.accounts.management;

/**
 * The fleet summary: every environment the caller may read, with its spend
 * and firing alarms from reads shared by all environments of a management
 * account (costs) or of a workloads account and region (alarms), so the
 * number of AWS calls does not grow with the number of environments.
 */
export class FleetService {
  private readonly cache: FleetCache;

  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      access: EnvironmentAccess;
      sources: Record<DataSourceKind, FleetDataSource>;
      cache: CacheService;
      logger: LoggerService;
      options: { costTtlMs: number; viewTtlMs: number; staleTtlMs: number };
      now?: () => Date;
    },
  ) {
    this.cache = new FleetCache({
      cache: deps.cache,
      logger: deps.logger,
      staleTtlMs: deps.options.staleTtlMs,
      now: deps.now,
    });
  }

  async getFleet(
    credentials: BackstageCredentials,
    query: FleetQuery,
  ): Promise<FleetResponse> {
    const all = await this.deps.registry.listEnvironments();
    // Only what the caller may read takes part: in entries and in totals.
    const readable = await this.deps.access.filter(
      credentials,
      awsEnvironmentReadPermission,
      all,
    );
    const wanted = readable.filter(e => matchesFilters(e, query));
    const [costs, alarms] = await Promise.all([
      this.readCosts(scopesOf(all, wanted, managementKey)),
      this.readAlarms(
        scopesOf(all, wanted, workloadsKey),
        all.map(e => e.name),
      ),
    ]);
    const at = this.now();
    const entries = wanted.map(environment =>
      isLive(environment)
        ? toEntry(
            environment,
            costs.get(`${environment.source}:${managementKey(environment)}`),
            alarms.get(`${environment.source}:${workloadsKey(environment)}`),
            at,
          )
        : toEntry(environment, undefined, undefined, at),
    );
    const sorted = sortEntries(entries, query.sort, query.order);
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ? Number(query.limit) : FLEET_DEFAULT_LIMIT;
    const page = sorted.slice(offset, offset + limit);
    return {
      items: page,
      totals: totalsOf(entries),
      groups: groupsOf(entries),
      ...(offset + limit < sorted.length
        ? { nextCursor: String(offset + limit) }
        : {}),
    };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Cost reads by `source:managementAccount`. */
  private async readCosts(scopes: Map<string, Scope>) {
    const day = this.now().toISOString().slice(0, 10);
    const reads = await Promise.all(
      [...scopes.entries()].map(async ([key, scope]) => {
        const names = digest(scope.environments.map(e => e.name));
        const read = await this.cache.read<FleetCosts>(
          {
            fresh: `fleet:cost:${key}:${day}:${names}`,
            lastGood: `fleet-last-good:cost:${key}`,
          },
          this.deps.options.costTtlMs,
          () =>
            this.deps.sources[scope.source].costs(scope.id, scope.environments),
        );
        return [key, read] as const;
      }),
    );
    return new Map<string, FleetRead<FleetCosts>>(reads);
  }

  /** Firing alarm reads, attributed to environments, by `source:account:region`. */
  private async readAlarms(scopes: Map<string, Scope>, known: string[]) {
    const day = this.now().toISOString().slice(0, 10);
    const reads = await Promise.all(
      [...scopes.entries()].map(async ([key, scope]) => {
        const [accountId, region] = scope.id.split(':');
        const names = digest(scope.environments.map(e => e.name));
        const read = await this.cache.read<FleetAlarms>(
          {
            fresh: `fleet:alarms:${key}:${day}:${names}`,
            lastGood: `fleet-last-good:alarms:${key}`,
          },
          this.deps.options.viewTtlMs,
          () =>
            this.deps.sources[scope.source].firingAlarms(
              { accountId, region },
              scope.environments,
            ),
        );
        const counts = read.value
          ? firingByEnvironment(read.value, scope.environments, known)
          : new Map<string, number>();
        return [key, { read, counts }] as const;
      }),
    );
    return new Map(reads);
  }
}
