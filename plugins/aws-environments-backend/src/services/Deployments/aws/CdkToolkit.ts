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
}

export interface ToolkitDeployRequest extends ToolkitRequest {
  method:
    | { kind: 'change-set'; changeSetName: string; execute: boolean }
    | { kind: 'execute-change-set'; changeSetName: string };
}

export interface ToolkitDeployedStack {
  stackName: string;
  hierarchicalId: string;
  outputs: Record<string, string>;
}

/**
 * The part of `@aws-cdk/toolkit-lib` the AWS deployment target uses, so the
 * orchestration can be tested without AWS.
 */
export interface CdkToolkit {
  deploy(request: ToolkitDeployRequest): Promise<ToolkitDeployedStack[]>;
  destroy(request: ToolkitRequest): Promise<void>;
}
