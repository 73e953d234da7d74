import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  budgetVerdict,
  type FleetGroup,
  type FleetResponse,
  type FleetTotals,
} from '@innovate/plugin-aws-environments-common';
import { formatUsd, plural } from '../../format';
import { BudgetBar } from '../BudgetBar';
import { DataTable } from '../DataTable';
import { StatusLabel } from '../StatusLabel';
import type { FilterKey } from './fleetQuery';

/** Spend, budget and firing alarms of every environment that matches. */
export function FleetTotalsLine(props: { totals: FleetTotals }) {
  const { totals } = props;
  return (
    <Box mb={2}>
      <Typography variant="h6" component="h3">
        {`${plural(totals.environments, 'environment')}: ${formatUsd(
          totals.monthToDateUsd,
        )} spent this month of ${formatUsd(totals.budgetUsd)} budgeted`}
      </Typography>
      <Box maxWidth={480} my={1}>
        <BudgetBar
          label="Month-to-date spend of all listed environments against their budgets"
          amountUsd={totals.monthToDateUsd}
          forecastUsd={totals.forecastUsd}
          budgetUsd={totals.budgetUsd}
          verdict={budgetVerdict(totals.forecastUsd, totals.budgetUsd)}
        />
      </Box>
      <StatusLabel tone={totals.firingAlarms > 0 ? 'error' : 'ok'}>
        {totals.firingAlarms > 0
          ? `${plural(totals.firingAlarms, 'alarm')} firing`
          : 'No alarms firing'}
      </StatusLabel>
    </Box>
  );
}

/** The environments by workloads account and region, each a filter. */
export function FleetGroups(props: {
  groups: FleetGroup[];
  onSelect: (group: FleetGroup) => void;
}) {
  return (
    <DataTable
      title="By account and region"
      rows={props.groups}
      rowKey={g => `${g.account}/${g.region}`}
      columns={[
        {
          title: 'Account and region',
          noWrap: true,
          render: g => (
            <Button
              size="small"
              onClick={() => props.onSelect(g)}
              // The visible text starts the accessible name (WCAG 2.5.3).
              aria-label={`${g.account} · ${g.region}: show only this account and region`}
            >
              {`${g.account} · ${g.region}`}
            </Button>
          ),
        },
        {
          title: 'Environments',
          numeric: true,
          render: g => g.totals.environments,
        },
        {
          title: 'Month to date',
          numeric: true,
          render: g => formatUsd(g.totals.monthToDateUsd),
        },
        {
          title: 'Budget',
          numeric: true,
          render: g => formatUsd(g.totals.budgetUsd),
        },
        {
          title: 'Firing alarms',
          numeric: true,
          render: g => g.totals.firingAlarms,
        },
      ]}
    />
  );
}

const STATUSES = [
  'deployed',
  'deploying',
  'awaiting-approval',
  'failed',
  'pending',
  'destroying',
  'destroyed',
];

const SORTS: Array<[string, string]> = [
  ['name', 'Name'],
  ['monthToDate', 'Month to date'],
  ['forecast', 'Forecast'],
  ['budgetUsed', 'Share of budget'],
  ['firingAlarms', 'Firing alarms'],
  ['owner', 'Owner'],
  ['status', 'Status'],
  ['region', 'Region'],
  ['account', 'Account'],
];

function Choice(props: {
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      label={props.label}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      // A native select named by its label (MUI's label is not tied to it).
      SelectProps={{ native: true }}
      inputProps={{ 'aria-label': props.label }}
      style={{ minWidth: 150, marginRight: 8, marginBottom: 8 }}
    >
      {props.options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </TextField>
  );
}

/** Filters and sort of the list; every choice is a URL search parameter. */
export function FleetFilters(props: {
  params: URLSearchParams;
  fleet: FleetResponse;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const { params, fleet, onChange } = props;
  const value = (key: FilterKey | 'sort' | 'order') => params.get(key) ?? '';
  const unique = (values: string[]) =>
    [...new Set(values)].sort().map(v => [v, v] as [string, string]);
  const filtered = ['owner', 'source', 'status', 'region', 'account'].some(
    key => params.has(key),
  );
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" mb={1}>
      <Choice
        label="Source"
        value={value('source')}
        options={[
          ['', 'Any source'],
          ['sandbox', 'Sandbox'],
          ['aws', 'AWS'],
        ]}
        onChange={v => onChange({ source: v, cursor: undefined })}
      />
      <Choice
        label="Status"
        value={value('status')}
        options={[
          ['', 'Any status'],
          ...STATUSES.map(s => [s, s] as [string, string]),
        ]}
        onChange={v => onChange({ status: v, cursor: undefined })}
      />
      <Choice
        label="Region"
        value={value('region')}
        options={[
          ['', 'Any region'],
          ...unique(
            [...fleet.groups.map(g => g.region), value('region')].filter(
              Boolean,
            ),
          ),
        ]}
        onChange={v => onChange({ region: v, cursor: undefined })}
      />
      <Choice
        label="Account"
        value={value('account')}
        options={[
          ['', 'Any account'],
          ...unique(
            [...fleet.groups.map(g => g.account), value('account')].filter(
              Boolean,
            ),
          ),
        ]}
        onChange={v => onChange({ account: v, cursor: undefined })}
      />
      <Choice
        label="Sort by"
        value={value('sort') || 'name'}
        options={SORTS}
        onChange={v =>
          onChange({ sort: v === 'name' ? undefined : v, cursor: undefined })
        }
      />
      <Choice
        label="Order"
        value={value('order') || 'asc'}
        options={[
          ['asc', 'Ascending'],
          ['desc', 'Descending'],
        ]}
        onChange={v =>
          onChange({ order: v === 'asc' ? undefined : v, cursor: undefined })
        }
      />
      {filtered && (
        <Button
          size="small"
          onClick={() =>
            onChange({
              owner: undefined,
              source: undefined,
              status: undefined,
              region: undefined,
              account: undefined,
              cursor: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
