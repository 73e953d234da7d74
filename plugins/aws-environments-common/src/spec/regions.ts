/**
 * A region an environment may be deployed to.
 *
 * @public
 */
export interface SupportedRegion {
  /** Region code, e.g. `us-east-1`. */
  id: string;
  /** Human name, e.g. `US East (N. Virginia)`. */
  name: string;
  /**
   * Availability Zone names the environment uses, in order: the first
   * `network.azCount` of them get subnets. Chosen so that every name exists in
   * every account (e.g. `ca-central-1c` and `ap-northeast-1b` do not).
   */
  availabilityZones: readonly string[];
}

/**
 * Regions with at least three Availability Zones open to every account, in
 * which EKS, RDS for PostgreSQL and CloudFront VPC origins exist. The CDK app
 * takes AZ names from here, so it synthesizes without context lookups.
 *
 * Sources: AZ names from the EC2 "Regions and Zones" documentation (names, not
 * ids: the name→id mapping differs per account).
 * `us-west-1` is left out: new accounts get only two of its zones.
 *
 * @public
 */
export const SUPPORTED_REGIONS: readonly SupportedRegion[] = [
  {
    id: 'us-east-1',
    name: 'US East (N. Virginia)',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  },
  {
    id: 'us-east-2',
    name: 'US East (Ohio)',
    availabilityZones: ['us-east-2a', 'us-east-2b', 'us-east-2c'],
  },
  {
    id: 'us-west-2',
    name: 'US West (Oregon)',
    availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
  },
  {
    id: 'ca-central-1',
    name: 'Canada (Central)',
    availabilityZones: ['ca-central-1a', 'ca-central-1b', 'ca-central-1d'],
  },
  {
    id: 'sa-east-1',
    name: 'South America (São Paulo)',
    availabilityZones: ['sa-east-1a', 'sa-east-1b', 'sa-east-1c'],
  },
  {
    id: 'eu-west-1',
    name: 'Europe (Ireland)',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  },
  {
    id: 'eu-west-2',
    name: 'Europe (London)',
    availabilityZones: ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'],
  },
  {
    id: 'eu-west-3',
    name: 'Europe (Paris)',
    availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
  },
  {
    id: 'eu-central-1',
    name: 'Europe (Frankfurt)',
    availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  },
  {
    id: 'eu-north-1',
    name: 'Europe (Stockholm)',
    availabilityZones: ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'],
  },
  {
    id: 'ap-south-1',
    name: 'Asia Pacific (Mumbai)',
    availabilityZones: ['ap-south-1a', 'ap-south-1b', 'ap-south-1c'],
  },
  {
    id: 'ap-southeast-1',
    name: 'Asia Pacific (Singapore)',
    availabilityZones: [
      'ap-southeast-1a',
      'ap-southeast-1b',
      'ap-southeast-1c',
    ],
  },
  {
    id: 'ap-southeast-2',
    name: 'Asia Pacific (Sydney)',
    availabilityZones: [
      'ap-southeast-2a',
      'ap-southeast-2b',
      'ap-southeast-2c',
    ],
  },
  {
    id: 'ap-northeast-1',
    name: 'Asia Pacific (Tokyo)',
    availabilityZones: [
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ],
  },
  {
    id: 'ap-northeast-2',
    name: 'Asia Pacific (Seoul)',
    availabilityZones: [
      'ap-northeast-2a',
      'ap-northeast-2b',
      'ap-northeast-2c',
    ],
  },
  {
    id: 'ap-northeast-3',
    name: 'Asia Pacific (Osaka)',
    availabilityZones: [
      'ap-northeast-3a',
      'ap-northeast-3b',
      'ap-northeast-3c',
    ],
  },
];

/**
 * The region entry for a region code, or undefined when it is not supported.
 *
 * @public
 */
export function findSupportedRegion(id: string): SupportedRegion | undefined {
  return SUPPORTED_REGIONS.find(region => region.id === id);
}
