import { GetAnomaliesCommand } from '@aws-sdk/client-cost-explorer';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  awsError,
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../../__testUtils__/awsMocks';
import { CostAnomalyDetection } from './costAnomalies';

const spec = defaultEnvironmentSpec();
const environment = { name: spec.name, spec };
const NOW = new Date('2026-11-30T12:00:00Z');

function anomaly(id: string, account: string, region?: string) {
  return {
    AnomalyId: id,
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

describe('CostAnomalyDetection', () => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  beforeEach(() => {
    aws = mockAwsEnvironment(spec);
  });
  afterEach(() => aws.restore());

  it('keeps the anomalies of the environment’s account and region, across pages', async () => {
    const { workloads } = spec.accounts;
    aws.costExplorer
      .on(GetAnomaliesCommand)
      .resolvesOnce({
        Anomalies: [
          anomaly('a-mine', workloads, spec.region),
          anomaly('a-other-account', '999999999999', spec.region),
        ],
        NextPageToken: 'page-2',
      })
      .resolvesOnce({
        Anomalies: [
          anomaly('a-other-region', workloads, 'eu-west-1'),
          anomaly('a-no-region', workloads),
        ],
      });
    const findings = await new CostAnomalyDetection(
      new MockedAwsClientFactory(),
    ).findings(environment, NOW);

    expect(findings.map(f => f.period)).toEqual(['a-mine', 'a-no-region']);
    expect(findings[0]).toMatchObject({
      kind: 'cost-anomaly-detection',
      severity: 'high',
      view: 'cost',
      title: 'Cost Anomaly Detection: $62.50 above the expected spend',
    });
    expect(findings[0].description).toContain('$90.00 spent, $27.50 expected');
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
      new CostAnomalyDetection(new MockedAwsClientFactory()).findings(
        environment,
        NOW,
      ),
    ).rejects.toThrow(
      /ce:GetAnomalies.*111111111111|111111111111.*ce:GetAnomalies/,
    );
  });
});
