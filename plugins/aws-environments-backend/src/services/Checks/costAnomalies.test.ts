import { GetAnomaliesCommand } from '@aws-sdk/client-cost-explorer';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  awsError,
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../../__testUtils__/awsMocks';
import {
  anomalyFinding,
  attributeAnomaly,
  CostAnomalyDetection,
} from './costAnomalies';

const spec = defaultEnvironmentSpec();
const { management, workloads } = spec.accounts;
const NOW = new Date('2026-11-30T12:00:00Z');

function anomaly(
  id: string,
  account: string,
  region?: string,
  dimensionValue?: string,
) {
  return {
    AnomalyId: id,
    ...(dimensionValue ? { DimensionValue: dimensionValue } : {}),
    AnomalyStartDate: '2026-11-27',
    AnomalyEndDate: '2026-11-28',
    MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/m1',
    AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.8 },
    Impact: {
      MaxImpact: 40,
      TotalImpact: 62.5,
      TotalActualSpend: 90,
      TotalExpectedSpend: 27.5,
    },
    RootCauses: [
      {
        Service: 'Amazon Elastic Compute Cloud - Compute',
        UsageType: 'BoxUsage:m5.4xlarge',
        LinkedAccount: account,
        ...(region ? { Region: region } : {}),
      },
    ],
  };
}

/** Another environment of the same accounts. */
function sibling(name: string, region = spec.region) {
  return { name, spec: { ...spec, name, region } };
}
const mine = { name: spec.name, spec };

describe('CostAnomalyDetection', () => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  beforeEach(() => {
    aws = mockAwsEnvironment(spec);
  });
  afterEach(() => aws.restore());

  it('reads the management account’s anomalies of the last 14 days, across pages', async () => {
    aws.costExplorer
      .on(GetAnomaliesCommand)
      .resolvesOnce({
        Anomalies: [
          anomaly('a-1', workloads, spec.region),
          anomaly('a-2', '999999999999', spec.region),
        ],
        NextPageToken: 'page-2',
      })
      .resolvesOnce({ Anomalies: [anomaly('a-3', workloads)] });
    const anomalies = await new CostAnomalyDetection(
      new MockedAwsClientFactory(),
    ).anomalies(management, NOW);

    expect(anomalies.map(a => a.AnomalyId)).toEqual(['a-1', 'a-2', 'a-3']);
    const calls = aws.costExplorer.commandCalls(GetAnomaliesCommand);
    // The SDK's paginator reuses one input object for every page.
    expect(calls).toHaveLength(2);
    expect(calls[1].args[0].input).toMatchObject({
      DateInterval: { StartDate: '2026-11-16', EndDate: '2026-11-30' },
      NextPageToken: 'page-2',
    });
  });

  it('names the account, role and action when access is denied', async () => {
    aws.costExplorer
      .on(GetAnomaliesCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'not authorized to perform: ce:GetAnomalies',
        ),
      );
    await expect(
      new CostAnomalyDetection(new MockedAwsClientFactory()).anomalies(
        management,
        NOW,
      ),
    ).rejects.toThrow(
      /ce:GetAnomalies.*111111111111|111111111111.*ce:GetAnomalies/,
    );
  });
});

describe('attributeAnomaly', () => {
  it('gives an anomaly to the one environment of its account and region', () => {
    const candidates = [mine, sibling('innovate-eu', 'eu-west-1')];
    expect(
      attributeAnomaly(anomaly('a', workloads, spec.region), candidates),
    ).toEqual({ to: spec.name, by: 'account-and-region' });
    expect(
      attributeAnomaly(anomaly('a', workloads, 'eu-west-1'), candidates),
    ).toEqual({ to: 'innovate-eu', by: 'account-and-region' });
    expect(
      attributeAnomaly(anomaly('a', '999999999999', spec.region), candidates),
    ).toEqual({ to: null, among: [] });
  });

  it('gives an anomaly without a region to the account’s only environment, and to none of several', () => {
    expect(attributeAnomaly(anomaly('a', workloads), [mine])).toEqual({
      to: spec.name,
      by: 'account-and-region',
    });
    expect(
      attributeAnomaly(anomaly('a', workloads), [
        mine,
        sibling('innovate-eu', 'eu-west-1'),
      ]),
    ).toEqual({ to: null, among: [spec.name, 'innovate-eu'] });
  });

  it('gives none of the environments sharing an account and region an anomaly that names no tag', () => {
    expect(
      attributeAnomaly(anomaly('a', workloads, spec.region), [
        mine,
        sibling('innovate-staging'),
      ]),
    ).toEqual({ to: null, among: [spec.name, 'innovate-staging'] });
  });

  it('gives an anomaly of a tag monitor to the environment its value names', () => {
    const candidates = [mine, sibling('innovate-staging')];
    expect(
      attributeAnomaly(
        anomaly('a', workloads, spec.region, 'innovate-staging'),
        candidates,
      ),
    ).toEqual({ to: 'innovate-staging', by: 'tag' });
    expect(
      attributeAnomaly(
        anomaly(
          'a',
          workloads,
          spec.region,
          `innovate:environment$${spec.name}`,
        ),
        candidates,
      ),
    ).toEqual({ to: spec.name, by: 'tag' });
    // A service monitor's dimension names a service: back to the root causes.
    expect(
      attributeAnomaly(
        anomaly(
          'a',
          workloads,
          spec.region,
          'Amazon Elastic Compute Cloud - Compute',
        ),
        candidates,
      ),
    ).toEqual({ to: null, among: [spec.name, 'innovate-staging'] });
  });
});

describe('anomalyFinding', () => {
  it('says how much, when and why', () => {
    const finding = anomalyFinding(
      anomaly('a-1', workloads, spec.region),
      spec,
    );
    expect(finding).toMatchObject({
      kind: 'cost-anomaly-detection',
      period: 'a-1',
      severity: 'high',
      view: 'cost',
      title: 'Cost Anomaly Detection: $62.50 above the expected spend',
    });
    expect(finding.description).toContain('$90.00 spent, $27.50 expected');
    expect(finding.description).toContain('BoxUsage:m5.4xlarge');
  });
});
