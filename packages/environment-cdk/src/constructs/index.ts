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
export * from './EdgeVpcOriginAccess';
export type { EdgeProps } from './EdgeProps';
export * from './Observability';
export type { AlarmSettings, ObservabilityProps } from './ObservabilityProps';
export * from './Security';
export type { SecurityProps } from './SecurityProps';
export * from './Registry';
export type { RegistryProps } from './RegistryProps';
export * from './Budget';
export type { BudgetProps } from './BudgetProps';
