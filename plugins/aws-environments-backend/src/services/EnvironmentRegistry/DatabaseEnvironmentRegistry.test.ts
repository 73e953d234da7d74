import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  defaultEnvironmentSpec,
  diffSpecs,
  EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { Knex } from 'knex';
import { DatabaseEnvironmentRegistry } from './DatabaseEnvironmentRegistry';
import { NewDeployment } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const spec = defaultEnvironmentSpec();

/** The seed spec with more application nodes and a bigger budget. */
const grown: EnvironmentSpec = {
  ...spec,
  cluster: {
    ...spec.cluster,
    applicationNodeGroup: { ...spec.cluster.applicationNodeGroup, maxSize: 30 },
  },
  budget: { ...spec.budget, monthlyUsd: 600 },
};

function deployment(
  id: string,
  overrides: Partial<NewDeployment> = {},
): NewDeployment {
  return {
    id,
    environment: spec.name,
    source: 'sandbox',
    action: 'deploy',
    approval: 'auto',
    destroyData: false,
    allowedDeviations: [],
    requestedBy: 'user:default/jane',
    spec,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseEnvironmentRegistry on %s',
  databaseId => {
    async function createRegistry() {
      const knex = await databases.init(databaseId);
      const registry = await DatabaseEnvironmentRegistry.create({
        database: mockServices.database({ knex }),
      });
      return { knex, registry };
    }

    async function withEnvironment() {
      const created = await createRegistry();
      await created.registry.createEnvironment({
        name: spec.name,
        owner: 'group:default/platform-team',
        source: 'sandbox',
        status: 'pending',
        spec,
      });
      return created;
    }

    it('stores and reads an environment with its JSON fields', async () => {
      const { registry } = await withEnvironment();
      const stacks = [
        {
          id: 'Network',
          stackName: `${spec.name}-network`,
          account: spec.accounts.workloads,
          region: spec.region,
          stateful: false,
          terminationProtection: false,
          template: { Resources: { Vpc: { Type: 'AWS::EC2::VPC' } } },
        },
      ];
      await registry.updateEnvironment(spec.name, {
        status: 'deployed',
        outputs: { [`${spec.name}-network.VpcId`]: 'vpc-sandbox' },
        stacks,
        entities: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Resource' }],
        lastDeploymentId: 'd1',
      });

      const environment = await registry.getEnvironment(spec.name);
      expect(environment).toEqual({
        name: spec.name,
        owner: 'group:default/platform-team',
        source: 'sandbox',
        status: 'deployed',
        spec,
        outputs: { [`${spec.name}-network.VpcId`]: 'vpc-sandbox' },
        stacks,
        entities: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Resource' }],
        checks: null,
        lastDeploymentId: 'd1',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      expect(await registry.getEnvironment('unknown')).toBeUndefined();
      expect(await registry.getEnvironmentHeader(spec.name)).toEqual({
        name: spec.name,
        owner: 'group:default/platform-team',
        source: 'sandbox',
        status: 'deployed',
        lastDeploymentId: 'd1',
        deployed: true,
      });
      await registry.updateEnvironment(spec.name, { stacks: null });
      expect(await registry.getEnvironmentHeader(spec.name)).toMatchObject({
        deployed: false,
      });
      expect(await registry.getEnvironmentHeader('unknown')).toBeUndefined();
    });

    it('refuses a second environment with the same name', async () => {
      const { registry } = await withEnvironment();
      await expect(
        registry.createEnvironment({
          name: spec.name,
          owner: 'group:default/platform-team',
          source: 'aws',
          status: 'pending',
          spec,
        }),
      ).rejects.toThrow(ConflictError);
    });

    it('lists environments with their latest deployment', async () => {
      const { registry } = await withEnvironment();
      await registry.createDeployment(deployment('a'));
      await new Promise(resolve => setTimeout(resolve, 5));
      await registry.createDeployment(deployment('b', { action: 'destroy' }));

      const [environment] = await registry.listEnvironments();
      expect(environment.name).toBe(spec.name);
      // A list does not read the templates, entities and checks.
      expect(environment).not.toHaveProperty('stacks');
      expect(environment.latestDeployment).toMatchObject({
        id: 'b',
        action: 'destroy',
        destroyData: false,
        status: 'queued',
      });
      expect(
        (await registry.listDeployments(spec.name)).map(d => d.id),
      ).toEqual(['b', 'a']);
    });

    it('keeps events in order and updates deployments conditionally', async () => {
      const { registry } = await withEnvironment();
      await registry.createDeployment(deployment('d1'));
      await registry.appendEvents('d1', [
        { level: 'info', message: 'first' },
        {
          level: 'info',
          message: 'second',
          stack: 's',
          resourceStatus: 'CREATE_COMPLETE',
        },
      ]);
      await registry.appendEvents('d1', [{ level: 'error', message: 'third' }]);

      expect(
        await registry.updateDeployment(
          'd1',
          { status: 'succeeded' },
          { expectStatus: 'running' },
        ),
      ).toBe(false);
      expect(
        await registry.updateDeployment(
          'd1',
          {
            status: 'awaiting-approval',
            changeSets: [{ stack: 's', changeSetName: 'c', changes: [] }],
          },
          { expectStatus: 'queued' },
        ),
      ).toBe(true);

      const read = await registry.getDeploymentWithEvents('d1');
      expect(read?.status).toBe('awaiting-approval');
      expect(read?.changeSets).toEqual([
        { stack: 's', changeSetName: 'c', changes: [] },
      ]);
      expect(read?.events.map(e => e.message)).toEqual([
        'first',
        'second',
        'third',
      ]);
      expect(read?.events[1]).toMatchObject({
        stack: 's',
        resourceStatus: 'CREATE_COMPLETE',
      });
    });

    /** Deployments in this order, `minutes` apart, with their final status. */
    async function history(
      knex: Knex,
      registry: DatabaseEnvironmentRegistry,
      deployments: NewDeployment[],
      statuses: ('succeeded' | 'failed' | 'queued')[],
    ) {
      for (const [index, created] of deployments.entries()) {
        await registry.createDeployment(created);
        await knex('deployments')
          .where({ id: created.id })
          .update({ created_at: new Date(Date.UTC(2026, 10, 30, 9, index)) });
        if (statuses[index] !== 'queued') {
          await registry.updateDeployment(created.id, {
            status: statuses[index],
          });
        }
      }
    }

    it('stores the accepted data losses of a deployment', async () => {
      const { registry } = await withEnvironment();
      await registry.createDeployment(
        deployment('d1', { acceptDataLoss: ['Database', 'DatabaseSecret'] }),
      );
      await registry.createDeployment(deployment('d2'));

      expect((await registry.getDeployment('d1'))?.acceptDataLoss).toEqual([
        'Database',
        'DatabaseSecret',
      ]);
      expect(
        (await registry.getDeploymentWithEvents('d1'))?.acceptDataLoss,
      ).toEqual(['Database', 'DatabaseSecret']);
      expect((await registry.getDeployment('d2'))?.acceptDataLoss).toEqual([]);
      expect(
        (await registry.getDeploymentWithEvents('d2'))?.acceptDataLoss,
      ).toEqual([]);
    });

    it('reads deployments queued before accepted data losses existed as accepting none', async () => {
      const { knex, registry } = await withEnvironment();
      const directory = resolvePackagePath(
        '@innovate/plugin-aws-environments-backend',
        'migrations',
      );
      // Back to just before the migration that added the column.
      await knex.migrate.down({
        directory,
        name: '20261130100000_accept_data_loss.js',
      });
      expect(
        await knex.schema.hasColumn('deployments', 'accept_data_loss'),
      ).toBe(false);
      await knex('deployments').insert({
        id: 'old',
        environment: spec.name,
        source: 'sandbox',
        action: 'deploy',
        status: 'succeeded',
        phase: 'prepare',
        approval: 'auto',
        destroy_data: false,
        requested_by: 'user:default/jane',
        spec: JSON.stringify(spec),
        created_at: new Date(),
      });
      await knex.migrate.latest({ directory });

      expect((await registry.getDeployment('old'))?.acceptDataLoss).toEqual([]);
      expect(await registry.getDeploymentWithEvents('old')).toMatchObject({
        acceptDataLoss: [],
        spec,
      });
    });

    it('shows the spec history: each deploy against the previous one that succeeded', async () => {
      const { knex, registry } = await withEnvironment();
      const failed: EnvironmentSpec = {
        ...spec,
        budget: { ...spec.budget, monthlyUsd: 900 },
      };
      await history(
        knex,
        registry,
        [
          deployment('first'),
          deployment('failed', { spec: failed }),
          deployment('second', { spec: grown }),
          deployment('destroy', { action: 'destroy' }),
          deployment('again', { spec: grown }),
        ],
        ['succeeded', 'failed', 'succeeded', 'succeeded', 'queued'],
      );

      // The first deployment: the whole spec, added.
      const first = await registry.getDeploymentWithEvents('first');
      expect(first?.spec).toEqual(spec);
      expect(first).not.toHaveProperty('previousDeploymentId');
      expect(first?.specChanges).toEqual(diffSpecs(undefined, spec));
      expect(first?.specChanges?.[0]).toEqual({
        field: 'name',
        after: spec.name,
      });

      // A failed deployment changed nothing for good: the next one is
      // compared with the one before it, which succeeded.
      expect(await registry.getDeploymentWithEvents('failed')).toMatchObject({
        previousDeploymentId: 'first',
        specChanges: [{ field: 'budget.monthlyUsd', before: 430, after: 900 }],
      });
      const second = await registry.getDeploymentWithEvents('second');
      expect(second).toMatchObject({
        spec: grown,
        previousDeploymentId: 'first',
        specChanges: [
          {
            field: 'cluster.applicationNodeGroup.maxSize',
            before: 20,
            after: 30,
          },
          { field: 'budget.monthlyUsd', before: 430, after: 600 },
        ],
      });

      // A destroy applies no spec: it names what was in place, no changes.
      const destroy = await registry.getDeploymentWithEvents('destroy');
      expect(destroy?.previousDeploymentId).toBe('second');
      expect(destroy).not.toHaveProperty('spec');
      expect(destroy).not.toHaveProperty('specChanges');

      // Skips the destroy; the same spec again is no change.
      expect(await registry.getDeploymentWithEvents('again')).toMatchObject({
        previousDeploymentId: 'second',
        specChanges: [],
      });

      // Lists stay without specs: they are large.
      const listed = await registry.listDeployments(spec.name);
      expect(listed.map(d => d.id)).toEqual([
        'again',
        'destroy',
        'second',
        'failed',
        'first',
      ]);
      for (const summary of listed) {
        expect(summary).not.toHaveProperty('spec');
        expect(summary).not.toHaveProperty('specChanges');
      }
      const [environment] = await registry.listEnvironments();
      expect(environment.latestDeployment).not.toHaveProperty('spec');
    });

    it('orders deployments created in the same millisecond by id', async () => {
      const { knex, registry } = await withEnvironment();
      await registry.createDeployment(deployment('a'));
      await registry.createDeployment(deployment('b', { spec: grown }));
      const at = new Date(Date.UTC(2026, 10, 30, 9));
      await knex('deployments').update({ created_at: at });
      await registry.updateDeployment('a', { status: 'succeeded' });

      expect(await registry.getDeploymentWithEvents('b')).toMatchObject({
        previousDeploymentId: 'a',
        specChanges: diffSpecs(spec, grown),
      });
      expect(await registry.getDeploymentWithEvents('a')).not.toHaveProperty(
        'previousDeploymentId',
      );
    });

    it('lets exactly one worker claim a queued deployment', async () => {
      const { registry } = await withEnvironment();
      await registry.createDeployment(deployment('first'));
      await new Promise(resolve => setTimeout(resolve, 5));
      await registry.createDeployment(deployment('second'));

      const claims = await Promise.all(
        ['w1', 'w2', 'w3', 'w4'].map(worker =>
          registry.claimNextDeployment(worker),
        ),
      );
      const claimed = claims.filter(Boolean).map(c => c!.id);
      expect(claimed.sort()).toEqual(['first', 'second']);
      expect(await registry.claimNextDeployment('w5')).toBeUndefined();

      const running = await registry.getDeployment('first');
      expect(running).toMatchObject({
        status: 'running',
        startedAt: expect.any(String),
        heartbeatAt: expect.any(String),
      });
    });

    it('finds running deployments whose heartbeat is stale', async () => {
      const { registry, knex } = await withEnvironment();
      await registry.createDeployment(deployment('old'));
      await registry.createDeployment(deployment('fresh'));
      await registry.claimNextDeployment('w1');
      await registry.claimNextDeployment('w1');
      const old = await registry.getDeployment('old');
      await knex('deployments')
        .where({ id: 'old' })
        .update({ heartbeat_at: new Date(Date.now() - 10 * 60_000) });

      const lost = await registry.findLostDeployments(
        new Date(Date.now() - 60_000),
      );
      expect(lost.map(d => d.id)).toEqual(['old']);

      const lease = {
        deploymentId: 'old',
        workerId: 'w1',
        leaseToken: old!.leaseToken!,
      };
      expect(await registry.heartbeat(lease)).toBe(true);
      expect(
        await registry.findLostDeployments(new Date(Date.now() - 60_000)),
      ).toEqual([]);
    });

    it('fences a run: its lease goes when the deployment is taken over or queued again', async () => {
      const { registry } = await withEnvironment();
      await registry.createDeployment(deployment('d1'));
      const first = await registry.claimNextDeployment('w1');
      expect(first?.leaseToken).toMatch(/^[0-9a-f-]{36}$/);
      const lease = {
        deploymentId: 'd1',
        workerId: 'w1',
        leaseToken: first!.leaseToken!,
      };
      expect(await registry.holdsLease(lease)).toBe(true);
      expect(
        await registry.holdsLease({ ...lease, leaseToken: 'another-run' }),
      ).toBe(false);

      // Approved and queued again: a new run gets a new token.
      await registry.updateDeployment('d1', { status: 'queued' });
      expect(await registry.holdsLease(lease)).toBe(false);
      const second = await registry.claimNextDeployment('w1');
      expect(second?.leaseToken).not.toBe(first?.leaseToken);

      // Taken over (marked lost by another instance): nobody holds it.
      await registry.updateDeployment('d1', { status: 'failed' });
      expect(
        await registry.holdsLease({
          ...lease,
          leaseToken: second!.leaseToken!,
        }),
      ).toBe(false);
      expect(
        await registry.heartbeat({ ...lease, leaseToken: second!.leaseToken! }),
      ).toBe(false);
    });

    it('sets a flag once, even when asked concurrently', async () => {
      const { registry } = await createRegistry();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          registry.transaction(tx => tx.setFlagOnce('seed')),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await registry.setFlagOnce('seed')).toBe(false);
    });

    it('writes nothing when a transaction fails', async () => {
      const { registry } = await createRegistry();
      await expect(
        registry.transaction(async tx => {
          await tx.createEnvironment({
            name: spec.name,
            owner: 'group:default/platform-team',
            source: 'sandbox',
            status: 'pending',
            spec,
          });
          await tx.createDeployment(deployment('d1'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await registry.listEnvironments()).toEqual([]);
      expect(await registry.getDeployment('d1')).toBeUndefined();
    });
  },
);
