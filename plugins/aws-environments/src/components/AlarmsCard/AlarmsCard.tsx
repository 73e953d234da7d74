import Typography from '@material-ui/core/Typography';
import type { AlarmView } from '@innovate/plugin-aws-environments-common';
import { useAlarmsView } from '../../hooks';
import { DataTable } from '../DataTable';
import { RelativeTime } from '../RelativeTime';
import { StatusLabel, toneOf } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import {
  STATE_LABELS,
  formatThreshold,
  seedThresholdOf,
  sortAlarms,
} from './alarmFormat';
import { FiringAlarms } from './FiringAlarms';

/** Props of {@link AlarmsCard}. */
export interface AlarmsCardProps {
  /** The environment's name in the aws-environments backend. */
  environment: string;
  /**
   * Show only this alarm (by ARN or name), for an alarm's own entity page;
   * when it matches none, all alarms are shown under a note saying so.
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

/** The CloudWatch alarms of an environment, firing ones first. */
export function AlarmsCard(props: AlarmsCardProps) {
  return (
    <ViewCard
      title="Alarms"
      what="the alarms view"
      query={useAlarmsView(props.environment)}
      isEmpty={view => view.alarms.length === 0}
      emptyMessage="The environment has no CloudWatch alarms."
    >
      {view => {
        const own = view.alarms.filter(alarm => matches(alarm, props.alarm));
        const alarms = sortAlarms(own.length ? own : view.alarms);
        return (
          <>
            {props.alarm && own.length === 0 && (
              <Typography variant="body2" component="p" gutterBottom>
                Alarm {props.alarm.name ?? props.alarm.arn} is not among the
                environment's alarms; showing all of them.
              </Typography>
            )}
            <Typography variant="body1" component="p">
              <FiringAlarms alarms={alarms} />
            </Typography>
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
                    <StatusLabel tone={toneOf(alarm.state)}>
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
                      <RelativeTime iso={alarm.stateUpdatedAt} />
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
