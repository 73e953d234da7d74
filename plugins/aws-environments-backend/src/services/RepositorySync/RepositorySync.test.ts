import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  defaultEnvironmentSpec,
  validateEnvironmentSpec,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import type { Knex } from 'knex';
import { FakeSynthesizer } from '../../__testUtils__/fakeSynthesizer';
import { permittedRequester } from '../../__testUtils__/requester';
import { DatabaseCheckNotificationStore } from '../Checks/DatabaseCheckNotificationStore';
import { DefaultDeploymentService } from '../Deployments/DefaultDeploymentService';
import { DeploymentRunner } from '../Deployments/DeploymentRunner';
import { DeploymentWorker } from '../Deployments/DeploymentWorker';
import { SandboxDeploymentTarget } from '../Deployments/sandbox/SandboxDeploymentTarget';
import { AwsDeploymentTarget } from '../Deployments/aws/AwsDeploymentTarget';
import { MockedAwsClientFactory } from '../../__testUtils__/awsMocks';
import { FakeToolkit } from '../../__testUtils__/fakeToolkit';
import { DatabaseEnvironmentRegistry } from '../EnvironmentRegistry/DatabaseEnvironmentRegistry';
import { DatabaseRepositorySyncStore } from './DatabaseRepositorySyncStore';
import { RepositorySync } from './RepositorySync';
import { repositoryRequester } from './repositoryRequester';
import { FakeRepositories } from './__testUtils__/FakeRepositories';
import {
  FILE,
  REPOSITORY,
  repositoryComponent,
} from './__testUtils__/repositoryComponent';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const spec = defaultEnvironmentSpec();
const OWNER = 'group:default/platform-team';
/** An entity of the environment itself (the catalog provider's): not a repository. */
const PROVIDER_RESOURCE: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'innovate-prod',
    annotations: {
      'innovate.io/aws-environment': spec.name,
      'backstage.io/managed-by-location': 'aws-environments:innovate-prod',
    },
  },
  spec: { type: 'aws-environment', owner: OWNER },
};

async function setup(
  databaseId: TestDatabaseId,
  entities: Entity[] = [repositoryComponent({}), PROVIDER_RESOURCE],
  options: { repository?: string | null } = {},
) {
  options.repository =
    options.repository === undefined ? REPOSITORY : options.repository;
  const knex: Knex = await databases.init(databaseId);
  const registry = await DatabaseEnvironmentRegistry.create({
    database: mockServices.database({ knex }),
  });
  const logger = mockServices.logger.mock();
  const worker = new DeploymentWorker({
    registry,
    runner: new DeploymentRunner({
      registry,
      synthesizer: new FakeSynthesizer(),
      targets: {
        sandbox: new SandboxDeploymentTarget(),
        aws: new AwsDeploymentTarget({
          toolkit: new FakeToolkit(),
          clients: new MockedAwsClientFactory(),
        }),
      },
      events: mockServices.events.mock(),
      logger,
      workDirectory: '/tmp',
    }),
    logger,
    workerId: 'worker-1',
    leaseTimeoutMs: 60_000,
  });
  const deployments = new DefaultDeploymentService({
    registry,
    validateSpec: validateEnvironmentSpec,
    defaultSource: 'sandbox',
    seedOwner: OWNER,
    perUserLimit: 3,
    onQueued: () => {},
  });
  const repositories = new FakeRepositories();
  const sent: NotificationSendOptions[] = [];
  const auditor = mockServices.auditor.mock();
  const catalog = catalogServiceMock({ entities });
  /** One backend instance's sync; instances share the database. */
  const instance = (store = new DatabaseRepositorySyncStore(knex)) =>
    new RepositorySync({
      catalog,
      auth: mockServices.auth(),
      reader: repositories,
      registry,
      deployments,
      validateSpec: validateEnvironmentSpec,
      store,
      notifications: new DatabaseCheckNotificationStore(knex),
      notifier: { send: async notification => void sent.push(notification) },
      auditor,
      logger,
    });

  // The environment, deployed in the sandbox by a person, with its
  // repository (as the create-aws-environment template does).
  await deployments.requestDeployment(
    spec.name,
    { spec, ...(options.repository ? { repository: options.repository } : {}) },
    permittedRequester('user:default/jane'),
  );
  await worker.runOnce();
  return {
    knex,
    registry,
    worker,
    deployments,
    repositories,
    sent,
    auditor,
    logger,
    sync: instance(),
    instance,
  };
}

const withBudget = (monthlyUsd: number): EnvironmentSpec => ({
  ...spec,
  budget: { ...spec.budget, monthlyUsd },
});

