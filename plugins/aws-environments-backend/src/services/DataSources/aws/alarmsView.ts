import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type {
  AlarmState,
  AlarmsView,
  AlarmView,
} from '@innovate/plugin-aws-environments-common';
import { malformed } from '../../../errors';
import { literalString } from '../../../lib/templates';
import {
  alarmKind,
  alarmNamePrefix,
  alarmResources,
  seedThreshold,
} from '../environmentParts';
import type { DeployedEnvironment, ViewData } from '../types';
import { callAws } from './awsErrors';
import { assertOwnedArn } from './ownership';

const ALARM_STATES = new Set<string>(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

export async function fetchAlarmsView(
  environment: DeployedEnvironment,
  cloudWatch: CloudWatchClient,
): Promise<ViewData<AlarmsView>> {
  const accountId = environment.spec.accounts.workloads;
  const region = environment.spec.region;
  const prefix = alarmNamePrefix(environment.name);
  // Another environment's name can start with this one's (`prod`,
  // `prod-eu`): keep the alarms this environment's templates define (all
  // with the prefix when the templates do not name them).
  const defined = new Set(
    alarmResources(environment).flatMap(r => {
      const name = literalString(r.properties.AlarmName);
      return name ? [name] : [];
    }),
  );

  const alarms: MetricAlarm[] = [];
  let nextToken: string | undefined;
  do {
    const pageToken = nextToken;
    const out = await callAws(
      {
        action: 'cloudwatch:DescribeAlarms',
        accountId,
        region,
        accountRole: 'workloads',
        resource: `alarms named ${prefix}*`,
      },
      () =>
        cloudWatch.send(
          new DescribeAlarmsCommand({
            AlarmNamePrefix: prefix,
            AlarmTypes: ['MetricAlarm'],
            NextToken: pageToken,
          }),
        ),
    );
    alarms.push(...(out.MetricAlarms ?? []));
    nextToken = out.NextToken;
  } while (nextToken);

  return {
    alarms: alarms
      .filter(alarm => defined.size === 0 || defined.has(alarm.AlarmName ?? ''))
      .map(alarm => {
        assertOwnedArn(alarm.AlarmArn, {
          accountId,
          region,
          environment: environment.name,
          field: 'cloudwatch:DescribeAlarms MetricAlarms[].AlarmArn',
          what: 'alarm',
        });
        return toAlarmView(environment.name, alarm);
      }),
  };
}

function toAlarmView(environmentName: string, alarm: MetricAlarm): AlarmView {
  const field = (name: string) =>
    malformed('cloudwatch:DescribeAlarms', `MetricAlarms[].${name}`);
  if (!alarm.AlarmName) {
    throw field('AlarmName');
  }
  if (!alarm.StateValue || !ALARM_STATES.has(alarm.StateValue)) {
    throw field('StateValue');
  }
  if (typeof alarm.Threshold !== 'number') {
    throw field('Threshold');
  }
  if (!alarm.ComparisonOperator) {
    throw field('ComparisonOperator');
  }
  const kind = alarmKind(environmentName, alarm.AlarmName);
  const seeded = seedThreshold(kind);
  return {
    name: alarm.AlarmName,
    arn: alarm.AlarmArn,
    ...(alarm.AlarmDescription ? { description: alarm.AlarmDescription } : {}),
    kind,
    ...(alarm.Namespace ? { namespace: alarm.Namespace } : {}),
    ...(alarm.MetricName ? { metricName: alarm.MetricName } : {}),
    state: alarm.StateValue as AlarmState,
    threshold: alarm.Threshold,
    comparisonOperator: alarm.ComparisonOperator,
    ...(alarm.Unit ? { unit: alarm.Unit } : {}),
    ...(seeded !== undefined ? { seedThreshold: seeded } : {}),
    ...(alarm.StateReason ? { stateReason: alarm.StateReason } : {}),
    ...(alarm.StateUpdatedTimestamp
      ? { stateUpdatedAt: alarm.StateUpdatedTimestamp.toISOString() }
      : {}),
  };
}
