import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  CostEstimate,
  EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import type { EnvironmentAccess } from '../services/Access/EnvironmentAccess';
import type { SpecValidator } from '../services/Deployments/DefaultDeploymentService';
import type { DeploymentService } from '../services/Deployments/types';
import type {
  EnvironmentRecord,
  EnvironmentRegistry,
} from '../services/EnvironmentRegistry/types';
import type { PreviewService } from '../services/Preview/PreviewService';
import type { ViewService } from '../services/Views/ViewService';

/**
 * What the actions use: the same services as the HTTP routes, so an agent
 * gets what the portal shows and is judged by the same checks.
 */
export interface ActionServices {
  auditor: AuditorService;
  access: Pick<EnvironmentAccess, 'authorize' | 'filter' | 'requester'>;
  registry: Pick<
    EnvironmentRegistry,
    'listEnvironments' | 'getEnvironment' | 'getEnvironmentHeader'
  >;
  deployments: Pick<DeploymentService, 'requestDeployment'>;
  views: Pick<ViewService, 'getView'>;
  preview: Pick<PreviewService, 'preview'>;
  validateSpec: SpecValidator;
  estimate: (spec: EnvironmentSpec) => CostEstimate;
  /** The portal's address (`app.baseUrl`), for links to environment pages. */
  appBaseUrl: string;
}

/** Who called, for the audit log: the user, or the service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

/**
 * The caller's credentials as a user's: writes and previews are a person's
 * (the MCP token's user), never a service on its own.
 */
export function userCredentials(
  credentials: BackstageCredentials,
  what: string,
): BackstageCredentials<BackstageUserPrincipal> {
  const { type } = credentials.principal as { type: string };
  if (type !== 'user') {
    throw new NotAllowedError(
      `${what} needs a signed-in user's token (the MCP client's token is a ${type}'s)`,
    );
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}

/** The environment, or a NotFoundError naming it. */
export async function requireEnvironment(
  services: ActionServices,
  name: string,
): Promise<EnvironmentRecord> {
  const environment = await services.registry.getEnvironment(name);
  if (!environment) {
    throw new NotFoundError(
      `No environment named '${name}' (environment); list-aws-environments lists those you may read`,
    );
  }
  return environment;
}

/**
 * Runs an action as an audit event. Event ids: `mcp-<action name>` for the
 * reads, estimates and previews; the deployment request is the HTTP
 * route's own `environment-deploy`, so every deployment request is audited
 * under one id whichever way it came. `meta.via` is `mcp-actions` and
 * `meta.actor` the caller (the auditor sees no HTTP request of the caller).
 */
export async function audited<T>(
  services: ActionServices,
  options: {
    eventId: string;
    severityLevel: 'low' | 'medium';
    credentials: BackstageCredentials;
    meta: JsonObject;
  },
  fn: () => Promise<T>,
  outcome: (result: T) => JsonObject = () => ({}),
): Promise<T> {
  const event = await services.auditor.createEvent({
    eventId: options.eventId,
    severityLevel: options.severityLevel,
    meta: {
      ...options.meta,
      via: 'mcp-actions',
      actor: actorOf(options.credentials),
    },
  });
  try {
    const result = await fn();
    await event.success({ meta: outcome(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
