import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { DeploymentStatus } from '@innovate/plugin-aws-environments-common';
import { createDeployAction } from './deploy';
import { createDestroyAction } from './destroy';
import {
  environmentDetail,
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
} from '../testUtils/FakeAwsEnvironmentsBackend';

// How the deploy and destroy actions follow deployments that take as long
// as real EKS creates, on fake timers: polled each minute, the user's
// token expiring midway, transient errors, refusals, cancellation.

const MINUTE = 60_000;
const DEPLOYMENTS_URL =
  'http://portal.test/aws-environments/innovate-x/deployments';
const GOES_ON = `It goes on: follow it at ${DEPLOYMENTS_URL}`;
const spec = {
  name: 'innovate-x',
  accounts: { management: '111111111111', workloads: '222222222222' },
  budget: { alertEmail: 'ops@innovate.example' },
};

/** The initiator's credentials as a task holds them: stored as JSON. */
function jane(expiresInMinutes: number): BackstageCredentials {
  return JSON.parse(
    JSON.stringify({
      ...mockCredentials.user('user:default/jane'),
      expiresAt: new Date(Date.now() + expiresInMinutes * MINUTE),
    }),
  );
}

/** A deployment that runs `minutes` polls of a minute, then ends. */
function minutesLong(minutes: number, end: DeploymentStatus = 'succeeded') {
  return [
    ...Array.from({ length: minutes }, (_, i) => ({
      status: 'running' as const,
      events: [`innovate-x-cluster CREATE_IN_PROGRESS (minute ${i})`],
    })),
    { status: end, events: ['Deployment finished'] },
  ];
}

function setup(options: { minutes?: number } = {}) {
  const backend = new FakeAwsEnvironmentsBackend();
  backend.script = minutesLong(options.minutes ?? 3);
  const catalog = new FakeCatalogLookup();
  const common = {
    backend,
    auth: mockServices.auth(),
    appBaseUrl: 'http://portal.test',
    pollIntervalMs: MINUTE,
  };
  return {
    backend,
    catalog,
    deploy: createDeployAction({ ...common, catalog }),
    destroy: createDestroyAction(common),
  };
}

/** A task's context for `base`: the initiator's credentials, a signal. */
function context<
  TContext extends Pick<ReturnType<typeof createMockActionContext>, 'logger'>,
>(base: TContext, initiator = jane(60)) {
  const controller = new AbortController();
  const ctx = {
    ...base,
    getInitiatorCredentials: async () => initiator,
    signal: controller.signal,
  };
  return {
    ctx,
    controller,
    lines: (level: 'info' | 'warn') => {
      const spy = jest.spyOn(ctx.logger, level);
      return () => spy.mock.calls.map(call => String(call[0]));
    },
  };
}

/** Runs the handler to its end on fake time; resolves with its error. */
async function run(handler: Promise<void>): Promise<Error | undefined> {
  const outcome = handler.then(
    () => undefined,
    (error: Error) => error,
  );
  await jest.runAllTimersAsync();
  return outcome;
}

