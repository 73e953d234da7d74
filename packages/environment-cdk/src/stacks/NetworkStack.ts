import { Stack } from 'aws-cdk-lib';
import {
  ENVIRONMENT_DESIGN,
  environmentResourceNames,
  findSupportedRegion,
} from '@innovate/plugin-aws-environments-common';
import type { Construct } from 'constructs';
import { Network } from '../constructs';
import type { EnvironmentStackProps } from './EnvironmentStackProps';
import { addOutputs } from './outputs';

/**
 * `<name>-network`: the VPC and the security-group chain.
 *
 * @public
 */
export class NetworkStack extends Stack {
  readonly network: Network;
  private readonly regionAvailabilityZones: string[];

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const { spec } = props;
    const region = findSupportedRegion(spec.region);
    if (!region) {
      throw new Error(`Region ${spec.region} is not supported`);
    }
    this.regionAvailabilityZones = [...region.availabilityZones];
    this.network = new Network(this, 'Network', {
      vpcCidr: spec.network.vpcCidr,
      availabilityZones: this.regionAvailabilityZones.slice(
        0,
        spec.network.azCount,
      ),
      natGateways: spec.network.natGateways,
      cloudFrontPrefixListId: region.cloudFrontOriginFacingPrefixListId,
      apiPort: ENVIRONMENT_DESIGN.apiPort,
      flowLogGroupName: environmentResourceNames(spec.name).flowLogGroup,
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
