import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type {
  FleetEntry,
  FleetQuery,
  FleetResponse,
} from '@innovate/plugin-aws-environments-common';
import { Link } from '@backstage/core-components';
import { useSearchParams } from 'react-router-dom';
import { plural } from '../../format';
import { useAwsEnvironmentsQuery } from '../../hooks/useAwsEnvironmentsQuery';
import { DataTable, type DataTableColumn } from '../DataTable';
import { Principal } from '../Principal';
import { SourceBadge } from '../SourceBadge';
import { StatusText } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import { FiringAlarmsCell, MonthToDateCell } from './EnvironmentCells';
import { FleetFilters, FleetGroups, FleetTotalsLine } from './FleetSummary';
import { fleetQueryOf, PAGE_SIZE, withParams } from './fleetQuery';
import { VersionsCell } from './VersionsCell';

/** The fleet summary of the query: the page's one request. */
function useFleet(query: FleetQuery) {
  const key = JSON.stringify(query);
  return useAwsEnvironmentsQuery(api => api.getFleet(query), [key]);
}

function columns(byAccount: boolean): DataTableColumn<FleetEntry>[] {
  return [
    {
      title: 'Environment',
      noWrap: true,
      render: item => (
        <Link to={encodeURIComponent(item.name)}>{item.name}</Link>
      ),
    },
    {
      title: 'Owner',
      noWrap: true,
      render: item => <Principal principal={item.owner} />,
    },
    {
      title: 'Source',
      noWrap: true,
      render: item => <SourceBadge source={item.source} />,
    },
    {
      title: 'Status',
      noWrap: true,
      render: item => <StatusText status={item.status} />,
    },
    ...(byAccount
      ? [
          {
            title: 'Account',
            noWrap: true,
            render: (item: FleetEntry) => item.accounts.workloads,
          },
        ]
      : []),
    { title: 'Region', noWrap: true, render: item => item.region },
    {
      title: 'Versions',
      render: item => <VersionsCell entry={item} />,
    },
    {
      title: 'Firing alarms',
      render: item => <FiringAlarmsCell entry={item} />,
    },
    {
      title: 'Month to date vs budget',
      render: item => <MonthToDateCell entry={item} />,
    },
  ];
}

function Pages(props: {
  fleet: FleetResponse;
  offset: number;
  onCursor: (cursor: string | undefined) => void;
}) {
  const { fleet, offset, onCursor } = props;
  const total = fleet.totals.environments;
  if (total <= PAGE_SIZE && offset === 0) {
    return null;
  }
  const last = Math.min(offset + fleet.items.length, total);
  return (
    <Box display="flex" alignItems="center" mt={1}>
      <Button
        size="small"
        disabled={offset === 0}
        onClick={() =>
          onCursor(
            offset - PAGE_SIZE > 0 ? String(offset - PAGE_SIZE) : undefined,
          )
        }
      >
        Previous page
      </Button>
      <Typography variant="body2" style={{ margin: '0 8px' }}>
        {`${offset + 1}–${last} of ${total}`}
      </Typography>
      <Button
        size="small"
        disabled={!fleet.nextCursor}
        onClick={() => onCursor(fleet.nextCursor)}
      >
        Next page
      </Button>
    </Box>
  );
}

/**
 * Every environment the user may read with its owner, source, status,
 * region, Kubernetes and PostgreSQL support state, firing alarms and
 * month-to-date spend against its budget, from
 * one request (`GET fleet`): totals at the top, the environments by
 * account and region when there is more than one, filters, sort and pages
 * in the URL. Rows link to the environment.
 */
export function EnvironmentsPage() {
  const [params, setParams] = useSearchParams();
  const query = fleetQueryOf(params);
  const fleet = useFleet(query);
  const change = (changes: Record<string, string | undefined>) =>
    setParams(withParams(params, changes));
  const offset = Number(query.cursor ?? 0);
  return (
    <ViewCard
      title="Environments"
      what="the environments"
      query={fleet}
      isEmpty={value =>
        value.totals.environments === 0 && params.toString() === ''
      }
      emptyMessage="No environments yet. Create one with Create → AWS environment."
    >
      {value => (
        <>
          <FleetTotalsLine totals={value.totals} />
          <FleetFilters params={params} fleet={value} onChange={change} />
          {value.groups.length > 1 && (
            <FleetGroups
              groups={value.groups}
              onSelect={g =>
                change({
                  account: g.account,
                  region: g.region,
                  cursor: undefined,
                })
              }
            />
          )}
          <DataTable
            title={plural(value.totals.environments, 'environment')}
            rows={value.items}
            rowKey={item => item.name}
            emptyMessage="No environment matches these filters."
            columns={columns(value.groups.length > 1)}
          />
          <Pages
            fleet={value}
            offset={offset}
            onCursor={cursor => change({ cursor })}
          />
        </>
      )}
    </ViewCard>
  );
}
