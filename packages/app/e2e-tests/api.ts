import { APIRequestContext, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

/** A guest user's Backstage token, as the frontend gets it after sign-in. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).backstageIdentity.token;
}

/** The aws-environments backend's API, under the portal's base URL. */
export const AWS_ENVIRONMENTS_API = '/api/aws-environments/v1';

/**
 * Creates an environment in the sandbox through the API as the guest, and
 * waits until its deployment succeeded. Returns the guest's headers.
 */
export async function createSandboxEnvironment(
  request: APIRequestContext,
  spec: { name: string; accounts: Record<string, string> } & Record<
    string,
    unknown
  >,
): Promise<{ Authorization: string }> {
  const api = AWS_ENVIRONMENTS_API;
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };
  const created = await request.post(
    `${api}/environments/${spec.name}/deployments`,
    {
      headers,
      data: { source: 'sandbox', spec: { region: 'us-east-1', ...spec } },
    },
  );
  expect(created.status(), await created.text()).toBe(202);
  const { id } = await created.json();
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(
              `${api}/environments/${spec.name}/deployments/${id}`,
              { headers },
            )
          ).json()
        ).status,
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe('succeeded');
  return headers;
}

export interface TaskResult {
  status: string;
  seconds: number;
  output: Record<string, unknown>;
  log: string[];
}

/** Runs a template through the scaffolder API and waits for its task to end. */
export async function runTemplate(
  request: APIRequestContext,
  token: string,
  templateRef: string,
  values: Record<string, unknown>,
  timeoutMs = 240_000,
): Promise<TaskResult> {
  const headers = { Authorization: `Bearer ${token}` };
  const started = Date.now();
  const created = await request.post('/api/scaffolder/v2/tasks', {
    headers,
    data: { templateRef, values },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  for (;;) {
    const task = await (
      await getWithRetry(request, `/api/scaffolder/v2/tasks/${id}`, headers)
    ).json();
    if (['completed', 'failed', 'cancelled'].includes(task.status)) {
      const events = await (
        await request.get(`/api/scaffolder/v2/tasks/${id}/events`, { headers })
      ).json();
      return {
        status: task.status,
        seconds: (Date.now() - started) / 1000,
        output:
          events.find((e: { type: string }) => e.type === 'completion')?.body
            ?.output ?? {},
        log: events
          .filter((e: { type: string }) => e.type === 'log')
          .map((e: { body: { message: string } }) => e.body.message),
      };
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`task ${id} still ${task.status} after ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * A GET that retries a connection reset once: a poll can reuse a kept-alive
 * connection at the moment the server closes it, which any HTTP client
 * sees now and then.
 */
async function getWithRetry(
  request: APIRequestContext,
  url: string,
  headers: Record<string, string>,
) {
  try {
    return await request.get(url, { headers });
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) {
      throw error;
    }
    return request.get(url, { headers });
  }
}

/** A template folder of the repository as the scaffolder's dry-run API takes it. */
export function templateFiles(name: string) {
  const root = join(__dirname, '..', '..', '..', 'templates', name);
  const directoryContents: { path: string; base64Content: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        directoryContents.push({
          path: relative(root, full),
          base64Content: readFileSync(full).toString('base64'),
        });
    }
  };
  walk(root);
  return {
    template: parse(readFileSync(join(root, 'template.yaml'), 'utf8')),
    directoryContents,
  };
}

/** Names of the environments in the aws-environments registry. */
export async function environmentNames(
  request: APIRequestContext,
  token: string,
): Promise<string[]> {
  const response = await request.get('/api/aws-environments/v1/environments', {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).items.map((e: { name: string }) => e.name);
}
