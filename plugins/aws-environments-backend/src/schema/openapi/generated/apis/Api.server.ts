//

// ******************************************************************
// * Written by hand in the shape `backstage-repo-tools package schema
// * openapi generate --server` produces (its OpenAPI generator jar cannot
// * be downloaded here). Models are the contract types of
// * @innovate/plugin-aws-environments-common rather than generated copies.
// * Keep in step with ../../../openapi.yaml.
// ******************************************************************
import type { JsonObject } from '@backstage/types';
import type {
  AlarmsView,
  ChecksRun,
  ClusterView,
  CostView,
  CreateDeploymentRequest,
  CreateDeploymentResponse,
  DatabaseView,
  Deployment,
  DriftView,
  DeploymentSummary,
  DestroyEnvironmentRequest,
  DomainView,
  EnvironmentDetail,
  EnvironmentSummary,
  EstimateResponse,
  FleetResponse,
  PreviewRequest,
  PreviewResponse,
} from '@innovate/plugin-aws-environments-common';

type EnvironmentPath = { name: string };
type DeploymentPath = { name: string; id: string };

/**
 * @public
 */
export type ListEnvironments = {
  response: { items: EnvironmentSummary[] };
};
/**
 * @public
 */
export type GetFleet = {
  query: {
    owner?: string;
    source?: string;
    status?: string;
    region?: string;
    account?: string;
    sort?: string;
    order?: string;
    limit?: string;
    cursor?: string;
  };
  response: FleetResponse;
};
/**
 * @public
 */
export type GetEnvironment = {
  path: EnvironmentPath;
  response: EnvironmentDetail;
};
/**
 * @public
 */
export type DestroyEnvironment = {
  path: EnvironmentPath;
  body: Partial<DestroyEnvironmentRequest>;
  response: Deployment;
};
/**
 * @public
 */
export type GetClusterView = {
  path: EnvironmentPath;
  response: ClusterView;
};
/**
 * @public
 */
export type GetDatabaseView = {
  path: EnvironmentPath;
  response: DatabaseView;
};
/**
 * @public
 */
export type GetAlarmsView = {
  path: EnvironmentPath;
  response: AlarmsView;
};
/**
 * @public
 */
export type GetCostView = {
  path: EnvironmentPath;
  response: CostView;
};
/**
 * @public
 */
export type GetDriftView = {
  path: EnvironmentPath;
  response: DriftView;
};
/**
 * @public
 */
export type GetDomainView = {
  path: EnvironmentPath;
  response: DomainView;
};
/**
 * @public
 */
export type GetEnvironmentEntities = {
  path: EnvironmentPath;
  response: { items: JsonObject[] };
};
/**
 * @public
 */
export type ListDeployments = {
  path: EnvironmentPath;
  query: { limit?: string };
  response: { items: DeploymentSummary[] };
};
/**
 * @public
 */
export type CreateDeployment = {
  path: EnvironmentPath;
  body: CreateDeploymentRequest;
  response: CreateDeploymentResponse;
};
/**
 * @public
 */
export type GetDeployment = {
  path: DeploymentPath;
  response: Deployment;
};
/**
 * @public
 */
export type ExecuteDeployment = {
  path: DeploymentPath;
  response: CreateDeploymentResponse;
};
/**
 * @public
 */
export type Estimate = {
  body: { spec?: unknown };
  response: EstimateResponse;
};

/**
 * @public
 */
export type PreviewChanges = {
  path: EnvironmentPath;
  body: PreviewRequest;
  response: PreviewResponse;
};

/**
 * @public
 */
export type RunEnvironmentChecks = {
  path: EnvironmentPath;
  response: ChecksRun;
};

export type EndpointMap = {
  '#get|/v1/environments': ListEnvironments;

  '#get|/v1/fleet': GetFleet;

  '#get|/v1/environments/{name}': GetEnvironment;

  '#_delete|/v1/environments/{name}': DestroyEnvironment;

  '#get|/v1/environments/{name}/cluster': GetClusterView;

  '#get|/v1/environments/{name}/database': GetDatabaseView;

  '#get|/v1/environments/{name}/alarms': GetAlarmsView;

  '#get|/v1/environments/{name}/cost': GetCostView;
  '#get|/v1/environments/{name}/drift': GetDriftView;

  '#get|/v1/environments/{name}/domain': GetDomainView;

  '#get|/v1/environments/{name}/entities': GetEnvironmentEntities;

  '#get|/v1/environments/{name}/deployments': ListDeployments;

  '#post|/v1/environments/{name}/deployments': CreateDeployment;

  '#get|/v1/environments/{name}/deployments/{id}': GetDeployment;

  '#post|/v1/environments/{name}/deployments/{id}/execute': ExecuteDeployment;

  '#post|/v1/environments/{name}/preview': PreviewChanges;

  '#post|/v1/environments/{name}/checks/run': RunEnvironmentChecks;

  '#post|/v1/estimate': Estimate;
};
