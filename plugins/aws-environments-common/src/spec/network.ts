/**
 * Subnet tier of the environment's VPC.
 *
 * - `private`: EKS nodes and pods (egress through NAT); the largest tier,
 *   because with the VPC CNI every pod takes a VPC address.
 * - `public`: NAT gateways and the ALB (an ALB needs at least a /27).
 * - `isolated`: the database (no route out of the VPC).
 *
 * @public
 */
export type SubnetTier = 'private' | 'public' | 'isolated';

/**
 * One planned subnet.
 *
 * @public
 */
export interface PlannedSubnet {
  tier: SubnetTier;
  /** Index of the Availability Zone (0-based, into the region's AZ list). */
  azIndex: number;
  cidr: string;
}

/**
 * How many bits each tier's subnets add to the VPC prefix. A /16 VPC gets
 * /18 private, /21 public and /21 isolated subnets.
 *
 * @public
 */
export const SUBNET_MASK_OFFSETS: Readonly<Record<SubnetTier, number>> = {
  private: 2,
  public: 5,
  isolated: 5,
};

/**
 * Tiers in allocation order. Largest first, so that aligned sequential
 * allocation (what the CDK `Vpc` does) wastes no space.
 *
 * @public
 */
export const SUBNET_TIER_ORDER: readonly SubnetTier[] = [
  'private',
  'public',
  'isolated',
];

/**
 * Smallest and largest VPC prefix lengths the layout supports.
 *
 * @public
 */
export const VPC_PREFIX_RANGE = { min: 16, max: 22 } as const;

/** An ALB needs subnets of at least /27; AWS's smallest subnet is /28. */
const LARGEST_PUBLIC_SUBNET_PREFIX = 27;

/**
 * A parsed IPv4 CIDR block.
 *
 * @public
 */
export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit integer. */
  address: number;
  prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/p`; undefined when the text is not an IPv4 CIDR block.
 *
 * @public
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some(octet => octet > 255) || prefix > 32) {
    return undefined;
  }
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  return { address, prefix };
}

/**
 * Formats an address and prefix as `a.b.c.d/p`.
 *
 * @public
 */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const { address, prefix } = cidr;
  return `${address >>> 24}.${(address >>> 16) & 255}.${
    (address >>> 8) & 255
  }.${address & 255}/${prefix}`;
}

function hostBits(prefix: number): number {
  return prefix === 0 ? 0xffffffff : 2 ** (32 - prefix) - 1;
}

/**
 * True when the address has no bits set below the prefix (`10.0.0.0/16`,
 * not `10.0.1.0/16`).
 *
 * @public
 */
export function isNetworkAddress(cidr: Ipv4Cidr): boolean {
  return (cidr.address & hostBits(cidr.prefix)) >>> 0 === 0;
}

const PRIVATE_RANGES: Ipv4Cidr[] = [
  { address: 0x0a000000, prefix: 8 },
  { address: 0xac100000, prefix: 12 },
  { address: 0xc0a80000, prefix: 16 },
];

/**
 * True when the block lies inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.
 *
 * @public
 */
export function isRfc1918(cidr: Ipv4Cidr): boolean {
  return PRIVATE_RANGES.some(
    range =>
      cidr.prefix >= range.prefix &&
      (cidr.address & ~hostBits(range.prefix)) >>> 0 === range.address,
  );
}

/**
 * Plans the subnets of a VPC: for each tier in {@link SUBNET_TIER_ORDER}, one
 * subnet per AZ, allocated sequentially and aligned to its size, exactly as
 * the CDK `Vpc` construct allocates them. Returns undefined when the layout
 * does not fit the block or would make public subnets smaller than an ALB
 * allows.
 *
 * @public
 */
export function planSubnets(
  vpcCidr: string,
  azCount: number,
): PlannedSubnet[] | undefined {
  const vpc = parseIpv4Cidr(vpcCidr);
  if (!vpc || !isNetworkAddress(vpc)) {
    return undefined;
  }
  if (vpc.prefix + SUBNET_MASK_OFFSETS.public > LARGEST_PUBLIC_SUBNET_PREFIX) {
    return undefined;
  }
  const end = vpc.address + 2 ** (32 - vpc.prefix);
  const subnets: PlannedSubnet[] = [];
  let next = vpc.address;
  for (const tier of SUBNET_TIER_ORDER) {
    const prefix = vpc.prefix + SUBNET_MASK_OFFSETS[tier];
    const size = 2 ** (32 - prefix);
    for (let azIndex = 0; azIndex < azCount; azIndex++) {
      const start = Math.ceil((next - vpc.address) / size) * size + vpc.address;
      if (start + size > end) {
        return undefined;
      }
      subnets.push({
        tier,
        azIndex,
        cidr: formatIpv4Cidr({ address: start >>> 0, prefix }),
      });
      next = start + size;
    }
  }
  return subnets;
}
