import type { FieldError } from '@innovate/plugin-aws-environments-common';
import type { Knex } from 'knex';
import type {
  ProposalRecord,
  RepositoryReadRecord,
  RepositorySyncStore,
} from './types';

const PROPOSALS = 'repository_proposals';
const READS = 'repository_reads';

interface ProposalRow {
  environment: string;
  spec_hash: string;
  repository: string;
  etag: string | null;
  deployment_id: string | null;
  proposed_at: Date | string;
}

interface ReadRow {
  entity_ref: string;
  environment: string;
  file: string;
  etag: string | null;
  error: string | null;
}

function toProposal(row: ProposalRow): ProposalRecord {
  return {
    environment: row.environment,
    specHash: row.spec_hash,
    repository: row.repository,
    ...(row.etag !== null ? { etag: row.etag } : {}),
    ...(row.deployment_id !== null ? { deploymentId: row.deployment_id } : {}),
    proposedAt: new Date(row.proposed_at),
  };
}

function proposalColumns(proposal: ProposalRecord) {
  return {
    spec_hash: proposal.specHash,
    repository: proposal.repository,
    etag: proposal.etag ?? null,
    deployment_id: proposal.deploymentId ?? null,
    proposed_at: new Date(),
  };
}

/**
 * The repository sync's state in the plugin's database. A proposal is
 * claimed by an insert (the first for an environment) or by an update that
 * only matches the spec hash the caller saw, so that of two runs, on one
 * instance or two, one proposes a spec.
 */
export class DatabaseRepositorySyncStore implements RepositorySyncStore {
  constructor(private readonly knex: Knex) {}

  async getRead(entityRef: string) {
    const row = await this.knex<ReadRow>(READS)
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      entityRef: row.entity_ref,
      environment: row.environment,
      file: row.file,
      ...(row.etag !== null ? { etag: row.etag } : {}),
      ...(row.error !== null
        ? { errors: JSON.parse(row.error) as FieldError[] }
        : {}),
    };
  }

  async recordRead(read: RepositoryReadRecord) {
    const columns = {
      environment: read.environment,
      file: read.file,
      etag: read.etag ?? null,
      error: read.errors ? JSON.stringify(read.errors) : null,
      read_at: new Date(),
    };
    await this.knex(READS)
      .insert({ entity_ref: read.entityRef, ...columns })
      .onConflict('entity_ref')
      .merge(columns);
  }

  async getProposal(environment: string) {
    const row = await this.knex<ProposalRow>(PROPOSALS)
      .where({ environment })
      .first();
    return row ? toProposal(row) : undefined;
  }

  async claimProposal(
    next: ProposalRecord,
    previous: ProposalRecord | undefined,
  ): Promise<boolean> {
    if (!previous) {
      const inserted = await this.knex(PROPOSALS)
        .insert({ environment: next.environment, ...proposalColumns(next) })
        .onConflict('environment')
        .ignore()
        .returning('environment');
      return inserted.length === 1;
    }
    const updated = await this.knex(PROPOSALS)
      .where({ environment: next.environment, spec_hash: previous.specHash })
      .update(proposalColumns(next));
    return updated === 1;
  }

  async releaseProposal(
    claimed: ProposalRecord,
    previous: ProposalRecord | undefined,
  ) {
    const mine = this.knex(PROPOSALS).where({
      environment: claimed.environment,
      spec_hash: claimed.specHash,
    });
    if (previous) {
      await mine.update(proposalColumns(previous));
    } else {
      await mine.delete();
    }
  }

  async clearProposal(environment: string) {
    await this.knex(PROPOSALS).where({ environment }).delete();
  }

  async setProposalDeployment(claimed: ProposalRecord, deploymentId: string) {
    await this.knex(PROPOSALS)
      .where({ environment: claimed.environment, spec_hash: claimed.specHash })
      .update({ deployment_id: deploymentId });
  }
}
