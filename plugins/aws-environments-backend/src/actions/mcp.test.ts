import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { CATALOG_GROUPS, waitForDeployment } from '../__testUtils__/backend';
import { FakeSynthesizer } from '../__testUtils__/fakeSynthesizer';
import { awsEnvironmentsPlugin } from '../plugin';
import { environmentSynthesizerServiceRef } from '../services/refs';

jest.setTimeout(60_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();
const TOOL = 'aws-environments.';
/** A signed-in user the policy denies everything. */
const OUTSIDER = 'user:default/outsider';
const FOUR_NODES = [
  { field: 'cluster.applicationNodeGroup.desiredSize', value: 4 },
];

type Server = Parameters<typeof request>[0];

/** The portal's backend with the plugin (seeded sandbox), the actions registry and the MCP server. */
async function startBackend() {
  const synthesizer = new FakeSynthesizer();
  const backend = await startTestBackend({
    features: [
      awsEnvironmentsPlugin,
      mcpActionsPlugin,
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.example' },
          backend: { actions: { pluginSources: ['aws-environments'] } },
          awsEnvironments: {
            seedEnvironment: true,
            deployments: { pollInterval: { milliseconds: 200 } },
          },
        },
      }),
      mockServices.events.mock().factory,
      createServiceFactory({
        service: environmentSynthesizerServiceRef,
        deps: {},
        factory: () => synthesizer,
      }),
      mockServices.permissions.mock({
        authorizeConditional: async (requests, options) =>
          requests.map(() => ({
            result:
              (options.credentials.principal as { userEntityRef?: string })
                .userEntityRef === OUTSIDER
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      }).factory,
      catalogServiceMock.factory({ entities: CATALOG_GROUPS }),
    ],
  });
  const server = backend.server;
  const list = await request(server).get(`${API}/environments`);
  await waitForDeployment(
    server,
    seed.name,
    list.body.items[0].latestDeployment.id,
    ['succeeded'],
  );
  return { backend, server };
}

/** An MCP client of the portal, with the user's token. */
async function connect(server: Server & { address(): unknown }, user: string) {
  const { port } = server.address() as AddressInfo;
  const client = new Client({ name: 'mcp-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`http://localhost:${port}/api/mcp-actions/v1`),
      {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      },
    ),
  );
  return client;
}

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

function structured(result: ToolResult): any {
  expect(result.isError).toBeFalsy();
  return result.structuredContent;
}

function errorText(result: ToolResult): string {
  expect(result.isError).toBe(true);
  return (result.content as Array<{ text: string }>)[0].text;
}

describe('the actions over MCP, with the official SDK client', () => {
  let server: Server & { address(): unknown };
  let client: Client;

  beforeAll(async () => {
    ({ server } = (await startBackend()) as any);
    client = await connect(server, 'user:default/mock');
  });

  afterAll(async () => {
    await client?.close();
  });

  it('lists the five tools with their attributes', async () => {
    const { tools } = await client.listTools();
    expect(
      Object.fromEntries(
        tools.map(tool => [
          tool.name,
          [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint],
        ]),
      ),
    ).toEqual({
      [`${TOOL}list-aws-environments`]: [true, false],
      [`${TOOL}get-aws-environment-view`]: [true, false],
      [`${TOOL}estimate-aws-environment`]: [true, false],
      [`${TOOL}preview-aws-environment-change`]: [true, false],
      [`${TOOL}request-aws-environment-deployment`]: [false, true],
    });
    const estimate = tools.find(t =>
      t.name.endsWith('estimate-aws-environment'),
    );
    expect(estimate?.description).toContain('USD per month');
  });

  it('lists the seed environment with its spend and alarms', async () => {
    const output = structured(
      await client.callTool({
        name: `${TOOL}list-aws-environments`,
        arguments: {},
      }),
    );
    expect(output.environments).toEqual([
      expect.objectContaining({
        name: seed.name,
        source: 'sandbox',
        owner: 'group:default/platform-team',
        budgetUsd: 430,
        monthToDateUsd: expect.any(Number),
        firingAlarms: expect.any(Number),
        errors: [],
      }),
    ]);
  });

  it('answers the cost view as the HTTP route does, from the sandbox', async () => {
    const output = structured(
      await client.callTool({
        name: `${TOOL}get-aws-environment-view`,
        arguments: { environment: seed.name, view: 'cost' },
      }),
    );
    expect(output).toMatchObject({ source: 'sandbox', currency: 'USD' });
    const http = await request(server).get(
      `${API}/environments/${seed.name}/cost`,
    );
    expect(output).toEqual(http.body);
  });

  it('prices 4 application nodes at about $121 a month more', async () => {
    const output = structured(
      await client.callTool({
        name: `${TOOL}estimate-aws-environment`,
        arguments: { environment: seed.name, changes: FOUR_NODES },
      }),
    );
    const line = output.comparedTo.lines.find(
      (l: { id: string }) => l.id === 'node-group-application',
    );
    expect(line.deltaUsd).toBeCloseTo(121, 0);
    // The same estimate as POST /v1/estimate of the changed spec.
    const spec = structuredClone(seed);
    spec.cluster.applicationNodeGroup.desiredSize = 4;
    const http = await request(server).post(`${API}/estimate`).send({ spec });
    expect(output.estimate).toEqual(http.body.estimate);
  });

  it('previews the change as the preview route does', async () => {
    const output = structured(
      await client.callTool({
        name: `${TOOL}preview-aws-environment-change`,
        arguments: { environment: seed.name, changes: FOUR_NODES },
      }),
    );
    const line = output.cost.lines.find(
      (l: { id: string }) => l.id === 'node-group-application',
    );
    expect(line.proposedUsd - line.currentUsd).toBeCloseTo(121, 0);
    expect(output.blocked).toEqual([]);
    const spec = structuredClone(seed);
    spec.cluster.applicationNodeGroup.desiredSize = 4;
    const http = await request(server)
      .post(`${API}/environments/${seed.name}/preview`)
      .send({ spec });
    expect(output).toEqual(http.body);
  });

  it('names a bad field', async () => {
    const text = errorText(
      await client.callTool({
        name: `${TOOL}get-aws-environment-view`,
        arguments: { environment: seed.name, view: 'costs' },
      }),
    );
    expect(text).toMatch(/^InputError: view: Invalid enum value/);
  });

  it('names the permission a user without it lacks', async () => {
    const outsider = await connect(server, OUTSIDER);
    try {
      const listed = structured(
        await outsider.callTool({
          name: `${TOOL}list-aws-environments`,
          arguments: {},
        }),
      );
      expect(listed.environments).toEqual([]);
      expect(
        errorText(
          await outsider.callTool({
            name: `${TOOL}get-aws-environment-view`,
            arguments: { environment: seed.name, view: 'cost' },
          }),
        ),
      ).toContain(
        'NotAllowedError: Not allowed: aws-environment.read is required',
      );
      expect(
        errorText(
          await outsider.callTool({
            name: `${TOOL}request-aws-environment-deployment`,
            arguments: { environment: seed.name, changes: FOUR_NODES },
          }),
        ),
      ).toContain(
        'NotAllowedError: Not allowed: aws-environment.update is required',
      );
    } finally {
      await outsider.close();
    }
    const deployments = await request(server).get(
      `${API}/environments/${seed.name}/deployments`,
    );
    expect(deployments.body.items).toHaveLength(1);
  });

  it('requests a deployment that waits for a person to approve it', async () => {
    const output = structured(
      await client.callTool({
        name: `${TOOL}request-aws-environment-deployment`,
        arguments: { environment: seed.name, changes: FOUR_NODES },
      }),
    );
    expect(output).toMatchObject({
      environment: seed.name,
      approval: 'required',
      url: `http://portal.example/aws-environments/${seed.name}/deployments`,
    });
    const deployment = await waitForDeployment(
      server,
      seed.name,
      output.deploymentId,
    );
    expect(deployment).toMatchObject({
      status: 'awaiting-approval',
      approval: 'required',
      requestedBy: 'user:default/mock',
    });
    expect(deployment.approvedBy).toBeUndefined();
    // Nothing executed: the environment keeps its spec.
    const environment = await request(server).get(
      `${API}/environments/${seed.name}`,
    );
    expect(environment.body.spec.cluster.applicationNodeGroup.desiredSize).toBe(
      seed.cluster.applicationNodeGroup.desiredSize,
    );
  });
});
