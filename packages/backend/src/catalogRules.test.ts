import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

jest.setTimeout(120_000);

const root = resolve(__dirname, '../../..');
const catalogSection = (file: string) => ({
  catalog: parse(readFileSync(resolve(root, file), 'utf8')).catalog,
});

/**
 * Files someone could register from URLs of their own: a service (allowed),
 * and a user, a group and a location that would make them members of
 * platform-team. One kind a file: the catalog stops a file at its first
 * refused entity.
 */
const registeredFiles = (baseUrl: string): Record<string, string> => ({
  '/service.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: intruder-service }
spec: { type: service, lifecycle: experimental, owner: group:default/platform-team }
`,
  '/user.yaml': `
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: intruder }
spec:
  profile: { email: intruder@innovate.example }
  memberOf: [group:default/platform-team]
`,
  '/group.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: intruders }
spec: { type: team, parent: group:default/platform-team, children: [] }
`,
  '/location.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: intruder-location }
spec: { type: url, target: ${baseUrl}/user.yaml }
`,
});

async function serveRegisteredFiles(): Promise<{
  url: string;
  server: Server;
}> {
  const files: Record<string, string> = {};
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
    res.end(body ?? '');
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(files, registeredFiles(url));
  return { url, server };
}

/** Collects the catalog's processing errors (what catalog-backend-module-logs logs). */
function catalogErrorsModule(messages: string[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-errors',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'catalog-rules-test',
            topics: [CATALOG_ERRORS_TOPIC],
            async onEvent({ eventPayload }) {
              const { errors } = eventPayload as { errors: Error[] };
              messages.push(...errors.map(e => e.message));
            },
          });
        },
      });
    },
  });
}

type App = Parameters<typeof request>[0];
const authorization = mockCredentials.user.header();
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function entityStatus(app: App, ref: string) {
  const response = await request(app)
    .get(`/api/catalog/entities/by-name/${ref}`)
    .set('Authorization', authorization);
  return response.status;
}

async function waitFor(
  what: string | (() => string),
  ready: () => Promise<boolean> | boolean,
  seconds = 60,
) {
  for (let i = 0; i < seconds * 2; i++) {
    if (await ready()) return;
    await sleep(500);
  }
  throw new Error(
    `timed out waiting for ${typeof what === 'string' ? what : what()}`,
  );
}

// Each config is started the way the portal runs it: app-config.yaml from
// packages/backend (`yarn start`), the production layer from the
// repository root (the Dockerfile), so that file locations resolve as there.
describe.each([
  ['app-config.yaml', [catalogSection('app-config.yaml')], 'packages/backend'],
  [
    'app-config.yaml + app-config.production.yaml',
    [
      catalogSection('app-config.yaml'),
      catalogSection('app-config.production.yaml'),
    ],
    '.',
  ],
])('catalog rules of %s', (_name, layers, cwd) => {
  const errors: string[] = [];
  let files: { url: string; server: Server };
  let app: App;
  let stopBackend: () => Promise<void>;
  const originalCwd = process.cwd();

  beforeAll(async () => {
    files = await serveRegisteredFiles();
    process.chdir(resolve(root, cwd));
    const readingAllowed = { host: new URL(files.url).host };
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        catalogErrorsModule(errors),
        createServiceFactory({
          service: coreServices.rootConfig,
          deps: {},
          factory: () =>
            ConfigReader.fromConfigs(
              [
                ...layers,
                { backend: { reading: { allow: [readingAllowed] } } },
              ].map(data => ({ data, context: 'test' })),
            ),
        }),
        mockServices.rootLogger.factory({ level: 'error' }),
      ],
    });
    app = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    files?.server.close();
    process.chdir(originalCwd);
  });

  it('takes the users and groups of the org file', async () => {
    await waitFor(
      'maria.garcia',
      async () =>
        (await entityStatus(app, 'user/default/maria.garcia')) === 200,
    );
    expect(await entityStatus(app, 'group/default/platform-team')).toBe(200);
  });

  it('refuses users, groups and locations from registered URLs', async () => {
    const refused = {
      'user.yaml': 'user:default/intruder',
      'group.yaml': 'group:default/intruders',
      'location.yaml': 'location:default/intruder-location',
    };
    for (const file of ['service.yaml', ...Object.keys(refused)]) {
      const registered = await request(app)
        .post('/api/catalog/locations')
        .set('Authorization', authorization)
        .send({ type: 'url', target: `${files.url}/${file}` });
      expect(registered.status).toBe(201);
    }

    // The component shows that registering from these URLs works at all.
    await waitFor(
      'intruder-service',
      async () =>
        (await entityStatus(app, 'component/default/intruder-service')) === 200,
    );
    await waitFor(
      () => `the refusals among ${JSON.stringify(errors)}`,
      () =>
        Object.entries(refused).every(([file, ref]) => {
          const at = `url:${files.url}/${file}`;
          return errors.includes(
            `Entity ${ref} at ${at}, originated at ${at}, is not of an allowed kind for that location`,
          );
        }),
    );
    for (const ref of Object.values(refused)) {
      expect(await entityStatus(app, ref.replace(':', '/'))).toBe(404);
    }
  });
});
