import { z } from 'zod';

/**
 * The seed architecture's values. Every default of {@link environmentSpecSchema}
 * comes from here, so "the default spec" and "the seed" are one thing.
 *
 * @public
 */
export const SEED_DEFAULTS = {
  region: 'us-east-1',
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

const nodeGroupSchema = (defaults: {
  instanceType: string;
  minSize: number;
  desiredSize: number;
  maxSize: number;
}) =>
  z.object({
    instanceType: z.string().default(defaults.instanceType),
    minSize: z.number().int().default(defaults.minSize),
    desiredSize: z.number().int().default(defaults.desiredSize),
    maxSize: z.number().int().default(defaults.maxSize),
  });

/**
 * The shape of an environment, with the seed's defaults.
 *
 * Field-level rules (allowed values, cross-field checks) are applied by
 * `validateEnvironmentSpec`; this schema fixes the shape and the defaults.
 *
 * @public
 */
export const environmentSpecSchema = z.object({
  name: z.string(),
  accounts: z.object({
    management: z.string(),
    workloads: z.string(),
  }),
  region: z.string().default(SEED_DEFAULTS.region),
  network: z
    .object({
      vpcCidr: z.string().default(SEED_DEFAULTS.network.vpcCidr),
      azCount: z.number().int().default(SEED_DEFAULTS.network.azCount),
      natGateways: z.number().int().default(SEED_DEFAULTS.network.natGateways),
    })
    .prefault({}),
  cluster: z
    .object({
      kubernetesVersion: z
        .string()
        .default(SEED_DEFAULTS.cluster.kubernetesVersion),
      systemNodeGroup: nodeGroupSchema(
        SEED_DEFAULTS.cluster.systemNodeGroup,
      ).prefault({}),
      applicationNodeGroup: nodeGroupSchema(
        SEED_DEFAULTS.cluster.applicationNodeGroup,
      ).prefault({}),
      hpa: z
        .object({
          minReplicas: z
            .number()
            .int()
            .default(SEED_DEFAULTS.cluster.hpa.minReplicas),
          maxReplicas: z
            .number()
            .int()
            .default(SEED_DEFAULTS.cluster.hpa.maxReplicas),
        })
        .prefault({}),
    })
    .prefault({}),
  database: z
    .object({
      engineVersion: z.string().default(SEED_DEFAULTS.database.engineVersion),
      instanceClass: z.string().default(SEED_DEFAULTS.database.instanceClass),
      allocatedStorageGb: z
        .number()
        .int()
        .default(SEED_DEFAULTS.database.allocatedStorageGb),
      storageType: z.string().default(SEED_DEFAULTS.database.storageType),
      multiAz: z.boolean().default(SEED_DEFAULTS.database.multiAz),
      backupRetentionDays: z
        .number()
        .int()
        .default(SEED_DEFAULTS.database.backupRetentionDays),
    })
    .prefault({}),
  domain: z
    .object({
      name: z.string(),
      certificateArn: z.string().optional(),
    })
    .optional(),
  alarms: z
    .object({
      errorRatePercent: z
        .number()
        .default(SEED_DEFAULTS.alarms.errorRatePercent),
      p99LatencySeconds: z
        .number()
        .default(SEED_DEFAULTS.alarms.p99LatencySeconds),
      nodeCpuPercent: z.number().default(SEED_DEFAULTS.alarms.nodeCpuPercent),
      nodeMemoryPercent: z
        .number()
        .default(SEED_DEFAULTS.alarms.nodeMemoryPercent),
      databaseCpuPercent: z
        .number()
        .default(SEED_DEFAULTS.alarms.databaseCpuPercent),
    })
    .prefault({}),
  budget: z.object({
    monthlyUsd: z.number().default(SEED_DEFAULTS.budget.monthlyUsd),
    alertEmail: z.string(),
  }),
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
