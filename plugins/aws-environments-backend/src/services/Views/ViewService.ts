import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  type DataSourceKind,
  SingleFlight,
  type ViewName,
} from '@innovate/plugin-aws-environments-common';
import { DataSourceError } from '../../errors';
import type { EnvironmentRegistry } from '../EnvironmentRegistry/types';
import type {
  DeployedEnvironment,
  EnvironmentDataSource,
  Views,
} from '../DataSources/types';

export interface ViewCacheOptions {
  /** Freshness of the cost view (Cost Explorer bills each request). */
  costTtlMs: number;
  /** Freshness of the cluster, database, alarm and domain views. */
  viewTtlMs: number;
  /**
   * Freshness of the drift view (CloudFormation detects drift at most once
   * per stack every 15 minutes). An UNKNOWN drift view, e.g. with a
   * detection still running, is kept only for `viewTtlMs`.
   */
  driftTtlMs: number;
  /** How long a last good value is kept for serving stale. */
  staleTtlMs: number;
}

/** A view in the cache, with the time it stops being fresh. */
interface CachedView<V> {
  value: V;
  expiresAt: number;
}

/** After a failure, a stale answer is reused this long before AWS is asked again. */
const FAILURE_BACKOFF_MS = 30_000;

/**
 * Views are also kept in process memory this long (at most their TTL):
 * reading the shared cache means deserializing the view on every request,
 * which dominates the cost of a cache hit.
 */
const LOCAL_TTL_MS = 5_000;
const LOCAL_MAX_ENTRIES = 1_000;

/**
 * Serves data views: from the cache while fresh (a few seconds in process
 * memory, then the shared cache); otherwise from the environment's data
 * source, with concurrent identical requests sharing one upstream fetch;
 * when the source fails, the last good value marked stale.
 */
export class ViewService {
  private readonly flights = new SingleFlight();
  private readonly local = new Map<
    string,
    { value: unknown; expiresAt: number }
  >();

  constructor(
    private readonly deps: {
      registry: EnvironmentRegistry;
      sources: Record<DataSourceKind, EnvironmentDataSource>;
      cache: CacheService;
      logger: LoggerService;
      options: ViewCacheOptions;
      now?: () => Date;
    },
  ) {}

  async getView<V extends ViewName>(
    environmentName: string,
    view: V,
  ): Promise<Views[V]> {
    // The header is enough to find a cached view; the templates are read
    // only when the view has to be fetched.
    const header = await this.deps.registry.getEnvironmentHeader(
      environmentName,
    );
    if (!header) {
      throw new NotFoundError(`No environment named '${environmentName}'`);
    }
    if (!header.deployed) {
      throw new NotFoundError(
        `Environment '${environmentName}' has not been deployed yet (status ${header.status}); its views appear after the first successful deployment`,
      );
    }
    // A new deployment changes the fresh key.
    const freshKey = `fresh:${view}:${header.source}:${header.name}:${
      header.lastDeploymentId ?? 'none'
    }`;
    const local = this.local.get(freshKey);
    if (local && local.expiresAt > this.now()) {
      return local.value as Views[V];
    }
    return this.flights.run(freshKey, async () => {
      const loaded = await this.load(view, environmentName, freshKey);
      this.remember(freshKey, loaded);
      return loaded.value;
    });
  }

  private now(): number {
    return (this.deps.now?.() ?? new Date()).getTime();
  }

  private ttlOf(view: ViewName, value: unknown): number {
    const { costTtlMs, viewTtlMs, driftTtlMs } = this.deps.options;
    if (view === 'cost') {
      return costTtlMs;
    }
    if (view === 'drift') {
      // A detection still running (or failed) is asked about again soon.
      return (value as Views['drift']).status === 'UNKNOWN'
        ? Math.min(viewTtlMs, driftTtlMs)
        : driftTtlMs;
    }
    return viewTtlMs;
  }

  private remember(key: string, cached: CachedView<unknown>) {
    if (this.local.size >= LOCAL_MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      this.local.delete(this.local.keys().next().value!);
    }
    this.local.set(key, {
      value: cached.value,
      expiresAt: Math.min(cached.expiresAt, this.now() + LOCAL_TTL_MS),
    });
  }

  private async load<V extends ViewName>(
    view: V,
    environmentName: string,
    freshKey: string,
  ): Promise<CachedView<Views[V]>> {
    const cached = await this.cacheGet<CachedView<Views[V]>>(freshKey);
    if (cached && cached.expiresAt > this.now()) {
      return cached;
    }
    const environment = (await this.deps.registry.getEnvironment(
      environmentName,
    )) as DeployedEnvironment | undefined;
    if (!environment?.stacks) {
      throw new NotFoundError(
        `Environment '${environmentName}' is no longer deployed`,
      );
    }
    // The last good value outlives deployments, but never crosses to
    // another source, account or region (a destroyed environment recreated
    // elsewhere under the same name).
    const { accounts, region } = environment.spec;
    const lastGoodKey = `last-good:${view}:${environment.source}:${environment.name}:${accounts.workloads}:${accounts.management}:${region}`;
    const source = this.deps.sources[environment.source];
    try {
      const data = await source.getView(view, environment);
      const value = {
        ...data,
        source: source.kind,
        fetchedAt: new Date(this.now()).toISOString(),
        stale: false,
      } as Views[V];
      const ttl = this.ttlOf(view, value);
      const fresh = { value, expiresAt: this.now() + ttl };
      await Promise.all([
        this.cacheSet(freshKey, fresh, ttl),
        this.cacheSet(lastGoodKey, fresh, this.deps.options.staleTtlMs),
      ]);
      return fresh;
    } catch (error) {
      // Only source failures fall back; "no such cluster" (from the
      // template or from AWS) is an answer.
      if (
        !(error instanceof DataSourceError) ||
        error.failure === 'not-found'
      ) {
        throw error;
      }
      const lastGood = await this.cacheGet<CachedView<Views[V]>>(lastGoodKey);
      if (!lastGood) {
        throw error;
      }
      this.deps.logger.warn(
        `Serving stale ${view} view of ${environment.name}: ${error.message}`,
      );
      const backoff = Math.min(
        this.ttlOf(view, lastGood.value),
        FAILURE_BACKOFF_MS,
      );
      const stale = {
        value: { ...lastGood.value, stale: true, staleReason: error.message },
        expiresAt: this.now() + backoff,
      };
      await this.cacheSet(freshKey, stale, backoff);
      return stale;
    }
  }

  /** A cache outage must not take the views down: it is a miss. */
  private async cacheGet<T>(key: string): Promise<T | undefined> {
    try {
      return (await this.deps.cache.get<JsonObject>(key)) as T | undefined;
    } catch (error) {
      this.deps.logger.warn(`View cache read failed for ${key}: ${error}`);
      return undefined;
    }
  }

  private async cacheSet(key: string, value: unknown, ttl: number) {
    try {
      // View objects are plain JSON (dates as ISO strings).
      await this.deps.cache.set(key, value as JsonObject, { ttl });
    } catch (error) {
      this.deps.logger.warn(`View cache write failed for ${key}: ${error}`);
    }
  }
}
