import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';

/**
 * Waits for an entity to be in the catalog.
 *
 * @public
 */
export interface CatalogLookup {
  waitForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    timeoutMs: number,
  ): Promise<void>;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Polls the catalog's REST API for an entity, as the task's user. */
export class CatalogApiLookup implements CatalogLookup {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      pollIntervalMs?: number;
    },
  ) {}

  async waitForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    timeoutMs: number,
  ): Promise<void> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const baseUrl = await this.deps.discovery.getBaseUrl('catalog');
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'catalog',
      });
      const response = await fetch(
        `${baseUrl}/entities/by-name/${encodeURIComponent(
          kind,
        )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.ok) return;
      if (response.status !== 404) {
        throw await ResponseError.fromResponse(response);
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${entityRef} did not appear in the catalog within ${Math.round(
            timeoutMs / 1000,
          )} s; the catalog-backend-module-aws-environments entity provider adds it (is it installed in the backend?)`,
        );
      }
      await sleep(this.deps.pollIntervalMs ?? 2000);
    }
  }
}
