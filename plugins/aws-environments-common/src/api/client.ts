import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/openapi';
import type {
  CreateDeploymentRequest,
  DestroyEnvironmentRequest,
} from './types';

/**
 * The aws-environments API's paths and schemas, generated from its OpenAPI
 * document by openapi-typescript.
 *
 * @public
 */
export type { components as AwsEnvironmentsApiComponents } from './generated/openapi';
/** @public */
export type { paths as AwsEnvironmentsApiPaths } from './generated/openapi';

type Schemas = components['schemas'];

/**
 * How the client reaches the backend plugin.
 *
 * @public
 */
export interface AwsEnvironmentsApiClientOptions {
  /** The plugin's base URL (`…/api/aws-environments`), e.g. from discovery. */
  baseUrl: () => Promise<string>;
  /** Sends a request (the app's fetch API, or the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers of every request, e.g. a service token. */
  headers?: () => Promise<Record<string, string>>;
  /**
   * The error a response that is not 2xx rejects with, e.g. `@backstage/errors`'
   * `ResponseError.fromResponse` (which keeps the body and its `fieldErrors`).
   */
  toError: (response: Response) => Promise<Error>;
}

/**
 * Typed calls of the aws-environments API (`/v1`), over openapi-fetch and the
 * generated types. Every call rejects with `toError(response)` when the
 * backend answers with an error.
 *
 * @public
 */
export interface AwsEnvironmentsApiClient {
  /** The openapi-fetch client, for calls the methods do not cover. */
  raw(): Promise<Client<paths>>;
  listEnvironments(): Promise<Schemas['EnvironmentSummary'][]>;
  getEnvironment(name: string): Promise<Schemas['EnvironmentDetail']>;
  getClusterView(name: string): Promise<Schemas['ClusterView']>;
  getDatabaseView(name: string): Promise<Schemas['DatabaseView']>;
  getAlarmsView(name: string): Promise<Schemas['AlarmsView']>;
  getCostView(name: string): Promise<Schemas['CostView']>;
  getEntities(name: string): Promise<Schemas['Entity'][]>;
  /** Any spec may be sent: the backend names each bad field. */
  estimate(spec: unknown): Promise<Schemas['CostEstimate']>;
  listDeployments(name: string): Promise<Schemas['DeploymentSummary'][]>;
  getDeployment(name: string, id: string): Promise<Schemas['Deployment']>;
  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
  ): Promise<Schemas['CreateDeploymentResponse']>;
  executeDeployment(
    name: string,
    id: string,
  ): Promise<Schemas['CreateDeploymentResponse']>;
  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<Schemas['Deployment']>;
}

/**
 * A client of the aws-environments API.
 *
 * @public
 */
export function createAwsEnvironmentsApiClient(
  options: AwsEnvironmentsApiClientOptions,
): AwsEnvironmentsApiClient {
  const client = createClient<paths>({
    fetch: options.fetch ?? (request => fetch(request)),
  });
  client.use({
    async onResponse({ response }) {
      if (!response.ok) {
        throw await options.toError(response);
      }
      return undefined;
    },
  });
  // Where and with which headers: both may change between calls.
  const init = async () => ({
    baseUrl: await options.baseUrl(),
    headers: options.headers ? await options.headers() : undefined,
  });
  const name = (value: string) => ({ path: { name: value } });
  const nameAndId = (value: string, id: string) => ({
    path: { name: value, id },
  });
  /** The data of a 2xx response (the middleware throws for the others). */
  const data = async <T>(call: Promise<{ data?: T }>) => (await call).data as T;

  return {
    raw: async () => client,
    listEnvironments: async () =>
      (await data(client.GET('/v1/environments', await init()))).items,
    getEnvironment: async n =>
      data(
        client.GET('/v1/environments/{name}', {
          ...(await init()),
          params: name(n),
        }),
      ),
    getClusterView: async n =>
      data(
        client.GET('/v1/environments/{name}/cluster', {
          ...(await init()),
          params: name(n),
        }),
      ),
    getDatabaseView: async n =>
      data(
        client.GET('/v1/environments/{name}/database', {
          ...(await init()),
          params: name(n),
        }),
      ),
    getAlarmsView: async n =>
      data(
        client.GET('/v1/environments/{name}/alarms', {
          ...(await init()),
          params: name(n),
        }),
      ),
    getCostView: async n =>
      data(
        client.GET('/v1/environments/{name}/cost', {
          ...(await init()),
          params: name(n),
        }),
      ),
    getEntities: async n =>
      (
        await data(
          client.GET('/v1/environments/{name}/entities', {
            ...(await init()),
            params: name(n),
          }),
        )
      ).items,
    estimate: async spec =>
      (
        await data(
          client.POST('/v1/estimate', {
            ...(await init()),
            // The backend checks the spec and names each bad field.
            body: { spec } as Schemas['EstimateRequest'],
          }),
        )
      ).estimate,
    listDeployments: async n =>
      (
        await data(
          client.GET('/v1/environments/{name}/deployments', {
            ...(await init()),
            params: name(n),
          }),
        )
      ).items,
    getDeployment: async (n, id) =>
      data(
        client.GET('/v1/environments/{name}/deployments/{id}', {
          ...(await init()),
          params: nameAndId(n, id),
        }),
      ),
    createDeployment: async (n, body) =>
      data(
        client.POST('/v1/environments/{name}/deployments', {
          ...(await init()),
          params: name(n),
          body: body as Schemas['CreateDeploymentRequest'],
        }),
      ),
    executeDeployment: async (n, id) =>
      data(
        client.POST('/v1/environments/{name}/deployments/{id}/execute', {
          ...(await init()),
          params: nameAndId(n, id),
        }),
      ),
    destroyEnvironment: async (n, body) =>
      data(
        client.DELETE('/v1/environments/{name}', {
          ...(await init()),
          params: name(n),
          body,
        }),
      ),
  };
}
