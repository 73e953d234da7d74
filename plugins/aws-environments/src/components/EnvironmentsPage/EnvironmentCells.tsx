import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { errorMessage } from '../../api';
import { useAlarmsView, useCostView } from '../../hooks';
import type { QueryResult } from '../../hooks';
import { BudgetBar } from '../BudgetBar';
import { StatusLabel } from '../StatusLabel';

/** A table cell over one query: loading text, a short error with retry, or the value. */
function QueryCell<T>(props: {
  query: QueryResult<T>;
  what: string;
  children: (value: T) => ReactNode;
}) {
  const { query, what, children } = props;
  if (query.loading && query.value === undefined) {
    return (
      <Typography variant="body2" color="textSecondary">
        Loading…
      </Typography>
    );
  }
  if (query.error) {
    return (
      <Typography variant="body2" component="div">
        <StatusLabel tone="error">{`${what} unavailable`}</StatusLabel>{' '}
        {errorMessage(query.error)}{' '}
        <Button size="small" onClick={query.retry} aria-label={`Retry ${what}`}>
          Retry
        </Button>
      </Typography>
    );
  }
  return query.value === undefined ? null : <>{children(query.value)}</>;
}

/** How many alarms of an environment are firing. */
export function FiringAlarmsCell(props: { environment: string }) {
  const query = useAlarmsView(props.environment);
  return (
    <QueryCell query={query} what="Alarms">
      {view => {
        const firing = view.alarms.filter(a => a.state === 'ALARM').length;
        return firing > 0 ? (
          <StatusLabel tone="error">{`${firing} firing`}</StatusLabel>
        ) : (
          <StatusLabel tone="ok">None firing</StatusLabel>
        );
      }}
    </QueryCell>
  );
}

/** Month-to-date spend of an environment against its budget, as a bar. */
export function MonthToDateCell(props: { environment: string }) {
  const query = useCostView(props.environment);
  return (
    <QueryCell query={query} what="Cost">
      {view => (
        <div style={{ minWidth: 180 }}>
          <BudgetBar
            label={`Month-to-date spend of ${props.environment} against budget`}
            amountUsd={view.monthToDateUsd}
            forecastUsd={view.forecastUsd}
            budgetUsd={view.budget.amountUsd}
            verdict={view.verdict}
          />
        </div>
      )}
    </QueryCell>
  );
}
