import type { AlarmView } from '@innovate/plugin-aws-environments-common';
import { plural } from '../../format';
import { StatusLabel } from '../StatusLabel';

/** The alarms that are firing (in state `ALARM`). */
export function firingAlarms(alarms: AlarmView[]): AlarmView[] {
  return alarms.filter(alarm => alarm.state === 'ALARM');
}

/** `2 of 5 alarms firing` or `None of 5 alarms firing`, in words and tone. */
export function FiringAlarms(props: { alarms: AlarmView[] }) {
  const { alarms } = props;
  const firing = firingAlarms(alarms).length;
  if (alarms.length === 0) {
    return <StatusLabel tone="warning">No alarms</StatusLabel>;
  }
  return (
    <StatusLabel tone={firing > 0 ? 'error' : 'ok'}>
      {`${firing > 0 ? firing : 'None'} of ${plural(
        alarms.length,
        'alarm',
      )} firing`}
    </StatusLabel>
  );
}
