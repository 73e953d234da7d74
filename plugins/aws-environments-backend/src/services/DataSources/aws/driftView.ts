import {
  CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  paginateDescribeStackResourceDrifts,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation';
import type {
  DriftStatus,
  DriftView,
  PropertyDifference,
  ResourceDrift,
  StackDrift,
} from '@innovate/plugin-aws-environments-common';
import { DataSourceError, malformed } from '../../../errors';
import { isMissingStack } from '../../../lib/cloudFormationErrors';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import type { DeployedEnvironment, ViewData } from '../types';
import { type AwsCallContext, callAws } from './awsErrors';
import { collectPages } from './pagination';

/**
 * A stack's drift is detected again only when CloudFormation's last check
 * is older than this. CloudFormation keeps the time of the last check, so
 * the bound holds across backend instances.
 */
export const DRIFT_DETECTION_INTERVAL_MS = 15 * 60_000;

/** How long a view waits for a detection it started. */
const DETECTION_WAIT_MS = 60_000;
const FIRST_POLL_DELAY_MS = 1_000;
const MAX_POLL_DELAY_MS = 10_000;

export interface DriftOptions {
  now: () => Date;
  /** Waits between polls of a running detection (injectable for tests). */
  sleep: (ms: number) => Promise<void>;
}

/** The CloudFormation client of the stack's account and region. */
export type StackClient = (
  stack: RecordedStack,
) => Promise<CloudFormationClient>;

/** What went wrong in one stack: the view shows it on that stack only. */
class StackFailure {
  constructor(readonly error: DataSourceError) {}
}

/**
 * Drift of the environment's stacks from CloudFormation drift detection,
 * each stack in its own account and region, in parallel. A stack whose
 * check fails is UNKNOWN with the reason; only when every stack fails does
 * the view fail (so the last good view can be served, marked stale).
 */
export async function fetchDriftView(
  environment: DeployedEnvironment,
  cloudFormation: StackClient,
  options: DriftOptions,
): Promise<ViewData<DriftView>> {
  const results = await Promise.all(
    environment.stacks.map(stack =>
      stackDrift(environment, stack, cloudFormation, options).catch(error => {
        if (error instanceof DataSourceError) {
          return new StackFailure(error);
        }
        throw error;
      }),
    ),
  );
  const failures = results.filter(
    (r): r is StackFailure => r instanceof StackFailure,
  );
  if (results.length > 0 && failures.length === results.length) {
    throw failures[0].error;
  }
  const stacks = results.map((result, i) =>
    result instanceof StackFailure
      ? {
          name: environment.stacks[i].stackName,
          status: 'UNKNOWN' as const,
          reason: result.error.message,
          resources: [],
        }
      : result,
  );
  return { status: overallStatus(stacks), stacks };
}

/** DRIFTED if any stack drifted, else UNKNOWN if any is not known, else IN_SYNC. */
export function overallStatus(stacks: StackDrift[]): DriftStatus {
  if (stacks.some(s => s.status === 'DRIFTED')) {
    return 'DRIFTED';
  }
  if (stacks.some(s => s.status !== 'IN_SYNC')) {
    return 'UNKNOWN';
  }
  return 'IN_SYNC';
}

function stackContext(
  environment: DeployedEnvironment,
  stack: RecordedStack,
): (action: string) => AwsCallContext {
  const accountRole =
    stack.account === environment.spec.accounts.management &&
    stack.account !== environment.spec.accounts.workloads
      ? 'management'
      : 'workloads';
  return action => ({
    action,
    accountId: stack.account,
    region: stack.region,
    accountRole,
    resource: `stack ${stack.stackName}`,
  });
}

/** The drift of one stack, detecting it again when the last check is old. */
async function stackDrift(
  environment: DeployedEnvironment,
  stack: RecordedStack,
  clientOf: StackClient,
  options: DriftOptions,
): Promise<StackDrift> {
  const name = stack.stackName;
  const context = stackContext(environment, stack);
  const client = await clientOf(stack);
  const described = await callAws(
    context('cloudformation:DescribeStacks'),
    async () => {
      try {
        const out = await client.send(
          new DescribeStacksCommand({ StackName: name }),
        );
        return out.Stacks?.[0];
      } catch (error) {
        if (isMissingStack(error)) {
          return undefined;
        }
        throw error;
      }
    },
  );
  if (!described) {
    return {
      name,
      status: 'UNKNOWN',
      reason: `The stack ${name} does not exist in account ${stack.account} (${stack.region}); it may have been deleted outside the portal. Redeploy the environment to recreate it.`,
      resources: [],
    };
  }
  const info = described.DriftInformation;
  const lastCheck = info?.LastCheckTimestamp;
  const now = options.now().getTime();
  let status: string | undefined;
  let detectedAt: Date | undefined;
  if (lastCheck && now - lastCheck.getTime() < DRIFT_DETECTION_INTERVAL_MS) {
    status = info?.StackDriftStatus;
    detectedAt = lastCheck;
  } else {
    const detection = await detect(client, name, context, options);
    if (detection.kind !== 'complete') {
      return {
        name,
        status: 'UNKNOWN',
        reason: detection.reason,
        resources: [],
      };
    }
    status = detection.status;
    detectedAt = detection.at ?? options.now();
  }
  const at = { detectedAt: detectedAt.toISOString() };
  switch (status) {
    case 'IN_SYNC':
      return { name, status: 'IN_SYNC', ...at, resources: [] };
    case 'DRIFTED':
      return {
        name,
        status: 'DRIFTED',
        ...at,
        resources: await resourceDrifts(client, name, context),
      };
    case 'NOT_CHECKED':
      return { name, status: 'NOT_CHECKED', resources: [] };
    case 'UNKNOWN':
      return {
        name,
        status: 'UNKNOWN',
        ...at,
        reason: `CloudFormation's last drift detection of ${name} could not tell whether it drifted; it is detected again ${
          DRIFT_DETECTION_INTERVAL_MS / 60_000
        } minutes after that check.`,
        resources: [],
      };
    default:
      throw malformed(
        'cloudformation:DescribeStacks',
        'Stacks[].DriftInformation.StackDriftStatus',
      );
  }
}

type Detection =
  | { kind: 'complete'; status?: string; at?: Date }
  | { kind: 'unknown'; reason: string };

/** Starts a drift detection and polls it, with backoff, for about a minute. */
async function detect(
  client: CloudFormationClient,
  name: string,
  context: (action: string) => AwsCallContext,
  options: DriftOptions,
): Promise<Detection> {
  const started = await callAws(
    context('cloudformation:DetectStackDrift'),
    () => client.send(new DetectStackDriftCommand({ StackName: name })),
  );
  const id = started.StackDriftDetectionId;
  if (!id) {
    throw malformed('cloudformation:DetectStackDrift', 'StackDriftDetectionId');
  }
  let waited = 0;
  let delay = FIRST_POLL_DELAY_MS;
  for (;;) {
    const status = await callAws(
      context('cloudformation:DescribeStackDriftDetectionStatus'),
      () =>
        client.send(
          new DescribeStackDriftDetectionStatusCommand({
            StackDriftDetectionId: id,
          }),
        ),
    );
    switch (status.DetectionStatus) {
      case 'DETECTION_COMPLETE':
        return {
          kind: 'complete',
          status: status.StackDriftStatus,
          at: status.Timestamp,
        };
      case 'DETECTION_FAILED':
        return {
          kind: 'unknown',
          reason: `CloudFormation's drift detection of ${name} failed: ${
            status.DetectionStatusReason ?? 'no reason given'
          }`,
        };
      case 'DETECTION_IN_PROGRESS':
        break;
      default:
        throw malformed(
          'cloudformation:DescribeStackDriftDetectionStatus',
          'DetectionStatus',
        );
    }
    if (waited >= DETECTION_WAIT_MS) {
      return {
        kind: 'unknown',
        reason: `CloudFormation's drift detection of ${name} (${id}) was still running after ${Math.round(
          waited / 1000,
        )} s; the result shows once it finishes.`,
      };
    }
    const wait = Math.min(delay, DETECTION_WAIT_MS - waited);
    await options.sleep(wait);
    waited += wait;
    delay = Math.min(delay * 2, MAX_POLL_DELAY_MS);
  }
}

/** The stack's resources that drifted or were deleted, from the last detection. */
async function resourceDrifts(
  client: CloudFormationClient,
  name: string,
  context: (action: string) => AwsCallContext,
): Promise<ResourceDrift[]> {
  const drifts = await callAws(
    context('cloudformation:DescribeStackResourceDrifts'),
    () =>
      collectPages(
        paginateDescribeStackResourceDrifts(
          { client },
          {
            StackName: name,
            StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
          },
        ),
        out => out.StackResourceDrifts,
      ),
  );
  return drifts.map(toResourceDrift);
}

const RESOURCE_STATUSES = new Set<string>([
  'IN_SYNC',
  'MODIFIED',
  'DELETED',
  'NOT_CHECKED',
]);
const DIFFERENCE_KINDS = new Set<string>(['ADD', 'REMOVE', 'NOT_EQUAL']);

function toResourceDrift(drift: StackResourceDrift): ResourceDrift {
  const field = (f: string) =>
    malformed(
      'cloudformation:DescribeStackResourceDrifts',
      `StackResourceDrifts[].${f}`,
    );
  if (!drift.LogicalResourceId) {
    throw field('LogicalResourceId');
  }
  if (!drift.ResourceType) {
    throw field('ResourceType');
  }
  const status = drift.StackResourceDriftStatus ?? '';
  if (!RESOURCE_STATUSES.has(status)) {
    throw field('StackResourceDriftStatus');
  }
  return {
    logicalId: drift.LogicalResourceId,
    ...(drift.PhysicalResourceId
      ? { physicalId: drift.PhysicalResourceId }
      : {}),
    type: drift.ResourceType,
    status: status as ResourceDrift['status'],
    differences: (drift.PropertyDifferences ?? []).map(
      (d): PropertyDifference => {
        if (!d.PropertyPath) {
          throw field('PropertyDifferences[].PropertyPath');
        }
        return {
          path: d.PropertyPath,
          expected: d.ExpectedValue ?? '',
          actual: d.ActualValue ?? '',
          ...(d.DifferenceType && DIFFERENCE_KINDS.has(d.DifferenceType)
            ? { kind: d.DifferenceType as PropertyDifference['kind'] }
            : {}),
        };
      },
    ),
  };
}
