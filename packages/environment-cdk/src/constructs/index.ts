export * from './Network';
export type { NetworkProps } from './NetworkProps';
export * from './Cluster';
export type {
  ClusterProps,
  NodeGroupSizing,
  ServiceAccountName,
} from './ClusterProps';
export * from './Database';
export type { DatabaseProps } from './DatabaseProps';
export * from './EdgeWebAcl';
export type { EdgeWebAclProps } from './EdgeWebAclProps';
export * from './Edge';
export * from './EdgeDomain';
export * from './EdgeVpcOriginAccess';
export type { EdgeProps } from './EdgeProps';
export * from './Observability';
export type { AlarmSettings, ObservabilityProps } from './ObservabilityProps';
export * from './Registry';
export type { RegistryProps } from './RegistryProps';
export * from './AccountBaseline';
export type { AccountBaselineProps } from './AccountBaselineProps';
export * from './Budget';
export type { BudgetProps } from './BudgetProps';
