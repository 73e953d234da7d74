import {
  CloudWatchClient,
  MetricAlarm,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import {
  type AlarmState,
  type AlarmsView,
  type AlarmView,
  literalString,
} from '@innovate/plugin-aws-environments-common';
import { malformed } from '../../../errors';
import {
  alarmKind,
  alarmNamePrefix,
  alarmResources,
  seedThreshold,
} from '../environmentParts';
import type { DeployedEnvironment, ViewData } from '../types';
import { callAws } from './awsErrors';
import { collectPages } from './pagination';
import { workloadsScope } from './workloadsScope';

const ALARM_STATES = new Set<string>(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

export async function fetchAlarmsView(
  environment: DeployedEnvironment,
  cloudWatch: CloudWatchClient,
): Promise<ViewData<AlarmsView>> {
  const scope = workloadsScope(environment);
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

  const alarms = await callAws(
    scope.context('cloudwatch:DescribeAlarms', `alarms named ${prefix}*`),
    () =>
      collectPages(
        paginateDescribeAlarms(
          { client: cloudWatch },
          { AlarmNamePrefix: prefix, AlarmTypes: ['MetricAlarm'] },
        ),
        out => out.MetricAlarms,
      ),
  );

  return {
    alarms: alarms
      .filter(alarm => defined.size === 0 || defined.has(alarm.AlarmName ?? ''))
      .map(alarm => {
        scope.owned(
          alarm.AlarmArn,
          'cloudwatch:DescribeAlarms MetricAlarms[].AlarmArn',
          'alarm',
        );
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
  // Since when the alarm is in its state: StateUpdatedTimestamp also moves
  // when only the reason changes while it stays in ALARM.
  const since = alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp;
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
    ...(since ? { stateUpdatedAt: since.toISOString() } : {}),
  };
}
