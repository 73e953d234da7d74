import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  compareWithSeed,
  type CostEstimate,
} from '@innovate/plugin-aws-environments-common';
import { formatUsd, formatUsdCents } from '../../format';
import { DataTable } from '../DataTable';

function signed(amount: number): string {
  if (Math.abs(amount) < 0.005) return formatUsdCents(0);
  return `${amount > 0 ? '+' : '−'}${formatUsdCents(Math.abs(amount))}`;
}

/** The cost model's estimate set against the seed's cost table, row by row. */
export function SeedComparisonTable(props: { estimate: CostEstimate }) {
  const comparison = compareWithSeed(props.estimate);
  return (
    <Box>
      <DataTable
        title="Against the seed's cost table"
        rows={comparison.rows}
        rowKey={row => row.seed.id}
        columns={[
          { title: "Seed's row", render: row => row.seed.label },
          {
            title: 'Seed (per month)',
            numeric: true,
            render: row => formatUsd(row.seed.monthlyUsd),
          },
          {
            title: 'Cost model (per month)',
            numeric: true,
            render: row => formatUsdCents(row.modelUsd),
          },
          {
            title: 'Difference',
            numeric: true,
            render: row => signed(row.differenceUsd),
          },
        ]}
        footer={{
          label: 'Total (all lines)',
          cells: [
            `~${formatUsd(comparison.seedTotalUsd)}`,
            formatUsdCents(comparison.modelTotalUsd),
            signed(comparison.modelTotalUsd - comparison.seedTotalUsd),
          ],
        }}
      />
      {comparison.notes.length > 0 && (
        <Box mt={1}>
          {comparison.notes.map(note => (
            <Typography key={note} variant="caption" component="p">
              {note}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
