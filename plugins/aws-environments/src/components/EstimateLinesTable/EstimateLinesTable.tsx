import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { CostEstimate } from '@innovate/plugin-aws-environments-common';
import { formatUsdCents } from '../../format';
import { DataTable, RowHeaderCell } from '../DataTable';

/** The cost model's lines with how each is computed, and the total. */
export function EstimateLinesTable(props: {
  estimate: CostEstimate;
  title?: string;
}) {
  const { estimate, title = 'Cost model lines' } = props;
  return (
    <DataTable
      title={title}
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
      footer={
        <TableRow>
          <RowHeaderCell colSpan={2}>
            <strong>Total per month</strong>
          </RowHeaderCell>
          <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
            <strong>{formatUsdCents(estimate.totalMonthlyUsd)}</strong>
          </TableCell>
        </TableRow>
      }
    />
  );
}
