import type {
  ConformanceClaim,
  ConformanceReport,
  EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import type { EnvironmentStackTemplate } from '../templates';
import { CLAIMS } from './claims';
import {
  ConformanceCheckResult,
  result,
  SeedClaimDefinition,
  TemplateQuery,
} from './query';

export type {
  ConformanceCheck,
  ConformanceCheckResult,
  SeedClaimDefinition,
} from './query';

/**
 * Every concrete claim of the seed architecture that a template can show,
 * with the seed's own words. Claims about process (manual snapshots, CI,
 * ArgoCD) or inside the cluster (RBAC, network policies) are not here; the
 * README lists them.
 *
 * @public
 */
export const SEED_CLAIMS: readonly SeedClaimDefinition[] = CLAIMS.map(
  ({ check, ...claim }) => ({
    ...claim,
    check: (stacks, spec) => check(new TemplateQuery(stacks), spec),
  }),
);

/**
 * Checks every seed claim against an environment's synthesized templates.
 * A claim passes only when the templates show it; each result carries the
 * evidence, so a failing claim says what the templates show instead.
 *
 * @public
 */
export function checkConformance(
  spec: EnvironmentSpec,
  stacks: readonly EnvironmentStackTemplate[],
): ConformanceReport {
  const claims: ConformanceClaim[] = SEED_CLAIMS.map(claim => {
    let outcome: ConformanceCheckResult;
    try {
      outcome = claim.check(stacks, spec);
    } catch (error) {
      outcome = result(false, `check failed: ${(error as Error).message}`);
    }
    return {
      id: claim.id,
      title: claim.title,
      seedText: claim.seedText,
      passed: outcome.passed,
      evidence: outcome.evidence,
      ...(outcome.notApplicable ? { notApplicable: true } : {}),
    };
  });
  const passed = claims.filter(claim => claim.passed).length;
  return {
    passed: passed === claims.length,
    claims,
    summary: { passed, failed: claims.length - passed },
  };
}
