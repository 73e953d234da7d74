import {
  SEED_ALARM_THRESHOLDS,
  type AlarmState,
  type AlarmView,
} from '@innovate/plugin-aws-environments-common';

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

/** The seed's threshold for an alarm: the backend's, else the seed's table. */
export function seedThresholdOf(alarm: AlarmView): number | undefined {
  return alarm.seedThreshold ?? SEED_ALARM_THRESHOLDS[alarm.kind];
}

/** `> 2 s`, `> 80%`: a threshold as people write it. */
export function formatThreshold(alarm: AlarmView, threshold: number): string {
  const operator =
    OPERATORS[alarm.comparisonOperator] ?? alarm.comparisonOperator;
  let amount: string;
  switch (alarm.unit) {
    case 'Percent':
      amount = `${threshold}%`;
      break;
    case 'Seconds':
      amount = `${threshold} s`;
      break;
    case 'Milliseconds':
      amount = `${threshold} ms`;
      break;
    case undefined:
    case 'None':
    case 'Count':
      amount = String(threshold);
      break;
    default:
      amount = `${threshold} ${alarm.unit}`;
  }
  return `${operator} ${amount}`;
}

const STATE_ORDER: Record<AlarmState, number> = {
  ALARM: 0,
  INSUFFICIENT_DATA: 1,
  OK: 2,
};

/** Firing alarms first, then those without data, then the rest; by name within. */
export function sortAlarms(alarms: AlarmView[]): AlarmView[] {
  return [...alarms].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.name.localeCompare(b.name),
  );
}

/** Human words for an alarm state. */
export const STATE_LABELS: Record<AlarmState, string> = {
  ALARM: 'Firing',
  INSUFFICIENT_DATA: 'Insufficient data',
  OK: 'OK',
};
