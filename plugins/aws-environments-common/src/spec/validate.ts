import type { z } from 'zod';
import type { FieldError } from '../api/types';
import {
  EC2_INSTANCE_TYPES,
  EKS_KUBERNETES_VERSIONS,
  POSTGRES_ENGINE_VERSIONS,
  RDS_INSTANCE_CLASSES,
  RDS_STORAGE_TYPES,
} from './catalogs';
import {
  isNetworkAddress,
  isRfc1918,
  parseIpv4Cidr,
  planSubnets,
  VPC_PREFIX_RANGE,
} from './network';
import { SUPPORTED_REGIONS } from './regions';
import {
  EnvironmentSpec,
  environmentSpecSchema,
  SEED_DEFAULTS,
  SEED_ENVIRONMENT_INPUT,
} from './schema';

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

/**
 * The result of {@link validateEnvironmentSpec}.
 *
 * @public
 */
export type EnvironmentSpecValidation =
  | { ok: true; spec: EnvironmentSpec }
  | { ok: false; errors: FieldError[] };

/**
 * Thrown by {@link parseEnvironmentSpec}; `errors` names every bad field.
 *
 * @public
 */
export class EnvironmentSpecError extends Error {
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(
      `Invalid environment spec:\n${errors
        .map(error => `  - ${error.field}: ${error.message}`)
        .join('\n')}`,
    );
    this.name = 'EnvironmentSpecError';
    this.errors = errors;
  }
}

