import {
  CloudWatchClient,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { malformed } from '../../../errors';
import type { FleetAlarms } from '../../Fleet/types';
import { alarmNamePrefix } from '../environmentParts';
import { callAws } from './awsErrors';
import { collectPages } from './pagination';

/** The longest prefix every one of `names` starts with. */
export function commonPrefix(names: string[]): string {
  if (names.length === 0) {
    return '';
  }
  let prefix = names[0];
  for (const name of names.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) {
      i++;
    }
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * The alarms in ALARM of the environments in one workloads account and
 * region, in one DescribeAlarms request (and its further pages): alarm
 * names start with the environment's name, so the request asks for the
 * prefix all of their names share (none when they share none).
 */
export async function fetchFleetAlarms(
  cloudWatch: CloudWatchClient,
  scope: { accountId: string; region: string },
  environmentNames: string[],
): Promise<FleetAlarms> {
  const prefix = commonPrefix(environmentNames.map(alarmNamePrefix));
  const alarms = await callAws(
    {
      action: 'cloudwatch:DescribeAlarms',
      accountId: scope.accountId,
      region: scope.region,
      accountRole: 'workloads',
      resource: `alarms in ALARM named ${prefix}*`,
    },
    () =>
      collectPages(
        paginateDescribeAlarms(
          { client: cloudWatch },
          {
            StateValue: 'ALARM',
            AlarmTypes: ['MetricAlarm'],
            ...(prefix ? { AlarmNamePrefix: prefix } : {}),
          },
        ),
        out => out.MetricAlarms,
      ),
  );
  return {
    firing: alarms.map(alarm => {
      if (!alarm.AlarmName) {
        throw malformed(
          'cloudwatch:DescribeAlarms',
          'MetricAlarms[].AlarmName',
        );
      }
      return alarm.AlarmName;
    }),
  };
}
