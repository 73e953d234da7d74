import { useAlarmsView, useCostView } from '../../hooks';
import { FiringAlarms } from '../AlarmsCard';
import { MonthToDateBar } from '../BudgetBar';
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
          <MonthToDateBar
            label={`Month-to-date spend of ${props.environment} against budget`}
            view={view}
          />
        </div>
      )}
    </QueryContent>
  );
}
