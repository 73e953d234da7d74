import { useAwsEnvironmentsQuery } from './useAwsEnvironmentsQuery';

// Each hook's value type is the API method's (QueryResult of what it resolves).

/** Every environment the backend knows. */
export function useEnvironments() {
  return useAwsEnvironmentsQuery(api => api.listEnvironments(), []);
}

/** One environment with its spec and deployments. */
export function useEnvironment(name: string) {
  return useAwsEnvironmentsQuery(api => api.getEnvironment(name), [name]);
}

/** The EKS view of an environment. */
export function useClusterView(name: string) {
  return useAwsEnvironmentsQuery(api => api.getClusterView(name), [name]);
}

/** The RDS view of an environment. */
export function useDatabaseView(name: string) {
  return useAwsEnvironmentsQuery(api => api.getDatabaseView(name), [name]);
}

/** The CloudWatch alarms of an environment. */
export function useAlarmsView(name: string) {
  return useAwsEnvironmentsQuery(api => api.getAlarmsView(name), [name]);
}

/** Spend, forecast and budget of an environment. */
export function useCostView(name: string) {
  return useAwsEnvironmentsQuery(api => api.getCostView(name), [name]);
}

/** CloudFormation drift of an environment's stacks. */
export function useDriftView(name: string) {
  return useAwsEnvironmentsQuery(api => api.getDriftView(name), [name]);
}

/** The names, records and certificates of an environment's domain. */
export function useDomainView(name: string) {
  return useAwsEnvironmentsQuery(api => api.getDomainView(name), [name]);
}

/** The deployment history of an environment, newest first. */
export function useDeployments(name: string) {
  return useAwsEnvironmentsQuery(api => api.listDeployments(name), [name]);
}

/** One deployment with its events. */
export function useDeployment(name: string, id: string) {
  return useAwsEnvironmentsQuery(
    api => api.getDeployment(name, id),
    [name, id],
  );
}
