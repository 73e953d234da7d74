import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import githubProvider from './githubProvider';
import guestProvider from './guestProvider';
import oidcProvider from './oidcProvider';

jest.setTimeout(60_000);

const root = resolve(__dirname, '../../../../..');
const productionConfig = parse(
  readFileSync(resolve(root, 'app-config.production.yaml'), 'utf8'),
);

/** The auth plugin as packages/backend/src/index.ts adds it. */
async function startAuth(auth: object) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      githubProvider,
      oidcProvider,
      guestProvider,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, auth },
      }),
    ],
  });
  return server;
}

const refresh = (server: Parameters<typeof request>[0], provider: string) =>
  request(server)
    .get(`/api/auth/${provider}/refresh?optional&env=development`)
    .set('X-Requested-With', 'XMLHttpRequest');

describe('sign-in providers', () => {
  it('offers guest sign-in outside production', async () => {
    const server = await startAuth({
      // NODE_ENV is `test` under Jest; the guest module wants `development`.
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    });
    const response = await refresh(server, 'guest');
    expect(response.status).toBe(200);
    expect(response.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:development/guest',
    );
  });

  it('never registers guest sign-in when auth.environment is production, whatever the config says', async () => {
    const server = await startAuth({
      environment: 'production',
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    });
    const response = await refresh(server, 'guest');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(/guest/);
  });

  it('starts GitHub sign-in with the resolvers of app-config.production.yaml', async () => {
    const { signIn } = productionConfig.auth.providers.github.production;
    expect(signIn.resolvers).toEqual([
      { resolver: 'emailMatchingCatalogUser' },
    ]);
    const server = await startAuth({
      environment: 'production',
      providers: {
        github: {
          production: { clientId: 'client-id', clientSecret: 'x', signIn },
        },
      },
    });
    const response = await request(server).get(
      '/api/auth/github/start?env=production&scope=read:user',
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.location);
    expect(`${location.origin}${location.pathname}`).toBe(
      'https://github.com/login/oauth/authorize',
    );
    expect(location.searchParams.get('client_id')).toBe('client-id');
  });
});
