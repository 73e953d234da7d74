import { z } from 'zod';
import {
  domainProblems,
  hpaProblems,
  networkProblems,
  nodeGroupProblems,
  Problem,
} from './crossField';
import {
  ACCOUNT_PATTERN,
  ALLOWED,
  ALLOWED_VALUES,
  BASELINE_MODES,
  BaselineMode,
  DNS_LABEL_PATTERN,
  DOMAIN_PATTERN,
  HOSTED_ZONE_ID_PATTERN,
  EMAIL_PATTERN,
  explain,
  explainObject,
  explainRoot,
  isReservedName,
  NAME_PATTERN,
  RESERVED_NAME_MESSAGE,
  SPEC_LIMITS,
} from './rules';

export { BASELINE_MODES } from './rules';
export type { BaselineMode } from './rules';

/**
 * The seed architecture's values. Every default of {@link environmentSpecSchema}
 * comes from here, so "the default spec" and "the seed" are one thing.
 *
 * @public
 */
export const SEED_DEFAULTS = {
  region: 'us-east-1',
  baseline: 'managed' as BaselineMode,
  network: { vpcCidr: '10.0.0.0/16', azCount: 3, natGateways: 3 },
  cluster: {
    kubernetesVersion: '1.33',
    systemNodeGroup: {
      instanceType: 't3.medium',
      minSize: 2,
      desiredSize: 2,
      maxSize: 3,
    },
    applicationNodeGroup: {
      instanceType: 't3.large',
      minSize: 2,
      desiredSize: 2,
      maxSize: 20,
    },
    hpa: { minReplicas: 2, maxReplicas: 100 },
  },
  database: {
    engineVersion: '15',
    instanceClass: 'db.t3.medium',
    allocatedStorageGb: 100,
    storageType: 'gp3',
    multiAz: false,
    backupRetentionDays: 14,
  },
  alarms: {
    errorRatePercent: 1,
    p99LatencySeconds: 2,
    nodeCpuPercent: 80,
    nodeMemoryPercent: 80,
    databaseCpuPercent: 80,
  },
  budget: { monthlyUsd: 430 },
} as const;

type Limits = { readonly min: number; readonly max: number };

/** Runs a cross-field rule even when another field has a type error. */
const always = { when: () => true };

function report<T>(problems: (value: T) => Problem[]) {
  return (value: T, ctx: z.RefinementCtx<T>) => {
    for (const { field, message } of problems(value)) {
      ctx.addIssue({ code: 'custom', path: [field], message, input: value });
    }
  };
}

/** A string field whose every problem reads "must be <allowed>". */
function text(allowed: string, pattern?: RegExp) {
  const error = explain(allowed);
  const schema = z.string({ error }).describe(`Must be ${allowed}.`);
  return pattern ? schema.regex(pattern, { error }) : schema;
}

function oneOf(values: readonly string[], allowed: string) {
  return z
    .enum(values, { error: explain(allowed) })
    .describe(`Must be ${allowed}.`);
}

/**
 * A whole number in a range. Whole is checked with `multipleOf(1)`, not
 * `.int()`: zod's int check aborts explicitly on a fraction, which skips the
 * object's cross-field rules even with `when`, and the spec reports those next
 * to a type error. The JSON Schema says "integer" (see environmentSpecJsonSchema).
 */
function wholeNumber(allowed: string, limits?: Limits, rangeAllowed?: string) {
  const error = explain(allowed, rangeAllowed);
  const schema = z
    .number({ error })
    .multipleOf(1, { error })
    .check(({ value, issues }) => {
      // Past 2^53 a number is no longer exact: a type error, as in zod's int().
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        const issue = { code: 'invalid_type', input: value } as const;
        issues.push({ ...issue, expected: 'int', message: error(issue) });
      }
    })
    .describe(`Must be ${allowed}.`);
  return limits
    ? schema.min(limits.min, { error }).max(limits.max, { error })
    : schema;
}

function decimal(allowed: string, limits: Limits) {
  const error = explain(allowed);
  return z
    .number({ error })
    .min(limits.min, { error })
    .max(limits.max, { error })
    .describe(`Must be ${allowed}.`);
}