beforeEach(() => {
  // Timers and the clock only: response bodies are read on real ticks.
  jest.useFakeTimers({
    now: new Date('2026-11-30T09:00:00.000Z'),
    doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'],
  });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('following a long deployment', () => {
  it('follows a 60-minute deployment to success across the end of the user token', async () => {
    const { backend, catalog, deploy } = setup({ minutes: 60 });
    // The token had 45 minutes left when the task started.
    const { ctx, lines } = context(
      createMockActionContext({ input: { spec } }),
      jane(45),
    );
    const info = lines('info');

    expect(await run(deploy.handler(ctx))).toBeUndefined();

    expect(Date.now() - Date.parse('2026-11-30T09:00:00.000Z')).toBe(
      60 * MINUTE,
    );
    // As the user until five minutes before the token expires (the reads
    // at minutes 0 to 40), then as the scaffolder: no read with an expired
    // token.
    expect(backend.readers).toHaveLength(61);
    expect(new Set(backend.readers.slice(0, 41))).toEqual(
      new Set(['user:default/jane']),
    );
    expect(new Set(backend.readers.slice(41))).toEqual(
      new Set(['plugin:test']),
    );
    expect(info()).toContain(
      'The Backstage token of user:default/jane expires at 2026-11-30T09:45:00.000Z; reading on as the scaffolder',
    );
    // Every event once, in order, as the deployment went.
    const progress = info().filter(line => line.includes('CREATE_IN_PROGRESS'));
    expect(progress).toHaveLength(60);
    expect(progress[59]).toBe(
      'innovate-x-cluster CREATE_IN_PROGRESS (minute 59)',
    );
    expect(info()).toContain('Deployment finished');
    // What follows the deployment reads as the scaffolder too.
    expect(catalog.waitedAs).toEqual(['plugin:test']);
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it('reads on as the scaffolder when the backend rejects the user token', async () => {
    const { backend, deploy } = setup();
    // No expiry known, or clocks apart: the backend's 401 says it.
    const { ctx, lines } = context(
      createMockActionContext({ input: { spec } }),
      mockCredentials.user(),
    );
    const info = lines('info');
    backend.failReads = [{ status: 401, message: 'Token has expired' }];

    expect(await run(deploy.handler(ctx))).toBeUndefined();

    expect(backend.readers).toEqual([
      'user:default/mock',
      'plugin:test',
      'plugin:test',
      'plugin:test',
      'plugin:test',
    ]);
    expect(info()).toContain(
      'The Backstage token of user:default/mock was rejected; reading on as the scaffolder',
    );
  });

  it('fails at once when the scaffolder is rejected too', async () => {
    const { backend, deploy } = setup();
    const { ctx } = context(
      createMockActionContext({ input: { spec } }),
      mockCredentials.user(),
    );
    backend.failReads = [
      { status: 401, message: 'Token has expired' },
      { status: 401, message: 'Illegal token' },
    ];

    const error = await run(deploy.handler(ctx));

    expect(error?.message).toBe('Illegal token (HTTP 401)');
    expect(backend.readers).toHaveLength(2);
  });

  it('retries 3 transient 503s with backoff, then follows to the end', async () => {
    const { backend, deploy } = setup();
    const { ctx, lines } = context(
      createMockActionContext({ input: { spec } }),
    );
    const warn = lines('warn');
    backend.failReads = Array(3).fill({
      status: 503,
      message: 'The aws-environments backend is restarting',
    });

    expect(await run(deploy.handler(ctx))).toBeUndefined();

    expect(warn()).toEqual(
      [2, 4, 8].map(
        (seconds, i) =>
          `Could not read deployment dep-innovate-x of innovate-x (ServiceUnavailableError: The aws-environments backend is restarting (HTTP 503)); retry ${
            i + 1
          } of 7 in ${seconds} s`,
      ),
    );
    expect(backend.readers).toHaveLength(3 + 4);
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it.each([
    ['a network error', 'network' as const],
    ['a 500', 500],
    ['a 502', 502],
    ['a 429', 429],
  ])('retries %s', async (_what, status) => {
    const { backend, deploy } = setup();
    const { ctx } = context(createMockActionContext({ input: { spec } }));
    backend.failReads = [{ status }];

    expect(await run(deploy.handler(ctx))).toBeUndefined();

    expect(backend.readers).toHaveLength(1 + 4);
  });

  it('gives up after 8 transient errors in a row, naming the deployment and the last error', async () => {
    const { backend, deploy } = setup();
    const { ctx } = context(createMockActionContext({ input: { spec } }));
    backend.failReads = [
      ...Array(7).fill({ status: 503, message: 'Restarting' }),
      { status: 'network' },
    ];
    const started = Date.now();

    const error = await run(deploy.handler(ctx));

    expect(error?.message).toBe(
      'Gave up following deployment dep-innovate-x of innovate-x after 8 transient errors in a row; ' +
        `the last: fetch failed: Error: connect ECONNREFUSED 127.0.0.1:7007. ${GOES_ON}`,
    );
    expect(backend.readers).toHaveLength(8);
    // 2 + 4 + 8 + 16 + 32 + 60 + 60 seconds of backoff.
    expect(Date.now() - started).toBe(182_000);
  });

  it('counts only transient errors in a row', async () => {
    const { backend, deploy } = setup({ minutes: 1 });
    const { ctx } = context(createMockActionContext({ input: { spec } }));
    const sevenErrors = Array(7).fill({ status: 503, message: 'Restarting' });
    backend.failReads = [...sevenErrors, undefined, ...sevenErrors];

    expect(await run(deploy.handler(ctx))).toBeUndefined();

    expect(backend.readers).toHaveLength(16);
  });

  it.each([
    [
      403,
      "Not allowed: aws-environment.read is required on environment 'innovate-x'",
      "Reading deployment dep-innovate-x of innovate-x was refused for user:default/jane: Not allowed: aws-environment.read is required on environment 'innovate-x' (HTTP 403)",
    ],
    [
      404,
      "Environment 'innovate-x' has no deployment 'dep-innovate-x'",
      "Environment 'innovate-x' has no deployment 'dep-innovate-x' (HTTP 404)",
    ],
  ])('fails at once on a %s', async (status, message, expected) => {
    const { backend, catalog, deploy } = setup();
    const { ctx } = context(createMockActionContext({ input: { spec } }));
    backend.failReads = [{ status, message }];

    const error = await run(deploy.handler(ctx));

    expect(error?.message).toBe(expected);
    expect(backend.readers).toHaveLength(1);
    expect(catalog.waited).toEqual([]);
  });

  it('stops following at once when the task is cancelled; the deployment goes on', async () => {
    const { backend, deploy } = setup({ minutes: 60 });
    const { ctx, controller } = context(
      createMockActionContext({ input: { spec } }),
    );
    const handler = deploy.handler(ctx).then(
      () => undefined,
      (error: Error) => error,
    );
    await jest.advanceTimersByTimeAsync(10 * MINUTE);
    const reads = backend.readers.length;

    controller.abort();

    // No more fake time passes: cancelling does not wait for the next poll.
    expect((await handler)?.message).toBe(
      `Stopped following deployment dep-innovate-x of innovate-x: the task was cancelled, which does not cancel the deployment. ${GOES_ON}`,
    );
    expect(reads).toBe(11);
    expect(backend.readers).toHaveLength(reads);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('stops waiting for a read in flight when the task is cancelled', async () => {
    const { backend, deploy } = setup();
    const { ctx, controller } = context(
      createMockActionContext({ input: { spec } }),
    );
    jest.spyOn(backend, 'getDeployment').mockReturnValue(new Promise(() => {}));
    const handler = deploy.handler(ctx).then(
      () => undefined,
      (error: Error) => error,
    );
    await jest.advanceTimersByTimeAsync(MINUTE);

    controller.abort();

    expect((await handler)?.message).toMatch(
      /^Stopped following deployment dep-innovate-x of innovate-x: the task was cancelled/,
    );
  });

  it("stops at the step's timeout (90 minutes by default), saying where to follow on", async () => {
    const { backend, deploy } = setup({ minutes: 200 });
    const { ctx } = context(createMockActionContext({ input: { spec } }));

    const error = await run(deploy.handler(ctx));

    expect(error?.message).toBe(
      `Stopped following deployment dep-innovate-x of innovate-x after 90 minutes (the step's timeoutMinutes); it was running. ${GOES_ON}`,
    );
    expect(backend.readers).toHaveLength(91);
  });

  it('follows a long destroy the same way', async () => {
    const { backend, destroy } = setup({ minutes: 50 });
    backend.environments.set('innovate-x', environmentDetail('innovate-x'));
    const { ctx, controller } = context(
      createMockActionContext({
        input: { name: 'innovate-x', confirm: 'innovate-x' },
      }),
      jane(30),
    );
    backend.failReads = [{ status: 502 }, { status: 'network' }];
    const handler = destroy.handler(ctx).then(
      () => undefined,
      (error: Error) => error,
    );

    await jest.advanceTimersByTimeAsync(40 * MINUTE);
    expect(backend.readers.at(-1)).toBe('plugin:test');
    controller.abort();

    expect((await handler)?.message).toBe(
      `Stopped following deployment destroy-innovate-x of innovate-x: the task was cancelled, which does not cancel the deployment. ${GOES_ON}`,
    );
  });
});
