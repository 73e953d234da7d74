import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  type AlarmsView,
  defaultEnvironmentSpec,
  environmentResourceNames,
} from '@innovate/plugin-aws-environments-common';
import { mockAwsEnvironment } from '../../../__testUtils__/awsMocks';
import { fixtureSynthesis } from '../../../__testUtils__/fakeSynthesizer';
import { fixtureEnvironment } from '../../../__testUtils__/fixtureEnvironment';
import { alarmFindings } from '../../Checks/rules';
import { fetchAlarmsView } from './alarmsView';

const spec = defaultEnvironmentSpec();
const environment = fixtureEnvironment(spec, {
  source: 'aws',
  entities: fixtureSynthesis(spec).entities,
});
const name = environmentResourceNames(spec.name).alarms.errorRate;
const NOW = new Date('2026-11-30T12:00:00Z');

function alarm(overrides: Partial<MetricAlarm>): MetricAlarm {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${spec.region}:${spec.accounts.workloads}:alarm:${name}`,
    StateValue: 'ALARM',
    Threshold: 1,
    ComparisonOperator: 'GreaterThanThreshold',
    ...overrides,
  };
}

describe('the alarms view’s state time', () => {
  let aws: ReturnType<typeof mockAwsEnvironment>;
  beforeEach(() => {
    aws = mockAwsEnvironment(spec);
  });
  afterEach(() => aws.restore());

  async function since(overrides: Partial<MetricAlarm>) {
    aws.cloudWatch
      .on(DescribeAlarmsCommand)
      .resolves({ MetricAlarms: [alarm(overrides)] });
    const view = await fetchAlarmsView(environment, new CloudWatchClient({}));
    return view.alarms[0].stateUpdatedAt;
  }

  it('is when the alarm entered its state, not when its reason last changed', async () => {
    expect(
      await since({
        StateTransitionedTimestamp: new Date('2026-11-30T11:00:00Z'),
        StateUpdatedTimestamp: new Date('2026-11-30T11:55:00Z'),
      }),
    ).toBe('2026-11-30T11:00:00.000Z');
  });

  it('falls back to the last update when CloudWatch gives no transition time', async () => {
    expect(
      await since({ StateUpdatedTimestamp: new Date('2026-11-30T11:55:00Z') }),
    ).toBe('2026-11-30T11:55:00.000Z');
    expect(await since({})).toBeUndefined();
  });

  it('keeps one notification key for an ALARM episode whose reason is updated', async () => {
    const periods = [];
    for (const updated of ['11:20', '11:40', '11:59']) {
      aws.cloudWatch.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: [
          alarm({
            StateTransitionedTimestamp: new Date('2026-11-30T11:00:00Z'),
            StateUpdatedTimestamp: new Date(`2026-11-30T${updated}:00Z`),
          }),
        ],
      });
      const view = await fetchAlarmsView(environment, new CloudWatchClient({}));
      const served = { ...view, source: 'aws', fetchedAt: '', stale: false };
      periods.push(
        ...alarmFindings(served as AlarmsView, NOW).map(f => f.period),
      );
    }
    expect(periods).toEqual([
      `${name}:2026-11-30T11:00:00.000Z`,
      `${name}:2026-11-30T11:00:00.000Z`,
      `${name}:2026-11-30T11:00:00.000Z`,
    ]);
  });
});
