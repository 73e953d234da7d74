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
  synthesis: SynthesizedEnvironment;
  /** The environment before this deployment (its recorded stacks, if any). */
  environment: EnvironmentRecord;
  events: DeploymentEventSink;
}

export interface TargetDestroyInput {
  deployment: DeploymentRecord;
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
}

/** The requests the routes make of deployments. */
export interface DeploymentService {
  requestDeployment(
    environment: string,
    request: CreateDeploymentRequest,
    requestedBy: string,
  ): Promise<CreateDeploymentResponse>;
  requestDestroy(
    environment: string,
    request: DestroyEnvironmentRequest,
    requestedBy: string,
  ): Promise<Deployment>;
  executeChangeSets(
    environment: string,
    deploymentId: string,
    requestedBy: string,
  ): Promise<CreateDeploymentResponse>;
}
