/**
 * Properties of {@link AccountBaseline}.
 *
 * @public
 */
export interface AccountBaselineProps {
  readonly trailName: string;
  /** Days CloudTrail log files are kept in S3. */
  readonly trailRetentionDays: number;
}
