import { Anomaly, paginateGetAnomalies } from '@aws-sdk/client-cost-explorer';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { AwsClientFactory } from '../AwsClients/types';
import { callAws } from '../DataSources/aws/awsErrors';
import { collectPages } from '../DataSources/aws/pagination';
import type { Finding } from './types';

/** How far back Cost Anomaly Detection's anomalies are read. */
export const ANOMALY_LOOKBACK_DAYS = 14;

/** Findings of an environment's account from outside its views. */
export interface AnomalySource {
  findings(
    environment: { name: string; spec: EnvironmentSpec },
    now: Date,
  ): Promise<Finding[]>;
}

const usd = (amount: number) => `$${amount.toFixed(2)}`;

function ofEnvironment(anomaly: Anomaly, spec: EnvironmentSpec): boolean {
  return (anomaly.RootCauses ?? []).some(
    cause =>
      cause.LinkedAccount === spec.accounts.workloads &&
      (!cause.Region || cause.Region === spec.region),
  );
}

function toFinding(anomaly: Anomaly, spec: EnvironmentSpec): Finding {
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
 * The anomalies AWS Cost Anomaly Detection found in the last 14 days
 * (GetAnomalies in the management account), kept when a root cause is the
 * environment's workloads account (and region, when AWS names one).
 */
export class CostAnomalyDetection implements AnomalySource {
  constructor(private readonly clients: AwsClientFactory) {}

  async findings(
    environment: { name: string; spec: EnvironmentSpec },
    now: Date,
  ): Promise<Finding[]> {
    const { spec } = environment;
    const management = spec.accounts.management;
    const client = await this.clients.costExplorer(management);
    const day = (offset: number) =>
      new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const anomalies = await callAws(
      {
        action: 'ce:GetAnomalies',
        accountId: management,
        // Cost Explorer's endpoint is in us-east-1.
        region: 'us-east-1',
        accountRole: 'management',
        resource: `the cost anomalies of environment '${environment.name}'`,
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
    return anomalies
      .filter(anomaly => anomaly.AnomalyId && ofEnvironment(anomaly, spec))
      .map(anomaly => toFinding(anomaly, spec));
  }
}
