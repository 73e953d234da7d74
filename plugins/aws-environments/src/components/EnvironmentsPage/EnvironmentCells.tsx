import { useAlarmsView, useCostView } from '../../hooks';
import { FiringAlarms } from '../AlarmsCard';
import { BudgetBar } from '../BudgetBar';
import { QueryContent } from '../QueryContent';

/** How many alarms of an environment are firing. */
export function FiringAlarmsCell(props: { environment: string }) {
  const query = useAlarmsView(props.environment);
  return (
    <QueryContent
      query={query}
      what={`the alarms of ${props.environment}`}
      inline
    >
      {view => <FiringAlarms alarms={view.alarms} />}
    </QueryContent>
  );
}

/** Month-to-date spend of an environment against its budget, as a bar. */
export function MonthToDateCell(props: { environment: string }) {
  const query = useCostView(props.environment);
  return (
    <QueryContent
      query={query}
      what={`the cost of ${props.environment}`}
      inline
    >
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
    </QueryContent>
  );
}
