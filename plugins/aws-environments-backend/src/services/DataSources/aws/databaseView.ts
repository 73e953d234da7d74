import {
  DescribeDBInstancesCommand,
  DescribePendingMaintenanceActionsCommand,
  PendingModifiedValues,
  RDSClient,
  ResourcePendingMaintenanceActions,
} from '@aws-sdk/client-rds';
import type {
  DatabaseView,
  PendingMaintenanceView,
} from '@innovate/plugin-aws-environments-common';
import { malformed } from '../../../errors';
import { deployedDatabase } from '../environmentParts';
import { databaseLifecycle } from '../lifecycle';
import type { DeployedEnvironment, ViewData } from '../types';
import { callAws } from './awsErrors';
import { workloadsScope } from './workloadsScope';

export async function fetchDatabaseView(
  environment: DeployedEnvironment,
  rds: RDSClient,
  now: Date = new Date(),
): Promise<ViewData<DatabaseView>> {
  const { identifier } = deployedDatabase(environment);
  const scope = workloadsScope(environment);
  const context = (action: string) =>
    scope.context(action, `RDS instance ${identifier}`);

  const [instances, maintenance] = await Promise.all([
    callAws(context('rds:DescribeDBInstances'), () =>
      rds.send(
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }),
      ),
    ),
    callAws(context('rds:DescribePendingMaintenanceActions'), () =>
      rds.send(
        new DescribePendingMaintenanceActionsCommand({
          Filters: [{ Name: 'db-instance-id', Values: [identifier] }],
        }),
      ),
    ),
  ]);

  const instance = instances.DBInstances?.[0];
  if (!instance) {
    throw malformed('rds:DescribeDBInstances', 'DBInstances');
  }
  scope.owned(
    instance.DBInstanceArn,
    'rds:DescribeDBInstances DBInstances[0].DBInstanceArn',
    'DB instance',
  );
  if (instance.DBInstanceIdentifier?.toLowerCase() !== identifier) {
    throw malformed(
      'rds:DescribeDBInstances',
      'DBInstances[0].DBInstanceIdentifier',
    );
  }
  const required = <T>(value: T | undefined, field: string): T => {
    if (value === undefined || value === null) {
      throw malformed('rds:DescribeDBInstances', `DBInstances[0].${field}`);
    }
    return value;
  };

  const engine = required(instance.Engine, 'Engine');
  const engineVersion = required(instance.EngineVersion, 'EngineVersion');
  const instanceClass = required(instance.DBInstanceClass, 'DBInstanceClass');
  const multiAz = instance.MultiAZ ?? false;

  return {
    identifier,
    arn: instance.DBInstanceArn,
    status: required(instance.DBInstanceStatus, 'DBInstanceStatus'),
    instanceClass,
    engine,
    engineVersion,
    storageType: instance.StorageType ?? 'unknown',
    allocatedStorageGb: required(instance.AllocatedStorage, 'AllocatedStorage'),
    ...(instance.Iops !== undefined ? { iops: instance.Iops } : {}),
    multiAz,
    storageEncrypted: instance.StorageEncrypted ?? false,
    ...(instance.KmsKeyId ? { kmsKeyId: instance.KmsKeyId } : {}),
    backupRetentionDays: instance.BackupRetentionPeriod ?? 0,
    latestRestorableTime: instance.LatestRestorableTime
      ? instance.LatestRestorableTime.toISOString()
      : null,
    ...(instance.PreferredBackupWindow
      ? { preferredBackupWindow: instance.PreferredBackupWindow }
      : {}),
    ...(instance.PreferredMaintenanceWindow
      ? { preferredMaintenanceWindow: instance.PreferredMaintenanceWindow }
      : {}),
    deletionProtection: instance.DeletionProtection ?? false,
    ...(instance.Endpoint?.Address
      ? { endpoint: instance.Endpoint.Address }
      : {}),
    pendingMaintenance: pendingMaintenanceFor(
      maintenance.PendingMaintenanceActions ?? [],
      instance.DBInstanceArn!,
    ),
    pendingModifications: flattenModifications(instance.PendingModifiedValues),
    lifecycle: databaseLifecycle(
      { engine, engineVersion, instanceClass, multiAz },
      now,
    ),
  };
}

function pendingMaintenanceFor(
  actions: ResourcePendingMaintenanceActions[],
  arn: string,
): PendingMaintenanceView[] {
  return actions
    .filter(resource => resource.ResourceIdentifier === arn)
    .flatMap(resource => resource.PendingMaintenanceActionDetails ?? [])
    .map(action => ({
      action: action.Action ?? 'unknown',
      ...(action.Description ? { description: action.Description } : {}),
      ...(action.AutoAppliedAfterDate
        ? { autoAppliedAfter: action.AutoAppliedAfterDate.toISOString() }
        : {}),
      ...(action.ForcedApplyDate
        ? { forcedApplyDate: action.ForcedApplyDate.toISOString() }
        : {}),
      ...(action.CurrentApplyDate
        ? { currentApplyDate: action.CurrentApplyDate.toISOString() }
        : {}),
    }));
}

/** The simple values of PendingModifiedValues (never the master password). */
function flattenModifications(
  values: PendingModifiedValues | undefined,
): Record<string, string | number | boolean> {
  const result: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (key === 'MasterUserPassword') {
      continue;
    }
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      result[key] = value;
    }
  }
  return result;
}
