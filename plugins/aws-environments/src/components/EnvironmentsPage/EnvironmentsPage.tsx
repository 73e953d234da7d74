import Typography from '@material-ui/core/Typography';
import type { EnvironmentSummary } from '@innovate/plugin-aws-environments-common';
import { Link } from '@backstage/core-components';
import { plural } from '../../format';
import { useEnvironments } from '../../hooks';
import { DataTable } from '../DataTable';
import { Principal } from '../Principal';
import { SourceBadge } from '../SourceBadge';
import { StatusText } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import { FiringAlarmsCell, MonthToDateCell } from './EnvironmentCells';

/**
 * Whether an environment has parts whose alarms and spend can be read: not
 * before its first deployment, and not after it was destroyed.
 */
function hasLiveParts(item: EnvironmentSummary) {
  return item.status !== 'destroyed' && item.status !== 'pending';
}

function NotApplicable() {
  return (
    <Typography variant="body2" color="textSecondary">
      —
    </Typography>
  );
}

/**
 * A column read from an environment's live parts, with a dash for an
 * environment that has none.
 */
function liveColumn(
  title: string,
  Cell: (props: { environment: string }) => JSX.Element,
) {
  return {
    title,
    render: (item: EnvironmentSummary) =>
      hasLiveParts(item) ? <Cell environment={item.name} /> : <NotApplicable />,
  };
}

/**
 * Every environment with its owner, source, status, region, firing alarms
 * and month-to-date spend against its budget. Rows link to the environment.
 */
export function EnvironmentsPage() {
  const query = useEnvironments();
  return (
    <ViewCard
      title="Environments"
      what="the environments"
      query={query}
      emptyMessage="No environments yet. Create one with Create → AWS environment."
    >
      {items => (
        <DataTable
          title={plural(items.length, 'environment')}
          rows={[...items].sort((a, b) => a.name.localeCompare(b.name))}
          rowKey={item => item.name}
          columns={[
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
            { title: 'Region', noWrap: true, render: item => item.region },
            liveColumn('Firing alarms', FiringAlarmsCell),
            liveColumn('Month to date vs budget', MonthToDateCell),
          ]}
        />
      )}
    </ViewCard>
  );
}
