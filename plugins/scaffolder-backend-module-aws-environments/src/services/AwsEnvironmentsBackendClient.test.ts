import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AwsEnvironmentsBackendClient } from './AwsEnvironmentsBackendClient';

afterEach(() => jest.restoreAllMocks());

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
    const fetchMock = jest
      .spyOn(global, 'fetch')
      .mockResolvedValue(
        Response.json(
          { id: 'd1', environment: 'x', status: 'queued' },
          { status: 202 },
        ),
      );
    const created = await client().createDeployment(
      'innovate-x',
      { source: 'sandbox' },
      mockCredentials.user('user:default/jane'),
    );
    expect(created.id).toBe('d1');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(
      'http://backend.test/api/aws-environments/v1/environments/innovate-x/deployments',
    );
    expect(init?.method).toBe('POST');
    const headers = init?.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers.Authorization).toContain('user:default/jane');
  });

  it("surfaces the backend's own message, not only the status", async () => {
    jest.spyOn(global, 'fetch').mockResolvedValue(
      Response.json(
        {
          error: {
            name: 'ConflictError',
            message: 'Environment innovate-x exists; use mode "update"',
          },
          response: { statusCode: 409 },
        },
        { status: 409 },
      ),
    );
    await expect(
      client().createDeployment('innovate-x', {}, mockCredentials.user()),
    ).rejects.toThrow(
      'Environment innovate-x exists; use mode "update" (HTTP 409)',
    );
  });

  it('returns undefined for an unknown environment', async () => {
    jest.spyOn(global, 'fetch').mockResolvedValue(
      Response.json(
        {
          error: { name: 'NotFoundError', message: 'no innovate-z' },
          response: { statusCode: 404 },
        },
        { status: 404 },
      ),
    );
    await expect(
      client().getEnvironment('innovate-z', mockCredentials.user()),
    ).resolves.toBeUndefined();
  });
});
