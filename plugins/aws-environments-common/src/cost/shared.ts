import type { CostEstimate } from '../api/types';

/**
 * One environment's estimate with where it runs, for totals over several.
 *
 * @public
 */
export interface PlacedEstimate {
  workloadsAccount: string;
  region: string;
  estimate: Pick<CostEstimate, 'lines'>;
}

/**
 * The monthly total of several environments, counting the account
 * baseline's lines (`scope: 'account'`) once per workloads account and
 * region: every environment's estimate carries them, the account pays them
 * once.
 *
 * @public
 */
export function totalAcrossEnvironments(
  environments: readonly PlacedEstimate[],
): number {
  const counted = new Set<string>();
  let cents = 0;
  for (const { workloadsAccount, region, estimate } of environments) {
    for (const line of estimate.lines) {
      if (line.scope === 'account') {
        const key = `${workloadsAccount}/${region}/${line.id}`;
        if (counted.has(key)) {
          continue;
        }
        counted.add(key);
      }
      cents += Math.round(line.monthlyUsd * 100);
    }
  }
  return cents / 100;
}
