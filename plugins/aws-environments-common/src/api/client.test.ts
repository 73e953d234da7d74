import { createAwsEnvironmentsApiClient } from './client';

function setup(response: () => Response) {
  const fetch = jest.fn(async (_: Request) => response());
  let base = 'http://backend.test/api/aws-environments';
  let token = 'first';
  const client = createAwsEnvironmentsApiClient({
    baseUrl: async () => base,
    headers: async () => ({ Authorization: `Bearer ${token}` }),
    fetch,
    toError: async res =>
      Object.assign(new Error(`HTTP ${res.status}`), {
        body: await res.json(),
      }),
  });
  return {
    client,
    fetch,
    move: (url: string, next: string) => {
      base = url;
      token = next;
    },
  };
}

describe('createAwsEnvironmentsApiClient', () => {
  it('reads the base URL and the headers afresh for every call', async () => {
    const { client, fetch, move } = setup(() =>
      Response.json({ items: [{ apiVersion: 'v1', kind: 'Resource' }] }),
    );
    await expect(client.getEntities('innovate prod')).resolves.toEqual([
      { apiVersion: 'v1', kind: 'Resource' },
    ]);
    move('http://elsewhere.test/api/aws-environments', 'second');
    await client.listDeployments('x');
    const [first, second] = fetch.mock.calls.map(([request]) => request);
    expect(first.url).toBe(
      'http://backend.test/api/aws-environments/v1/environments/innovate%20prod/entities',
    );
    expect(first.headers.get('Authorization')).toBe('Bearer first');
    expect(second.url).toBe(
      'http://elsewhere.test/api/aws-environments/v1/environments/x/deployments',
    );
    expect(second.headers.get('Authorization')).toBe('Bearer second');
  });

  it('sends bodies as JSON', async () => {
    const { client, fetch } = setup(() =>
      Response.json(
        { id: 'd1', environment: 'x', status: 'queued' },
        { status: 202 },
      ),
    );
    await client.createDeployment('x', { mode: 'update', spec: { a: 1 } });
    const [request] = fetch.mock.calls[0];
    expect(request.method).toBe('POST');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(await request.json()).toEqual({ mode: 'update', spec: { a: 1 } });
  });

  it('posts a preview to the environment and answers with its body', async () => {
    const preview = {
      changes: [],
      cost: { currentUsd: 1, proposedUsd: 1, deltaUsd: 0, lines: [] },
      checks: {},
      blocked: [],
      steps: [],
    };
    const { client, fetch } = setup(() => Response.json(preview));
    await expect(
      client.previewChanges('x', { spec: { a: 1 }, acceptDataLoss: ['Vpc'] }),
    ).resolves.toEqual(preview);
    const [request] = fetch.mock.calls[0];
    expect(request.method).toBe('POST');
    expect(request.url).toBe(
      'http://backend.test/api/aws-environments/v1/environments/x/preview',
    );
    expect(await request.json()).toEqual({
      spec: { a: 1 },
      acceptDataLoss: ['Vpc'],
    });
  });

  it("rejects with toError's error, which reads the whole error body", async () => {
    const body = {
      error: { name: 'InputError', message: 'spec.region: bad' },
      fieldErrors: [{ field: 'spec.region', message: 'bad' }],
    };
    const { client } = setup(() => Response.json(body, { status: 400 }));
    await expect(client.estimate({})).rejects.toMatchObject({
      message: 'HTTP 400',
      body,
    });
  });
});
