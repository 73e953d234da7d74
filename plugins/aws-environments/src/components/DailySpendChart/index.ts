export { DailySpendChart } from './DailySpendChart';
export type { DailySpendChartProps } from './DailySpendChart';
