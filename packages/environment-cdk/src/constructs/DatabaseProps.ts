import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as rds from 'aws-cdk-lib/aws-rds';

/**
 * Properties of {@link Database}.
 *
 * @public
 */
export interface DatabaseProps {
  /** RDS DB instance identifier. */
  readonly instanceIdentifier: string;
  readonly vpc: ec2.IVpc;
  /** Security group that admits only the EKS nodes on the database port. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** PostgreSQL major version, e.g. `15`. */
  readonly engineVersion: string;
  /** Instance type, e.g. `t3.medium` for the RDS class `db.t3.medium`. */
  readonly instanceType: ec2.InstanceType;
  readonly allocatedStorageGb: number;
  readonly storageType: rds.StorageType;
  readonly multiAz: boolean;
  /** Days of automated backups (and of point-in-time recovery), 1 to 35. */
  readonly backupRetentionDays: number;
  /**
   * Allows CloudFormation to move the instance to a later PostgreSQL major
   * version when `engineVersion` goes up; false when absent (and the
   * template then leaves `AllowMajorVersionUpgrade` out).
   */
  readonly allowMajorVersionUpgrade?: boolean;
  /** Days the PostgreSQL log exported to CloudWatch Logs is kept. */
  readonly logRetentionDays: number;
  /**
   * Name of the database created in the instance.
   *
   * @defaultValue 'app'
   */
  readonly databaseName?: string;
}
