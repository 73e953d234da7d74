import type { CostEstimate } from '@innovate/plugin-aws-environments-common';
import { formatUsdCents } from '../../format';
import { DataTable } from '../DataTable';

/** The cost model's lines with how each is computed, and the total. */
export function EstimateLinesTable(props: {
  estimate: CostEstimate;
  title?: string;
  headingLevel?: 3 | 4;
}) {
  const { estimate, title = 'Cost model lines', headingLevel } = props;
  return (
    <DataTable
      title={title}
      headingLevel={headingLevel}
      rows={estimate.lines}
      rowKey={line => line.id}
      emptyMessage="The cost model has no lines for this spec."
      columns={[
        { title: 'Line', render: line => line.label },
        { title: 'How it is computed', render: line => line.basis },
        {
          title: 'Per month',
          numeric: true,
          render: line => formatUsdCents(line.monthlyUsd),
        },
      ]}
      footer={{
        label: 'Total per month',
        cells: [formatUsdCents(estimate.totalMonthlyUsd)],
      }}
    />
  );
}
