import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Waits for an entity to be in the catalog.
 *
 * @public
 */
export interface CatalogLookup {
  /**
   * Resolves once the catalog has `entityRef` (read with `credentials`);
   * rejects when it still has not after `timeoutMs`, or when the catalog
   * fails.
   */
  waitForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    timeoutMs: number,
  ): Promise<void>;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Polls the catalog service (`catalogServiceRef`) for an entity, with the
 * credentials it is given (the task's user, or the scaffolder once the
 * user's token has run out). A catalog error other than "not found" ends the
 * wait at once.
 */
export class CatalogServiceLookup implements CatalogLookup {
  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      pollIntervalMs?: number;
    },
  ) {}

  async waitForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.deps.catalog.getEntityByRef(entityRef, { credentials })) {
        return;
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
