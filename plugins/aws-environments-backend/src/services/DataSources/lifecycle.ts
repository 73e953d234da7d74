import {
  lifecycleOf,
  RDS_INSTANCE_CLASSES,
  type VersionLifecycle,
} from '@innovate/plugin-aws-environments-common';

/**
 * The lifecycle of a cluster's Kubernetes version at `at`; `null` when the
 * calendar does not know the version.
 */
export function clusterLifecycle(
  version: string,
  at: Date,
): VersionLifecycle | null {
  return lifecycleOf('eks', version, at) ?? null;
}

/**
 * The lifecycle of a database's engine version at `at`, priced for its
 * instance class (RDS Extended Support is per vCPU-hour, the Multi-AZ
 * standby included); `null` for engines or versions the calendar lacks.
 */
export function databaseLifecycle(
  database: {
    engine: string;
    engineVersion: string;
    instanceClass: string;
    multiAz: boolean;
  },
  at: Date,
): VersionLifecycle | null {
  if (database.engine !== 'postgres') {
    return null;
  }
  const vcpus = RDS_INSTANCE_CLASSES.find(
    c => c.name === database.instanceClass,
  )?.vcpus;
  return (
    lifecycleOf('rds-postgres', database.engineVersion, at, {
      vcpus,
      instances: database.multiAz ? 2 : 1,
    }) ?? null
  );
}
