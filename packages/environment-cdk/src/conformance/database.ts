import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalNumber, literalTrue } from '../templates';
import { properties, result } from './query';
import type { Check, TemplateQuery } from './query';

const dbProps = (t: TemplateQuery) => t.propertiesOf('AWS::RDS::DBInstance');

export const databaseCredentials: Check = t => {
  const { ManageMasterUserPassword, MasterUserPassword } = dbProps(t);
  return result(
    ManageMasterUserPassword === true && MasterUserPassword === undefined,
    ManageMasterUserPassword === true
      ? 'master credentials generated and rotated by RDS in Secrets Manager'
      : 'master credentials not managed in Secrets Manager',
  );
};

export const rdsEngine: Check = t => {
  const { Engine, EngineVersion } = dbProps(t);
  return result(
    Engine === 'postgres' &&
      String(EngineVersion).split('.')[0] ===
        SEED_DEFAULTS.database.engineVersion,
    `engine ${Engine} ${EngineVersion}`,
  );
};

export const rdsInstanceClass: Check = t => {
  const { DBInstanceClass } = dbProps(t);
  return result(
    DBInstanceClass === SEED_DEFAULTS.database.instanceClass,
    `instance class ${DBInstanceClass}`,
  );
};

export const rdsStorage: Check = t => {
  const { AllocatedStorage, StorageType } = dbProps(t);
  return result(
    literalNumber(AllocatedStorage) ===
      SEED_DEFAULTS.database.allocatedStorageGb &&
      StorageType === SEED_DEFAULTS.database.storageType,
    `${AllocatedStorage} GB ${StorageType}`,
  );
};

export const rdsEncryption: Check = t => {
  const instance = t.first('AWS::RDS::DBInstance');
  const key = instance && t.target(instance, instance.properties.KmsKeyId);
  const encrypted = properties(instance).StorageEncrypted === true;
  return result(
    encrypted && key?.Type === 'AWS::KMS::Key',
    `storage encrypted: ${encrypted}; key: ${
      key?.Type ?? 'AWS managed or none'
    }`,
  );
};

export const rdsSingleAz: Check = t => {
  const multiAz = literalTrue(dbProps(t).MultiAZ);
  return result(!multiAz, multiAz ? 'Multi-AZ' : 'single-AZ');
};

export const rdsBackups: Check = t => {
  const days = literalNumber(dbProps(t).BackupRetentionPeriod);
  return result(
    days === SEED_DEFAULTS.database.backupRetentionDays,
    `automated backups kept ${days ?? 0} days`,
  );
};

export const rdsPitr: Check = t => {
  const days = literalNumber(dbProps(t).BackupRetentionPeriod) ?? 0;
  return result(
    days >= 1,
    days >= 1
      ? `automated backups on (${days} days): restorable to any second in that window`
      : 'automated backups off: no point-in-time recovery',
  );
};
