import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Database, Network } from '../constructs';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link DatabaseStack}.
 *
 * @public
 */
export interface DatabaseStackProps extends EnvironmentStackProps {
  readonly network: Network;
  /** The spec's `database`. */
  readonly database: EnvironmentSpec['database'];
}

const STORAGE_TYPES: Record<string, rds.StorageType> = {
  gp3: rds.StorageType.GP3,
  gp2: rds.StorageType.GP2,
};

/**
 * `<name>-database`: the stateful stack (termination protection on). Depends
 * only on the network, so the cluster and the edge can be replaced without
 * touching it.
 *
 * @public
 */
export class DatabaseStack extends Stack {
  readonly database: Database;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { database, network } = props;
    const storageType = STORAGE_TYPES[database.storageType];
    if (!storageType) {
      throw new Error(
        `Unsupported RDS storage type "${database.storageType}"; use gp3 or gp2`,
      );
    }
    this.database = new Database(this, 'Database', {
      instanceIdentifier: environmentResourceNames(props.environmentName)
        .database,
      vpc: network.vpc,
      securityGroup: network.databaseSecurityGroup,
      engineVersion: database.engineVersion,
      // RDS classes are EC2 instance types with a `db.` prefix.
      instanceType: new ec2.InstanceType(
        database.instanceClass.replace(/^db\./, ''),
      ),
      allocatedStorageGb: database.allocatedStorageGb,
      storageType,
      multiAz: database.multiAz,
      backupRetentionDays: database.backupRetentionDays,
      allowMajorVersionUpgrade: database.allowMajorVersionUpgrade,
      logRetentionDays: ENVIRONMENT_DESIGN.logRetentionDays,
    });
    const { instance } = this.database;
    addOutputs(this, {
      DatabaseEndpoint: {
        value: instance.dbInstanceEndpointAddress,
      },
      DatabasePort: {
        value: instance.dbInstanceEndpointPort,
      },
      DatabaseName: { value: this.database.databaseName },
      DatabaseSecretArn: {
        value: this.database.secretArn,
        description: 'RDS-managed secret with the master username and password',
      },
    });
  }
}
