import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AlarmsView,
  ClusterView,
  CostEstimate,
  CostView,
  CreateDeploymentRequest,
  CreateDeploymentResponse,
  DatabaseView,
  Deployment,
  DeploymentSummary,
  DestroyEnvironmentRequest,
  EnvironmentDetail,
  EnvironmentSpecInput,
  EnvironmentSummary,
  EstimateResponse,
} from '@innovate/plugin-aws-environments-common';
import type { AwsEnvironmentsApi } from './AwsEnvironmentsApi';

const API_VERSION = 'v1';

/**
 * {@link AwsEnvironmentsApi} over HTTP, through the app's discovery and
 * (authenticated) fetch APIs.
 *
 * @public
 */
export class AwsEnvironmentsClient implements AwsEnvironmentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listEnvironments(): Promise<EnvironmentSummary[]> {
    const body = await this.request<{ items: EnvironmentSummary[] }>(
      'environments',
    );
    return body.items;
  }

  getEnvironment(name: string): Promise<EnvironmentDetail> {
    return this.request(`environments/${enc(name)}`);
  }

  getClusterView(name: string): Promise<ClusterView> {
    return this.request(`environments/${enc(name)}/cluster`);
  }

  getDatabaseView(name: string): Promise<DatabaseView> {
    return this.request(`environments/${enc(name)}/database`);
  }

  getAlarmsView(name: string): Promise<AlarmsView> {
    return this.request(`environments/${enc(name)}/alarms`);
  }

  getCostView(name: string): Promise<CostView> {
    return this.request(`environments/${enc(name)}/cost`);
  }

  async estimate(spec: EnvironmentSpecInput): Promise<CostEstimate> {
    const body = await this.request<EstimateResponse>('estimate', {
      method: 'POST',
      body: { spec },
    });
    return body.estimate;
  }

  async listDeployments(name: string): Promise<DeploymentSummary[]> {
    const body = await this.request<{ items: DeploymentSummary[] }>(
      `environments/${enc(name)}/deployments`,
    );
    return body.items;
  }

  getDeployment(name: string, id: string): Promise<Deployment> {
    return this.request(`environments/${enc(name)}/deployments/${enc(id)}`);
  }

  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
  ): Promise<CreateDeploymentResponse> {
    return this.request(`environments/${enc(name)}/deployments`, {
      method: 'POST',
      body: request,
    });
  }

  async executeChangeSet(name: string, id: string): Promise<void> {
    await this.request(
      `environments/${enc(name)}/deployments/${enc(id)}/execute`,
      { method: 'POST' },
    );
  }

  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<CreateDeploymentResponse> {
    return this.request(`environments/${enc(name)}`, {
      method: 'DELETE',
      body: request,
    });
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-environments');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/${API_VERSION}/${path}`,
      {
        method: options.method ?? 'GET',
        headers:
          options.body === undefined
            ? undefined
            : { 'Content-Type': 'application/json' },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
