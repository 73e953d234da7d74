import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { formatRelative, formatUsd } from '../../format';
import {
  useAlarmsView,
  useClusterView,
  useCostView,
  useDatabaseView,
} from '../../hooks';
import { BudgetBar } from '../BudgetBar';
import { StatusLabel, toneOf } from '../StatusLabel';
import { ViewCard } from '../ViewCard';

/** A link from an overview tile to its tab, relative to the environment. */
function TabLink(props: { to: string; children: ReactNode }) {
  return (
    <Box mt={2}>
      <Link to={props.to}>{props.children}</Link>
    </Box>
  );
}

function ClusterTile(props: { environment: string }) {
  const query = useClusterView(props.environment);
  return (
    <ViewCard
      title="Cluster"
      what="the cluster view"
      query={query}
      meta={v => v}
      variant="gridItem"
    >
      {view => (
        <>
          <StatusLabel
            tone={view.behindTarget ? 'warning' : toneOf(view.status)}
          >
            {`${view.status}, Kubernetes ${view.version}`}
          </StatusLabel>
          {view.behindTarget && (
            <Typography variant="body2" component="p">
              Behind the target version {view.targetVersion}.
            </Typography>
          )}
          <Typography variant="body2" component="p">
            {view.nodeGroups.length} node groups,{' '}
            {view.nodeGroups.reduce((n, group) => n + group.desiredSize, 0)}{' '}
            nodes desired
            {view.nodeGroups.some(group => group.healthIssues.length > 0)
              ? '; some node groups report health issues'
              : ''}
            .
          </Typography>
          <TabLink to="cluster">Cluster details</TabLink>
        </>
      )}
    </ViewCard>
  );
}

function DatabaseTile(props: { environment: string }) {
  const query = useDatabaseView(props.environment);
  return (
    <ViewCard
      title="Database"
      what="the database view"
      query={query}
      meta={v => v}
      variant="gridItem"
    >
      {view => (
        <>
          <StatusLabel tone={toneOf(view.status)}>
            {`${view.status}, ${view.instanceClass}`}
          </StatusLabel>
          <Typography variant="body2" component="p">
            {view.engine} {view.engineVersion},{' '}
            {view.multiAz ? 'Multi-AZ' : 'single AZ'}, latest restorable{' '}
            {formatRelative(view.latestRestorableTime)}.
          </Typography>
          <TabLink to="database">Database details</TabLink>
        </>
      )}
    </ViewCard>
  );
}

function AlarmsTile(props: { environment: string }) {
  const query = useAlarmsView(props.environment);
  return (
    <ViewCard
      title="Alarms"
      what="the alarms view"
      query={query}
      meta={v => v}
      variant="gridItem"
    >
      {view => {
        const firing = view.alarms.filter(alarm => alarm.state === 'ALARM');
        return (
          <>
            {firing.length > 0 ? (
              <StatusLabel tone="error">{`${firing.length} firing`}</StatusLabel>
            ) : (
              <StatusLabel tone="ok">None firing</StatusLabel>
            )}
            <Typography variant="body2" component="p">
              {firing.length > 0
                ? firing.map(alarm => alarm.name).join(', ')
                : `${view.alarms.length} alarms watched.`}
            </Typography>
            <TabLink to="alarms">All alarms</TabLink>
          </>
        );
      }}
    </ViewCard>
  );
}

function BudgetTile(props: { environment: string }) {
  const query = useCostView(props.environment);
  return (
    <ViewCard
      title="Budget"
      what="the cost view"
      query={query}
      meta={v => v}
      variant="gridItem"
    >
      {view => (
        <>
          <Typography variant="body2" component="p">
            {formatUsd(view.monthToDateUsd)} spent this month
            {view.forecastUsd !== null
              ? `, forecast ${formatUsd(view.forecastUsd)}`
              : ''}
            .
          </Typography>
          <BudgetBar
            label="Month-to-date spend against budget"
            amountUsd={view.monthToDateUsd}
            forecastUsd={view.forecastUsd}
            budgetUsd={view.budget.amountUsd}
            verdict={view.verdict}
          />
          <TabLink to="cost">Cost details</TabLink>
        </>
      )}
    </ViewCard>
  );
}

/**
 * Health at a glance: cluster, database, alarms and budget, each with its
 * own state and a link to its tab.
 */
export function EnvironmentOverview(props: { environment: string }) {
  const { environment } = props;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6} lg={3}>
        <ClusterTile environment={environment} />
      </Grid>
      <Grid item xs={12} md={6} lg={3}>
        <DatabaseTile environment={environment} />
      </Grid>
      <Grid item xs={12} md={6} lg={3}>
        <AlarmsTile environment={environment} />
      </Grid>
      <Grid item xs={12} md={6} lg={3}>
        <BudgetTile environment={environment} />
      </Grid>
    </Grid>
  );
}
