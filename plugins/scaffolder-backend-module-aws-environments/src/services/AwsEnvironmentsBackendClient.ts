import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { isError, NotAllowedError, ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID as PLUGIN_ID,
  createAwsEnvironmentsApiClient,
  type CreateDeploymentRequest,
  type CreateDeploymentResponse,
  type Deployment,
  type DestroyEnvironmentRequest,
  type EnvironmentDetail,
} from '@innovate/plugin-aws-environments-common';

/**
 * What the actions need of the aws-environments backend plugin, which owns
 * environments and their deployments. Every call is made on behalf of the
 * user who runs the template, so the plugin's permissions apply to them.
 *
 * @public
 */
export interface AwsEnvironmentsBackend {
  getEnvironment(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentDetail | undefined>;
  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
    credentials: BackstageCredentials,
  ): Promise<CreateDeploymentResponse>;
  getDeployment(
    name: string,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Deployment>;
  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
    credentials: BackstageCredentials,
  ): Promise<CreateDeploymentResponse>;
  getEntities(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<Entity[]>;
}

/**
 * Client of the aws-environments backend plugin's `/v1` routes, on the
 * client generated from its OpenAPI document. Each call is made with a
 * fresh plugin token on behalf of the user.
 */
export class AwsEnvironmentsBackendClient implements AwsEnvironmentsBackend {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async getEnvironment(name: string, credentials: BackstageCredentials) {
    try {
      return await this.client(credentials).getEnvironment(name);
    } catch (error) {
      if (responseStatusOf(error) === 404) {
        return undefined;
      }
      throw error;
    }
  }

  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
    credentials: BackstageCredentials,
  ) {
    return this.client(credentials).createDeployment(name, request);
  }

  getDeployment(name: string, id: string, credentials: BackstageCredentials) {
    return this.client(credentials).getDeployment(name, id);
  }

  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
    credentials: BackstageCredentials,
  ) {
    return this.client(credentials).destroyEnvironment(name, request);
  }

  async getEntities(name: string, credentials: BackstageCredentials) {
    return (await this.client(credentials).getEntities(name)) as Entity[];
  }

  private client(credentials: BackstageCredentials) {
    const { discovery, auth } = this.deps;
    return createAwsEnvironmentsApiClient({
      baseUrl: () => discovery.getBaseUrl(PLUGIN_ID),
      headers: async () => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: PLUGIN_ID,
        });
        return { Authorization: `Bearer ${token}` };
      },
      toError: backendResponseError,
    });
  }
}

/**
 * The error the client throws for a failed response of the backend. It is
 * named as the backend named it and says the backend's message with the
 * status; a 403 is a NotAllowedError. {@link responseStatusOf} reads the
 * status back.
 */
export async function backendResponseError(response: Response) {
  // ResponseError's own message is only the status; the backend's
  // message (e.g. which field is wrong) is what the task log must show.
  const error = await ResponseError.fromResponse(response);
  const { name, message } = error.cause;
  const text = `${message} (HTTP ${response.status})`;
  if (response.status === 403) {
    // Whatever the body's name, so that the actions can tell a refusal
    // (its message names the permission). Without the cause, which
    // NotAllowedError would append to the message.
    return new NotAllowedError(text);
  }
  const wrapped = new Error(text, { cause: error });
  wrapped.name = name;
  return wrapped;
}

/**
 * The HTTP status of an error the client threw for a response, or
 * undefined when the call got no response (it could not connect, or the
 * connection broke).
 */
export function responseStatusOf(error: unknown): number | undefined {
  if (!isError(error)) return undefined;
  if (error.name === 'NotAllowedError') return 403;
  return error.cause instanceof ResponseError
    ? error.cause.statusCode
    : undefined;
}
