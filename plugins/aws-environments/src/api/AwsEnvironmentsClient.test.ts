import { ResponseError } from '@backstage/errors';
import { AwsEnvironmentsClient } from './AwsEnvironmentsClient';
import { errorMessage, isResponseError } from './errors';
import { fixtures } from '../__testUtils__';
import { previewScaleOut } from '../__testUtils__/previewFixtures';

const baseUrl = 'http://localhost:7007/api/aws-environments';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'content-type': 'application/json' },
  });
}

/** What the client sent (a URL and an init, as the fetch API gets them). */
async function sent(fetch: jest.Mock, call = 0) {
  const [input, init] = fetch.mock.calls[call];
  const req = new Request(input, init);
  const body = await req.text();
  return {
    url: req.url,
    method: req.method,
    contentType: req.headers.get('Content-Type'),
    body: body || undefined,
  };
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
  it("posts through fetch middlewares that build a Request from their input twice, as Backstage's do", async () => {
    const inputs: unknown[] = [];
    // The plugin protocol resolver and the identity injector each build
    // `new Request(input, init)`; a used-up Request body makes the second fail.
    const fetch = jest.fn(
      async (input: RequestInfo | URL, init?: RequestInit) => {
        inputs.push(input);
        await new Request(input, init).text();
        await new Request(input, init).text();
        return jsonResponse(200, previewScaleOut);
      },
    );
    const client = new AwsEnvironmentsClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch },
    });

    await expect(
      client.previewChanges('innovate-prod', {
        spec: fixtures.seedSpec,
        acceptDataLoss: ['DatabaseInstance'],
      }),
    ).resolves.toEqual(previewScaleOut);
    expect(inputs).toEqual([
      `${baseUrl}/v1/environments/innovate-prod/preview`,
    ]);
    expect(JSON.parse((await sent(fetch)).body!)).toEqual({
      spec: fixtures.seedSpec,
      acceptDataLoss: ['DatabaseInstance'],
    });
  });

  it('lists environments from the items of GET /v1/environments', async () => {
    const { client, fetch } = setup(
      jsonResponse(200, { items: fixtures.environments }),
    );
    await expect(client.listEnvironments()).resolves.toEqual(
      fixtures.environments,
    );
    expect(await sent(fetch)).toEqual({
      url: `${baseUrl}/v1/environments`,
      method: 'GET',
      contentType: null,
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
    expect((await sent(fetch)).url).toBe(
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
    expect(await sent(fetch)).toEqual({
      url: `${baseUrl}/v1/estimate`,
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ spec: fixtures.seedSpec }),
    });
  });

  it('executes a pending change set', async () => {
    const { client, fetch } = setup(new Response(null, { status: 204 }));
    await expect(
      client.executeChangeSet('innovate-prod', 'dep-0002'),
    ).resolves.toBeUndefined();
    const { url, method } = await sent(fetch);
    expect(url).toBe(
      `${baseUrl}/v1/environments/innovate-prod/deployments/dep-0002/execute`,
    );
    expect(method).toBe('POST');
  });

  it('sends the confirmation when destroying', async () => {
    const { client, fetch } = setup(
      jsonResponse(202, { id: 'd', environment: 'x', status: 'queued' }),
    );
    await client.destroyEnvironment('innovate-prod', {
      confirm: 'innovate-prod',
    });
    expect(await sent(fetch)).toEqual({
      url: `${baseUrl}/v1/environments/innovate-prod`,
      method: 'DELETE',
      contentType: 'application/json',
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
