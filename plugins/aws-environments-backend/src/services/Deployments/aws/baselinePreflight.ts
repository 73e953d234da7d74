import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  ACCOUNT_BASELINE_STACK_NAME,
  type BaselineMode,
} from '@innovate/plugin-aws-environments-common';
import { CUSTOM_USER_AGENT } from '../../AwsClients/DefaultAwsClientFactory';

/**
 * The CDK bootstrap lookup role (ReadOnlyAccess): what the baseline check
 * reads GuardDuty, CloudTrail and CloudFormation with.
 */
export function lookupRoleArn(account: string, region: string): string {
  return `arn:aws:iam::${account}:role/cdk-hnb659fds-lookup-role-${account}-${region}`;
}

/** What the baseline check found: problems stop the deployment. */
export interface BaselineFindings {
  problems: string[];
  notes: string[];
}

type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

const SWITCH_TO_EXISTING =
  'set spec.baseline to "existing" to use it, or remove it from the account';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The enabled GuardDuty detectors of the account in the region. */
async function detectors(
  guardDuty: GuardDutyClient,
): Promise<{ id: string; status: string | undefined }[]> {
  const listed = await guardDuty.send(new ListDetectorsCommand({}));
  return Promise.all(
    (listed.DetectorIds ?? []).map(async id => ({
      id,
      status: (await guardDuty.send(new GetDetectorCommand({ DetectorId: id })))
        .Status,
    })),
  );
}

/** Names of the account's multi-region trails that are logging. */
async function loggingMultiRegionTrails(
  cloudTrail: CloudTrailClient,
): Promise<string[]> {
  const { trailList = [] } = await cloudTrail.send(
    new DescribeTrailsCommand({ includeShadowTrails: true }),
  );
  const logging: string[] = [];
  for (const trail of trailList.filter(t => t.IsMultiRegionTrail)) {
    const status = await cloudTrail.send(
      new GetTrailStatusCommand({ Name: trail.TrailARN ?? trail.Name }),
    );
    if (status.IsLogging) {
      logging.push(trail.Name ?? trail.TrailARN ?? 'unnamed');
    }
  }
  return logging;
}

async function baselineStackExists(
  cloudFormation: CloudFormationClient,
): Promise<boolean> {
  try {
    const out = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: ACCOUNT_BASELINE_STACK_NAME }),
    );
    return (out.Stacks ?? []).some(
      stack => stack.StackStatus !== 'DELETE_COMPLETE',
    );
  } catch (error) {
    if (/does not exist/.test(message(error))) {
      return false;
    }
    throw error;
  }
}

async function checkExisting(
  where: string,
  guardDuty: GuardDutyClient,
  cloudTrail: CloudTrailClient,
): Promise<BaselineFindings> {
  const problems: string[] = [];
  const found = await detectors(guardDuty);
  const enabled = found.filter(d => d.status === 'ENABLED');
  if (enabled.length === 0) {
    problems.push(
      found.length === 0
        ? `spec.baseline is "existing" but ${where} has no GuardDuty detector: enable GuardDuty there (aws guardduty create-detector --enable) or set spec.baseline to "managed"`
        : `spec.baseline is "existing" but the GuardDuty detector ${found[0].id} of ${where} is ${found[0].status}: enable it (aws guardduty update-detector --detector-id ${found[0].id} --enable)`,
    );
  }
  const trails = await loggingMultiRegionTrails(cloudTrail);
  if (trails.length === 0) {
    problems.push(
      `spec.baseline is "existing" but the account of ${where} has no logging multi-region CloudTrail trail: create one (or start logging on it) or set spec.baseline to "managed"`,
    );
  }
  return {
    problems,
    notes:
      problems.length === 0
        ? [
            `Account baseline: the existing GuardDuty detector ${enabled[0].id} and trail ${trails[0]} of ${where}`,
          ]
        : [],
  };
}

async function checkManaged(
  where: string,
  cloudFormation: CloudFormationClient,
  guardDuty: GuardDutyClient,
): Promise<BaselineFindings> {
  if (await baselineStackExists(cloudFormation)) {
    return {
      problems: [],
      notes: [
        `Account baseline: ${ACCOUNT_BASELINE_STACK_NAME} exists in ${where} (deployed with another environment); reused`,
      ],
    };
  }
  const found = await detectors(guardDuty);
  if (found.length > 0) {
    return {
      problems: [
        `${where} already has the GuardDuty detector ${found[0].id}, not from the portal's account baseline; a second detector cannot be created: ${SWITCH_TO_EXISTING}`,
      ],
      notes: [],
    };
  }
  return {
    problems: [],
    notes: [
      `Account baseline: ${ACCOUNT_BASELINE_STACK_NAME} will be created in ${where}`,
    ],
  };
}

/**
 * Checks the account baseline of the workloads account and region before an
 * AWS deployment, through the CDK lookup role: with `existing`, that the
 * account has an enabled GuardDuty detector in the region and a logging
 * multi-region trail; with `managed`, that the shared baseline stack exists
 * (reused) or can be created (no detector made outside it).
 */
export async function checkAccountBaseline(options: {
  baseline: BaselineMode;
  account: string;
  region: string;
  sts: STSClient;
}): Promise<BaselineFindings> {
  const { account, region } = options;
  const where = `${account}/${region}`;
  const roleArn = lookupRoleArn(account, region);
  let credentials: Credentials;
  try {
    const assumed = await options.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'innovate-portal-baseline',
        DurationSeconds: 900,
      }),
    );
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new Error('AssumeRole returned no credentials');
    }
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
  } catch (error) {
    return {
      problems: [
        `Cannot check the account baseline of ${where}: the portal cannot assume ${roleArn} (${message(
          error,
        )}); it is created by cdk bootstrap with --trust`,
      ],
      notes: [],
    };
  }
  const config = { region, credentials, customUserAgent: CUSTOM_USER_AGENT };
  const guardDuty = new GuardDutyClient(config);
  const cloudTrail = new CloudTrailClient(config);
  const cloudFormation = new CloudFormationClient(config);
  try {
    return options.baseline === 'existing'
      ? await checkExisting(where, guardDuty, cloudTrail)
      : await checkManaged(where, cloudFormation, guardDuty);
  } catch (error) {
    return {
      problems: [
        `Cannot check the account baseline of ${where} with ${roleArn}: ${message(
          error,
        )}`,
      ],
      notes: [],
    };
  } finally {
    guardDuty.destroy();
    cloudTrail.destroy();
    cloudFormation.destroy();
  }
}
