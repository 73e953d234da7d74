import type { CostEstimate, CostLine } from '../api/types';

/**
 * A line of the seed architecture's cost table, with the estimate lines
 * that cover the same thing.
 *
 * @public
 */
export interface SeedCostLine {
  id: string;
  /** The row as the seed writes it, e.g. `EC2 (2x t3.large)`. */
  label: string;
  /**
   * The AWS service the row is mostly about, as Cost Explorer names it (the
   * same names as `CostLine.service`), so rows can be joined by service.
   */
  service: string;
  monthlyUsd: number;
  /** Ids of the cost model's lines that correspond to this row. */
  modelLineIds: string[];
}

/**
 * The seed's cost table ("8. Cost Estimate"): seven rows summing to $428,
 * which the seed rounds to "~$430/month".
 *
 * @public
 */
export const SEED_COST_TABLE: readonly SeedCostLine[] = [
  {
    id: 'eks',
    label: 'EKS Control Plane',
    service: 'Amazon Elastic Container Service for Kubernetes',
    monthlyUsd: 73,
    modelLineIds: ['eks-control-plane'],
  },
  {
    id: 'ec2',
    label: 'EC2 (2x t3.large)',
    service: 'Amazon Elastic Compute Cloud - Compute',
    monthlyUsd: 120,
    modelLineIds: ['node-group-application'],
  },
  {
    id: 'rds',
    label: 'RDS (db.t3.medium)',
    service: 'Amazon Relational Database Service',
    monthlyUsd: 65,
    modelLineIds: ['rds-instance', 'rds-storage'],
  },
  {
    id: 'nat',
    label: 'NAT Gateways (3x)',
    service: 'EC2 - Other',
    monthlyUsd: 100,
    modelLineIds: ['nat-gateways'],
  },
  {
    id: 'alb',
    label: 'ALB',
    service: 'Amazon Elastic Load Balancing',
    monthlyUsd: 25,
    modelLineIds: ['load-balancer'],
  },
  {
    id: 'cloudfront-s3',
    label: 'CloudFront + S3',
    service: 'Amazon CloudFront',
    monthlyUsd: 15,
    modelLineIds: ['cloudfront', 's3'],
  },
  {
    id: 'cloudwatch',
    label: 'CloudWatch',
    service: 'AmazonCloudWatch',
    monthlyUsd: 30,
    modelLineIds: ['cloudwatch'],
  },
];

/**
 * The seed's stated total.
 *
 * @public
 */
export const SEED_TOTAL_MONTHLY_USD = 430;

/**
 * One row of {@link compareWithSeed}.
 *
 * @public
 */
export interface SeedComparisonRow {
  seed: SeedCostLine;
  modelUsd: number;
  /** Model minus seed. */
  differenceUsd: number;
}

/**
 * The estimate set against the seed's table, row by row.
 *
 * @public
 */
export interface SeedComparison {
  rows: SeedComparisonRow[];
  /** Estimate lines the seed's table has no row for. */
  notInSeed: CostLine[];
  seedTotalUsd: number;
  modelTotalUsd: number;
  /** Where and why the seed's table and the model differ, in words. */
  notes: string[];
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Compares an estimate with the seed's cost table line by line.
 *
 * @public
 */
export function compareWithSeed(estimate: CostEstimate): SeedComparison {
  const byId = new Map(estimate.lines.map(line => [line.id, line]));
  const covered = new Set(SEED_COST_TABLE.flatMap(row => row.modelLineIds));
  const rows = SEED_COST_TABLE.map(seed => {
    const modelUsd = round(
      seed.modelLineIds.reduce(
        (sum, id) => sum + (byId.get(id)?.monthlyUsd ?? 0),
        0,
      ),
    );
    return { seed, modelUsd, differenceUsd: round(modelUsd - seed.monthlyUsd) };
  });
  const notInSeed = estimate.lines.filter(line => !covered.has(line.id));
  const omitted = round(notInSeed.reduce((sum, l) => sum + l.monthlyUsd, 0));
  const system = byId.get('node-group-system');
  const notes = [
    `The seed's rows add up to $${SEED_COST_TABLE.reduce(
      (sum, row) => sum + row.monthlyUsd,
      0,
    )}, which it rounds to ~$${SEED_TOTAL_MONTHLY_USD}.`,
  ];
  if (system) {
    notes.push(
      `The seed's "EC2 (2x t3.large)" row counts only the application node group; the system node group it also specifies (${
        system.label
      }) costs $${system.monthlyUsd.toFixed(2)} and is not in its total.`,
    );
  }
  notes.push(
    `Lines the seed leaves out add $${omitted.toFixed(2)}: ${notInSeed
      .filter(line => line.monthlyUsd > 0)
      .map(line => `${line.id} $${line.monthlyUsd.toFixed(2)}`)
      .join(', ')}.`,
  );
  const eks = byId.get('eks-control-plane');
  if (eks && eks.monthlyUsd > 73.5) {
    notes.push(
      `The seed's $73 EKS line is the standard-support rate; ${
        eks.label
      } costs $${eks.monthlyUsd.toFixed(2)}.`,
    );
  }
  return {
    rows,
    notInSeed,
    seedTotalUsd: SEED_TOTAL_MONTHLY_USD,
    modelTotalUsd: estimate.totalMonthlyUsd,
    notes,
  };
}
