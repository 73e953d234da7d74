import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Deployment } from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsBackend } from './AwsEnvironmentsBackendClient';

/** Statuses after which a deployment changes no more on its own. */
const SETTLED: ReadonlyArray<Deployment['status']> = [
  'succeeded',
  'failed',
  'cancelled',
  'awaiting-approval',
];

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Polls a deployment (a deploy or a destroy) until it settles, writing each
 * of its events to the task log once, at its level. Past `timeoutMs` it
 * stops following; the deployment goes on in the background.
 */
export async function followDeployment(options: {
  backend: AwsEnvironmentsBackend;
  logger: Pick<LoggerService, 'info' | 'warn' | 'error'>;
  environment: string;
  id: string;
  credentials: BackstageCredentials;
  timeoutMs: number;
  pollIntervalMs: number;
}): Promise<Deployment> {
  const { backend, logger, environment, id, credentials } = options;
  const deadline = Date.now() + options.timeoutMs;
  let logged = 0;
  for (;;) {
    const deployment = await backend.getDeployment(
      environment,
      id,
      credentials,
    );
    for (const event of deployment.events.slice(logged)) {
      const where = [event.stack, event.logicalId].filter(Boolean).join('/');
      const text = `${where ? `${where} ` : ''}${
        event.resourceStatus ? `${event.resourceStatus} ` : ''
      }${event.message}`;
      if (event.level === 'error') logger.error(text);
      else if (event.level === 'warning') logger.warn(text);
      else logger.info(text);
    }
    logged = deployment.events.length;
    if (SETTLED.includes(deployment.status)) return deployment;
    if (Date.now() > deadline) {
      throw new Error(
        `Deployment ${id} of ${environment} is still ${deployment.status} after the timeout; it goes on in the background: follow it on the environment's Deployments tab`,
      );
    }
    await sleep(options.pollIntervalMs);
  }
}
