import {
  EC2_INSTANCE_TYPES,
  EKS_KUBERNETES_VERSIONS,
  POSTGRES_ENGINE_VERSIONS,
  RDS_INSTANCE_CLASSES,
  RDS_STORAGE_TYPES,
} from './catalogs';
import { VPC_PREFIX_RANGE } from './network';
import { SUPPORTED_REGIONS } from './regions';

/**
 * Limits the validation applies, exported so forms can show them.
 *
 * @public
 */
export const SPEC_LIMITS = {
  name: { minLength: 3, maxLength: 24 },
  azCount: { min: 2, max: 3 },
  nodeGroupSize: { min: 1, max: 100 },
  hpaReplicas: { min: 1, max: 1000 },
  storageGb: { min: 20, max: 65536 },
  backupRetentionDays: { min: 1, max: 35 },
  errorRatePercent: { min: 0.01, max: 50 },
  p99LatencySeconds: { min: 0.05, max: 60 },
  utilizationPercent: { min: 1, max: 99 },
  monthlyUsd: { min: 1, max: 1_000_000 },
} as const;

export const NAME_PATTERN = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;
export const ACCOUNT_PATTERN = /^\d{12}$/;
// Deliberately narrower than RFC 5322: no quotes, spaces, shell or template
// metacharacters, so the address is safe in YAML, shells and CI expressions.
export const EMAIL_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}@(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const DOMAIN_PATTERN =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A Route 53 hosted zone id, as the console and the API show it. */
export const HOSTED_ZONE_ID_PATTERN = /^Z[0-9A-Z]{8,31}$/;
/** One DNS label: the API's subdomain. */
export const DNS_LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * How an environment gets its account baseline (GuardDuty, CloudTrail): the
 * portal's shared baseline stack, or what the account already has.
 *
 * @public
 */
export const BASELINE_MODES = ['managed', 'existing'] as const;

/**
 * One of {@link BASELINE_MODES}.
 *
 * @public
 */
export type BaselineMode = (typeof BASELINE_MODES)[number];

/** The values each enumerated field accepts, in the catalogs' order. */
export const ALLOWED_VALUES = {
  region: SUPPORTED_REGIONS.map(region => region.id),
  instanceType: EC2_INSTANCE_TYPES.map(type => type.name),
  kubernetesVersion: EKS_KUBERNETES_VERSIONS.map(version => version.version),
  engineVersion: [...POSTGRES_ENGINE_VERSIONS],
  instanceClass: RDS_INSTANCE_CLASSES.map(type => type.name),
  storageType: [...RDS_STORAGE_TYPES],
  baseline: [...BASELINE_MODES],
};

const quoted = (values: readonly string[]) =>
  values.map(value => `"${value}"`).join(', ');

const wholeFrom = (min: number | string, max: number | string) =>
  `a whole number from ${min} to ${max}`;

const { hpaReplicas, nodeGroupSize } = SPEC_LIMITS;

/** What each field accepts, as the messages say it. */
export const ALLOWED = {
  name: `${SPEC_LIMITS.name.minLength} to ${SPEC_LIMITS.name.maxLength} characters: lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit (it becomes part of stack and resource names)`,
  account: 'a 12-digit AWS account id, as a string (e.g. "123456789012")',
  region: `one of ${ALLOWED_VALUES.region.join(', ')}`,
  vpcCidr: `a private IPv4 block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}, e.g. "10.0.0.0/16"`,
  azCount: wholeFrom(SPEC_LIMITS.azCount.min, SPEC_LIMITS.azCount.max),
  natGateways: wholeFrom(1, 'network.azCount'),
  instanceType: `one of ${ALLOWED_VALUES.instanceType.join(', ')}`,
  nodeGroupSize: wholeFrom(nodeGroupSize.min, nodeGroupSize.max),
  minSize: `${wholeFrom(
    nodeGroupSize.min,
    nodeGroupSize.max,
  )}, at most desiredSize`,
  desiredSize: wholeFrom('minSize', 'maxSize'),
  maxSize: wholeFrom('desiredSize', nodeGroupSize.max),
  kubernetesVersion: `one of ${quoted(ALLOWED_VALUES.kubernetesVersion)}`,
  minReplicas: wholeFrom(hpaReplicas.min, hpaReplicas.max),
  maxReplicas: wholeFrom('cluster.hpa.minReplicas', hpaReplicas.max),
  engineVersion: `one of ${quoted(
    ALLOWED_VALUES.engineVersion,
  )} (PostgreSQL major version)`,
  instanceClass: `one of ${ALLOWED_VALUES.instanceClass.join(', ')}`,
  storageType: `one of ${ALLOWED_VALUES.storageType.join(', ')}`,
  storageGb: `a whole number of GiB from ${SPEC_LIMITS.storageGb.min} to ${SPEC_LIMITS.storageGb.max}`,
  backupRetentionDays: `a whole number of days from ${SPEC_LIMITS.backupRetentionDays.min} to ${SPEC_LIMITS.backupRetentionDays.max} (0 would turn off backups and point-in-time recovery)`,
  email:
    'an e-mail address such as "platform@example.com" (letters, digits, ".", "_", "+", "-" before the @; a lowercase domain after it)',
  domain:
    'a lowercase fully qualified domain name such as "app.example.com" (letters, digits and hyphens in dot-separated labels)',
  hostedZoneId:
    'a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" (Z followed by 8 to 31 uppercase letters and digits)',
  hostedZoneName:
    'the hosted zone\'s domain name, lowercase, such as "example.com"; domain.name must be it or inside it',
  apiSubdomain:
    'one lowercase DNS label such as "api" (letters, digits and inner hyphens, at most 63 characters): the API is served at <apiSubdomain>.<hostedZoneName>',
  hostedZoneAccount:
    '"workloads" (the zone is in the account CloudFront, the ALB and their certificates live in: the records and the certificates\' validation records go straight into it) or "management" (the zone is in the management account: each served name gets a hosted zone of its own in the workloads account, delegated from this zone with NS records written through the environment\'s role innovate-dns-delegation-<name>, which the management account\'s bootstrap creates)',
  errorRatePercent: `a percentage from ${SPEC_LIMITS.errorRatePercent.min} to ${SPEC_LIMITS.errorRatePercent.max}`,
  p99LatencySeconds: `a number of seconds from ${SPEC_LIMITS.p99LatencySeconds.min} to ${SPEC_LIMITS.p99LatencySeconds.max} (the ALB's idle timeout)`,
  utilizationPercent: `a percentage from ${SPEC_LIMITS.utilizationPercent.min} to ${SPEC_LIMITS.utilizationPercent.max}`,
  monthlyUsd: `an amount in US dollars from ${SPEC_LIMITS.monthlyUsd.min} to ${SPEC_LIMITS.monthlyUsd.max}`,
  boolean: 'true or false',
  baseline:
    '"managed" (the portal deploys the account baseline stack, GuardDuty and CloudTrail, once per account and region and reuses it) or "existing" (the account already has an enabled GuardDuty detector in the region and a logging multi-region CloudTrail trail; checked before every AWS deployment)',
} as const;

/** The part of a zod issue the messages below read. */
export interface IssueFacts {
  code?: string;
  input?: unknown;
}

/** Issue codes that mean "the value has the wrong type". */
const TYPE_ISSUE_CODES: ReadonlySet<string> = new Set([
  'invalid_type',
  // Whole numbers are checked with multipleOf(1): see wholeNumber in schema.ts.
  'not_multiple_of',
]);

/** Whether an issue says the value has the wrong type (not a wrong value). */
export function isTypeIssue(issue: IssueFacts): boolean {
  return (
    TYPE_ISSUE_CODES.has(issue.code ?? '') ||
    // An enum field given something other than a string.
    (issue.code === 'invalid_value' && typeof issue.input !== 'string')
  );
}

export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function describeValue(value: unknown): string {
  return `${describeType(value)}${
    typeof value === 'number' ? ` (${value})` : ''
  }`;
}

/**
 * The message of every check on one field: "is required: …" when it is
 * missing, "must be …; got a string" when the type is wrong, "must be …; got
 * 5" for a number out of range, "must be …" for a string that is not allowed.
 * Messages never echo a string back (it may be hostile).
 */
export function explain(allowed: string, rangeAllowed: string = allowed) {
  return (issue: IssueFacts): string => {
    const { input } = issue;
    if (input === undefined) {
      return `is required: ${allowed}`;
    }
    if (isTypeIssue(issue)) {
      return `must be ${allowed}; got ${describeValue(input)}`;
    }
    return typeof input === 'number'
      ? `must be ${rangeAllowed}; got ${input}`
      : `must be ${allowed}`;
  };
}

/** Messages of an object: its type, and keys it does not know. */
export function explainObject(keys: readonly string[]) {
  return (issue: IssueFacts): string => {
    if (issue.code === 'unrecognized_keys') {
      return `is not a field of the environment spec; allowed here: ${keys.join(
        ', ',
      )}`;
    }
    return issue.input === undefined
      ? 'is required'
      : `must be an object; got ${describeValue(issue.input)}`;
  };
}

/** The message of the spec itself when it is not an object. */
export function explainRoot(keys: readonly string[]) {
  const objectMessage = explainObject(keys);
  return (issue: IssueFacts): string =>
    issue.code === 'unrecognized_keys'
      ? objectMessage(issue)
      : `the spec must be an object (a YAML mapping or JSON object); got ${describeType(
          issue.input,
        )}`;
}

export const RESERVED_NAME_MESSAGE =
  'must not start with "aws" or "internal-": AWS reserves these prefixes for some resource names';

/** True when a well-formed name starts with a prefix AWS reserves. */
export function isReservedName(name: string): boolean {
  const { minLength, maxLength } = SPEC_LIMITS.name;
  const wellFormed =
    name.length >= minLength &&
    name.length <= maxLength &&
    NAME_PATTERN.test(name);
  return wellFormed && (name.startsWith('aws') || name.startsWith('internal-'));
}
