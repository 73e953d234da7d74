import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  type AwsEnvironmentsApiClient,
  type CreateDeploymentRequest,
  type CreateDeploymentResponse,
  createAwsEnvironmentsApiClient,
  type DestroyEnvironmentRequest,
  type EnvironmentSpecInput,
  type FleetQuery,
  type PreviewRequest,
} from '@innovate/plugin-aws-environments-common';
import type { AwsEnvironmentsApi } from './AwsEnvironmentsApi';

/**
 * The URL and init of an openapi-fetch `Request`, its body read. Backstage's
 * fetch middlewares build `new Request(input, init)` from their input more
 * than once (the plugin protocol resolver, then the identity injector): a
 * `Request` with a body would be used up by the first and refused by the
 * next ("Cannot construct a Request with a Request object that has already
 * been used"), so a POST must reach them as a URL and an init.
 */
async function urlAndInitOf(request: Request): Promise<[string, RequestInit]> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return [
    request.url,
    {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.text() : undefined,
      signal: request.signal,
    },
  ];
}

/**
 * {@link AwsEnvironmentsApi} over HTTP, through the app's discovery and
 * (authenticated) fetch APIs, on the client generated from the backend's
 * OpenAPI document (whose types its methods return).
 *
 * @public
 */
export class AwsEnvironmentsClient implements AwsEnvironmentsApi {
  private readonly client: AwsEnvironmentsApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    const { discoveryApi, fetchApi } = options;
    this.client = createAwsEnvironmentsApiClient({
      baseUrl: () => discoveryApi.getBaseUrl(AWS_ENVIRONMENTS_PLUGIN_ID),
      fetch: async request => fetchApi.fetch(...(await urlAndInitOf(request))),
      toError: response => ResponseError.fromResponse(response),
    });
  }

  listEnvironments() {
    return this.client.listEnvironments();
  }

  getFleet(query?: FleetQuery) {
    return this.client.getFleet(query);
  }

  getEnvironment(name: string) {
    return this.client.getEnvironment(name);
  }

  getClusterView(name: string) {
    return this.client.getClusterView(name);
  }

  getDatabaseView(name: string) {
    return this.client.getDatabaseView(name);
  }

  getAlarmsView(name: string) {
    return this.client.getAlarmsView(name);
  }

  getCostView(name: string) {
    return this.client.getCostView(name);
  }

  getDriftView(name: string) {
    return this.client.getDriftView(name);
  }

  getDomainView(name: string) {
    return this.client.getDomainView(name);
  }

  previewChanges(name: string, request: PreviewRequest) {
    return this.client.previewChanges(name, request);
  }

  estimate(spec: EnvironmentSpecInput) {
    return this.client.estimate(spec);
  }

  listDeployments(name: string) {
    return this.client.listDeployments(name);
  }

  getDeployment(name: string, id: string) {
    return this.client.getDeployment(name, id);
  }

  createDeployment(name: string, request: CreateDeploymentRequest) {
    return this.client.createDeployment(name, request);
  }

  async executeChangeSet(name: string, id: string): Promise<void> {
    await this.client.executeDeployment(name, id);
  }

  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<CreateDeploymentResponse> {
    return this.client.destroyEnvironment(name, request);
  }
}
