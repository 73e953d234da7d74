import Typography from '@material-ui/core/Typography';
import {
  budgetVerdict,
  type FleetEntry,
} from '@innovate/plugin-aws-environments-common';
import { BudgetBar } from '../BudgetBar';
import { StatusLabel } from '../StatusLabel';

function NotAvailable(props: { reason?: string }) {
  return (
    <Typography variant="body2" color="textSecondary" title={props.reason}>
      {props.reason ? 'Unavailable' : '—'}
    </Typography>
  );
}

/** How many alarms of an environment are firing (from the fleet summary). */
export function FiringAlarmsCell(props: { entry: FleetEntry }) {
  const { entry } = props;
  if (entry.firingAlarms === null) {
    return <NotAvailable reason={entry.staleReason} />;
  }
  return (
    <StatusLabel tone={entry.firingAlarms > 0 ? 'error' : 'ok'}>
      {entry.firingAlarms > 0 ? `${entry.firingAlarms} firing` : 'None firing'}
    </StatusLabel>
  );
}

/** Month-to-date spend of an environment against its budget, as a bar. */
export function MonthToDateCell(props: { entry: FleetEntry }) {
  const { entry } = props;
  if (entry.monthToDateUsd === null) {
    return <NotAvailable reason={entry.staleReason} />;
  }
  return (
    <div style={{ minWidth: 180 }}>
      <BudgetBar
        label={`Month-to-date spend of ${entry.name} against budget`}
        amountUsd={entry.monthToDateUsd}
        forecastUsd={entry.forecastUsd}
        budgetUsd={entry.budgetUsd}
        verdict={budgetVerdict(
          entry.forecastUsd ?? entry.monthToDateUsd,
          entry.budgetUsd,
        )}
      />
    </div>
  );
}
