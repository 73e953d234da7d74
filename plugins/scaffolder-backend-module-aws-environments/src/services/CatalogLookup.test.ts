import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogServiceLookup } from './CatalogLookup';

const REF = 'resource:default/innovate-dev';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'innovate-dev', namespace: 'default' },
  spec: { type: 'aws-environment', owner: 'group:default/platform-team' },
};
const user = mockCredentials.user('user:default/priya.patel');

describe('CatalogServiceLookup', () => {
  it('returns once the catalog has the entity', async () => {
    const lookup = new CatalogServiceLookup({
      catalog: catalogServiceMock({ entities: [entity] }),
    });
    await expect(
      lookup.waitForEntity(REF, user, 1000),
    ).resolves.toBeUndefined();
  });

  it('asks the catalog with the credentials it is given, until the entity shows', async () => {
    const catalog = catalogServiceMock.mock();
    catalog.getEntityByRef
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(entity);
    const lookup = new CatalogServiceLookup({ catalog, pollIntervalMs: 1 });

    await lookup.waitForEntity(REF, user, 60_000);

    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    for (const call of catalog.getEntityByRef.mock.calls) {
      expect(call).toEqual([REF, { credentials: user }]);
    }
  });

  it('fails after the timeout when the entity does not show, naming the provider', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const lookup = new CatalogServiceLookup({ catalog, pollIntervalMs: 1 });
    await expect(lookup.waitForEntity(REF, user, 20)).rejects.toThrow(
      'resource:default/innovate-dev did not appear in the catalog within 0 s; the catalog-backend-module-aws-environments entity provider adds it (is it installed in the backend?)',
    );
  });

  it('rounds the timeout to seconds in the message', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => undefined,
    });
    const lookup = new CatalogServiceLookup({ catalog, pollIntervalMs: 1 });
    jest.spyOn(Date, 'now').mockReturnValueOnce(0).mockReturnValue(120_001);
    try {
      await expect(lookup.waitForEntity(REF, user, 120_000)).rejects.toThrow(
        'within 120 s;',
      );
    } finally {
      jest.restoreAllMocks();
    }
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('passes a catalog error through at once, without polling again', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({ error: { name: 'Error', message: 'boom' } }),
        {
          status: 503,
          statusText: 'Service Unavailable',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockRejectedValue(error),
    });
    const lookup = new CatalogServiceLookup({ catalog, pollIntervalMs: 1 });
    await expect(lookup.waitForEntity(REF, user, 60_000)).rejects.toBe(error);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });
});
