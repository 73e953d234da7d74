import { Anomaly, paginateGetAnomalies } from '@aws-sdk/client-cost-explorer';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { AwsClientFactory } from '../AwsClients/types';
import { callAws } from '../DataSources/aws/awsErrors';
import { collectPages } from '../DataSources/aws/pagination';
import type { Finding } from './types';

/** How far back Cost Anomaly Detection's anomalies are read. */
export const ANOMALY_LOOKBACK_DAYS = 14;

/** Cost Anomaly Detection's anomalies of a management account. */
export interface AnomalySource {
  /** The anomalies of the last 14 days (GetAnomalies, every page). */
  anomalies(managementAccount: string, now: Date): Promise<Anomaly[]>;
}

/** An environment an anomaly may belong to. */
export interface AnomalyCandidate {
  name: string;
  spec: EnvironmentSpec;
}

/**
 * Whose an anomaly is: one environment (`to`), or nobody's, with the
 * environments it could not be told apart between (`among`, two or more).
 */
export type Attribution =
  | { to: string; by: 'tag' | 'account-and-region' }
  | { to: null; among: string[] };

const usd = (amount: number) => `$${amount.toFixed(2)}`;

/**
 * Whether the anomaly's dimension is the environment's cost allocation tag
 * value: an AWS managed monitor of dimension TAG evaluates each value of the
 * tag on its own and names it, alone or as `key$value`.
 */
function taggedWith(anomaly: Anomaly, name: string): boolean {
  const value = anomaly.DimensionValue;
  return value === name || Boolean(value?.endsWith(`$${name}`));
}

function causedIn(anomaly: Anomaly, spec: EnvironmentSpec): boolean {
  return (anomaly.RootCauses ?? []).some(
    cause =>
      cause.LinkedAccount === spec.accounts.workloads &&
      (!cause.Region || cause.Region === spec.region),
  );
}

/**
 * The one environment of `candidates` (those of the anomaly's management
 * account) the anomaly belongs to: the one its dimension names by tag, else
 * the one whose workloads account and region its root causes name. Several
 * environments sharing that account and region cannot be told apart by a
 * root cause, so the anomaly is then nobody's.
 */
export function attributeAnomaly(
  anomaly: Anomaly,
  candidates: AnomalyCandidate[],
): Attribution {
  const tagged = candidates.filter(c => taggedWith(anomaly, c.name));
  if (tagged.length === 1) {
    return { to: tagged[0].name, by: 'tag' };
  }
  const caused = candidates.filter(c => causedIn(anomaly, c.spec));
  if (caused.length === 1) {
    return { to: caused[0].name, by: 'account-and-region' };
  }
  return { to: null, among: caused.map(c => c.name) };
}

/** The finding of an anomaly attributed to the environment of `spec`. */
export function anomalyFinding(
  anomaly: Anomaly,
  spec: EnvironmentSpec,
): Finding {
  const impact = anomaly.Impact?.TotalImpact ?? anomaly.Impact?.MaxImpact ?? 0;
  const causes = (anomaly.RootCauses ?? [])
    .filter(cause => cause.LinkedAccount === spec.accounts.workloads)
    .map(cause =>
      [cause.Service, cause.UsageType, cause.Region].filter(Boolean).join(', '),
    )
    .filter(Boolean);
  const expected = anomaly.Impact?.TotalExpectedSpend;
  const actual = anomaly.Impact?.TotalActualSpend;
  return {
    kind: 'cost-anomaly-detection',
    period: anomaly.AnomalyId!,
    severity: 'high',
    title: `Cost Anomaly Detection: ${usd(impact)} above the expected spend`,
    description: `AWS Cost Anomaly Detection found an anomaly in account ${
      spec.accounts.workloads
    } from ${anomaly.AnomalyStartDate ?? 'an unknown day'}${
      anomaly.AnomalyEndDate ? ` to ${anomaly.AnomalyEndDate}` : ''
    }${
      actual !== undefined && expected !== undefined
        ? ` (${usd(actual)} spent, ${usd(expected)} expected)`
        : ''
    }${causes.length ? `; root causes: ${causes.join('; ')}` : ''}.`,
    view: 'cost',
  };
}

/**
 * AWS Cost Anomaly Detection's anomalies of the last 14 days (GetAnomalies in
 * the management account, every page); {@link attributeAnomaly} says whose
 * each one is.
 */
export class CostAnomalyDetection implements AnomalySource {
  constructor(private readonly clients: AwsClientFactory) {}

  async anomalies(managementAccount: string, now: Date): Promise<Anomaly[]> {
    const client = await this.clients.costExplorer(managementAccount);
    const day = (offset: number) =>
      new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const anomalies = await callAws(
      {
        action: 'ce:GetAnomalies',
        accountId: managementAccount,
        // Cost Explorer's endpoint is in us-east-1.
        region: 'us-east-1',
        accountRole: 'management',
        resource: `the cost anomalies of management account ${managementAccount}`,
      },
      () =>
        collectPages(
          paginateGetAnomalies(
            { client },
            {
              DateInterval: {
                StartDate: day(ANOMALY_LOOKBACK_DAYS),
                EndDate: day(0),
              },
            },
          ),
          page => page.Anomalies,
        ),
    );
    return anomalies.filter(anomaly => anomaly.AnomalyId);
  }
}
