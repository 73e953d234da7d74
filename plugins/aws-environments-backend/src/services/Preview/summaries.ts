import type {
  CostEstimate,
  ConformanceReport,
  NagReport,
} from '@innovate/plugin-aws-environments-common';
import type { RecordedChecks } from '../EnvironmentRegistry/types';

/** The cost of the current and the proposed spec, and of each line. */
export interface CostComparison {
  currentUsd: number;
  proposedUsd: number;
  deltaUsd: number;
  lines: Array<{ id: string; currentUsd: number; proposedUsd: number }>;
}

/** cdk-nag's verdict on one synthesis. */
export interface NagSummary {
  passed: boolean;
  findings: number;
  /** Rule ids of the unacknowledged findings, each once. */
  ruleIds: string[];
}

/** The seed conformance verdict on one synthesis. */
export interface SeedSummary {
  passed: boolean;
  passedClaims: number;
  failedClaims: number;
  /** Ids of the failed claims. */
  failed: string[];
}

export interface CheckComparison {
  nag: { before: NagSummary; after: NagSummary };
  seed: { before: SeedSummary; after: SeedSummary };
}

/** Rounds to cents, so sums of prices read as the estimate shows them. */
const cents = (usd: number) => Math.round(usd * 100) / 100;

/** Both estimates side by side, line by line (a line missing on one side costs 0 there). */
export function compareCost(
  current: CostEstimate,
  proposed: CostEstimate,
): CostComparison {
  const ids = [
    ...new Set([...current.lines, ...proposed.lines].map(line => line.id)),
  ];
  const usd = (estimate: CostEstimate, id: string) =>
    estimate.lines.find(line => line.id === id)?.monthlyUsd ?? 0;
  return {
    currentUsd: current.totalMonthlyUsd,
    proposedUsd: proposed.totalMonthlyUsd,
    deltaUsd: cents(proposed.totalMonthlyUsd - current.totalMonthlyUsd),
    lines: ids.map(id => ({
      id,
      currentUsd: usd(current, id),
      proposedUsd: usd(proposed, id),
    })),
  };
}

function nagSummary(nag: NagReport): NagSummary {
  return {
    passed: nag.passed,
    findings: nag.findings.length,
    ruleIds: [...new Set(nag.findings.map(f => f.ruleId))],
  };
}

function seedSummary(conformance: ConformanceReport): SeedSummary {
  return {
    passed: conformance.passed,
    passedClaims: conformance.summary.passed,
    failedClaims: conformance.summary.failed,
    failed: conformance.claims.filter(c => !c.passed).map(c => c.id),
  };
}

/** The synth checks before (current spec) and after (proposed spec). */
export function compareChecks(
  before: RecordedChecks,
  after: RecordedChecks,
): CheckComparison {
  return {
    nag: { before: nagSummary(before.nag), after: nagSummary(after.nag) },
    seed: {
      before: seedSummary(before.conformance),
      after: seedSummary(after.conformance),
    },
  };
}
