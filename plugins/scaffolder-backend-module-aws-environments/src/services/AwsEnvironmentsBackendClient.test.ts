import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AwsEnvironmentsBackendClient,
  responseStatusOf,
} from './AwsEnvironmentsBackendClient';

afterEach(() => jest.restoreAllMocks());

/**
 * The request fetch was called with: openapi-fetch hands fetch one
 * `Request`, where the hand-written client passed a URL and init.
 */
function sent(fetchMock: jest.SpyInstance, call = 0): Request {
  return fetchMock.mock.calls[call][0];
}

/** Makes fetch answer `body` as JSON with `status`; returns its spy. */
function respondWith(body: unknown, status: number): jest.SpyInstance {
  return jest
    .spyOn(global, 'fetch')
    .mockResolvedValue(Response.json(body, { status }));
}

function client() {
  return new AwsEnvironmentsBackendClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend.test/api/${id}`,
    }),
    auth: mockServices.auth(),
  });
}

describe('AwsEnvironmentsBackendClient', () => {
  it('calls the v1 routes on behalf of the user with a plugin token', async () => {
    const fetchMock = respondWith(
      { id: 'd1', environment: 'x', status: 'queued' },
      202,
    );
    const created = await client().createDeployment(
      'innovate-x',
      { source: 'sandbox' },
      mockCredentials.user('user:default/jane'),
    );
    expect(created.id).toBe('d1');
    const { url, method, headers } = sent(fetchMock);
    expect(url).toBe(
      'http://backend.test/api/aws-environments/v1/environments/innovate-x/deployments',
    );
    expect(method).toBe('POST');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Authorization')).toContain('user:default/jane');
  });

  it("surfaces the backend's own message, not only the status", async () => {
    respondWith(
      {
        error: {
          name: 'ConflictError',
          message: 'Environment innovate-x exists; use mode "update"',
        },
        response: { statusCode: 409 },
      },
      409,
    );
    await expect(
      client().createDeployment('innovate-x', {}, mockCredentials.user()),
    ).rejects.toThrow(
      'Environment innovate-x exists; use mode "update" (HTTP 409)',
    );
  });

  it('throws a NotAllowedError naming the permission on a 403', async () => {
    respondWith(
      {
        error: {
          name: 'NotAllowedError',
          message:
            'Not allowed: aws-environment.update is required for this request',
        },
        response: { statusCode: 403 },
      },
      403,
    );
    const refused = client().createDeployment(
      'innovate-prod',
      { mode: 'update' },
      mockCredentials.user('user:default/priya.patel'),
    );
    await expect(refused).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed: aws-environment.update is required for this request (HTTP 403)',
    });
  });

  it('sends the owner with a deployment', async () => {
    const fetchMock = respondWith(
      { id: 'd1', environment: 'x', status: 'queued' },
      202,
    );
    await client().createDeployment(
      'innovate-x',
      { owner: 'group:default/platform-team' },
      mockCredentials.user('user:default/maria.garcia'),
    );
    expect(await sent(fetchMock).json()).toEqual({
      owner: 'group:default/platform-team',
    });
  });

  it('returns undefined for an unknown environment', async () => {
    respondWith(
      {
        error: { name: 'NotFoundError', message: 'no innovate-z' },
        response: { statusCode: 404 },
      },
      404,
    );
    await expect(
      client().getEnvironment('innovate-z', mockCredentials.user()),
    ).resolves.toBeUndefined();
  });

  it('mints a plugin token for every call, so that a long follow never reuses one', async () => {
    const auth = mockServices.auth();
    const mint = jest.spyOn(auth, 'getPluginRequestToken');
    jest
      .spyOn(global, 'fetch')
      .mockImplementation(async () => Response.json({ id: 'd1', events: [] }));
    const backend = new AwsEnvironmentsBackendClient({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async id => `http://backend.test/api/${id}`,
      }),
      auth,
    });
    const jane = mockCredentials.user('user:default/jane');
    await backend.getDeployment('innovate-x', 'd1', jane);
    await backend.getDeployment('innovate-x', 'd1', jane);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(mint).toHaveBeenCalledWith({
      onBehalfOf: jane,
      targetPluginId: 'aws-environments',
    });
  });

  it.each([
    [
      'a Backstage error',
      503,
      { error: { name: 'ServiceUnavailableError', message: 'restarting' } },
    ],
    ["a proxy's page", 502, '<html>Bad Gateway</html>'],
    ['a refusal', 403, { error: { name: 'NotAllowedError', message: 'no' } }],
    ['throttling', 429, 'Too Many Requests'],
  ])('says the status of %s it throws', async (_what, status, body) => {
    jest
      .spyOn(global, 'fetch')
      .mockResolvedValue(
        typeof body === 'string'
          ? new Response(body, { status })
          : Response.json(body, { status }),
      );
    const error = await client()
      .getDeployment('innovate-x', 'd1', mockCredentials.user())
      .catch(e => e);
    expect(responseStatusOf(error)).toBe(status);
  });

  it('says no status when the connection failed', async () => {
    const failed = new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:7007'),
    });
    jest.spyOn(global, 'fetch').mockRejectedValue(failed);
    const error = await client()
      .getDeployment('innovate-x', 'd1', mockCredentials.user())
      .catch(e => e);
    expect(error).toBe(failed);
    expect(responseStatusOf(error)).toBeUndefined();
  });
});
