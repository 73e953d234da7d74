import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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

  listEnvironments: AwsEnvironmentsApi['listEnvironments'] = () =>
    this.client.listEnvironments();

  getEnvironment: AwsEnvironmentsApi['getEnvironment'] = name =>
    this.client.getEnvironment(name);

  getClusterView: AwsEnvironmentsApi['getClusterView'] = name =>
    this.client.getClusterView(name);

  getDatabaseView: AwsEnvironmentsApi['getDatabaseView'] = name =>
    this.client.getDatabaseView(name);

  getAlarmsView: AwsEnvironmentsApi['getAlarmsView'] = name =>
    this.client.getAlarmsView(name);

  getCostView: AwsEnvironmentsApi['getCostView'] = name =>
    this.client.getCostView(name);

  estimate: AwsEnvironmentsApi['estimate'] = spec => this.client.estimate(spec);

  listDeployments: AwsEnvironmentsApi['listDeployments'] = name =>
    this.client.listDeployments(name);

  getDeployment: AwsEnvironmentsApi['getDeployment'] = (name, id) =>
    this.client.getDeployment(name, id);

  createDeployment: AwsEnvironmentsApi['createDeployment'] = (name, request) =>
    this.client.createDeployment(name, request);

  executeChangeSet: AwsEnvironmentsApi['executeChangeSet'] = async (
    name,
    id,
  ) => {
    await this.client.executeDeployment(name, id);
  };

  destroyEnvironment: AwsEnvironmentsApi['destroyEnvironment'] = (
    name,
    request,
  ) => this.client.destroyEnvironment(name, request);
}
