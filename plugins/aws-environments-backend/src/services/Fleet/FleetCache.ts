import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { SingleFlight } from '@innovate/plugin-aws-environments-common';
import { DataSourceError } from '../../errors';
import type { FleetRead } from './types';

/**
 * A read in the cache, with the time it stops being fresh; `value` null
 * for a failed read without a last good value (kept for the backoff).
 */
interface Cached<T> {
  value: T | null;
  fetchedAt: string;
  stale: boolean;
  staleReason?: string;
  expiresAt: number;
}

/** After a failure, a stale answer is reused this long before asking again. */
const FAILURE_BACKOFF_MS = 30_000;
/** Reads are also kept in process memory this long (at most their TTL). */
const LOCAL_TTL_MS = 5_000;
const LOCAL_MAX_ENTRIES = 200;

/**
 * The fleet's reads, cached like the single views (ViewService): fresh in
 * process memory for a few seconds, then in the shared cache for their TTL;
 * concurrent identical reads share one upstream call (SingleFlight); when
 * the source fails, the last good value marked stale (or, without one, no
 * value and the reason).
 */
export class FleetCache {
  private readonly flights = new SingleFlight();
  private readonly local = new Map<string, Cached<unknown>>();

  constructor(
    private readonly deps: {
      cache: CacheService;
      logger: LoggerService;
      staleTtlMs: number;
      now?: () => Date;
    },
  ) {}

  private now(): number {
    return (this.deps.now?.() ?? new Date()).getTime();
  }

  /**
   * The value under `freshKey`, fetched with `fetch` when there is none
   * fresh; `lastGoodKey` keeps the last good value across fresh keys.
   */
  async read<T>(
    keys: { fresh: string; lastGood: string },
    ttlMs: number,
    fetch: () => Promise<T>,
  ): Promise<FleetRead<T>> {
    const local = this.local.get(keys.fresh);
    if (local && local.expiresAt > this.now()) {
      return toRead(local as Cached<T>);
    }
    return this.flights.run(keys.fresh, async () => {
      const loaded = await this.load(keys, ttlMs, fetch);
      this.remember(keys.fresh, loaded);
      return toRead(loaded);
    });
  }

  private remember(key: string, cached: Cached<unknown>) {
    if (this.local.size >= LOCAL_MAX_ENTRIES) {
      this.local.delete(this.local.keys().next().value!);
    }
    this.local.set(key, {
      ...cached,
      expiresAt: Math.min(cached.expiresAt, this.now() + LOCAL_TTL_MS),
    });
  }

  private async load<T>(
    keys: { fresh: string; lastGood: string },
    ttlMs: number,
    fetch: () => Promise<T>,
  ): Promise<Cached<T>> {
    const cached = await this.cacheGet<Cached<T>>(keys.fresh);
    if (cached && cached.expiresAt > this.now()) {
      return cached;
    }
    try {
      const value = await fetch();
      const fresh: Cached<T> = {
        value,
        fetchedAt: new Date(this.now()).toISOString(),
        stale: false,
        expiresAt: this.now() + ttlMs,
      };
      await Promise.all([
        this.cacheSet(keys.fresh, fresh, ttlMs),
        this.cacheSet(keys.lastGood, fresh, this.deps.staleTtlMs),
      ]);
      return fresh;
    } catch (error) {
      if (!(error instanceof DataSourceError)) {
        throw error;
      }
      // Without a last good value, the failure itself is kept for the
      // backoff, so a failing account is not asked again on every request.
      const lastGood = await this.cacheGet<Cached<T>>(keys.lastGood);
      this.deps.logger.warn(
        `Fleet read ${keys.fresh} failed (${
          lastGood ? 'serving the last good value' : 'no last good value'
        }): ${error.message}`,
      );
      const backoff = Math.min(ttlMs, FAILURE_BACKOFF_MS);
      const stale: Cached<T> = {
        value: lastGood?.value ?? null,
        fetchedAt: lastGood?.fetchedAt ?? new Date(this.now()).toISOString(),
        stale: true,
        staleReason: error.message,
        expiresAt: this.now() + backoff,
      };
      await this.cacheSet(keys.fresh, stale, backoff);
      return stale;
    }
  }

  /** A cache outage must not take the fleet down: it is a miss. */
  private async cacheGet<T>(key: string): Promise<T | undefined> {
    try {
      return (await this.deps.cache.get<JsonObject>(key)) as T | undefined;
    } catch (error) {
      this.deps.logger.warn(`Fleet cache read failed for ${key}: ${error}`);
      return undefined;
    }
  }

  private async cacheSet(key: string, value: unknown, ttl: number) {
    try {
      await this.deps.cache.set(key, value as JsonObject, { ttl });
    } catch (error) {
      this.deps.logger.warn(`Fleet cache write failed for ${key}: ${error}`);
    }
  }
}

function toRead<T>(cached: Cached<T>): FleetRead<T> {
  if (cached.value === null) {
    return { stale: true, staleReason: cached.staleReason };
  }
  return {
    value: cached.value,
    fetchedAt: cached.fetchedAt,
    stale: cached.stale,
    ...(cached.staleReason ? { staleReason: cached.staleReason } : {}),
  };
}
