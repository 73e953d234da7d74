import type * as ec2 from 'aws-cdk-lib/aws-ec2';

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
  /** RDS instance class, e.g. `db.t3.medium`. */
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  /** `gp3` or `gp2`. */
  readonly storageType: string;
  readonly multiAz: boolean;
  /** Days of automated backups (and of point-in-time recovery), 1 to 35. */
  readonly backupRetentionDays: number;
  /** Days the PostgreSQL log exported to CloudWatch Logs is kept. */
  readonly logRetentionDays: number;
  /**
   * Name of the database created in the instance.
   *
   * @default 'app'
   */
  readonly databaseName?: string;
}
