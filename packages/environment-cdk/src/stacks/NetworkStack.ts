import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
  findSupportedRegion,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Network } from '../constructs';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * Properties of {@link NetworkStack}. The region is the stack's own
 * (`env.region`, required: the subnets' AZs come from it).
 *
 * @public
 */
export interface NetworkStackProps extends EnvironmentStackProps {
  /** The spec's `network`. */
  readonly network: EnvironmentSpec['network'];
}

/**
 * `<name>-network`: the VPC and the security-group chain.
 *
 * @public
 */
export class NetworkStack extends Stack {
  readonly network: Network;
  private readonly regionAvailabilityZones: string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { network } = props;
    const region = findSupportedRegion(this.region);
    if (!region) {
      throw new Error(`Region ${this.region} is not supported`);
    }
    this.regionAvailabilityZones = [...region.availabilityZones];
    this.network = new Network(this, 'Network', {
      vpcCidr: network.vpcCidr,
      availabilityZones: this.regionAvailabilityZones.slice(0, network.azCount),
      natGateways: network.natGateways,
      apiPort: ENVIRONMENT_DESIGN.apiPort,
      flowLogGroupName: environmentResourceNames(props.environmentName)
        .flowLogGroup,
      flowLogRetentionDays: ENVIRONMENT_DESIGN.logRetentionDays,
    });
    addOutputs(this, {
      VpcId: { value: this.network.vpc.vpcId },
    });
  }

  /**
   * The region's AZs from the supported-region table: the `Vpc` construct
   * checks its AZs against this list, which would otherwise be a context
   * lookup (and a placeholder answer without AWS access).
   */
  get availabilityZones(): string[] {
    return this.regionAvailabilityZones;
  }
}
