import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import type { DatabaseProps } from './DatabaseProps';
import { retentionDays } from './retention';

/**
 * PostgreSQL's port: the seed's security-group chain names it, and the
 * database security group (see `Network`) admits the nodes only there.
 *
 * @public
 */
export const POSTGRES_PORT = 5432;

/**
 * RDS for PostgreSQL in the isolated subnets: storage encrypted with a
 * customer managed KMS key, automated backups (which is what enables
 * point-in-time recovery), deletion protection, a final snapshot on
 * removal, and the master credentials generated, stored and rotated by RDS
 * in Secrets Manager (no password in the template or in Kubernetes).
 *
 * @public
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly storageKey: kms.Key;
  /** ARN of the RDS-managed credentials secret (username and password). */
  readonly secretArn: string;
  /** The RDS-managed credentials secret, for grants and references. */
  readonly secret: secretsmanager.ISecret;
  /** Name of the database created in the instance. */
  readonly databaseName: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.databaseName = props.databaseName ?? 'app';

    this.storageKey = new kms.Key(this, 'StorageKey', {
      description: `Storage encryption of RDS instance ${props.instanceIdentifier}`,
      enableKeyRotation: true,
    });

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      instanceIdentifier: props.instanceIdentifier,
      engine: rds.DatabaseInstanceEngine.postgres({
        version: rds.PostgresEngineVersion.of(
          props.engineVersion,
          props.engineVersion,
        ),
      }),
      instanceType: props.instanceType,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [props.securityGroup],
      port: POSTGRES_PORT,
      databaseName: this.databaseName,
      allocatedStorage: props.allocatedStorageGb,
      storageType: props.storageType,
      storageEncryptionKey: this.storageKey,
      multiAz: props.multiAz,
      backupRetention: Duration.days(props.backupRetentionDays),
      copyTagsToSnapshot: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      manageMasterUserPassword: true,
      iamAuthentication: true,
      cloudwatchLogsExports: ['postgresql'],
      autoMinorVersionUpgrade: true,
      // Only when asked: the seed's template stays without the property.
      ...(props.allowMajorVersionUpgrade
        ? { allowMajorVersionUpgrade: true }
        : {}),
      publiclyAccessible: false,
    });
    const resource = this.instance.node.defaultChild as rds.CfnDBInstance;
    this.secretArn = resource.attrMasterUserSecretSecretArn;
    this.secret = secretsmanager.Secret.fromSecretCompleteArn(
      this,
      'Secret',
      this.secretArn,
    );
    acknowledge(
      resource,
      'AwsSolutions-RDS11',
      "The seed's security-group chain names PostgreSQL's port 5432; the instance sits in isolated subnets and admits only the node security group, so another port would add nothing.",
    );
    if (!props.multiAz) {
      acknowledge(
        resource,
        'AwsSolutions-RDS3',
        'The seed starts single-AZ ("Single-AZ initially, Multi-AZ when HA needed"); set database.multiAz to true to add a standby.',
      );
    }

    // Created here so that its retention is set (RDS would create it without).
    const postgresLogs = new logs.LogGroup(this, 'PostgresLogGroup', {
      logGroupName: `/aws/rds/instance/${props.instanceIdentifier}/postgresql`,
      retention: retentionDays(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.instance.node.addDependency(postgresLogs);
  }
}
