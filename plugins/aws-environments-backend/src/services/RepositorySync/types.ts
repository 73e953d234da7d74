import type { FieldError } from '@innovate/plugin-aws-environments-common';

/** `awsEnvironments.repositorySync` (see config.d.ts). */
export interface RepositorySyncOptions {
  /** Off: no scheduled task; repositories are not read. */
  enabled: boolean;
  /** How often the repositories are read (one instance reads them). */
  frequencyMs: number;
}

/** An environment repository, as its catalog Component locates it. */
export interface RepositoryLocation {
  /** The Component (annotated `innovate.io/aws-environment`). */
  entityRef: string;
  /** The environment the annotation names. */
  environment: string;
  /** The Component's owner, a full entity ref; undefined when it has none. */
  owner?: string;
  /** The repository's URL: the Component's source location. */
  repository: string;
  /** The URL of environment.json, next to the Component's catalog-info.yaml. */
  file: string;
}

/**
 * What one run did with one repository:
 * - `proposed`: a deployment awaiting approval was requested;
 * - `not-modified`: environment.json has the ETag of the last read dealt with;
 * - `unchanged`: its spec is the environment's current spec;
 * - `already-proposed`: this spec was proposed before (by this run's
 *   instance or another);
 * - `deferred`: a deployment of the environment is in progress; the next
 *   run tries again;
 * - `invalid`: the file is not a valid spec; the owner was notified;
 * - `skipped`: the repository cannot propose (no repository location, no
 *   such environment, another owner, no environment.json);
 * - `failed`: reading or proposing failed (logged); the next run tries again.
 */
export type RepositorySyncOutcome =
  | 'proposed'
  | 'not-modified'
  | 'unchanged'
  | 'already-proposed'
  | 'deferred'
  | 'invalid'
  | 'skipped'
  | 'failed';

/** One repository's result of a run. */
export interface RepositorySyncResult {
  entityRef: string;
  environment?: string;
  outcome: RepositorySyncOutcome;
  /** The deployment proposed. */
  deploymentId?: string;
  /** Why it was skipped or deferred. */
  reason?: string;
  /** The fields of an invalid environment.json. */
  errors?: FieldError[];
}

/** The last spec proposed from a repository for an environment. */
export interface ProposalRecord {
  environment: string;
  /** SHA-256 of the validated spec's JSON. */
  specHash: string;
  repository: string;
  etag?: string;
  /** Undefined while the deployment is being requested. */
  deploymentId?: string;
  /** When it was claimed (set by the store). */
  proposedAt?: Date;
}

/** The last read of a repository's environment.json that was dealt with. */
export interface RepositoryReadRecord {
  entityRef: string;
  environment: string;
  file: string;
  etag?: string;
  /** The fields of an invalid file; undefined when it was valid. */
  errors?: FieldError[];
}

/**
 * The repository sync's state in the plugin's database, shared by every
 * backend instance.
 */
export interface RepositorySyncStore {
  getRead(entityRef: string): Promise<RepositoryReadRecord | undefined>;
  recordRead(read: RepositoryReadRecord): Promise<void>;
  getProposal(environment: string): Promise<ProposalRecord | undefined>;
  /**
   * Records `next` as the environment's proposal if the proposal is still
   * `previous` (none when undefined): true for the single caller, across
   * runs and instances, that replaced it.
   */
  claimProposal(
    next: ProposalRecord,
    previous: ProposalRecord | undefined,
  ): Promise<boolean>;
  /** Puts `previous` back (the request failed), so a later run retries. */
  releaseProposal(
    claimed: ProposalRecord,
    previous: ProposalRecord | undefined,
  ): Promise<void>;
  /**
   * Forgets the environment's proposal: its repository's file is the
   * environment's spec again, so the same change later is a new proposal.
   */
  clearProposal(environment: string): Promise<void>;
  /** Records the deployment a claimed proposal became. */
  setProposalDeployment(
    claimed: ProposalRecord,
    deploymentId: string,
  ): Promise<void>;
}
