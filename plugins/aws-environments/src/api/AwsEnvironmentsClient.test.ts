import { ResponseError } from '@backstage/errors';
import { AwsEnvironmentsClient } from './AwsEnvironmentsClient';
import { errorMessage, isResponseError } from './errors';
import { fixtures } from '../__testUtils__';

const baseUrl = 'http://localhost:7007/api/aws-environments';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'content-type': 'application/json' },
  });
}

function setup(response: Response) {
  const fetch = jest.fn().mockResolvedValue(response);
  const client = new AwsEnvironmentsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('AwsEnvironmentsClient', () => {
  it('lists environments from the items of GET /v1/environments', async () => {
    const { client, fetch } = setup(
      jsonResponse(200, { items: fixtures.environments }),
    );
    await expect(client.listEnvironments()).resolves.toEqual(
      fixtures.environments,
    );
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/v1/environments`, {
      method: 'GET',
      headers: undefined,
      body: undefined,
    });
  });

  it.each([
    ['getClusterView', 'cluster'],
    ['getDatabaseView', 'database'],
    ['getAlarmsView', 'alarms'],
    ['getCostView', 'cost'],
  ] as const)('%s reads GET environments/{name}/%s', async (method, view) => {
    const { client, fetch } = setup(jsonResponse(200, { ok: view }));
    await expect(client[method]('innovate prod')).resolves.toEqual({
      ok: view,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/v1/environments/innovate%20prod/${view}`,
    );
  });

  it('posts the spec to estimate and returns the estimate', async () => {
    const { client, fetch } = setup(
      jsonResponse(200, { estimate: fixtures.seedEstimate }),
    );
    await expect(client.estimate({ ...fixtures.seedSpec })).resolves.toEqual(
      fixtures.seedEstimate,
    );
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/v1/estimate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ spec: fixtures.seedSpec }),
    });
  });

  it('executes a pending change set', async () => {
    const { client, fetch } = setup(new Response(null, { status: 204 }));
    await expect(
      client.executeChangeSet('innovate-prod', 'dep-0002'),
    ).resolves.toBeUndefined();
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/v1/environments/innovate-prod/deployments/dep-0002/execute`,
    );
    expect(fetch.mock.calls[0][1].method).toBe('POST');
  });

  it('sends the confirmation when destroying', async () => {
    const { client, fetch } = setup(
      jsonResponse(202, { id: 'd', environment: 'x', status: 'queued' }),
    );
    await client.destroyEnvironment('innovate-prod', {
      confirm: 'innovate-prod',
    });
    expect(fetch.mock.calls[0][1]).toEqual({
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ confirm: 'innovate-prod' }),
    });
  });

  it('throws a ResponseError carrying the backend message', async () => {
    const { client } = setup(
      jsonResponse(503, {
        error: {
          name: 'ServiceUnavailableError',
          message: 'EKS DescribeCluster failed: AccessDenied',
        },
        response: { statusCode: 503 },
      }),
    );
    const error = await client.getClusterView('innovate-prod').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(isResponseError(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(errorMessage(error)).toBe(
      'EKS DescribeCluster failed: AccessDenied',
    );
  });

  it('falls back to the error message for other errors', () => {
    expect(isResponseError(new Error('offline'))).toBe(false);
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
