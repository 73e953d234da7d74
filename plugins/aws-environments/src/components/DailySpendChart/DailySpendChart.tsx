import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DailySpend } from '@innovate/plugin-aws-environments-common';
import { formatDay, formatUsd, formatUsdCents } from '../../format';
import { useElementId } from '../../hooks';
import { dailySeries, spendSummary, type DailyPoint } from './dailySeries';

/** Props of {@link DailySpendChart}. */
export interface DailySpendChartProps {
  daily: DailySpend[];
  budgetUsd: number;
}

/**
 * Daily spend this month (actual, then forecast) with the running total
 * against the budget.
 */
export function DailySpendChart(props: DailySpendChartProps) {
  const { daily, budgetUsd } = props;
  const captionId = useElementId('daily-spend');
  const points = dailySeries(daily);
  const summary = spendSummary(points, budgetUsd);
  return (
    <Box component="figure" m={0} mt={2} aria-labelledby={captionId}>
      <Typography
        variant="h6"
        component="figcaption"
        id={captionId}
        gutterBottom
      >
        Daily spend and forecast
      </Typography>
      <Typography
        variant="body2"
        color={points.length === 0 ? 'textSecondary' : 'textPrimary'}
      >
        {summary}
      </Typography>
      {points.length > 0 && (
        <SpendChart points={points} budgetUsd={budgetUsd} summary={summary} />
      )}
    </Box>
  );
}

/** Daily bars (actual, forecast), the running total and the budget line. */
function SpendChart(props: {
  points: DailyPoint[];
  budgetUsd: number;
  summary: string;
}) {
  const { points, budgetUsd, summary } = props;
  const theme = useTheme();
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart
        data={points}
        accessibilityLayer={false}
        role="img"
        title={summary}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="date"
          tickFormatter={(day: string) => formatDay(day)}
          minTickGap={16}
        />
        <YAxis
          yAxisId="daily"
          tickFormatter={(value: number) => formatUsd(value)}
          width={56}
        />
        <YAxis
          yAxisId="total"
          orientation="right"
          tickFormatter={(value: number) => formatUsd(value)}
          width={64}
          domain={[0, (max: number) => Math.max(max, budgetUsd) * 1.05]}
        />
        <Tooltip
          labelFormatter={label => formatDay(String(label))}
          formatter={value =>
            typeof value === 'number' ? formatUsdCents(value) : value
          }
        />
        <Legend />
        <Bar
          yAxisId="daily"
          dataKey="actualUsd"
          name="Daily spend"
          fill={theme.palette.primary.main}
        />
        <Bar
          yAxisId="daily"
          dataKey="forecastUsd"
          name="Daily forecast"
          fill={theme.palette.primary.light}
          fillOpacity={0.5}
        />
        <Line
          yAxisId="total"
          dataKey="cumulativeUsd"
          name="Running total"
          stroke={theme.palette.secondary.main}
          dot={false}
          type="monotone"
        />
        <ReferenceLine
          yAxisId="total"
          y={budgetUsd}
          stroke={theme.palette.error.main}
          strokeDasharray="6 3"
          label={{
            value: `Budget ${formatUsd(budgetUsd)}`,
            position: 'insideTopLeft',
          }}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
