import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { Deployment } from '@innovate/plugin-aws-environments-common';
import { rethrowRefusal } from '../actions/refused';
import {
  AwsEnvironmentsBackend,
  responseStatusOf,
} from './AwsEnvironmentsBackendClient';
import { DeploymentReadCredentials } from './DeploymentReadCredentials';

/** Statuses after which a deployment changes no more on its own. */
const SETTLED: ReadonlyArray<Deployment['status']> = [
  'succeeded',
  'failed',
  'cancelled',
  'awaiting-approval',
];

/**
 * Transient errors in a row that stop the following; the waits between
 * them double from the first to the longest (2 s to 60 s: 3 min in all),
 * enough for the backend to restart.
 */
const MAX_TRANSIENT_ERRORS = 8;
const FIRST_RETRY_DELAY_MS = 2000;
const LONGEST_RETRY_DELAY_MS = 60_000;

/**
 * Worth another try: no response at all (the connection failed or broke),
 * a 5xx, or a 429. Any other 4xx will not change by asking again.
 */
function isTransient(error: unknown): boolean {
  const status = responseStatusOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  // fetch's own error for a failed connection (its cause says which).
  return (
    (error as Error)?.name === 'TypeError' &&
    (error as Error).message === 'fetch failed'
  );
}

/** The error for the task log; for a failed connection, why it failed. */
function explain(error: unknown): string {
  const { cause } = error as Error;
  return cause && (error as Error).message === 'fetch failed'
    ? `fetch failed: ${stringifyError(cause)}`
    : stringifyError(error);
}

/** Waits, or less when the signal aborts. */
async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  const slept = new AbortController();
  await new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    // Removed once slept: the task's signal outlives many polls.
    signal?.addEventListener('abort', onAbort, { signal: slept.signal });
  });
  slept.abort();
}

const CANCELLED = Symbol('cancelled');

/** The promise's outcome, or CANCELLED as soon as the signal aborts. */
async function unlessCancelled<T>(
  promise: Promise<T>,
  signal?: AbortSignal,
): Promise<T | typeof CANCELLED> {
  const settled = new AbortController();
  const aborted = new Promise<typeof CANCELLED>(resolve => {
    if (signal?.aborted) resolve(CANCELLED);
    signal?.addEventListener('abort', () => resolve(CANCELLED), {
      signal: settled.signal,
    });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    settled.abort();
  }
}

type FollowOptions = {
  backend: AwsEnvironmentsBackend;
  logger: Pick<LoggerService, 'info' | 'warn' | 'error'>;
  environment: string;
  id: string;
  credentials: DeploymentReadCredentials;
  /** Where the portal shows the deployment (the Deployments tab). */
  deploymentsUrl: string;
  timeoutMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
};

/** What the follower says of the deployment in its errors. */
function wording(options: FollowOptions) {
  const deployment = `deployment ${options.id} of ${options.environment}`;
  const goesOn = `It goes on: follow it at ${options.deploymentsUrl}`;
  return {
    deployment,
    goesOn,
    cancelled: () =>
      new Error(
        `Stopped following ${deployment}: the task was cancelled, which does not cancel the deployment. ${goesOn}`,
      ),
  };
}

/**
 * Reads of the deployment: each with fresh credentials; a transient error
 * becomes how long to wait before reading again, until too many in a row.
 */
function deploymentReader(options: FollowOptions) {
  const { backend, logger, environment, id, credentials, signal } = options;
  const { deployment, goesOn, cancelled } = wording(options);
  let errors = 0;
  let lastError: unknown;

  /** The deployment, or how long to wait before reading again. */
  async function read(): Promise<Deployment | { retryInMs: number }> {
    const reader = await credentials.get();
    let result: Deployment | typeof CANCELLED;
    try {
      result = await unlessCancelled(
        backend.getDeployment(environment, id, reader),
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      if (responseStatusOf(error) === 401 && credentials.rejected()) {
        return { retryInMs: 0 };
      }
      if (!isTransient(error)) {
        rethrowRefusal(error, {
          what: `Reading ${deployment}`,
          credentials: reader,
        });
      }
      errors += 1;
      lastError = error;
      if (errors >= MAX_TRANSIENT_ERRORS) {
        throw new Error(
          `Gave up following ${deployment} after ${errors} transient errors in a row; the last: ${explain(
            error,
          )}. ${goesOn}`,
        );
      }
      const retryInMs = Math.min(
        FIRST_RETRY_DELAY_MS * 2 ** (errors - 1),
        LONGEST_RETRY_DELAY_MS,
      );
      logger.warn(
        `Could not read ${deployment} (${explain(error)}); retry ${errors} of ${
          MAX_TRANSIENT_ERRORS - 1
        } in ${retryInMs / 1000} s`,
      );
      return { retryInMs };
    }
    if (result === CANCELLED) throw cancelled();
    errors = 0;
    lastError = undefined;
    return result;
  }
  return { read, lastError: () => lastError };
}

/** Writes each event to the task log, at its level. */
function logEvents(
  logger: FollowOptions['logger'],
  events: Deployment['events'],
) {
  for (const event of events) {
    const where = [event.stack, event.logicalId].filter(Boolean).join('/');
    const text = `${where ? `${where} ` : ''}${
      event.resourceStatus ? `${event.resourceStatus} ` : ''
    }${event.message}`;
    if (event.level === 'error') logger.error(text);
    else if (event.level === 'warning') logger.warn(text);
    else logger.info(text);
  }
}

/**
 * Polls a deployment (a deploy or a destroy) until it settles, writing each
 * of its events to the task log once, at its level. Each read gets its
 * credentials afresh ({@link DeploymentReadCredentials}), so the user's
 * token expiring does not stop it. Transient errors (no response, 5xx,
 * 429) are retried with backoff, up to {@link MAX_TRANSIENT_ERRORS} in a
 * row; any other 4xx fails at once. Past `timeoutMs`, or as soon as
 * `signal` aborts (the task was cancelled), it stops with an error saying
 * where to follow the deployment, which goes on either way.
 */
export async function followDeployment(
  options: FollowOptions,
): Promise<Deployment> {
  const { signal } = options;
  const { deployment, goesOn, cancelled } = wording(options);
  const reader = deploymentReader(options);
  const deadline = Date.now() + options.timeoutMs;
  let logged = 0;
  let status: Deployment['status'] | undefined;

  for (;;) {
    if (signal?.aborted) throw cancelled();
    const result = await reader.read();
    if (!('retryInMs' in result)) {
      status = result.status;
      logEvents(options.logger, result.events.slice(logged));
      logged = result.events.length;
      if (SETTLED.includes(result.status)) return result;
    }
    if (Date.now() >= deadline) {
      const lastError = reader.lastError();
      throw new Error(
        `Stopped following ${deployment} after ${Math.round(
          options.timeoutMs / 60_000,
        )} minutes (the step's timeoutMinutes)${
          status ? `; it was ${status}` : ''
        }${
          lastError ? `; the last read failed: ${explain(lastError)}` : ''
        }. ${goesOn}`,
      );
    }
    const wait =
      'retryInMs' in result ? result.retryInMs : options.pollIntervalMs;
    await sleep(Math.min(wait, deadline - Date.now()), signal);
  }
}