describe.each(databases.eachSupportedId())('RepositorySync on %s', id => {
  it('proposes a changed environment.json as one deployment awaiting approval', async () => {
    const { sync, repositories, registry, worker, auditor } = await setup(id);
    repositories.write(FILE, withBudget(900));

    const results = await sync.runAll();

    expect(results).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/innovate-prod-infrastructure',
        outcome: 'proposed',
      }),
    ]);
    await worker.runOnce();
    const [proposal, first] = await registry.listDeployments(spec.name);
    expect(first.status).toBe('succeeded');
    expect(proposal).toMatchObject({
      id: results[0].deploymentId,
      status: 'awaiting-approval',
      approval: 'required',
      requestedBy: `repository:${REPOSITORY}`,
      origin: {
        type: 'repository',
        repository: REPOSITORY,
        file: FILE,
        etag: repositories.etagOf(FILE),
        entityRef: 'component:default/innovate-prod-infrastructure',
      },
    });
    const detail = await registry.getDeploymentWithEvents(proposal.id);
    expect(detail?.specChanges).toEqual([
      { field: 'budget.monthlyUsd', before: 430, after: 900 },
    ]);
    expect(detail?.origin?.file).toBe(FILE);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'repository-proposal',
        meta: expect.objectContaining({ environment: spec.name, file: FILE }),
      }),
    );
    // Nothing changed in the environment until a person approves.
    expect((await registry.getEnvironment(spec.name))?.spec).toEqual(spec);
  });

  it('proposes nothing again: not for the same ETag, nor for the same spec in a new file', async () => {
    const { sync, repositories, registry } = await setup(id);
    repositories.write(FILE, withBudget(900));
    await sync.runAll();

    expect(await sync.runAll()).toEqual([
      expect.objectContaining({ outcome: 'not-modified' }),
    ]);
    expect(repositories.reads.at(-1)).toEqual({
      url: FILE,
      etag: repositories.etagOf(FILE),
    });

    // Reformatted: a new ETag, the same spec.
    repositories.write(FILE, JSON.stringify(withBudget(900)));
    expect(await sync.runAll()).toEqual([
      expect.objectContaining({ outcome: 'already-proposed' }),
    ]);
    expect(await registry.listDeployments(spec.name)).toHaveLength(2);
  });

  it('proposes nothing when environment.json is the environment’s spec', async () => {
    const { sync, repositories, registry } = await setup(id);
    repositories.write(FILE, spec);

    expect(await sync.runAll()).toEqual([
      expect.objectContaining({ outcome: 'unchanged' }),
    ]);
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
  });

  it('proposes nothing for an invalid file and tells the owner which field, once', async () => {
    const { sync, repositories, registry, sent, knex } = await setup(id);
    repositories.write(FILE, withBudget(-5));

    const [result] = await sync.runAll();

    expect(result.outcome).toBe('invalid');
    expect(result.errors?.map(e => e.field)).toEqual(['budget.monthlyUsd']);
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: OWNER },
      payload: {
        title: expect.stringContaining('environment.json'),
        description: expect.stringContaining('budget.monthlyUsd'),
        link: FILE,
        topic: 'aws-environments.repository',
      },
    });
    const read = await knex('repository_reads').first();
    expect(JSON.parse(read.error)).toEqual([
      expect.objectContaining({ field: 'budget.monthlyUsd' }),
    ]);

    // The same content read again (no ETag kept by the reader): no second notification.
    await knex('repository_reads').update({ etag: null });
    expect((await sync.runAll())[0].outcome).toBe('invalid');
    expect(sent).toHaveLength(1);
  });

  it('names the root of a file that is not JSON, and the name of another environment’s spec', async () => {
    const { sync, repositories, sent } = await setup(id);
    repositories.write(FILE, '{ "name": ');
    expect((await sync.runAll())[0].errors).toEqual([
      expect.objectContaining({ field: '(root)' }),
    ]);
    repositories.write(FILE, { ...spec, name: 'other-env' });
    expect((await sync.runAll())[0].errors).toEqual([
      expect.objectContaining({
        field: 'name',
        message: expect.stringContaining(`must be '${spec.name}'`),
      }),
    ]);
    expect(sent).toHaveLength(2);
  });

  it('treats a change the deployed environment cannot take as an invalid file', async () => {
    const { sync, repositories, registry, sent, auditor } = await setup(id);
    repositories.write(FILE, { ...spec, region: 'eu-west-1' });

    const [result] = await sync.runAll();

    expect(result.outcome).toBe('invalid');
    expect(result.errors?.map(e => e.field)).toContain('region');
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
    expect(sent[0].payload.description).toContain('region');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'repository-proposal' }),
    );
    // The claim was given back: a corrected file is proposed.
    repositories.write(FILE, withBudget(900));
    expect((await sync.runAll())[0].outcome).toBe('proposed');
  });

  it('proposes once when two instances share the database', async () => {
    const { instance, repositories, registry } = await setup(id);
    repositories.write(FILE, withBudget(900));

    const [one, two] = await Promise.all([
      instance().runAll(),
      instance().runAll(),
    ]);

    const outcomes = [...one, ...two].map(r => r.outcome);
    expect(outcomes.filter(o => o === 'proposed')).toHaveLength(1);
    expect(await registry.listDeployments(spec.name)).toHaveLength(2);
  });

  it('does not propose again from an instance that read the state before another proposed', async () => {
    const { instance, repositories, registry, worker, knex } = await setup(id);
    repositories.write(FILE, withBudget(900));
    const [first] = await instance().runAll();
    await worker.runOnce();

    // The second instance read neither the ETag nor the proposal in time.
    const store = new DatabaseRepositorySyncStore(knex);
    store.getRead = async () => undefined;
    store.getProposal = async () => undefined;

    expect((await instance(store).runAll())[0].outcome).toBe(
      'already-proposed',
    );
    expect(await registry.getDeployment(first.deploymentId!)).toMatchObject({
      status: 'awaiting-approval',
    });
    expect(await registry.listDeployments(spec.name)).toHaveLength(2);
  });

  it('defers while a deployment is in progress and proposes on the next run', async () => {
    const { sync, repositories, registry, deployments, worker } = await setup(
      id,
    );
    await deployments.requestDeployment(
      spec.name,
      { mode: 'update', spec: withBudget(500) },
      permittedRequester('user:default/jane'),
    );
    repositories.write(FILE, withBudget(900));

    expect(await sync.runAll()).toEqual([
      expect.objectContaining({
        outcome: 'deferred',
        reason: expect.stringContaining('queued'),
      }),
    ]);
    expect(await registry.listDeployments(spec.name)).toHaveLength(2);

    await worker.runOnce();
    expect(await sync.runAll()).toEqual([
      expect.objectContaining({ outcome: 'proposed' }),
    ]);
  });

  it('waits for a person’s change awaiting approval, but supersedes its own earlier proposal', async () => {
    const { sync, repositories, registry, deployments, worker } = await setup(
      id,
    );
    repositories.write(FILE, withBudget(900));
    const [first] = await sync.runAll();
    await worker.runOnce();

    repositories.write(FILE, withBudget(950));
    const [second] = await sync.runAll();
    expect(second.outcome).toBe('proposed');
    expect((await registry.getDeployment(first.deploymentId!))?.status).toBe(
      'cancelled',
    );
    await worker.runOnce();

    // A person's request replaces the proposal; the repository waits for it.
    await deployments.requestDeployment(
      spec.name,
      { mode: 'update', spec: withBudget(600), approval: 'required' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    repositories.write(FILE, withBudget(990));
    expect((await sync.runAll())[0]).toMatchObject({
      outcome: 'deferred',
      reason: expect.stringContaining('awaiting-approval'),
    });
  });

  it('never cancels a person’s change, even when it arrives between the check and the request', async () => {
    const { registry, deployments, worker } = await setup(id);
    const { id: persons } = await deployments.requestDeployment(
      spec.name,
      { mode: 'update', spec: withBudget(600), approval: 'required' },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    // The sync's own check ran before the person's request: the deployment
    // service refuses the proposal under the environment's lock.
    await expect(
      deployments.requestDeployment(
        spec.name,
        { mode: 'update', spec: withBudget(900), approval: 'required' },
        repositoryRequester({
          type: 'repository',
          repository: REPOSITORY,
          file: FILE,
        }),
      ),
    ).rejects.toThrow(/awaiting approval, requested by user:default\/jane/);
    expect((await registry.getDeployment(persons))?.status).toBe(
      'awaiting-approval',
    );
  });

  it('is applied only when a person approves it', async () => {
    const { sync, repositories, registry, deployments, worker } = await setup(
      id,
    );
    repositories.write(FILE, withBudget(900));
    const [{ deploymentId }] = await sync.runAll();
    await worker.runOnce();

    await deployments.executeChangeSets(
      spec.name,
      deploymentId!,
      permittedRequester('user:default/sam'),
    );
    await worker.runOnce();

    expect(await registry.getDeployment(deploymentId!)).toMatchObject({
      status: 'succeeded',
      approvedBy: 'user:default/sam',
    });
    expect((await registry.getEnvironment(spec.name))?.spec).toEqual(
      withBudget(900),
    );
    // The repository now matches the environment.
    repositories.write(FILE, JSON.stringify(withBudget(900)));
    expect((await sync.runAll())[0].outcome).toBe('unchanged');
  });
});

describe('RepositorySync skips what cannot propose', () => {
  it('skips repositories of another owner, of no environment and of no repository, with a log line', async () => {
    const { sync, repositories, registry, logger } = await setup('SQLITE_3', [
      repositoryComponent({ owner: 'group:default/intruders' }),
      repositoryComponent({ name: 'ghost', environment: 'ghost-env' }),
      repositoryComponent({
        name: 'from-provider',
        location: 'aws-environments:innovate-prod',
      }),
    ]);
    repositories.write(FILE, withBudget(900));

    const results = await sync.runAll();

    expect(results.map(r => [r.entityRef, r.outcome])).toEqual([
      ['component:default/innovate-prod-infrastructure', 'skipped'],
      ['component:default/ghost', 'skipped'],
      ['component:default/from-provider', 'skipped'],
    ]);
    expect(results[0].reason).toContain('group:default/intruders');
    expect(results[1].reason).toContain("'ghost-env', which does not exist");
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('intruders'),
    );
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
    expect(repositories.reads).toEqual([]);
  });

  it("proposes only from the environment's recorded repository, whatever a Component claims", async () => {
    // A Component of the right owner and environment, registered from
    // another repository: its own source-location annotation names the
    // environment's repository, but the catalog read it elsewhere.
    const intruder = repositoryComponent({
      name: 'look-alike',
      location:
        'url:https://github.com/mallory/innovate-prod-environment/blob/main/catalog-info.yaml',
    });
    const { sync, repositories, registry } = await setup('SQLITE_3', [
      intruder,
    ]);
    repositories.write(
      'https://github.com/mallory/innovate-prod-environment/blob/main/environment.json',
      withBudget(9000),
    );
    const [result] = await sync.runAll();
    expect(result.outcome).toBe('skipped');
    expect(result.reason).toContain(
      `is not in environment 'innovate-prod's repository ${REPOSITORY}`,
    );
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
    expect(repositories.reads).toEqual([]);
  });

  it('proposes nothing for an environment that records no repository', async () => {
    const { sync, repositories, registry } = await setup(
      'SQLITE_3',
      undefined,
      { repository: null },
    );
    repositories.write(FILE, withBudget(900));
    const [result] = await sync.runAll();
    expect(result.outcome).toBe('skipped');
    expect(result.reason).toContain('records no repository');
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
  });

  it('gives the claim back when the request fails unexpectedly, so the next run proposes', async () => {
    const { sync, repositories, registry, deployments } = await setup(
      'SQLITE_3',
    );
    repositories.write(FILE, withBudget(900));
    const request = jest
      .spyOn(deployments, 'requestDeployment')
      .mockRejectedValueOnce(new Error('database went away'));

    expect((await sync.runAll())[0]).toMatchObject({
      outcome: 'failed',
      reason: 'database went away',
    });
    request.mockRestore();
    expect((await sync.runAll())[0].outcome).toBe('proposed');
    expect(await registry.listDeployments(spec.name)).toHaveLength(2);
  });

  it('proposes a refused change again once the file went back to the environment’s spec and returned', async () => {
    const { sync, repositories, registry, deployments, worker } = await setup(
      'SQLITE_3',
    );
    repositories.write(FILE, withBudget(900));
    const [first] = await sync.runAll();
    await worker.runOnce();
    // A person deploys from the portal instead: the proposal is superseded.
    await deployments.requestDeployment(
      spec.name,
      { mode: 'update', spec },
      permittedRequester('user:default/jane'),
    );
    await worker.runOnce();
    expect(
      (await registry.getDeploymentWithEvents(first.deploymentId!))?.status,
    ).not.toBe('awaiting-approval');

    repositories.write(FILE, spec);
    expect((await sync.runAll())[0].outcome).toBe('unchanged');
    repositories.write(FILE, withBudget(900));
    expect((await sync.runAll())[0].outcome).toBe('proposed');
  });

  it('skips a repository without environment.json', async () => {
    const { sync, registry } = await setup('SQLITE_3');
    expect(await sync.runAll()).toEqual([
      expect.objectContaining({
        outcome: 'skipped',
        reason: `${FILE} does not exist`,
      }),
    ]);
    expect(await registry.listDeployments(spec.name)).toHaveLength(1);
  });
});
