import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Gauge } from '@backstage/core-components';
import type { CostView } from '@innovate/plugin-aws-environments-common';
import { formatPercent, formatUsd, formatVerdict } from '../../format';
import {
  MonthToDateBar,
  amountOfBudget,
  budgetMeterProps,
  budgetShare,
} from '../BudgetBar';
import { Facts } from '../Facts';

/**
 * Month-to-date and forecast spend against the budget: a gauge of the
 * forecast's share, a bar of the month so far, and the figures.
 */
export function BudgetGauge(props: {
  view: CostView;
  size?: 'normal' | 'small';
}) {
  const { view, size } = props;
  const theme = useTheme();
  const budget = view.budget.amountUsd;
  const projected = view.forecastUsd ?? view.monthToDateUsd;
  const share = budgetShare(projected, budget);
  const color = {
    under: theme.palette.status.ok,
    near: theme.palette.status.warning,
    over: theme.palette.status.error,
  }[view.verdict];
  const gaugeLabel =
    view.forecastUsd === null
      ? 'Month-to-date spend as a share of the budget'
      : 'Forecast spend as a share of the budget';
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 24 }}>
      <Box
        {...budgetMeterProps({
          label: gaugeLabel,
          amountUsd: projected,
          budgetUsd: budget,
          verdict: view.verdict,
          text: `${amountOfBudget(projected, budget)}, ${formatVerdict(
            view.verdict,
          )}`,
        })}
        width={size === 'small' ? 120 : 180}
      >
        <Gauge value={share} fractional size={size} getColor={() => color} />
      </Box>
      <Box flex="1 1 240px">
        <Facts
          facts={[
            {
              label: 'Month to date',
              value: (
                <span data-testid="cost-month-to-date">
                  {formatUsd(view.monthToDateUsd)}
                </span>
              ),
            },
            {
              label: 'Forecast for the month',
              value:
                view.forecastUsd === null
                  ? 'Not available'
                  : formatUsd(view.forecastUsd),
            },
            {
              label: 'Budget',
              value: `${formatUsd(budget)} (${
                view.budget.from === 'budgets' ? 'AWS Budgets' : 'from the spec'
              })`,
            },
          ]}
        />
        <Box mt={1}>
          <MonthToDateBar
            label="Month-to-date spend against budget"
            view={view}
          />
        </Box>
        <Typography variant="body2" component="p" data-testid="cost-verdict">
          {view.forecastUsd === null ? 'Spend so far is' : 'The forecast is'}{' '}
          {formatPercent(share)} of the budget: {formatVerdict(view.verdict)}.
        </Typography>
      </Box>
    </Box>
  );
}
