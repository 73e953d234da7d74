import {
  SEED_COST_TABLE,
  type CostLine,
  type ServiceSpend,
} from '@innovate/plugin-aws-environments-common';
import { formatUsdCents } from '../../format';
import { DataTable } from '../DataTable';

/** Props of {@link SpendByServiceTable}. */
export interface SpendByServiceTableProps {
  /** Month-to-date spend by AWS service. */
  byService: ServiceSpend[];
  /** The cost model's lines; summed by their AWS service. */
  estimateLines: CostLine[];
}

/** One AWS service: spend so far, the model's and the seed's monthly figures. */
interface ServiceRow {
  service: string;
  actualUsd?: number;
  estimateUsd?: number;
  seedUsd?: number;
}

const sum = (amounts: number[]) => amounts.reduce((t, a) => t + a, 0);

/**
 * Joins month-to-date spend, the model's lines and the seed's cost table by
 * AWS service.
 */
function joinByService(props: SpendByServiceTableProps): ServiceRow[] {
  const rows = new Map<string, ServiceRow>();
  const add = (
    service: string,
    key: 'actualUsd' | 'estimateUsd' | 'seedUsd',
    amount: number,
  ) => {
    const row = rows.get(service) ?? { service };
    row[key] = (row[key] ?? 0) + amount;
    rows.set(service, row);
  };
  props.byService.forEach(s => add(s.service, 'actualUsd', s.amountUsd));
  props.estimateLines.forEach(l => add(l.service, 'estimateUsd', l.monthlyUsd));
  SEED_COST_TABLE.forEach(l => add(l.service, 'seedUsd', l.monthlyUsd));
  return [...rows.values()].sort(
    (a, b) =>
      (b.actualUsd ?? 0) - (a.actualUsd ?? 0) ||
      (b.estimateUsd ?? 0) - (a.estimateUsd ?? 0),
  );
}

const amount = (value?: number) =>
  value === undefined ? '—' : formatUsdCents(value);

/**
 * Month-to-date spend by AWS service beside the cost model's monthly
 * estimate and the seed's cost table.
 */
export function SpendByServiceTable(props: SpendByServiceTableProps) {
  const rows = joinByService(props);
  return (
    <DataTable
      title="Spend by service"
      rows={rows}
      rowKey={row => row.service}
      emptyMessage="No spend recorded this month yet."
      columns={[
        { title: 'AWS service', render: row => row.service },
        {
          title: 'Month to date',
          numeric: true,
          render: row => amount(row.actualUsd),
        },
        {
          title: 'Cost model (per month)',
          numeric: true,
          render: row => amount(row.estimateUsd),
        },
        {
          title: 'Seed table (per month)',
          numeric: true,
          render: row => amount(row.seedUsd),
        },
      ]}
      footer={{
        label: 'Total',
        cells: [
          formatUsdCents(sum(props.byService.map(s => s.amountUsd))),
          formatUsdCents(sum(props.estimateLines.map(l => l.monthlyUsd))),
          formatUsdCents(sum(SEED_COST_TABLE.map(l => l.monthlyUsd))),
        ],
      }}
    />
  );
}
