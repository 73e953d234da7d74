import type {
  AlarmsView,
  ClusterView,
  CostView,
  DatabaseView,
  Deployment,
  DeploymentSummary,
  EnvironmentDetail,
  EnvironmentSummary,
} from '@innovate/plugin-aws-environments-common';
import {
  QueryResult,
  useAwsEnvironmentsQuery,
} from './useAwsEnvironmentsQuery';

/** Every environment the backend knows. */
export function useEnvironments(): QueryResult<EnvironmentSummary[]> {
  return useAwsEnvironmentsQuery(api => api.listEnvironments(), []);
}

/** One environment with its spec and deployments. */
export function useEnvironment(name: string): QueryResult<EnvironmentDetail> {
  return useAwsEnvironmentsQuery(api => api.getEnvironment(name), [name]);
}

/** The EKS view of an environment. */
export function useClusterView(name: string): QueryResult<ClusterView> {
  return useAwsEnvironmentsQuery(api => api.getClusterView(name), [name]);
}

/** The RDS view of an environment. */
export function useDatabaseView(name: string): QueryResult<DatabaseView> {
  return useAwsEnvironmentsQuery(api => api.getDatabaseView(name), [name]);
}

/** The CloudWatch alarms of an environment. */
export function useAlarmsView(name: string): QueryResult<AlarmsView> {
  return useAwsEnvironmentsQuery(api => api.getAlarmsView(name), [name]);
}

/** Spend, forecast and budget of an environment. */
export function useCostView(name: string): QueryResult<CostView> {
  return useAwsEnvironmentsQuery(api => api.getCostView(name), [name]);
}

/** The deployment history of an environment, newest first. */
export function useDeployments(name: string): QueryResult<DeploymentSummary[]> {
  return useAwsEnvironmentsQuery(api => api.listDeployments(name), [name]);
}

/** One deployment with its events. */
export function useDeployment(
  name: string,
  id: string,
): QueryResult<Deployment> {
  return useAwsEnvironmentsQuery(
    api => api.getDeployment(name, id),
    [name, id],
  );
}
