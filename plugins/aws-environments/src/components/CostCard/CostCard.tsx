import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { CostView } from '@innovate/plugin-aws-environments-common';
import { formatDay } from '../../format';
import { useCostView, useEnvironment } from '../../hooks';
import { useChangeLink } from '../ChangeEnvironment';
import { BudgetGauge } from '../BudgetGauge';
import { CostSuggestions } from '../CostSuggestions';
import { DailySpendChart } from '../DailySpendChart';
import { EstimateLinesTable } from '../EstimateLinesTable';
import { SeedComparisonTable } from '../SeedComparisonTable';
import { SpendByServiceTable } from '../SpendByServiceTable';
import { ViewCard } from '../ViewCard';

/** Props of {@link CostCard}. */
export interface CostCardProps {
  /** The environment's name in the aws-environments backend. */
  environment: string;
  /**
   * `summary`: the budget gauge only (entity cards); `full` (default): with
   * suggestions, the daily trend and spend by service (the Cost tab).
   */
  variant?: 'summary' | 'full';
}

/** Spend of an environment against its budget. */
export function CostCard(props: CostCardProps) {
  const { environment, variant = 'full' } = props;
  const query = useCostView(environment);
  return (
    <ViewCard title="Cost against budget" what="the cost view" query={query}>
      {view =>
        variant === 'summary' ? (
          <BudgetGauge view={view} size="small" />
        ) : (
          <CostDetails environment={environment} view={view} />
        )
      }
    </ViewCard>
  );
}

function CostDetails(props: { environment: string; view: CostView }) {
  const { environment, view } = props;
  // The suggestions' "Apply" links change the environment's current spec.
  const detail = useEnvironment(environment).value;
  const changeLink = useChangeLink(environment, detail);
  return (
    <>
      <BudgetGauge view={view} />
      <CostSuggestions
        suggestions={view.estimate.suggestions}
        verdict={view.verdict}
        applyLink={changeLink}
      />
      <DailySpendChart daily={view.daily} budgetUsd={view.budget.amountUsd} />
      <SpendByServiceTable
        byService={view.byService}
        estimateLines={view.estimate.lines}
      />
      <EstimateLinesTable estimate={view.estimate} />
      <SeedComparisonTable estimate={view.estimate} />
      <Box mt={2}>
        <Typography variant="caption" component="p">
          Month to date covers {formatDay(view.period.start)} to{' '}
          {formatDay(view.period.end)} (days in UTC, as AWS bills them). The
          cost model uses {view.estimate.priceTable.region} on-demand prices of{' '}
          {formatDay(view.estimate.priceTable.date, { year: true })}.
        </Typography>
        {view.estimate.notes.map(note => (
          <Typography key={note} variant="caption" component="p">
            {note}
          </Typography>
        ))}
      </Box>
    </>
  );
}
