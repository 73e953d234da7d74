import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The CloudWatch Logs retention setting for a number of days. Only the
 * values CloudWatch Logs offers are accepted.
 */
export function retentionDays(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find(value => value === days);
  if (match === undefined) {
    throw new Error(
      `CloudWatch Logs has no ${days}-day retention setting; use one of ${Object.values(
        logs.RetentionDays,
      )
        .filter(value => typeof value === 'number')
        .join(', ')}`,
    );
  }
  return match as logs.RetentionDays;
}
