import type { CostView } from '@innovate/plugin-aws-environments-common';
import { formatUsdCents } from '../../../format';
import type { PartCost, ViewState } from './types';

/**
 * A part's monthly cost: the sum of the cost view's estimate lines it
 * stands for, or its share when `count` parts share the lines (the NAT
 * gateways share one line).
 */
export function costOf(
  cost: ViewState<CostView>,
  lineIds: readonly string[],
  count = 1,
): PartCost {
  if (lineIds.length === 0) {
    return { kind: 'none' };
  }
  if (!cost.value) {
    return cost.error
      ? { kind: 'unavailable', reason: cost.error.message }
      : { kind: 'loading' };
  }
  const lines = cost.value.estimate.lines.filter(line =>
    lineIds.includes(line.id),
  );
  if (lines.length === 0) {
    return { kind: 'none' };
  }
  const lineUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return {
    kind: 'usd',
    monthlyUsd: lineUsd / count,
    lines: lines.map(
      line => `${line.label}: ${formatUsdCents(line.monthlyUsd)}`,
    ),
    shareOf: count > 1 ? { count, lineUsd } : undefined,
  };
}

/**
 * `$34.20 a month (1 of 3 sharing $102.60)`, or why there is no figure;
 * `short` for the drawing's boxes: `$34.20/mo (1/3 of $102.60)`.
 */
export function formatCost(
  cost: PartCost,
  form: 'long' | 'short' = 'long',
): string | undefined {
  switch (cost.kind) {
    case 'usd': {
      const amount = formatUsdCents(cost.monthlyUsd);
      const share = cost.shareOf;
      if (form === 'short') {
        return `${amount}/mo${
          share ? ` (1/${share.count} of ${formatUsdCents(share.lineUsd)})` : ''
        }`;
      }
      return `${amount} a month${
        share
          ? ` (1 of ${share.count} sharing ${formatUsdCents(share.lineUsd)})`
          : ''
      }`;
    }
    case 'unavailable':
      return 'Cost unavailable';
    case 'loading':
      return 'Cost loading…';
    default:
      return undefined;
  }
}
