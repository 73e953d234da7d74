import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalNumber, literalTrue } from '../templates';
import { properties, result, ClaimDefinition, TemplateQuery } from './query';

const ENGINE_SEED_TEXT = 'PostgreSQL 15, db.t3.medium instance';

const dbProps = (t: TemplateQuery) => t.propertiesOf('AWS::RDS::DBInstance');

export const databaseCredentials: ClaimDefinition = {
  id: 'database-credentials',
  title: 'Database credentials live in Secrets Manager',
  seedText: 'AWS Secrets Manager for database credentials',
  check: t => {
    const { ManageMasterUserPassword, MasterUserPassword } = dbProps(t);
    return result(
      ManageMasterUserPassword === true && MasterUserPassword === undefined,
      ManageMasterUserPassword === true
        ? 'master credentials generated and rotated by RDS in Secrets Manager'
        : 'master credentials not managed in Secrets Manager',
    );
  },
};

export const rdsEngine: ClaimDefinition = {
  id: 'rds-engine',
  title: 'RDS runs PostgreSQL 15',
  seedText: ENGINE_SEED_TEXT,
  check: t => {
    const { Engine, EngineVersion } = dbProps(t);
    return result(
      Engine === 'postgres' &&
        String(EngineVersion).split('.')[0] ===
          SEED_DEFAULTS.database.engineVersion,
      `engine ${Engine} ${EngineVersion}`,
    );
  },
};

export const rdsInstanceClass: ClaimDefinition = {
  id: 'rds-instance-class',
  title: 'RDS instance class db.t3.medium',
  seedText: ENGINE_SEED_TEXT,
  check: t => {
    const { DBInstanceClass } = dbProps(t);
    return result(
      DBInstanceClass === SEED_DEFAULTS.database.instanceClass,
      `instance class ${DBInstanceClass}`,
    );
  },
};

export const rdsStorage: ClaimDefinition = {
  id: 'rds-storage',
  title: 'RDS storage 100 GB gp3',
  seedText: '100GB gp3 SSD storage',
  check: t => {
    const { AllocatedStorage, StorageType } = dbProps(t);
    return result(
      literalNumber(AllocatedStorage) ===
        SEED_DEFAULTS.database.allocatedStorageGb &&
        StorageType === SEED_DEFAULTS.database.storageType,
      `${AllocatedStorage} GB ${StorageType}`,
    );
  },
};

export const rdsEncryption: ClaimDefinition = {
  id: 'rds-encryption',
  title: 'RDS storage is encrypted with a KMS key',
  seedText: 'Encryption at rest (KMS)',
  check: t => {
    const instance = t.first('AWS::RDS::DBInstance');
    const key = instance && t.target(instance, instance.properties.KmsKeyId);
    const encrypted = properties(instance).StorageEncrypted === true;
    return result(
      encrypted && key?.Type === 'AWS::KMS::Key',
      `storage encrypted: ${encrypted}; key: ${
        key?.Type ?? 'AWS managed or none'
      }`,
    );
  },
};

export const rdsSingleAz: ClaimDefinition = {
  id: 'rds-single-az',
  title: 'RDS starts single-AZ',
  seedText: 'Single-AZ initially (Multi-AZ when HA needed)',
  check: t => {
    const multiAz = literalTrue(dbProps(t).MultiAZ);
    return result(!multiAz, multiAz ? 'Multi-AZ' : 'single-AZ');
  },
};

export const rdsBackups: ClaimDefinition = {
  id: 'rds-backups',
  title: 'Automated backups are kept 14 days',
  seedText: 'Automated daily backups (14-day retention)',
  check: t => {
    const days = literalNumber(dbProps(t).BackupRetentionPeriod);
    return result(
      days === SEED_DEFAULTS.database.backupRetentionDays,
      `automated backups kept ${days ?? 0} days`,
    );
  },
};

export const rdsPitr: ClaimDefinition = {
  id: 'rds-pitr',
  title: 'Point-in-time recovery is available',
  seedText: 'Point-in-time recovery enabled',
  check: t => {
    const days = literalNumber(dbProps(t).BackupRetentionPeriod) ?? 0;
    return result(
      days >= 1,
      days >= 1
        ? `automated backups on (${days} days): restorable to any second in that window`
        : 'automated backups off: no point-in-time recovery',
    );
  },
};
