import type {
  ChangeSetSummary,
  CreateDeploymentRequest,
  CreateDeploymentResponse,
  Deployment,
  DestroyEnvironmentRequest,
} from '@innovate/plugin-aws-environments-common';
import type {
  DeploymentRecord,
  EnvironmentRecord,
  NewDeploymentEvent,
  RecordedStack,
} from '../EnvironmentRegistry/types';
import type { Requester } from '../Access/types';
import type { DeploymentLease } from './DeploymentLease';
import type { SynthesizedEnvironment } from '../Synthesizer/types';

/** Where a running deployment writes its history. */
export interface DeploymentEventSink {
  emit(event: NewDeploymentEvent): Promise<void>;
}

/** What a deploy or an executed change set leaves behind. */
export interface DeployOutcome {
  /** Stack outputs, by `<stack>.<output>`. */
  outputs: Record<string, string>;
}

export interface TargetDeployInput {
  deployment: DeploymentRecord;
  /** Checked before every change in AWS. */
  lease: DeploymentLease;
  synthesis: SynthesizedEnvironment;
  /** The environment before this deployment (its recorded stacks, if any). */
  environment: EnvironmentRecord;
  events: DeploymentEventSink;
}

export interface TargetDestroyInput {
  deployment: DeploymentRecord;
  /** Checked before every change in AWS. */
  lease: DeploymentLease;
  /**
   * The environment's app synthesized from its recorded spec, when the
   * target needs a cloud assembly (AWS, with stacks to delete).
   */
  synthesis?: SynthesizedEnvironment;
  environment: EnvironmentRecord;
  /** Stacks to delete, in dependency order (dependents first). */
  remove: RecordedStack[];
  /** Stateful stacks that stay, because `destroyData` was not set. */
  keep: RecordedStack[];
  events: DeploymentEventSink;
}

/**
 * Deploys to one kind of source: the sandbox (records only) or AWS (through
 * CloudFormation).
 */
export interface DeploymentTarget {
  /** Deploys all stacks and waits for them. */
  deploy(input: TargetDeployInput): Promise<DeployOutcome>;
  /** Creates one change set per stack without executing them. */
  createChangeSets(input: TargetDeployInput): Promise<ChangeSetSummary[]>;
  /** Executes the change sets created by `createChangeSets`. */
  executeChangeSets(
    input: TargetDeployInput & { changeSets: ChangeSetSummary[] },
  ): Promise<DeployOutcome>;
  destroy(input: TargetDestroyInput): Promise<void>;
  /**
   * The environment's stacks that exist in the target, whether or not a
   * deployment recorded them (a failed first deploy leaves stacks behind).
   */
  findDeployedStacks(input: {
    synthesis: SynthesizedEnvironment;
  }): Promise<RecordedStack[]>;
}

/**
 * The requests the routes make of deployments. Each checks the requester's
 * permissions on the environment before it writes anything.
 */
export interface DeploymentService {
  requestDeployment(
    environment: string,
    request: CreateDeploymentRequest,
    requester: Requester,
  ): Promise<CreateDeploymentResponse>;
  requestDestroy(
    environment: string,
    request: DestroyEnvironmentRequest,
    requester: Requester,
  ): Promise<Deployment>;
  /** Approves a deployment awaiting approval: executes its change sets. */
  executeChangeSets(
    environment: string,
    deploymentId: string,
    requester: Requester,
  ): Promise<CreateDeploymentResponse>;
}
