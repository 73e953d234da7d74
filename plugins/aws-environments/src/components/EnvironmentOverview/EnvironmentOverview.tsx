import { ReactNode } from 'react';
import type { ClusterView } from '@innovate/plugin-aws-environments-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { formatRelative, formatUsd, plural } from '../../format';
import {
  useAlarmsView,
  useClusterView,
  useCostView,
  useDatabaseView,
} from '../../hooks';
import { FiringAlarms, firingAlarms } from '../AlarmsCard';
import { MonthToDateBar } from '../BudgetBar';
import { DriftCard } from '../DriftCard';
import { DomainCard } from '../DomainCard';
import { lifecycleTone } from '../LifecycleAlert';
import { StatusLabel, toneOf } from '../StatusLabel';
import { ViewCard, type ViewCardProps } from '../ViewCard';

/**
 * One view at a glance in a grid cell, with a link to its tab (relative to
 * the environment).
 */
function OverviewTile<T>(
  props: Omit<ViewCardProps<T>, 'variant'> & { tab: string; link: string },
) {
  const { tab, link, children, ...card } = props;
  return (
    <Grid item xs={12} md={6} lg={3}>
      <ViewCard {...card} variant="gridItem">
        {value => (
          <>
            {children(value)}
            <Box mt={2}>
              <Link to={tab}>{link}</Link>
            </Box>
          </>
        )}
      </ViewCard>
    </Grid>
  );
}

function Line(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" component="p">
      {props.children}
    </Typography>
  );
}

/** The cluster's state, version and node groups in words. */
function ClusterSummary(props: { view: ClusterView }) {
  const { view } = props;
  return (
    <>
      <StatusLabel
        tone={
          lifecycleTone(view.lifecycle) ??
          (view.behindTarget ? 'warning' : toneOf(view.status))
        }
      >
        {`${view.status}, Kubernetes ${view.version}`}
      </StatusLabel>
      {view.behindTarget && (
        <Line>Behind the target version {view.targetVersion}.</Line>
      )}
      <Line>
        {plural(view.nodeGroups.length, 'node group')},{' '}
        {plural(
          view.nodeGroups.reduce((n, group) => n + group.desiredSize, 0),
          'node',
        )}{' '}
        desired
        {view.nodeGroups.some(group => group.healthIssues.length > 0)
          ? '; some node groups report health issues'
          : ''}
        .
      </Line>
    </>
  );
}

/**
 * Health at a glance: cluster, database, alarms and budget, each with its
 * own state and a link to its tab; below them, the drift of the stacks and
 * the domain's names, records and certificates.
 */
export function EnvironmentOverview(props: { environment: string }) {
  const { environment } = props;
  const cluster = useClusterView(environment);
  const database = useDatabaseView(environment);
  const alarms = useAlarmsView(environment);
  const cost = useCostView(environment);
  return (
    <Grid container spacing={3} alignItems="stretch">
      <OverviewTile
        title="Cluster"
        what="the cluster view"
        query={cluster}
        tab="cluster"
        link="Cluster details"
      >
        {view => <ClusterSummary view={view} />}
      </OverviewTile>
      <OverviewTile
        title="Database"
        what="the database view"
        query={database}
        tab="database"
        link="Database details"
      >
        {view => (
          <>
            <StatusLabel tone={toneOf(view.status)}>
              {`${view.status}, ${view.instanceClass}`}
            </StatusLabel>
            <Line>
              {view.engine} {view.engineVersion},{' '}
              {view.multiAz ? 'Multi-AZ' : 'single AZ'},{' '}
              {view.latestRestorableTime
                ? `restorable to ${formatRelative(view.latestRestorableTime)}`
                : 'no restorable time yet'}
              .
            </Line>
          </>
        )}
      </OverviewTile>
      <OverviewTile
        title="Alarms"
        what="the alarms view"
        query={alarms}
        tab="alarms"
        link="All alarms"
      >
        {view => {
          const firing = firingAlarms(view.alarms);
          return (
            <>
              <FiringAlarms alarms={view.alarms} />
              {firing.length > 0 && (
                <Line>{firing.map(alarm => alarm.name).join(', ')}</Line>
              )}
            </>
          );
        }}
      </OverviewTile>
      <OverviewTile
        title="Budget"
        what="the cost view"
        query={cost}
        tab="cost"
        link="Cost details"
      >
        {view => (
          <>
            <Line>{formatUsd(view.monthToDateUsd)} spent this month.</Line>
            <MonthToDateBar
              label="Month-to-date spend against budget"
              view={view}
            />
          </>
        )}
      </OverviewTile>
      <Grid item xs={12}>
        <DriftCard environment={environment} deploymentsLink="deployments" />
      </Grid>
      <Grid item xs={12}>
        <DomainCard environment={environment} />
      </Grid>
    </Grid>
  );
}
