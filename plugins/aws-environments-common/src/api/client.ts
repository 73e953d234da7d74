/* eslint-disable new-cap -- openapi-fetch names its methods after the HTTP verbs */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi';
import type {
  AwsEnvironmentsApiSchemas as Schemas,
  CreateDeploymentRequest,
  Deployment,
  DestroyEnvironmentRequest,
  EnvironmentDetail,
  PreviewRequest,
  PreviewResponse,
} from './types';
import type { FleetQuery, FleetResponse } from './fleet';

/**
 * The aws-environments API's paths and schemas, generated from its OpenAPI
 * document by openapi-typescript.
 *
 * @public
 */
export type { components as AwsEnvironmentsApiComponents } from './generated/openapi';
/** @public */
export type { paths as AwsEnvironmentsApiPaths } from './generated/openapi';
/** @public */
export type { operations as AwsEnvironmentsApiOperations } from './generated/openapi';

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
  /** `GET environments` */
  listEnvironments(): Promise<Schemas['EnvironmentSummary'][]>;
  /** `GET fleet`: spend, budget and firing alarms of every readable environment. */
  getFleet(query?: FleetQuery): Promise<FleetResponse>;
  /** `GET environments/{name}` */
  getEnvironment(name: string): Promise<EnvironmentDetail>;
  /** `GET environments/{name}/cluster` */
  getClusterView(name: string): Promise<Schemas['ClusterView']>;
  /** `GET environments/{name}/database` */
  getDatabaseView(name: string): Promise<Schemas['DatabaseView']>;
  /** `GET environments/{name}/alarms` */
  getAlarmsView(name: string): Promise<Schemas['AlarmsView']>;
  /** `GET environments/{name}/cost` */
  getCostView(name: string): Promise<Schemas['CostView']>;
  /** `GET environments/{name}/drift`: CloudFormation drift of its stacks. */
  getDriftView(name: string): Promise<Schemas['DriftView']>;
  /**
   * `GET environments/{name}/domain`: its names, records and certificates
   * (`configured: false` without a domain).
   */
  getDomainView(name: string): Promise<Schemas['DomainView']>;
  /** `GET environments/{name}/entities`: the catalog entities it provides. */
  getEntities(name: string): Promise<Schemas['Entity'][]>;
  /**
   * `POST estimate`: the backend's cost estimate for a spec. Any spec may be
   * sent: the backend names each bad field.
   */
  estimate(spec: unknown): Promise<Schemas['CostEstimate']>;
  /** `GET environments/{name}/deployments`, newest first. */
  listDeployments(name: string): Promise<Schemas['DeploymentSummary'][]>;
  /** `GET environments/{name}/deployments/{id}`, with its events. */
  getDeployment(name: string, id: string): Promise<Deployment>;
  /** `POST environments/{name}/deployments` */
  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
  ): Promise<Schemas['CreateDeploymentResponse']>;
  /** `POST environments/{name}/deployments/{id}/execute`: executes a pending change set. */
  executeDeployment(
    name: string,
    id: string,
  ): Promise<Schemas['CreateDeploymentResponse']>;
  /**
   * `POST environments/{name}/preview`: what a change of the spec would do
   * (resources, cost, checks, what blocks it), without changing anything.
   */
  previewChanges(
    name: string,
    request: PreviewRequest,
  ): Promise<PreviewResponse>;
  /** `DELETE environments/{name}`: the name must be repeated in `confirm`. */
  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<Schemas['Deployment']>;
}

type Init = { baseUrl: string; headers?: Record<string, string> };

/** The data of a 2xx response (the middleware throws for the others). */
async function dataOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

/** Reads of an environment and its views, deployments and entities. */
function reads(
  client: Client<paths>,
  init: (name?: string, id?: string) => Promise<Init & { params: any }>,
) {
  return {
    listEnvironments: async () =>
      (await dataOf(client.GET('/v1/environments', await init()))).items,
    getFleet: async (query: FleetQuery = {}) =>
      dataOf(
        client.GET('/v1/fleet', {
          ...(await init()),
          params: { query },
        }),
      ),
    getEnvironment: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}', await init(name))),
    getClusterView: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}/cluster', await init(name))),
    getDatabaseView: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}/database', await init(name))),
    getAlarmsView: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}/alarms', await init(name))),
    getCostView: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}/cost', await init(name))),
    getDriftView: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}/drift', await init(name))),
    getDomainView: async (name: string) =>
      dataOf(client.GET('/v1/environments/{name}/domain', await init(name))),
    getEntities: async (name: string) =>
      (
        await dataOf(
          client.GET('/v1/environments/{name}/entities', await init(name)),
        )
      ).items,
    listDeployments: async (name: string) =>
      (
        await dataOf(
          client.GET('/v1/environments/{name}/deployments', await init(name)),
        )
      ).items,
    // The spec is the validator's type (see Deployment).
    getDeployment: async (name: string, id: string) =>
      (await dataOf(
        client.GET(
          '/v1/environments/{name}/deployments/{id}',
          await init(name, id),
        ),
      )) as Deployment,
  };
}

/** The estimate, and the changes: deployments, their execution, destroys. */
function writes(
  client: Client<paths>,
  init: (name?: string, id?: string) => Promise<Init & { params: any }>,
) {
  return {
    // The backend checks the spec and names each bad field.
    estimate: async (spec: unknown) =>
      (
        await dataOf(
          client.POST('/v1/estimate', {
            ...(await init()),
            body: { spec } as Schemas['EstimateRequest'],
          }),
        )
      ).estimate,
    createDeployment: async (name: string, body: CreateDeploymentRequest) =>
      dataOf(
        client.POST('/v1/environments/{name}/deployments', {
          ...(await init(name)),
          body: body as Schemas['CreateDeploymentRequest'],
        }),
      ),
    executeDeployment: async (name: string, id: string) =>
      dataOf(
        client.POST(
          '/v1/environments/{name}/deployments/{id}/execute',
          await init(name, id),
        ),
      ),
    previewChanges: async (name: string, body: PreviewRequest) =>
      dataOf(
        client.POST('/v1/environments/{name}/preview', {
          ...(await init(name)),
          body: body as Schemas['PreviewRequest'],
        }),
      ),
    destroyEnvironment: async (name: string, body: DestroyEnvironmentRequest) =>
      dataOf(
        client.DELETE('/v1/environments/{name}', {
          ...(await init(name)),
          body,
        }),
      ),
  };
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
  // Where, with which headers and for which path parameters: the base URL
  // and the headers may change between calls.
  const init = async (name?: string, id?: string) => ({
    baseUrl: await options.baseUrl(),
    headers: options.headers ? await options.headers() : undefined,
    params: { path: { name, id } },
  });
  return {
    ...reads(client, init),
    ...writes(client, init),
  };
}
