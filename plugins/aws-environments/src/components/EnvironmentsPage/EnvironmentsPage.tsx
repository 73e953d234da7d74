import { Link } from '@backstage/core-components';
import { useEnvironments } from '../../hooks';
import { DataTable } from '../DataTable';
import { SourceBadge } from '../SourceBadge';
import { StatusLabel, toneOf } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import { FiringAlarmsCell, MonthToDateCell } from './EnvironmentCells';

/**
 * Every environment with its source, status, region, firing alarms and
 * month-to-date spend against its budget. Rows link to the environment.
 */
export function EnvironmentsPage() {
  const query = useEnvironments();
  return (
    <ViewCard
      title="Environments"
      what="the environments"
      query={query}
      isEmpty={items => items.length === 0}
      emptyMessage="No environments yet. Create one with Create → AWS environment."
    >
      {items => (
        <DataTable
          title={`${items.length} environment${items.length === 1 ? '' : 's'}`}
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
              title: 'Source',
              noWrap: true,
              render: item => <SourceBadge source={item.source} />,
            },
            {
              title: 'Status',
              noWrap: true,
              render: item => (
                <StatusLabel tone={toneOf(item.status)}>
                  {item.status}
                </StatusLabel>
              ),
            },
            { title: 'Region', noWrap: true, render: item => item.region },
            {
              title: 'Firing alarms',
              render: item => <FiringAlarmsCell environment={item.name} />,
            },
            {
              title: 'Month to date vs budget',
              render: item => <MonthToDateCell environment={item.name} />,
            },
          ]}
        />
      )}
    </ViewCard>
  );
}
