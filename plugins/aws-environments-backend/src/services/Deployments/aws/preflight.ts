import {
  GetParameterCommand,
  ParameterNotFound,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CUSTOM_USER_AGENT } from '../../AwsClients/DefaultAwsClientFactory';
import type { BaselineMode } from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import type { DeploymentEventSink } from '../types';
import { checkAccountBaseline } from './baselinePreflight';

/** Where CDK bootstrap records its version, per account and region. */
export const BOOTSTRAP_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

/**
 * The oldest bootstrap the synthesized templates accept: CDK's templates
 * carry a `CheckBootstrapVersion` rule refusing versions 1 to 5.
 */
export const MIN_BOOTSTRAP_VERSION = 6;

/** The CDK bootstrap deploy role toolkit-lib assumes in an account. */
export function deployRoleArn(account: string, region: string): string {
  return `arn:aws:iam::${account}:role/cdk-hnb659fds-deploy-role-${account}-${region}`;
}

/** An environment cannot be deployed until its accounts are set up. */
export class PreflightError extends Error {
  name = 'PreflightError';
}

function bootstrapCommand(account: string, region: string, trust: string) {
  return `cdk bootstrap aws://${account}/${region} --trust ${trust} --cloudformation-execution-policies <the policy printed by \`yarn env bootstrap-policy\`>`;
}

/** One account and region's bootstrap: its version, or what is wrong. */
async function bootstrapOf(
  account: string,
  region: string,
  sts: STSClient,
  workloadsAccount: string,
): Promise<{ version: string } | { problem: string }> {
  const problem = (text: string) => ({ problem: text });
  const roleArn = deployRoleArn(account, region);
  let credentials;
  try {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'innovate-portal-preflight',
        DurationSeconds: 900,
      }),
    );
    credentials = assumed.Credentials;
  } catch (error) {
    return problem(
      `The portal's credentials (account ${workloadsAccount}) cannot assume ${roleArn}: ${
        (error as Error).message
      }. Bootstrap ${account}/${region} trusting the workloads account: ${bootstrapCommand(
        account,
        region,
        workloadsAccount,
      )}`,
    );
  }
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    return problem(`AssumeRole of ${roleArn} returned no credentials`);
  }
  const ssm = new SSMClient({
    region,
    customUserAgent: CUSTOM_USER_AGENT,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    },
  });
  try {
    const out = await ssm.send(
      new GetParameterCommand({ Name: BOOTSTRAP_VERSION_PARAMETER }),
    );
    const version = Number(out.Parameter?.Value);
    if (!Number.isInteger(version) || version < MIN_BOOTSTRAP_VERSION) {
      return problem(
        `${account}/${region} is bootstrapped at version ${
          out.Parameter?.Value ?? 'unknown'
        }, older than ${MIN_BOOTSTRAP_VERSION}: ${bootstrapCommand(
          account,
          region,
          workloadsAccount,
        )}`,
      );
    }
    return { version: `${account}/${region} v${version}` };
  } catch (error) {
    return problem(
      error instanceof ParameterNotFound
        ? `${account}/${region} is not CDK-bootstrapped (no ${BOOTSTRAP_VERSION_PARAMETER}): ${bootstrapCommand(
            account,
            region,
            workloadsAccount,
          )}`
        : `Cannot read ${BOOTSTRAP_VERSION_PARAMETER} in ${account}/${region} with ${roleArn}: ${
            (error as Error).message
          }`,
    );
  } finally {
    ssm.destroy();
  }
}

/**
 * Checks, before an AWS deployment, that every account and region of the
 * environment is CDK-bootstrapped at a recent enough version and that the
 * portal's credentials (the workloads account's) can assume its deploy
 * role, as toolkit-lib will. Every problem is listed with its fix.
 */
export async function preflight(options: {
  stacks: RecordedStack[];
  /** The account whose credentials the portal deploys with. */
  workloadsAccount: string;
  /** The spec's account baseline, checked in the workloads account and region. */
  baseline?: { mode: BaselineMode; region: string };
  sts: STSClient;
  events: DeploymentEventSink;
}): Promise<void> {
  const targets = new Map<string, { account: string; region: string }>();
  for (const { account, region } of options.stacks) {
    targets.set(`${account}/${region}`, { account, region });
  }
  const problems: string[] = [];
  const versions: string[] = [];
  for (const { account, region } of targets.values()) {
    const found = await bootstrapOf(
      account,
      region,
      options.sts,
      options.workloadsAccount,
    );
    if ('problem' in found) {
      problems.push(found.problem);
    } else {
      versions.push(found.version);
    }
  }
  const baseline = options.baseline
    ? await checkAccountBaseline({
        baseline: options.baseline.mode,
        account: options.workloadsAccount,
        region: options.baseline.region,
        sts: options.sts,
      })
    : { problems: [], notes: [] };
  problems.push(...baseline.problems);
  if (problems.length > 0) {
    throw new PreflightError(
      `Preflight failed, nothing was deployed:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}`,
    );
  }
  await options.events.emit({
    level: 'info',
    message: `Preflight: bootstrapped (${versions.join(
      ', ',
    )}), deploy roles assumable with the workloads account's credentials`,
  });
  for (const note of baseline.notes) {
    await options.events.emit({ level: 'info', message: note });
  }
}
