import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import awsEnvironmentsPlugin from '@innovate/plugin-aws-environments-backend';
import { SEED_ENVIRONMENT_INPUT } from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import portalPolicy from '.';
import { userInfoWithOwnership } from './__testUtils__/userInfo';

// One real CDK synthesis per deployment (about 10 s each on 2 cores).
jest.setTimeout(180_000);

const API = '/api/aws-environments/v1';

/** Users and their groups, as the sign-in resolver would find them. */
const MEMBERS: Record<string, string[]> = {
  'user:default/maria.garcia': ['group:default/platform-team'],
  'user:default/sam.chen': ['group:default/platform-team'],
  'user:default/priya.patel': ['group:default/application-team'],
  'user:development/guest': [],
};

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const as = (userEntityRef: string) =>
  mockCredentials.user.header(userEntityRef);
const maria = as('user:default/maria.garcia');
const sam = as('user:default/sam.chen');
const priya = as('user:default/priya.patel');
const guest = as('user:development/guest');

/**
 * Backstage's mock auth forwards a user's token from plugin to plugin as is;
 * the real auth service sends an on-behalf-of token naming the calling
 * plugin as the actor, which the permission backend requires for
 * conditional decisions. This does what the real one does.
 */
const onBehalfOfTokens = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const forward = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options =>
      auth.isPrincipal(options.onBehalfOf, 'user')
        ? {
            token: mockCredentials.user.token(
              options.onBehalfOf.principal.userEntityRef,
              { actor: { subject: `plugin:${plugin.getId()}` } },
            ),
          }
        : forward(options);
    return auth;
  },
});

function spec(name: string) {
  return { ...SEED_ENVIRONMENT_INPUT, name };
}

/**
 * The aws-environments plugin behind the real permission backend with the
 * portal's policy: every rule of the access model through HTTP, as users of
 * different groups.
 */
