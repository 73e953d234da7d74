import {
  ApiBlueprint,
  BackstageIdentityApi,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
} from '@backstage/frontend-test-utils';
import { oidcAuthApi, oidcAuthApiRef } from './oidcAuthApi';

describe('oidcAuthApi', () => {
  afterEach(() => jest.restoreAllMocks());

  it("talks to the backend's `oidc` provider in the configured auth environment", async () => {
    const factory = createExtensionTester(oidcAuthApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(oidcAuthApiRef);

    const fetch = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(null, { status: 401 }));
    const api = factory.factory({
      discoveryApi: mockApis.discovery({ baseUrl: 'https://portal.example' }),
      oauthRequestApi: { createAuthRequester: () => jest.fn() },
      configApi: mockApis.config({
        data: { auth: { environment: 'production' } },
      }),
    }) as BackstageIdentityApi;

    // A silent sign-in asks the backend to refresh an existing oidc session.
    await expect(api.getBackstageIdentity({ optional: true })).resolves.toBe(
      undefined,
    );
    const url = new URL(String(fetch.mock.calls[0][0]));
    expect(url.origin + url.pathname).toBe(
      'https://portal.example/api/auth/oidc/refresh',
    );
    expect(url.searchParams.get('env')).toBe('production');
    expect(url.searchParams.get('scope')).toBe('openid profile email');
  });
});
