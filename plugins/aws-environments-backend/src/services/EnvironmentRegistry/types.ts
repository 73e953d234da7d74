import type { JsonObject } from '@backstage/types';
import type {
  ApprovalMode,
  ConformanceReport,
  CostEstimate,
  DataSourceKind,
  Deployment,
  DeploymentAction,
  DeploymentEvent,
  DeploymentStatus,
  DeploymentSummary,
  EnvironmentSpec,
  EnvironmentStatus,
  NagReport,
} from '@innovate/plugin-aws-environments-common';

/** Where a deployment was proposed from when no person requested it. */
export type DeploymentOrigin = NonNullable<DeploymentSummary['origin']>;

/** One CloudFormation stack of a synthesized environment, as recorded. */
export interface RecordedStack {
  /** The stack's id (hierarchical id) in the CDK app. */
  id: string;
  stackName: string;
  account: string;
  region: string;
  /** True for the stack holding data (the database); kept on destroy by default. */
  stateful: boolean;
  terminationProtection: boolean;
  /** The CloudFormation template. */
  template: JsonObject;
}

/** What the synth checked, recorded with the last successful deployment. */
export interface RecordedChecks {
  nag: NagReport;
  conformance: ConformanceReport;
  estimate: CostEstimate;
}

/** An environment as stored in the registry. */
export interface EnvironmentRecord {
  name: string;
  /**
   * Catalog entity ref of the owner (a group; the user for a guest). Null
   * only for an environment registered before owners existed, until the
   * plugin's start-up assigns the configured default owner.
   */
  owner: string | null;
  /**
   * The environment's repository (`https://<host>/<owner>/<repo>`): the only
   * one whose environment.json the repository sync proposes from. Absent
   * for an environment created without one.
   */
  repository?: string;
  source: DataSourceKind;
  status: EnvironmentStatus;
  /** The spec of the last successful deployment (or the first requested one). */
  spec: EnvironmentSpec;
  /** Stack outputs of the last successful deployment, by `<stack>.<output>`. */
  outputs: Record<string, string>;
  /** Deployed stacks with their templates; null before the first deployment. */
  stacks: RecordedStack[] | null;
  /** Catalog entities of the last successful deployment. */
  entities: JsonObject[] | null;
  checks: RecordedChecks | null;
  /** Id of the last deployment that succeeded. */
  lastDeploymentId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * An environment as listed: without the templates, entities and checks of
 * its deployment, which a list does not need and which are large.
 */
export type EnvironmentListItem = Omit<
  EnvironmentRecord,
  'stacks' | 'entities' | 'checks'
> & { latestDeployment?: DeploymentSummary };

/**
 * What the worker does with a deployment next: `prepare` synthesizes and
 * deploys (or creates change sets, or destroys); `execute` runs approved
 * change sets.
 */
export type DeploymentPhase = 'prepare' | 'execute';

/** A deployment as stored: the API's summary plus what the worker needs. */
export interface DeploymentRecord extends DeploymentSummary {
  phase: DeploymentPhase;
  spec: EnvironmentSpec;
  /**
   * Logical ids of stateful resources whose replacement or removal the
   * request accepted; empty for none.
   */
  acceptDataLoss: string[];
  workerId?: string;
  /** Fencing token of the current run (see DeploymentLeaseKey). */
  leaseToken?: string;
  /** The owner the environment gets when this deployment succeeds. */
  newOwner?: string;
  heartbeatAt?: string;
}

/**
 * One run of a deployment by one worker. A claim gives the run a new token;
 * when the run is taken over (marked lost, or queued again) the token goes,
 * and the worker that held it must not change anything in AWS after that.
 */
export interface DeploymentLeaseKey {
  deploymentId: string;
  workerId: string;
  leaseToken: string;
}

/** Deployment statuses that block a new deployment of the same environment. */
export const ACTIVE_DEPLOYMENT_STATUSES: DeploymentStatus[] = [
  'queued',
  'running',
  'awaiting-approval',
];

export interface NewEnvironment {
  name: string;
  owner: string;
  repository?: string;
  source: DataSourceKind;
  status: EnvironmentStatus;
  spec: EnvironmentSpec;
}

export interface NewDeployment {
  id: string;
  environment: string;
  source: DataSourceKind;
  action: DeploymentAction;
  approval: ApprovalMode;
  destroyData: boolean;
  requestedBy: string;
  /** Seed claims the request allowed to fail. */
  allowedDeviations: string[];
  /**
   * Logical ids of stateful resources whose replacement or removal (and the
   * data lost with it) the request accepted; none when absent.
   */
  acceptDataLoss?: string[];
  /** The owner the environment gets when this deployment succeeds. */
  newOwner?: string;
  /** Where it was proposed from (a repository); absent for a person's request. */
  origin?: DeploymentOrigin;
  spec: EnvironmentSpec;
}

export type EnvironmentPatch = Partial<
  Pick<
    EnvironmentRecord,
    | 'owner'
    | 'repository'
    | 'source'
    | 'status'
    | 'spec'
    | 'outputs'
    | 'stacks'
    | 'entities'
    | 'checks'
    | 'lastDeploymentId'
  >
>;

export type DeploymentPatch = Partial<
  Pick<
    DeploymentRecord,
    'status' | 'phase' | 'error' | 'changeSets' | 'finishedAt' | 'approvedBy'
  >
>;

export type NewDeploymentEvent = Omit<DeploymentEvent, 'at'> & { at?: string };

/**
 * How a run of a deployment ends: succeeded or failed (the deployment is
 * finished), or waiting for a person to approve its change sets.
 */
export type RunOutcome =
  | { status: 'succeeded' }
  | { status: 'failed'; error: string }
  | {
      status: 'awaiting-approval';
      changeSets: NonNullable<DeploymentRecord['changeSets']>;
    };

/** What identifies an environment's current deployment, without its JSON. */
export interface EnvironmentHeader {
  name: string;
  owner: string | null;
  source: DataSourceKind;
  status: EnvironmentStatus;
  lastDeploymentId: string | null;
  /** Whether stacks are recorded (the environment was deployed). */
  deployed: boolean;
}

/** Reads and writes of the registry, inside or outside a transaction. */
export interface EnvironmentRegistryOperations {
  listEnvironments(): Promise<EnvironmentListItem[]>;
  /** `lock` takes a row lock (PostgreSQL) until the transaction ends. */
  getEnvironment(
    name: string,
    options?: { lock?: boolean },
  ): Promise<EnvironmentRecord | undefined>;
  /** A cheap read for hot paths: no spec, templates or entities. */
  getEnvironmentHeader(name: string): Promise<EnvironmentHeader | undefined>;
  createEnvironment(environment: NewEnvironment): Promise<void>;
  updateEnvironment(name: string, patch: EnvironmentPatch): Promise<void>;