describe('the access model through the permission backend', () => {
  it('owners deploy, a second member approves, others and guests are refused', async () => {
    const audit: Array<{ eventId: string; outcome: string; meta?: unknown }> =
      [];
    const { server } = await startTestBackend({
      features: [
        awsEnvironmentsPlugin,
        permissionPlugin,
        portalPolicy,
        onBehalfOfTokens,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            awsEnvironments: {
              seedEnvironment: false,
              deployments: { pollInterval: { milliseconds: 200 } },
            },
          },
        }),
        userInfoWithOwnership(ref => [ref, ...MEMBERS[ref]]).factory,
        catalogServiceMock.factory({
          entities: [group('platform-team'), group('application-team')],
        }),
        mockServices.auditor.mock({
          createEvent: async ({ eventId }) => ({
            success: async ({ meta } = {}) => {
              audit.push({ eventId, outcome: 'succeeded', meta });
            },
            fail: async () => {
              audit.push({ eventId, outcome: 'failed' });
            },
          }),
        }).factory,
      ],
    });
    const api = request(server);
    const waitFor = async (name: string, id: string, status: string) => {
      const deadline = Date.now() + 150_000;
      for (;;) {
        const { body } = await api
          .get(`${API}/environments/${name}/deployments/${id}`)
          .set('Authorization', maria);
        if (body.status === status) return body;
        if (
          ['failed', 'cancelled'].includes(body.status) ||
          Date.now() > deadline
        ) {
          throw new Error(`${name}/${id} is ${body.status}: ${body.error}`);
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    };
    const expectDenied = (response: request.Response, permission: string) => {
      expect({
        status: response.status,
        message: response.body.error?.message,
      }).toEqual({
        status: 403,
        message: expect.stringContaining(
          `Not allowed: ${permission} is required`,
        ),
      });
    };

    // A platform-team member creates an environment that waits for approval;
    // it belongs to their group.
    const created = await api
      .post(`${API}/environments/team-lab/deployments`)
      .set('Authorization', maria)
      .send({ spec: spec('team-lab'), approval: 'required' });
    expect({ status: created.status, body: created.body }).toMatchObject({
      status: 202,
    });
    // A guest creates one of their own, owned by the guest.
    const guestCreated = await api
      .post(`${API}/environments/guest-lab/deployments`)
      .set('Authorization', guest)
      .send({ spec: spec('guest-lab') });
    expect(guestCreated.status).toBe(202);
    const list = await api
      .get(`${API}/environments`)
      .set('Authorization', priya);
    expect(
      list.body.items.map((e: { name: string; owner: string }) => [
        e.name,
        e.owner,
      ]),
    ).toEqual([
      ['guest-lab', 'user:development/guest'],
      ['team-lab', 'group:default/platform-team'],
    ]);

    // Nobody gives an environment to a group they are not in.
    const foreignOwner = await api
      .post(`${API}/environments/stolen/deployments`)
      .set('Authorization', priya)
      .send({ spec: spec('stolen'), owner: 'group:default/platform-team' });
    expect(foreignOwner.status).toBe(400);
    expect(foreignOwner.body.fieldErrors).toEqual([
      expect.objectContaining({ field: 'owner' }),
    ]);
    // Another group's member and a guest may not change or destroy it.
    expectDenied(
      await api
        .post(`${API}/environments/team-lab/deployments`)
        .set('Authorization', priya)
        .send({ mode: 'update' }),
      'aws-environment.update',
    );
    expectDenied(
      await api
        .delete(`${API}/environments/team-lab`)
        .set('Authorization', guest)
        .send({ confirm: 'team-lab' }),
      'aws-environment.destroy',
    );
    // A guest never deploys to AWS.
    expectDenied(
      await api
        .post(`${API}/environments/guest-aws/deployments`)
        .set('Authorization', guest)
        .send({ spec: spec('guest-aws'), source: 'aws' }),
      'aws-environment.deploy-aws',
    );

    // Four eyes: the requester may not approve; a second member may.
    await waitFor('team-lab', created.body.id, 'awaiting-approval');
    const execute = `${API}/environments/team-lab/deployments/${created.body.id}/execute`;
    expectDenied(
      await api.post(execute).set('Authorization', maria),
      'aws-environment.approve',
    );
    expectDenied(
      await api.post(execute).set('Authorization', priya),
      'aws-environment.approve',
    );
    expect((await api.post(execute).set('Authorization', sam)).status).toBe(
      202,
    );
    const done = await waitFor('team-lab', created.body.id, 'succeeded');
    expect(done).toMatchObject({
      requestedBy: 'user:default/maria.garcia',
      approvedBy: 'user:default/sam.chen',
    });

    // The guest destroys their own sandbox environment, but not its data.
    await waitFor('guest-lab', guestCreated.body.id, 'succeeded');
    expectDenied(
      await api
        .delete(`${API}/environments/guest-lab`)
        .set('Authorization', guest)
        .send({ confirm: 'guest-lab', destroyData: true }),
      'aws-environment.destroy-data',
    );
    expect(
      (
        await api
          .delete(`${API}/environments/guest-lab`)
          .set('Authorization', guest)
          .send({ confirm: 'guest-lab' })
      ).status,
    ).toBe(202);

    // Services read, and write only on a user's behalf.
    const service = mockCredentials.service.header();
    expect(
      (
        await api
          .get(`${API}/environments/team-lab`)
          .set('Authorization', service)
      ).status,
    ).toBe(200);
    expect(
      (
        await api
          .delete(`${API}/environments/team-lab`)
          .set('Authorization', service)
          .send({ confirm: 'team-lab' })
      ).status,
    ).toBe(403);

    // Every write is an audit event with its outcome.
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          eventId: 'environment-deploy',
          outcome: 'succeeded',
          meta: { deploymentId: created.body.id },
        },
        { eventId: 'environment-deploy', outcome: 'failed' },
        { eventId: 'deployment-approve', outcome: 'failed' },
        { eventId: 'deployment-approve', outcome: 'succeeded', meta: {} },
        { eventId: 'environment-destroy', outcome: 'failed' },
        expect.objectContaining({
          eventId: 'environment-destroy',
          outcome: 'succeeded',
        }),
      ]),
    );
  });
});