/** An object that rejects keys it does not know, naming the ones it does. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: explainObject(Object.keys(shape)) });
}

const nodeGroupSchema = (defaults: {
  instanceType: string;
  minSize: number;
  desiredSize: number;
  maxSize: number;
}) => {
  const size = (allowed: string) =>
    wholeNumber(allowed, SPEC_LIMITS.nodeGroupSize, ALLOWED.nodeGroupSize);
  return strict({
    instanceType: oneOf(
      ALLOWED_VALUES.instanceType,
      ALLOWED.instanceType,
    ).default(defaults.instanceType),
    minSize: size(ALLOWED.minSize).default(defaults.minSize),
    desiredSize: size(ALLOWED.desiredSize).default(defaults.desiredSize),
    maxSize: size(ALLOWED.maxSize).default(defaults.maxSize),
  })
    .superRefine(report(nodeGroupProblems), always)
    .prefault({});
};

const name = text(ALLOWED.name)
  .min(SPEC_LIMITS.name.minLength, { error: explain(ALLOWED.name) })
  .max(SPEC_LIMITS.name.maxLength, { error: explain(ALLOWED.name) })
  .regex(NAME_PATTERN, { error: explain(ALLOWED.name) })
  .refine(value => !isReservedName(value), { error: RESERVED_NAME_MESSAGE });

const network = strict({
  // The CIDR's own rules are in networkProblems too: they report in the
  // order azCount, vpcCidr, natGateways, as the wizard shows the fields.
  vpcCidr: text(ALLOWED.vpcCidr).default(SEED_DEFAULTS.network.vpcCidr),
  azCount: wholeNumber(ALLOWED.azCount, SPEC_LIMITS.azCount).default(
    SEED_DEFAULTS.network.azCount,
  ),
  natGateways: wholeNumber(ALLOWED.natGateways).default(
    SEED_DEFAULTS.network.natGateways,
  ),
}).superRefine(report(networkProblems), always);

const cluster = strict({
  kubernetesVersion: oneOf(
    ALLOWED_VALUES.kubernetesVersion,
    ALLOWED.kubernetesVersion,
  ).default(SEED_DEFAULTS.cluster.kubernetesVersion),
  systemNodeGroup: nodeGroupSchema(SEED_DEFAULTS.cluster.systemNodeGroup),
  applicationNodeGroup: nodeGroupSchema(
    SEED_DEFAULTS.cluster.applicationNodeGroup,
  ),
  hpa: strict({
    minReplicas: wholeNumber(
      ALLOWED.minReplicas,
      SPEC_LIMITS.hpaReplicas,
    ).default(SEED_DEFAULTS.cluster.hpa.minReplicas),
    maxReplicas: wholeNumber(
      ALLOWED.maxReplicas,
      SPEC_LIMITS.hpaReplicas,
    ).default(SEED_DEFAULTS.cluster.hpa.maxReplicas),
  })
    .superRefine(report(hpaProblems), always)
    .prefault({}),
});

const database = strict({
  engineVersion: oneOf(
    ALLOWED_VALUES.engineVersion,
    ALLOWED.engineVersion,
  ).default(SEED_DEFAULTS.database.engineVersion),
  instanceClass: oneOf(
    ALLOWED_VALUES.instanceClass,
    ALLOWED.instanceClass,
  ).default(SEED_DEFAULTS.database.instanceClass),
  allocatedStorageGb: wholeNumber(
    ALLOWED.storageGb,
    SPEC_LIMITS.storageGb,
  ).default(SEED_DEFAULTS.database.allocatedStorageGb),
  storageType: oneOf(ALLOWED_VALUES.storageType, ALLOWED.storageType).default(
    SEED_DEFAULTS.database.storageType,
  ),
  multiAz: z
    .boolean({ error: explain(ALLOWED.boolean) })
    .describe('Whether the database runs in two AZs (a standby).')
    .default(SEED_DEFAULTS.database.multiAz),
  backupRetentionDays: wholeNumber(
    ALLOWED.backupRetentionDays,
    SPEC_LIMITS.backupRetentionDays,
  ).default(SEED_DEFAULTS.database.backupRetentionDays),
  // Optional rather than defaulted: absent means false, and specs (the
  // seed's too) that do not ask for it stay as they were.
  allowMajorVersionUpgrade: z
    .boolean({ error: explain(ALLOWED.boolean) })
    .describe(
      'Allows an update to a later PostgreSQL major version (engineVersion, e.g. 15 to 16); false when absent.',
    )
    .optional(),
});

const domain = strict({
  name: text(ALLOWED.domain, DOMAIN_PATTERN),
  hostedZoneId: text(ALLOWED.hostedZoneId, HOSTED_ZONE_ID_PATTERN),
  hostedZoneName: text(ALLOWED.hostedZoneName, DOMAIN_PATTERN),
  apiSubdomain: text(ALLOWED.apiSubdomain, DNS_LABEL_PATTERN).optional(),
  hostedZoneAccount: z
    .enum(['workloads', 'management'], {
      error: explain(ALLOWED.hostedZoneAccount),
    })
    .describe(`Must be ${ALLOWED.hostedZoneAccount}.`)
    .default('workloads'),
}).superRefine(report(domainProblems), always);

const percent = (defaultValue: number) =>
  decimal(ALLOWED.utilizationPercent, SPEC_LIMITS.utilizationPercent).default(
    defaultValue,
  );

const alarms = strict({
  errorRatePercent: decimal(
    ALLOWED.errorRatePercent,
    SPEC_LIMITS.errorRatePercent,
  ).default(SEED_DEFAULTS.alarms.errorRatePercent),
  p99LatencySeconds: decimal(
    ALLOWED.p99LatencySeconds,
    SPEC_LIMITS.p99LatencySeconds,
  ).default(SEED_DEFAULTS.alarms.p99LatencySeconds),
  nodeCpuPercent: percent(SEED_DEFAULTS.alarms.nodeCpuPercent),
  nodeMemoryPercent: percent(SEED_DEFAULTS.alarms.nodeMemoryPercent),
  databaseCpuPercent: percent(SEED_DEFAULTS.alarms.databaseCpuPercent),
});

const rootShape = {
  name,
  accounts: strict({
    management: text(ALLOWED.account, ACCOUNT_PATTERN),
    workloads: text(ALLOWED.account, ACCOUNT_PATTERN),
  }),
  region: oneOf(ALLOWED_VALUES.region, ALLOWED.region).default(
    SEED_DEFAULTS.region,
  ),
  baseline: z
    .enum(BASELINE_MODES, { error: explain(ALLOWED.baseline) })
    .describe(`Must be ${ALLOWED.baseline}.`)
    .default(SEED_DEFAULTS.baseline),
  network: network.prefault({}),
  cluster: cluster.prefault({}),
  database: database.prefault({}),
  domain: domain.optional(),
  alarms: alarms.prefault({}),
  budget: strict({
    monthlyUsd: decimal(ALLOWED.monthlyUsd, SPEC_LIMITS.monthlyUsd).default(
      SEED_DEFAULTS.budget.monthlyUsd,
    ),
    alertEmail: text(ALLOWED.email, EMAIL_PATTERN),
  }),
};

/**
 * The environment spec: its shape, the seed's defaults, and every rule
 * (allowed values, ranges, patterns, cross-field checks), each with the
 * message `validateEnvironmentSpec` reports. Unknown keys are rejected.
 *
 * @public
 */
export const environmentSpecSchema = z.strictObject(rootShape, {
  error: explainRoot(Object.keys(rootShape)),
});

/**
 * A complete, defaulted environment specification.
 *
 * @public
 */
export type EnvironmentSpec = z.output<typeof environmentSpecSchema>;

/**
 * What a caller may send: everything with a seed default may be left out.
 *
 * @public
 */
export type EnvironmentSpecInput = z.input<typeof environmentSpecSchema>;

/**
 * The seed's own production environment, registered in the sandbox on a
 * fresh portal. Account ids are placeholders: the sandbox never calls AWS.
 *
 * @public
 */
export const SEED_ENVIRONMENT_INPUT: EnvironmentSpecInput = {
  name: 'innovate-prod',
  accounts: { management: '111111111111', workloads: '222222222222' },
  budget: { alertEmail: 'platform-alerts@innovate.example' },
};
