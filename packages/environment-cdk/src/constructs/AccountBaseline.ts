import { Duration } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AccountBaselineProps } from './AccountBaselineProps';

/**
 * Account-level detection in the workloads account: a multi-region
 * CloudTrail trail with log file validation, and a GuardDuty detector.
 * GuardDuty allows one detector per account and region, so this lives in
 * the account baseline stack that the account's environments share, never
 * in an environment's own stacks.
 *
 * @public
 */
export class AccountBaseline extends Construct {
  readonly trailBucket: s3.Bucket;
  readonly trail: cloudtrail.Trail;
  readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const accessLogBucket = new s3.Bucket(this, 'TrailAccessLogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.trailRetentionDays) }],
    });
    this.trailBucket = new s3.Bucket(this, 'TrailBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogBucket,
      serverAccessLogsPrefix: 'trail-bucket/',
      lifecycleRules: [{ expiration: Duration.days(props.trailRetentionDays) }],
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName: props.trailName,
      bucket: this.trailBucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
    });
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
  }
}
