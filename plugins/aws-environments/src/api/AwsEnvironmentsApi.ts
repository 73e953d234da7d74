import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AwsEnvironmentsApiSchemas as Schemas,
  CreateDeploymentRequest,
  DestroyEnvironmentRequest,
  EnvironmentDetail,
  EnvironmentSpecInput,
} from '@innovate/plugin-aws-environments-common';

/**
 * Client of the aws-environments backend (`/api/aws-environments/v1`), in
 * the types generated from its OpenAPI document.
 *
 * Every method rejects with a `ResponseError` from `@backstage/errors` when
 * the backend answers with an error; its `cause.message` is the backend's
 * message.
 *
 * @public
 */
export interface AwsEnvironmentsApi {
  /** `GET environments` */
  listEnvironments(): Promise<Schemas['EnvironmentSummary'][]>;
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
  /** `POST estimate`: the backend's cost estimate for a spec. */
  estimate(spec: EnvironmentSpecInput): Promise<Schemas['CostEstimate']>;
  /** `GET environments/{name}/deployments`, newest first. */
  listDeployments(name: string): Promise<Schemas['DeploymentSummary'][]>;
  /** `GET environments/{name}/deployments/{id}`, with its events. */
  getDeployment(name: string, id: string): Promise<Schemas['Deployment']>;
  /** `POST environments/{name}/deployments` */
  createDeployment(
    name: string,
    request: CreateDeploymentRequest,
  ): Promise<Schemas['CreateDeploymentResponse']>;
  /** `POST environments/{name}/deployments/{id}/execute`: executes a pending change set. */
  executeChangeSet(name: string, id: string): Promise<void>;
  /** `DELETE environments/{name}`: the name must be repeated in `confirm`. */
  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<Schemas['CreateDeploymentResponse']>;
}

/**
 * The API reference of {@link AwsEnvironmentsApi}.
 *
 * @public
 */
export const awsEnvironmentsApiRef = createApiRef<AwsEnvironmentsApi>({
  id: 'plugin.aws-environments.service',
});
