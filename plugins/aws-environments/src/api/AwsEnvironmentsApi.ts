import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AwsEnvironmentsApiClient,
  CostEstimate,
  CreateDeploymentResponse,
  DestroyEnvironmentRequest,
  EnvironmentSpecInput,
} from '@innovate/plugin-aws-environments-common';

/**
 * Client of the aws-environments backend (`/api/aws-environments/v1`): the
 * calls of the common package's `AwsEnvironmentsApiClient`
 * (generated types) a page makes, with the spec typed for the wizard.
 *
 * Every method rejects with a `ResponseError` from `@backstage/errors` when
 * the backend answers with an error; its `cause.message` is the backend's
 * message.
 *
 * @public
 */
export interface AwsEnvironmentsApi
  extends Pick<
    AwsEnvironmentsApiClient,
    | 'listEnvironments'
    | 'getFleet'
    | 'getEnvironment'
    | 'getClusterView'
    | 'getDatabaseView'
    | 'getAlarmsView'
    | 'getCostView'
    | 'getDriftView'
    | 'getDomainView'
    | 'previewChanges'
    | 'listDeployments'
    | 'getDeployment'
    | 'createDeployment'
  > {
  /** `POST estimate`: the backend's cost estimate for a spec. */
  estimate(spec: EnvironmentSpecInput): Promise<CostEstimate>;
  /** `POST environments/{name}/deployments/{id}/execute`: executes a pending change set. */
  executeChangeSet(name: string, id: string): Promise<void>;
  /** `DELETE environments/{name}`: the name must be repeated in `confirm`. */
  destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<CreateDeploymentResponse>;
}

/**
 * The API reference of {@link AwsEnvironmentsApi}.
 *
 * @public
 */
export const awsEnvironmentsApiRef = createApiRef<AwsEnvironmentsApi>({
  id: 'plugin.aws-environments.service',
});
