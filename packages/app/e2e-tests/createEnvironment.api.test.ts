import { APIRequestContext, expect, test } from '@playwright/test';
import {
  environmentNames,
  guestToken,
  runTemplate,
  templateFiles,
} from './api';
import { measure } from './helpers';

// The create-aws-environment template through the scaffolder's API, with the
// seed's defaults, in sandbox mode.
test.describe.configure({ mode: 'serial' });

const name = `e2e-api-${Date.now().toString(36)}`;
const values = {
  name,
  accounts: { management: '111111111111', workloads: '333333333333' },
  region: 'us-east-1',
  budget: { monthlyUsd: 430, alertEmail: 'platform-alerts@innovate.example' },
  source: 'sandbox',
  approval: 'auto',
  mode: 'create',
  allowedDeviations: [],
  publish: false,
};
const TEMPLATE = 'template:default/create-aws-environment';

/** Runs the template with `values` as a guest: the task's result and the token. */
async function createAsGuest(request: APIRequestContext) {
  const token = await guestToken(request);
  const result = await runTemplate(request, token, TEMPLATE, values);
  return { token, result };
}

test('create-aws-environment ends with the environment in the registry and the catalog', async ({
  request,
}) => {
  test.setTimeout(300_000);
  const { token, result } = await createAsGuest(request);
  expect(result.status, result.log.join('\n')).toBe('completed');
  measure(
    'create-aws-environment (sandbox) submit to finished task',
    `${result.seconds.toFixed(1)} s`,
  );

  const headers = { Authorization: `Bearer ${token}` };
  const environment = await request.get(
    `/api/aws-environments/v1/environments/${name}`,
    { headers },
  );
  expect(environment.status()).toBe(200);
  const detail = await environment.json();
  expect(detail.status).toBe('deployed');
  expect(detail.source).toBe('sandbox');

  const entity = await request.get(
    `/api/catalog/entities/by-name/resource/default/${name}`,
    { headers },
  );
  expect(entity.status()).toBe(200);
  const parts = await request.get(
    `/api/catalog/entities/by-query?filter=metadata.annotations.innovate.io/aws-environment=${name}`,
    { headers },
  );
  const { items } = await parts.json();
  expect(items.length).toBeGreaterThan(10);
});

test('running it again with the same name is refused, naming the way out', async ({
  request,
}) => {
  test.setTimeout(300_000);
  const { result } = await createAsGuest(request);
  expect(result.status).toBe('failed');
  expect(result.log.join('\n')).toContain(
    `An environment named "${name}" already exists`,
  );
});

test('bad input is refused before a task is created', async ({ request }) => {
  const token = await guestToken(request);
  const response = await request.post('/api/scaffolder/v2/tasks', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      templateRef: TEMPLATE,
      values: { ...values, name: 'prod; rm -rf /' },
    },
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('name');
});

test('a dry run of the template changes nothing in the registry', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const token = await guestToken(request);
  const before = await environmentNames(request, token);
  const response = await request.post('/api/scaffolder/v2/dry-run', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      ...templateFiles('create-aws-environment'),
      values: { ...values, name: `${name}-dry` },
      secrets: {},
    },
  });
  const text = await response.text();
  expect(response.status(), text).toBe(200);
  const result = JSON.parse(text);
  const log = result.log.map(
    (l: { body: { message: string } }) => l.body.message,
  );
  expect(log.join('\n')).toContain(
    `Dry run: would create environment ${name}-dry`,
  );
  expect(result.steps.map((s: { id: string }) => s.id)).toEqual(
    expect.arrayContaining(['estimate', 'synth', 'deploy']),
  );
  expect(await environmentNames(request, token)).toEqual(before);
});

test('destroying the environment takes its entities out of the catalog', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const token = await guestToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  const refused = await request.delete(
    `/api/aws-environments/v1/environments/${name}`,
    { headers, data: { confirm: 'not-the-name' } },
  );
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('confirm');

  const destroy = await request.delete(
    `/api/aws-environments/v1/environments/${name}`,
    { headers, data: { confirm: name } },
  );
  expect(destroy.status()).toBe(202);
  const started = Date.now();
  let remaining = -1;
  while (Date.now() - started < 60_000) {
    const parts = await request.get(
      `/api/catalog/entities/by-query?filter=metadata.annotations.innovate.io/aws-environment=${name}`,
      { headers },
    );
    remaining = (await parts.json()).items.length;
    if (remaining === 0) break;
    await new Promise(r => setTimeout(r, 1000));
  }
  expect(remaining).toBe(0);
  measure(
    'destroy to entities gone from the catalog',
    `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});
