/**
 * Properties of {@link Security}.
 *
 * @public
 */
export interface SecurityProps {
  readonly trailName: string;
  /** Days CloudTrail log files are kept in S3. */
  readonly trailRetentionDays: number;
}
