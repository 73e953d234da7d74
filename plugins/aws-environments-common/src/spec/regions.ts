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
  /**
   * Id of the AWS-managed prefix list `com.amazonaws.global.cloudfront.origin-facing`
   * in this region; the ALB's security group admits only these addresses.
   */
  cloudFrontOriginFacingPrefixListId: string;
}

/**
 * Regions with at least three Availability Zones open to every account, in
 * which EKS, RDS for PostgreSQL and the CloudFront origin-facing prefix list
 * exist. The CDK app takes AZ names and the prefix list id from here, so it
 * synthesizes without context lookups.
 *
 * Sources: AZ names from the EC2 "Regions and Zones" documentation (names, not
 * ids: the name→id mapping differs per account); prefix list ids from the AWS
 * blog "Limit access to your origins using the AWS-managed prefix list for
 * Amazon CloudFront" (2022-02) and cross-checked in public templates.
 * `us-west-1` is left out: new accounts get only two of its zones.
 *
 * @public
 */
export const SUPPORTED_REGIONS: readonly SupportedRegion[] = [
  {
    id: 'us-east-1',
    name: 'US East (N. Virginia)',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    cloudFrontOriginFacingPrefixListId: 'pl-3b927c52',
  },
  {
    id: 'us-east-2',
    name: 'US East (Ohio)',
    availabilityZones: ['us-east-2a', 'us-east-2b', 'us-east-2c'],
    cloudFrontOriginFacingPrefixListId: 'pl-b6a144df',
  },
  {
    id: 'us-west-2',
    name: 'US West (Oregon)',
    availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
    cloudFrontOriginFacingPrefixListId: 'pl-82a045eb',
  },
  {
    id: 'ca-central-1',
    name: 'Canada (Central)',
    availabilityZones: ['ca-central-1a', 'ca-central-1b', 'ca-central-1d'],
    cloudFrontOriginFacingPrefixListId: 'pl-38a64351',
  },
  {
    id: 'sa-east-1',
    name: 'South America (São Paulo)',
    availabilityZones: ['sa-east-1a', 'sa-east-1b', 'sa-east-1c'],
    cloudFrontOriginFacingPrefixListId: 'pl-5da64334',
  },
  {
    id: 'eu-west-1',
    name: 'Europe (Ireland)',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    cloudFrontOriginFacingPrefixListId: 'pl-4fa04526',
  },
  {
    id: 'eu-west-2',
    name: 'Europe (London)',
    availabilityZones: ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'],
    cloudFrontOriginFacingPrefixListId: 'pl-93a247fa',
  },
  {
    id: 'eu-west-3',
    name: 'Europe (Paris)',
    availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
    cloudFrontOriginFacingPrefixListId: 'pl-75b1541c',
  },
  {
    id: 'eu-central-1',
    name: 'Europe (Frankfurt)',
    availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
    cloudFrontOriginFacingPrefixListId: 'pl-a3a144ca',
  },
  {
    id: 'eu-north-1',
    name: 'Europe (Stockholm)',
    availabilityZones: ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'],
    cloudFrontOriginFacingPrefixListId: 'pl-fab65393',
  },
  {
    id: 'ap-south-1',
    name: 'Asia Pacific (Mumbai)',
    availabilityZones: ['ap-south-1a', 'ap-south-1b', 'ap-south-1c'],
    cloudFrontOriginFacingPrefixListId: 'pl-9aa247f3',
  },
  {
    id: 'ap-southeast-1',
    name: 'Asia Pacific (Singapore)',
    availabilityZones: [
      'ap-southeast-1a',
      'ap-southeast-1b',
      'ap-southeast-1c',
    ],
    cloudFrontOriginFacingPrefixListId: 'pl-31a34658',
  },
  {
    id: 'ap-southeast-2',
    name: 'Asia Pacific (Sydney)',
    availabilityZones: [
      'ap-southeast-2a',
      'ap-southeast-2b',
      'ap-southeast-2c',
    ],
    cloudFrontOriginFacingPrefixListId: 'pl-b8a742d1',
  },
  {
    id: 'ap-northeast-1',
    name: 'Asia Pacific (Tokyo)',
    availabilityZones: [
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ],
    cloudFrontOriginFacingPrefixListId: 'pl-58a04531',
  },
  {
    id: 'ap-northeast-2',
    name: 'Asia Pacific (Seoul)',
    availabilityZones: [
      'ap-northeast-2a',
      'ap-northeast-2b',
      'ap-northeast-2c',
    ],
    cloudFrontOriginFacingPrefixListId: 'pl-22a6434b',
  },
  {
    id: 'ap-northeast-3',
    name: 'Asia Pacific (Osaka)',
    availabilityZones: [
      'ap-northeast-3a',
      'ap-northeast-3b',
      'ap-northeast-3c',
    ],
    cloudFrontOriginFacingPrefixListId: 'pl-31a14458',
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