  listDeployments(
    environment: string,
    options?: { limit?: number; statuses?: DeploymentStatus[] },
  ): Promise<DeploymentSummary[]>;
  getDeployment(id: string): Promise<DeploymentRecord | undefined>;
  /**
   * The deployment with its events, as the API returns it, and its place in
   * the spec history: the spec it applies (not for a destroy), the previous
   * deployment whose spec was in place (the environment's latest succeeded
   * `deploy` created before it; failed ones changed nothing for good or only
   * part of it, so they do not count) and the changes from that spec (every
   * field added when there is none).
   */
  getDeploymentWithEvents(id: string): Promise<Deployment | undefined>;
  createDeployment(deployment: NewDeployment): Promise<void>;
  updateDeployment(
    id: string,
    patch: DeploymentPatch,
    options?: { expectStatus?: DeploymentStatus },
  ): Promise<boolean>;
  appendEvents(
    deploymentId: string,
    events: NewDeploymentEvent[],
  ): Promise<void>;

  /**
   * Sets a one-time flag; true only for the single caller (across all
   * backend instances) that set it first.
   */
  setFlagOnce(key: string): Promise<boolean>;

  /** How many deployments this requester has queued, running or awaiting approval. */
  countActiveDeployments(requestedBy: string): Promise<number>;

  /**
   * Gives every environment without an owner (registered before owners
   * existed) this owner. Returns how many changed.
   */
  assignOwnerToUnowned(owner: string): Promise<number>;
}

/** The environment registry in the plugin's database. */
export interface EnvironmentRegistry extends EnvironmentRegistryOperations {
  transaction<T>(
    fn: (tx: EnvironmentRegistryOperations) => Promise<T>,
  ): Promise<T>;

  /**
   * Takes the oldest queued deployment for this worker (atomically: one
   * worker wins) and marks it running. Undefined when the queue is empty.
   */
  claimNextDeployment(workerId: string): Promise<DeploymentRecord | undefined>;
  /**
   * Ends the current run of a deployment: records its outcome (finished at
   * now, unless it awaits approval), appends `events` and applies
   * `environment` to the environment, in one transaction, and only while the
   * deployment is still running; a deployment declared lost (stale
   * heartbeat) stays failed. True when the outcome was recorded.
   */
  finishDeployment(
    deployment: Pick<DeploymentRecord, 'id' | 'environment'>,
    outcome: RunOutcome,
    environment: EnvironmentPatch,
    events?: NewDeploymentEvent[],
  ): Promise<boolean>;
  /**
   * Refreshes the heartbeat of a run; false when the run's lease is gone
   * (another instance took the deployment over).
   */
  heartbeat(lease: DeploymentLeaseKey): Promise<boolean>;
  /** Whether the run still holds its lease: checked before each change in AWS. */
  holdsLease(lease: DeploymentLeaseKey): Promise<boolean>;
  /**
   * Running deployments whose heartbeat is older than `olderThan`: their
   * worker is gone.
   */
  findLostDeployments(olderThan: Date): Promise<DeploymentRecord[]>;
}
