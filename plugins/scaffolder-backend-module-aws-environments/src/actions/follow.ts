import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import { DeploymentReadCredentials } from '../services/DeploymentReadCredentials';
import { followDeployment } from '../services/followDeployment';

/** The environment's page in the portal. */
export function environmentUrl(appBaseUrl: string, name: string) {
  return `${appBaseUrl}/aws-environments/${encodeURIComponent(name)}`;
}

/**
 * Follows a deployment (a deploy or a destroy) the action started until it
 * settles, reading it as the initiating user and, once their token has
 * expired, as the scaffolder. Returns the deployment and the credentials
 * that read it last.
 */
export async function followActionDeployment(options: {
  backend: AwsEnvironmentsBackend;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: Pick<LoggerService, 'info' | 'warn' | 'error'>;
  initiator: BackstageCredentials;
  appBaseUrl: string;
  environment: string;
  id: string;
  /** The step's `timeoutMinutes` (default 90). */
  timeoutMinutes?: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}) {
  const { backend, auth, logger, environment } = options;
  const reads = new DeploymentReadCredentials({
    initiator: options.initiator,
    auth,
    logger,
  });
  const deployment = await followDeployment({
    backend,
    logger,
    environment,
    id: options.id,
    credentials: reads,
    deploymentsUrl: `${environmentUrl(
      options.appBaseUrl,
      environment,
    )}/deployments`,
    timeoutMs: (options.timeoutMinutes ?? 90) * 60_000,
    pollIntervalMs: options.pollIntervalMs,
    signal: options.signal,
  });
  return { deployment, reads };
}
