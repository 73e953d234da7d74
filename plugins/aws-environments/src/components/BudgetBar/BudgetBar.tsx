import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  BudgetVerdict,
  CostView,
} from '@innovate/plugin-aws-environments-common';
import { formatUsd, formatVerdict } from '../../format';
import { amountOfBudget, budgetMeterProps } from './budgetMeter';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 12,
    borderRadius: 6,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    borderRadius: 6,
  },
  forecast: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    borderRadius: 6,
    opacity: 0.35,
  },
  under: { backgroundColor: theme.palette.success.main },
  near: { backgroundColor: theme.palette.warning.main },
  over: { backgroundColor: theme.palette.error.main },
}));

/** Props of {@link BudgetBar}. */
export interface BudgetBarProps {
  /** Accessible name of the bar, e.g. `Month-to-date spend against budget`. */
  label: string;
  /** The amount the bar shows (spend so far, or an estimate). */
  amountUsd: number;
  budgetUsd: number;
  verdict: BudgetVerdict;
  /** Forecast for the period, drawn lighter behind the amount. */
  forecastUsd?: number | null;
  /** Hide the text under the bar (when the numbers are shown elsewhere). */
  hideCaption?: boolean;
}

function widthOf(amount: number, budget: number): string {
  if (budget <= 0) {
    return amount > 0 ? '100%' : '0%';
  }
  return `${Math.min(100, Math.max(0, (amount / budget) * 100))}%`;
}

/**
 * An amount against a budget as a bar (a `meter` for assistive technology),
 * coloured by the budget verdict, which the caption also says.
 */
export function BudgetBar(props: BudgetBarProps) {
  const { label, amountUsd, budgetUsd, verdict, forecastUsd, hideCaption } =
    props;
  const classes = useStyles();
  const hasForecast = forecastUsd !== undefined && forecastUsd !== null;
  const forecast = hasForecast ? `, forecast ${formatUsd(forecastUsd)}` : '';
  // The verdict in words too: the bar's colour alone says nothing to many.
  const text = `${amountOfBudget(
    amountUsd,
    budgetUsd,
  )}${forecast}: ${formatVerdict(verdict)}`;
  return (
    <Box>
      <div
        {...budgetMeterProps({ label, amountUsd, budgetUsd, verdict, text })}
        className={classes.track}
      >
        {hasForecast && (
          <div
            className={`${classes.forecast} ${classes[verdict]}`}
            style={{ width: widthOf(forecastUsd, budgetUsd) }}
          />
        )}
        <div
          className={`${classes.fill} ${classes[verdict]}`}
          style={{ width: widthOf(amountUsd, budgetUsd) }}
        />
      </div>
      {!hideCaption && (
        <Typography variant="caption" component="p">
          {text}
        </Typography>
      )}
    </Box>
  );
}

/** A cost view's month-to-date spend and forecast against its budget. */
export function MonthToDateBar(props: { view: CostView; label: string }) {
  const { view, label } = props;
  return (
    <BudgetBar
      label={label}
      amountUsd={view.monthToDateUsd}
      forecastUsd={view.forecastUsd}
      budgetUsd={view.budget.amountUsd}
      verdict={view.verdict}
    />
  );
}
