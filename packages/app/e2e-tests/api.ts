import { APIRequestContext, expect } from '@playwright/test';

/** A guest user's Backstage token, as the frontend gets it after sign-in. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).backstageIdentity.token;
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
      await request.get(`/api/scaffolder/v2/tasks/${id}`, { headers })
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
