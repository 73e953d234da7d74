import type { AwsCredentialProvider } from '@backstage/integration-aws-node';
import type { DeploymentEventSink } from '../types';

interface ToolkitRequest {
  /** The synthesized cloud assembly. */
  assemblyDir: string;
  /** CloudFormation names of the stacks to act on. */
  stackNames: string[];
  /** Base credentials: the workloads account's (other accounts through the CDK bootstrap roles). */
  credentials: AwsCredentialProvider['sdkCredentialProvider'];
  region: string;
  events: DeploymentEventSink;
  /**
   * Fencing: checked before every confirmation toolkit-lib asks (once per
   * stack before executing its change set) and as it starts deleting each
   * stack, so a run that lost its deployment stops between stacks.
   */
  fence?: () => Promise<void>;
}

export interface ToolkitDeployRequest extends ToolkitRequest {
  method:
    | { kind: 'change-set'; changeSetName: string; execute: boolean }
    | { kind: 'execute-change-set'; changeSetName: string };
  /**
   * A person reviewed and approved these change sets (the execute phase of
   * an `approval: required` deployment). Without that, a change set that
   * widens IAM permissions or resource policies is not executed and the
   * deploy throws {@link SecurityChangeNeedsApprovalError}. Change sets
   * created for review only (`execute: false`) never need it.
   *
   * @defaultValue false
   */
  approvedByPerson?: boolean;
}

export interface ToolkitDeployedStack {
  stackName: string;
  hierarchicalId: string;
  outputs: Record<string, string>;
}

/**
 * A change set widens IAM permissions or resource policies (toolkit-lib's
 * security-sensitive changes) and no person approved it, so it was not
 * executed. A change set the deploy created is deleted by toolkit-lib (with
 * the empty stack a first change set creates); one it was asked to execute
 * is left for review. Stacks before it in the same deploy may already be
 * deployed.
 */
export class SecurityChangeNeedsApprovalError extends Error {
  readonly name = 'SecurityChangeNeedsApprovalError';

  constructor(
    /** The CloudFormation stack whose change set needs approval. */
    readonly stackName: string,
    /** toolkit-lib's table of the IAM statement and policy changes. */
    readonly securityDiff: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Stack ${stackName} widens IAM permissions or resource policies, which ` +
        "needs a person's approval: its change set was not executed. Review " +
        `and approve the change set to deploy it.\n${securityDiff}`,
      options,
    );
  }
}

/**
 * The part of `@aws-cdk/toolkit-lib` the AWS deployment target uses, so the
 * orchestration can be tested without AWS.
 */
export interface CdkToolkit {
  deploy(request: ToolkitDeployRequest): Promise<ToolkitDeployedStack[]>;
  destroy(request: ToolkitRequest): Promise<void>;
}
