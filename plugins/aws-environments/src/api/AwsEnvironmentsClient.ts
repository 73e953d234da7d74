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
} from '@innovate/plugin-aws-environments-common';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  AwsEnvironmentsApiClient,
  createAwsEnvironmentsApiClient,
} from '@innovate/plugin-aws-environments-common';
import type { AwsEnvironmentsApi } from './AwsEnvironmentsApi';

/**
 * {@link AwsEnvironmentsApi} over HTTP, through the app's discovery and
 * (authenticated) fetch APIs, on the client generated from the backend's
 * OpenAPI document.
 *
 * @public
 */
export class AwsEnvironmentsClient implements AwsEnvironmentsApi {
  private readonly client: AwsEnvironmentsApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    const { discoveryApi, fetchApi } = options;
    this.client = createAwsEnvironmentsApiClient({
      baseUrl: () => discoveryApi.getBaseUrl(AWS_ENVIRONMENTS_PLUGIN_ID),
      fetch: request => fetchApi.fetch(request),
      toError: response => ResponseError.fromResponse(response),
    });
  }

  listEnvironments(): Promise<EnvironmentSummary[]> {
    return this.client.listEnvironments();
  }

  getEnvironment(name: string): Promise<EnvironmentDetail> {
    return this.client.getEnvironment(name);
  }

  getClusterView(name: string): Promise<ClusterView> {
    return this.client.getClusterView(name);
  }

  getDatabaseView(name: string): Promise<DatabaseView> {
    return this.client.getDatabaseView(name);
  }

  getAlarmsView(name: string): Promise<AlarmsView> {
    return this.client.getAlarmsView(name);
  }

  getCostView(name: string): Promise<CostView> {
    return this.client.getCostView(name);
  }

  estimate(spec: EnvironmentSpecInput): Promise<CostEstimate> {
    return this.client.estimate(spec);
  }

  listDeployments(name: string): Promise<DeploymentSummary[]> {
    return this.client.listDeployments(name);
  }

  getDeployment(name: string, id: string): Promise<Deployment> {
    return this.client.getDeployment(name, id);
  }

  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
  ): Promise<CreateDeploymentResponse> {
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
