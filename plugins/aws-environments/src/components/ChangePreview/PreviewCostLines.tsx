import type { CostChange } from '@innovate/plugin-aws-environments-common';
import { formatUsd } from '../../format';
import { DataTable } from '../DataTable';

/** An amount with its sign: +$121, −$15, $0. */
export function signedUsd(amount: number): string {
  if (Math.abs(amount) < 0.005) {
    return formatUsd(0);
  }
  return `${amount > 0 ? '+' : '−'}${formatUsd(Math.abs(amount))}`;
}

type LineChange = CostChange['lines'][number];

/**
 * The cost lines a change moves, before and after, with the totals; each
 * line by its label where `lineLabels` has it, else by its id.
 */
export function PreviewCostLines(props: {
  cost: CostChange;
  headingLevel: 3 | 4;
  lineLabels?: Record<string, string>;
}) {
  const { cost, headingLevel, lineLabels = {} } = props;
  const moved = cost.lines.filter(
    line => Math.abs(line.proposedUsd - line.currentUsd) >= 0.005,
  );
  return (
    <DataTable<LineChange>
      title="Cost by line (USD a month)"
      headingLevel={headingLevel}
      rows={moved}
      rowKey={line => line.id}
      emptyMessage="No cost line changes."
      columns={[
        { title: 'Line', render: line => lineLabels[line.id] ?? line.id },
        {
          title: 'Current',
          numeric: true,
          render: line => formatUsd(line.currentUsd),
        },
        {
          title: 'Proposed',
          numeric: true,
          render: line => formatUsd(line.proposedUsd),
        },
        {
          title: 'Change',
          numeric: true,
          render: line => signedUsd(line.proposedUsd - line.currentUsd),
        },
      ]}
      footer={{
        label: 'Total',
        cells: [
          formatUsd(cost.currentUsd),
          formatUsd(cost.proposedUsd),
          signedUsd(cost.deltaUsd),
        ],
      }}
    />
  );
}
