import type {
  AlarmsView,
  ClusterView,
  CostView,
  DatabaseView,
  DataSourceKind,
  DomainView,
  DriftView,
  ViewMeta,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import type { EnvironmentRecord } from '../EnvironmentRegistry/types';

/** A view's data, without the `source`/`fetchedAt`/`stale` envelope. */
export type ViewData<V> = Omit<V, keyof ViewMeta>;

/** The view types by view name. */
export interface Views {
  cluster: ClusterView;
  database: DatabaseView;
  alarms: AlarmsView;
  cost: CostView;
  drift: DriftView;
  domain: DomainView;
}

/** An environment that has been deployed, with the stacks it has now. */
export type DeployedEnvironment = EnvironmentRecord & {
  stacks: NonNullable<EnvironmentRecord['stacks']>;
};

/**
 * Answers the data views of an environment. Each view is fetched on its own
 * so one failing service never takes down the others.
 */
export interface EnvironmentDataSource {
  readonly kind: DataSourceKind;
  getView<V extends ViewName>(
    view: V,
    environment: DeployedEnvironment,
  ): Promise<ViewData<Views[V]>>;
}
