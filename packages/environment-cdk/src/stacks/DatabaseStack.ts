import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Database, Network } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link DatabaseStack}.
 *
 * @public
 */
export interface DatabaseStackProps extends EnvironmentStackProps {
  readonly network: Network;
}

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
    const { spec, network } = props;
    this.database = new Database(this, 'Database', {
      instanceIdentifier: environmentResourceNames(spec.name).database,
      vpc: network.vpc,
      securityGroup: network.databaseSecurityGroup,
      engineVersion: spec.database.engineVersion,
      instanceClass: spec.database.instanceClass,
      allocatedStorageGb: spec.database.allocatedStorageGb,
      storageType: spec.database.storageType,
      multiAz: spec.database.multiAz,
      backupRetentionDays: spec.database.backupRetentionDays,
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
