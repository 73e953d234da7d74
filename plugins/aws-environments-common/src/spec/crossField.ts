import {
  isNetworkAddress,
  isRfc1918,
  parseIpv4Cidr,
  planSubnets,
  VPC_PREFIX_RANGE,
} from './network';
import { ALLOWED, SPEC_LIMITS } from './rules';

/**
 * Rules that read more than one field. Each takes the object being parsed
 * (defaults filled in, fields of the wrong type left as they came) and
 * returns its problems by field name; a field of the wrong type is never
 * compared, its type error is the one reported.
 */
export interface Problem {
  field: string;
  message: string;
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function tooSmallForLayout(prefix: number): string {
  return `is too small for the subnet layout (per AZ: a private subnet of a quarter of the VPC, public and isolated subnets of 1/32; public subnets must be /27 or larger for the ALB): use /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}; got /${prefix}`;
}

/** What is wrong with a VPC CIDR on its own, if anything. */
function vpcCidrProblem(text: string): string | undefined {
  const cidr = parseIpv4Cidr(text);
  if (!cidr) {
    return `must be ${ALLOWED.vpcCidr}`;
  }
  if (!isNetworkAddress(cidr)) {
    return `must be a network address: the bits after /${cidr.prefix} must be zero (e.g. "10.0.0.0/16"); ${ALLOWED.vpcCidr}`;
  }
  if (!isRfc1918(cidr)) {
    return `must be a private (RFC 1918) block: ${ALLOWED.vpcCidr}`;
  }
  if (cidr.prefix < VPC_PREFIX_RANGE.min) {
    return `is larger than AWS allows for a VPC (/16 at most); got /${cidr.prefix}`;
  }
  if (cidr.prefix > VPC_PREFIX_RANGE.max) {
    return tooSmallForLayout(cidr.prefix);
  }
  return undefined;
}

/**
 * The VPC CIDR must be a private network block that holds the subnet layout
 * for azCount AZs; 1 ≤ NAT gateways ≤ AZs.
 */
export function networkProblems(network: unknown): Problem[] {
  if (!isPlainObject(network)) {
    return [];
  }
  const problems: Problem[] = [];
  const { vpcCidr, azCount, natGateways } = network;
  if (typeof vpcCidr === 'string') {
    const problem = vpcCidrProblem(vpcCidr);
    if (problem) {
      problems.push({ field: 'vpcCidr', message: problem });
    } else if (isWholeNumber(azCount) && !planSubnets(vpcCidr, azCount)) {
      problems.push({
        field: 'vpcCidr',
        message: tooSmallForLayout(parseIpv4Cidr(vpcCidr)!.prefix),
      });
    }
  }
  if (isWholeNumber(natGateways)) {
    const max = isWholeNumber(azCount) ? azCount : SPEC_LIMITS.azCount.max;
    if (natGateways < 1 || natGateways > max) {
      problems.push({
        field: 'natGateways',
        message: `must be a whole number from 1 to network.azCount (${max}): one NAT gateway per AZ is the seed's layout, fewer share NAT gateways across AZs; got ${natGateways}`,
      });
    }
  }
  return problems;
}

/** minSize ≤ desiredSize ≤ maxSize. */
export function nodeGroupProblems(group: unknown): Problem[] {
  if (!isPlainObject(group)) {
    return [];
  }
  const { minSize: min, desiredSize: desired, maxSize: max } = group;
  const problems: Problem[] = [];
  if (isWholeNumber(min) && isWholeNumber(desired) && min > desired) {
    problems.push({
      field: 'minSize',
      message: `must be at most desiredSize (${desired}); got ${min}`,
    });
  }
  if (isWholeNumber(desired) && isWholeNumber(max) && desired > max) {
    problems.push({
      field: 'desiredSize',
      message: `must be at most maxSize (${max}); got ${desired}`,
    });
  } else if (
    isWholeNumber(min) &&
    isWholeNumber(max) &&
    !isWholeNumber(desired) &&
    min > max
  ) {
    problems.push({
      field: 'maxSize',
      message: `must be at least minSize (${min}); got ${max}`,
    });
  }
  return problems;
}

/** minReplicas ≤ maxReplicas. */
export function hpaProblems(hpa: unknown): Problem[] {
  if (!isPlainObject(hpa)) {
    return [];
  }
  const { minReplicas: low, maxReplicas: high } = hpa;
  if (isWholeNumber(low) && isWholeNumber(high) && low > high) {
    return [
      {
        field: 'maxReplicas',
        message: `must be at least cluster.hpa.minReplicas (${low}); got ${high}`,
      },
    ];
  }
  return [];
}

/**
 * The names a domain serves must be in its hosted zone. A zone in the
 * management account is used through delegation: each served name becomes a
 * hosted zone of its own in the workloads account (where CloudFormation
 * validates the certificates), so it must be strictly inside the zone.
 */
export function domainProblems(domain: unknown): Problem[] {
  if (!isPlainObject(domain)) {
    return [];
  }
  const { name, hostedZoneName, apiSubdomain, hostedZoneAccount } = domain;
  const problems: Problem[] = [];
  if (
    typeof name === 'string' &&
    typeof hostedZoneName === 'string' &&
    name !== hostedZoneName &&
    !name.endsWith(`.${hostedZoneName}`)
  ) {
    problems.push({
      field: 'name',
      message: `must be in the hosted zone ${hostedZoneName} (domain.hostedZoneName): it or a name ending in .${hostedZoneName}; got ${name}`,
    });
  } else if (
    hostedZoneAccount === 'management' &&
    typeof name === 'string' &&
    name === hostedZoneName
  ) {
    problems.push({
      field: 'name',
      message: `must be a name inside ${hostedZoneName} (such as app.${hostedZoneName}), not the zone's apex, when the zone is in the management account (domain.hostedZoneAccount): the name is delegated to a hosted zone of its own in the workloads account`,
    });
  }
  if (
    typeof apiSubdomain === 'string' &&
    typeof hostedZoneName === 'string' &&
    `${apiSubdomain}.${hostedZoneName}` === name
  ) {
    problems.push({
      field: 'apiSubdomain',
      message: `makes the API's name ${name}, the SPA's own; choose another label, or leave it out to serve the API under ${name}/api`,
    });
  }
  return problems;
}