const NAME_PATTERN = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
// Deliberately narrower than RFC 5322: no quotes, spaces, shell or template
// metacharacters, so the address is safe in YAML, shells and CI expressions.
const EMAIL_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}@(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DOMAIN_PATTERN =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CLOUDFRONT_CERTIFICATE_PATTERN =
  /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ALLOWED = {
  name: `${SPEC_LIMITS.name.minLength} to ${SPEC_LIMITS.name.maxLength} characters: lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit (it becomes part of stack and resource names)`,
  account: 'a 12-digit AWS account id, as a string (e.g. "123456789012")',
  region: `one of ${SUPPORTED_REGIONS.map(region => region.id).join(', ')}`,
  vpcCidr: `a private IPv4 block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}, e.g. "10.0.0.0/16"`,
  azCount: `a whole number from ${SPEC_LIMITS.azCount.min} to ${SPEC_LIMITS.azCount.max}`,
  instanceType: `one of ${EC2_INSTANCE_TYPES.map(type => type.name).join(
    ', ',
  )}`,
  kubernetesVersion: `one of ${EKS_KUBERNETES_VERSIONS.map(
    version => `"${version.version}"`,
  ).join(', ')}`,
  engineVersion: `one of ${POSTGRES_ENGINE_VERSIONS.map(v => `"${v}"`).join(
    ', ',
  )} (PostgreSQL major version)`,
  instanceClass: `one of ${RDS_INSTANCE_CLASSES.map(type => type.name).join(
    ', ',
  )}`,
  storageType: `one of ${RDS_STORAGE_TYPES.join(', ')}`,
  storageGb: `a whole number of GiB from ${SPEC_LIMITS.storageGb.min} to ${SPEC_LIMITS.storageGb.max}`,
  backupRetentionDays: `a whole number of days from ${SPEC_LIMITS.backupRetentionDays.min} to ${SPEC_LIMITS.backupRetentionDays.max} (0 would turn off backups and point-in-time recovery)`,
  email:
    'an e-mail address such as "platform@example.com" (letters, digits, ".", "_", "+", "-" before the @; a lowercase domain after it)',
  domain:
    'a lowercase fully qualified domain name such as "app.example.com" (letters, digits and hyphens in dot-separated labels)',
  certificateArn:
    'the ARN of an ACM certificate in us-east-1 (CloudFront only uses certificates from us-east-1), e.g. "arn:aws:acm:us-east-1:123456789012:certificate/<uuid>"',
  errorRatePercent: `a percentage from ${SPEC_LIMITS.errorRatePercent.min} to ${SPEC_LIMITS.errorRatePercent.max}`,
  p99LatencySeconds: `a number of seconds from ${SPEC_LIMITS.p99LatencySeconds.min} to ${SPEC_LIMITS.p99LatencySeconds.max} (the ALB's idle timeout)`,
  utilizationPercent: `a percentage from ${SPEC_LIMITS.utilizationPercent.min} to ${SPEC_LIMITS.utilizationPercent.max}`,
  monthlyUsd: `an amount in US dollars from ${SPEC_LIMITS.monthlyUsd.min} to ${SPEC_LIMITS.monthlyUsd.max}`,
  boolean: 'true or false',
} as const;

/** What each field accepts; used in type errors as well as rule errors. */
const FIELD_ALLOWED: Record<string, string> = {
  name: ALLOWED.name,
  'accounts.management': ALLOWED.account,
  'accounts.workloads': ALLOWED.account,
  region: ALLOWED.region,
  'network.vpcCidr': ALLOWED.vpcCidr,
  'network.azCount': ALLOWED.azCount,
  'network.natGateways': 'a whole number from 1 to network.azCount',
  'cluster.kubernetesVersion': ALLOWED.kubernetesVersion,
  'cluster.hpa.minReplicas': `a whole number from ${SPEC_LIMITS.hpaReplicas.min} to ${SPEC_LIMITS.hpaReplicas.max}`,
  'cluster.hpa.maxReplicas': `a whole number from cluster.hpa.minReplicas to ${SPEC_LIMITS.hpaReplicas.max}`,
  'database.engineVersion': ALLOWED.engineVersion,
  'database.instanceClass': ALLOWED.instanceClass,
  'database.allocatedStorageGb': ALLOWED.storageGb,
  'database.storageType': ALLOWED.storageType,
  'database.multiAz': ALLOWED.boolean,
  'database.backupRetentionDays': ALLOWED.backupRetentionDays,
  'domain.name': ALLOWED.domain,
  'domain.certificateArn': ALLOWED.certificateArn,
  'alarms.errorRatePercent': ALLOWED.errorRatePercent,
  'alarms.p99LatencySeconds': ALLOWED.p99LatencySeconds,
  'alarms.nodeCpuPercent': ALLOWED.utilizationPercent,
  'alarms.nodeMemoryPercent': ALLOWED.utilizationPercent,
  'alarms.databaseCpuPercent': ALLOWED.utilizationPercent,
  'budget.monthlyUsd': ALLOWED.monthlyUsd,
  'budget.alertEmail': ALLOWED.email,
};
for (const group of ['systemNodeGroup', 'applicationNodeGroup']) {
  const prefix = `cluster.${group}`;
  FIELD_ALLOWED[`${prefix}.instanceType`] = ALLOWED.instanceType;
  FIELD_ALLOWED[
    `${prefix}.minSize`
  ] = `a whole number from ${SPEC_LIMITS.nodeGroupSize.min} to ${SPEC_LIMITS.nodeGroupSize.max}, at most desiredSize`;
  FIELD_ALLOWED[
    `${prefix}.desiredSize`
  ] = `a whole number from minSize to maxSize`;
  FIELD_ALLOWED[
    `${prefix}.maxSize`
  ] = `a whole number from desiredSize to ${SPEC_LIMITS.nodeGroupSize.max}`;
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Fills gaps in `input` from `defaults`, leaving wrong-typed values alone. */
function withDefaults(input: unknown, defaults: unknown): unknown {
  if (input === undefined) {
    return defaults;
  }
  if (!isPlainObject(input) || !isPlainObject(defaults)) {
    return input;
  }
  const merged: Plain = { ...input };
  for (const [key, value] of Object.entries(defaults)) {
    merged[key] = withDefaults(input[key], value);
  }
  return merged;
}

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/** Unwraps default/prefault/optional wrappers to an object's shape. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let current = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType };
    if (
      (def.type === 'default' ||
        def.type === 'prefault' ||
        def.type === 'optional') &&
      def.innerType
    ) {
      current = def.innerType;
      continue;
    }
    if (def.type === 'object') {
      return (current.def as unknown as { shape: Record<string, z.ZodType> })
        .shape;
    }
    return undefined;
  }
}

/** Fields in the input the schema does not know (typos, old names). */
function unknownFieldErrors(
  input: unknown,
  schema: z.ZodType,
  prefix: string,
): FieldError[] {
  const shape = objectShape(schema);
  if (!shape || !isPlainObject(input)) {
    return [];
  }
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const child = shape[key];
    if (!child) {
      errors.push({
        field: prefix ? `${prefix}.${sanitizeKey(key)}` : sanitizeKey(key),
        message: `is not a field of the environment spec; allowed here: ${Object.keys(
          shape,
        ).join(', ')}`,
      });
    } else {
      errors.push(...unknownFieldErrors(value, child, field));
    }
  }
  return errors;
}

/** Keys come from the user: keep them printable and short in messages. */
function sanitizeKey(key: string): string {
  const printable = key.replace(/[^A-Za-z0-9_-]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function typeErrors(input: unknown): FieldError[] {
  const result = environmentSpecSchema.safeParse(input);
  if (result.success) {
    return [];
  }
  return result.error.issues.map(issue => {
    const field = issue.path.map(String).join('.');
    const value = at(input, field);
    const allowed = FIELD_ALLOWED[field];
    if (value === undefined) {
      return {
        field,
        message: allowed ? `is required: ${allowed}` : 'is required',
      };
    }
    return {
      field,
      message: `must be ${allowed ?? 'an object'}; got ${describeType(value)}${
        typeof value === 'number' ? ` (${value})` : ''
      }`,
    };
  });
}

interface RuleContext {
  value: unknown;
  errors: FieldError[];
  /** Fields with a type error already: rules skip them. */
  flagged: Set<string>;
}

function fail(context: RuleContext, field: string, message?: string) {
  if (context.flagged.has(field)) {
    return;
  }
  context.errors.push({
    field,
    message: message ?? `must be ${FIELD_ALLOWED[field]}`,
  });
}

/** Checks a field only when zod found its type right. */
function checkString(
  context: RuleContext,
  field: string,
  valid: (value: string) => boolean,
  message?: string,
) {
  const value = at(context.value, field);
  if (typeof value === 'string' && !valid(value)) {
    fail(context, field, message);
  }
}

function checkNumberRange(
  context: RuleContext,
  field: string,
  min: number,
  max: number,
  whole: boolean,
) {
  const value = at(context.value, field);
  if (!isFiniteNumber(value) || (whole && !Number.isInteger(value))) {
    if (typeof value === 'number') {
      fail(context, field, `must be ${FIELD_ALLOWED[field]}; got ${value}`);
    }
    return;
  }
  if (value < min || value > max) {
    fail(context, field, `must be ${FIELD_ALLOWED[field]}; got ${value}`);
  }
}

function checkName(context: RuleContext) {
  const name = at(context.value, 'name');
  if (typeof name !== 'string') {
    return;
  }
  const { minLength, maxLength } = SPEC_LIMITS.name;
  if (
    name.length < minLength ||
    name.length > maxLength ||
    !NAME_PATTERN.test(name)
  ) {
    fail(context, 'name');
  } else if (name.startsWith('aws') || name.startsWith('internal-')) {
    fail(
      context,
      'name',
      'must not start with "aws" or "internal-": AWS reserves these prefixes for some resource names',
    );
  }
}

function checkNetwork(context: RuleContext) {
  const cidrText = at(context.value, 'network.vpcCidr');
  const azCount = at(context.value, 'network.azCount');
  checkNumberRange(
    context,
    'network.azCount',
    SPEC_LIMITS.azCount.min,
    SPEC_LIMITS.azCount.max,
    true,
  );
  if (typeof cidrText === 'string') {
    const cidr = parseIpv4Cidr(cidrText);
    if (!cidr) {
      fail(context, 'network.vpcCidr');
    } else if (!isNetworkAddress(cidr)) {
      fail(
        context,
        'network.vpcCidr',
        `must be a network address: the bits after /${cidr.prefix} must be zero (e.g. "10.0.0.0/16"); ${FIELD_ALLOWED['network.vpcCidr']}`,
      );
    } else if (!isRfc1918(cidr)) {
      fail(
        context,
        'network.vpcCidr',
        `must be a private (RFC 1918) block: ${FIELD_ALLOWED['network.vpcCidr']}`,
      );
    } else if (cidr.prefix < VPC_PREFIX_RANGE.min) {
      fail(
        context,
        'network.vpcCidr',
        `is larger than AWS allows for a VPC (/16 at most); got /${cidr.prefix}`,
      );
    } else if (
      cidr.prefix > VPC_PREFIX_RANGE.max ||
      (isWholeNumber(azCount) && !planSubnets(cidrText, azCount))
    ) {
      fail(
        context,
        'network.vpcCidr',
        `is too small for the subnet layout (per AZ: a private subnet of a quarter of the VPC, public and isolated subnets of 1/32; public subnets must be /27 or larger for the ALB): use /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}; got /${cidr.prefix}`,
      );
    }
  }
  const nat = at(context.value, 'network.natGateways');
  if (isFiniteNumber(nat)) {
    const max = isWholeNumber(azCount) ? azCount : SPEC_LIMITS.azCount.max;
    if (!Number.isInteger(nat) || nat < 1 || nat > max) {
      fail(
        context,
        'network.natGateways',
        `must be a whole number from 1 to network.azCount (${max}): one NAT gateway per AZ is the seed's layout, fewer share NAT gateways across AZs; got ${nat}`,
      );
    }
  }
}

function checkNodeGroup(
  context: RuleContext,
  group: 'systemNodeGroup' | 'applicationNodeGroup',
) {
  const prefix = `cluster.${group}`;
  checkString(context, `${prefix}.instanceType`, value =>
    EC2_INSTANCE_TYPES.some(type => type.name === value),
  );
  const { min: lowest, max: highest } = SPEC_LIMITS.nodeGroupSize;
  const sizes = ['minSize', 'desiredSize', 'maxSize'] as const;
  const values = sizes.map(size => at(context.value, `${prefix}.${size}`));
  sizes.forEach((size, index) => {
    const value = values[index];
    if (
      isFiniteNumber(value) &&
      (!Number.isInteger(value) || value < lowest || value > highest)
    ) {
      fail(
        context,
        `${prefix}.${size}`,
        `must be a whole number from ${lowest} to ${highest}; got ${value}`,
      );
    }
  });
  const [min, desired, max] = values;
  if (isWholeNumber(min) && isWholeNumber(desired) && min > desired) {
    fail(
      context,
      `${prefix}.minSize`,
      `must be at most desiredSize (${desired}); got ${min}`,
    );
  }
  if (isWholeNumber(desired) && isWholeNumber(max) && desired > max) {
    fail(
      context,
      `${prefix}.desiredSize`,
      `must be at most maxSize (${max}); got ${desired}`,
    );
  } else if (
    isWholeNumber(min) &&
    isWholeNumber(max) &&
    !isWholeNumber(desired) &&
    min > max
  ) {
    fail(
      context,
      `${prefix}.maxSize`,
      `must be at least minSize (${min}); got ${max}`,
    );
  }
}

function checkCluster(context: RuleContext) {
  checkString(context, 'cluster.kubernetesVersion', value =>
    EKS_KUBERNETES_VERSIONS.some(version => version.version === value),
  );
  checkNodeGroup(context, 'systemNodeGroup');
  checkNodeGroup(context, 'applicationNodeGroup');
  const { min, max } = SPEC_LIMITS.hpaReplicas;
  checkNumberRange(context, 'cluster.hpa.minReplicas', min, max, true);
  checkNumberRange(context, 'cluster.hpa.maxReplicas', min, max, true);
  const low = at(context.value, 'cluster.hpa.minReplicas');
  const high = at(context.value, 'cluster.hpa.maxReplicas');
  if (isWholeNumber(low) && isWholeNumber(high) && low > high) {
    fail(
      context,
      'cluster.hpa.maxReplicas',
      `must be at least cluster.hpa.minReplicas (${low}); got ${high}`,
    );
  }
}

function checkDatabase(context: RuleContext) {
  checkString(context, 'database.engineVersion', value =>
    POSTGRES_ENGINE_VERSIONS.includes(value),
  );
  checkString(context, 'database.instanceClass', value =>
    RDS_INSTANCE_CLASSES.some(type => type.name === value),
  );
  checkString(context, 'database.storageType', value =>
    RDS_STORAGE_TYPES.includes(value),
  );
  checkNumberRange(
    context,
    'database.allocatedStorageGb',
    SPEC_LIMITS.storageGb.min,
    SPEC_LIMITS.storageGb.max,
    true,
  );
  checkNumberRange(
    context,
    'database.backupRetentionDays',
    SPEC_LIMITS.backupRetentionDays.min,
    SPEC_LIMITS.backupRetentionDays.max,
    true,
  );
}

function checkDomain(context: RuleContext) {
  const domain = at(context.value, 'domain');
  if (!isPlainObject(domain)) {
    return;
  }
  checkString(context, 'domain.name', value => DOMAIN_PATTERN.test(value));
  if (domain.certificateArn === undefined) {
    fail(
      context,
      'domain.certificateArn',
      `is required when domain.name is set: ${ALLOWED.certificateArn}`,
    );
  } else {
    checkString(context, 'domain.certificateArn', value =>
      CLOUDFRONT_CERTIFICATE_PATTERN.test(value),
    );
  }
}

function checkAlarmsAndBudget(context: RuleContext) {
  const { errorRatePercent, p99LatencySeconds, utilizationPercent } =
    SPEC_LIMITS;
  checkNumberRange(
    context,
    'alarms.errorRatePercent',
    errorRatePercent.min,
    errorRatePercent.max,
    false,
  );
  checkNumberRange(
    context,
    'alarms.p99LatencySeconds',
    p99LatencySeconds.min,
    p99LatencySeconds.max,
    false,
  );
  for (const field of [
    'alarms.nodeCpuPercent',
    'alarms.nodeMemoryPercent',
    'alarms.databaseCpuPercent',
  ]) {
    checkNumberRange(
      context,
      field,
      utilizationPercent.min,
      utilizationPercent.max,
      false,
    );
  }
  checkNumberRange(
    context,
    'budget.monthlyUsd',
    SPEC_LIMITS.monthlyUsd.min,
    SPEC_LIMITS.monthlyUsd.max,
    false,
  );
  checkString(context, 'budget.alertEmail', value => EMAIL_PATTERN.test(value));
}

/** Missing top-level objects are reported by their required leaves. */
function normalizeRequiredObjects(input: Plain): Plain {
  return {
    ...input,
    accounts: input.accounts === undefined ? {} : input.accounts,
    budget: input.budget === undefined ? {} : input.budget,
  };
}

/**
 * Validates an environment spec: shape, types, allowed values and the
 * cross-field rules. Every problem is reported, each with the dotted path of
 * the field and what the field accepts. Missing optional fields get the
 * seed's values.
 *
 * @public
 */
export function validateEnvironmentSpec(
  input: unknown,
): EnvironmentSpecValidation {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: [
        {
          field: '(root)',
          message: `the spec must be an object (a YAML mapping or JSON object); got ${describeType(
            input,
          )}`,
        },
      ],
    };
  }
  const normalized = normalizeRequiredObjects(input);
  const shapeErrors = typeErrors(normalized);
  const context: RuleContext = {
    value: withDefaults(normalized, SEED_DEFAULTS),
    errors: [
      ...unknownFieldErrors(normalized, environmentSpecSchema, ''),
      ...shapeErrors,
    ],
    flagged: new Set(shapeErrors.map(error => error.field)),
  };
  checkName(context);
  for (const field of ['accounts.management', 'accounts.workloads']) {
    checkString(context, field, value => ACCOUNT_PATTERN.test(value));
  }
  checkString(context, 'region', value =>
    SUPPORTED_REGIONS.some(region => region.id === value),
  );
  checkNetwork(context);
  checkCluster(context);
  checkDatabase(context);
  checkDomain(context);
  checkAlarmsAndBudget(context);

  if (context.errors.length > 0) {
    return { ok: false, errors: dedupe(context.errors) };
  }
  return { ok: true, spec: environmentSpecSchema.parse(normalized) };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter(error => {
    const key = `${error.field}\u0000${error.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * Like {@link validateEnvironmentSpec}, but returns the spec or throws an
 * {@link EnvironmentSpecError} listing every bad field.
 *
 * @public
 */
export function parseEnvironmentSpec(input: unknown): EnvironmentSpec {
  const result = validateEnvironmentSpec(input);
  if (!result.ok) {
    throw new EnvironmentSpecError(result.errors);
  }
  return result.spec;
}

/**
 * The seed's own environment (`innovate-prod`, placeholder accounts), validated.
 *
 * @public
 */
export function defaultEnvironmentSpec(): EnvironmentSpec {
  return parseEnvironmentSpec(SEED_ENVIRONMENT_INPUT);
}
