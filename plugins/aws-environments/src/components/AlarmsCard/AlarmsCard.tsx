import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { AlarmView } from '@innovate/plugin-aws-environments-common';
import { formatDateTime, formatRelative } from '../../format';
import { useAlarmsView } from '../../hooks';
import { DataTable } from '../DataTable';
import { StatusLabel } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import {
  STATE_LABELS,
  formatThreshold,
  seedThresholdOf,
  sortAlarms,
} from './alarmFormat';

/** Props of {@link AlarmsCard}. */
export interface AlarmsCardProps {
  /** The environment's name in the aws-environments backend. */
  environment: string;
  /**
   * Show only this alarm (by ARN or name), for an alarm's own entity page;
   * all alarms are shown when it matches none.
   */
  alarm?: { arn?: string; name?: string };
}

function matches(alarm: AlarmView, wanted: AlarmsCardProps['alarm']): boolean {
  if (!wanted) return false;
  return (
    (wanted.arn !== undefined && alarm.arn === wanted.arn) ||
    (wanted.name !== undefined && alarm.name === wanted.name)
  );
}

const TONES = {
  ALARM: 'error',
  INSUFFICIENT_DATA: 'pending',
  OK: 'ok',
} as const;

/** The CloudWatch alarms of an environment, firing ones first. */
export function AlarmsCard(props: AlarmsCardProps) {
  const query = useAlarmsView(props.environment);
  return (
    <ViewCard
      title="Alarms"
      what="the alarms view"
      query={query}
      meta={view => view}
      isEmpty={view => view.alarms.length === 0}
      emptyMessage="The environment has no CloudWatch alarms."
    >
      {view => {
        const own = view.alarms.filter(alarm => matches(alarm, props.alarm));
        const alarms = sortAlarms(own.length ? own : view.alarms);
        const firing = alarms.filter(alarm => alarm.state === 'ALARM').length;
        return (
          <>
            <Box mb={1}>
              <Typography variant="body1" component="p">
                {firing > 0 ? (
                  <StatusLabel tone="error">
                    {`${firing} of ${alarms.length} alarms firing`}
                  </StatusLabel>
                ) : (
                  <StatusLabel tone="ok">{`No alarms firing (${alarms.length} watched)`}</StatusLabel>
                )}
              </Typography>
            </Box>
            <DataTable
              title="CloudWatch alarms"
              rows={alarms}
              rowKey={alarm => alarm.arn ?? alarm.name}
              rowProps={alarm => ({ 'data-state': alarm.state })}
              columns={[
                {
                  title: 'Alarm',
                  render: alarm => (
                    <>
                      {alarm.name}
                      {alarm.description && (
                        <Typography variant="caption" component="div">
                          {alarm.description}
                        </Typography>
                      )}
                    </>
                  ),
                },
                {
                  title: 'State',
                  render: alarm => (
                    <StatusLabel tone={TONES[alarm.state]}>
                      {STATE_LABELS[alarm.state]}
                    </StatusLabel>
                  ),
                },
                {
                  title: 'Threshold',
                  render: alarm => formatThreshold(alarm, alarm.threshold),
                },
                {
                  title: "Seed's threshold",
                  render: alarm => {
                    const seed = seedThresholdOf(alarm);
                    if (seed === undefined) return '—';
                    const text = formatThreshold(alarm, seed);
                    return seed === alarm.threshold ? (
                      text
                    ) : (
                      <>
                        {text} <em>(differs)</em>
                      </>
                    );
                  },
                },
                {
                  title: 'Reason',
                  render: alarm => alarm.stateReason ?? '—',
                },
                {
                  title: 'Last change',
                  render: alarm =>
                    alarm.stateUpdatedAt ? (
                      <time
                        dateTime={alarm.stateUpdatedAt}
                        title={formatDateTime(alarm.stateUpdatedAt)}
                      >
                        {formatRelative(alarm.stateUpdatedAt)}
                      </time>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </>
        );
      }}
    </ViewCard>
  );
}
