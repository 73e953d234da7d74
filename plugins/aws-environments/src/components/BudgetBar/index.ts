export { BudgetBar, MonthToDateBar } from './BudgetBar';
export type { BudgetBarProps } from './BudgetBar';
export { amountOfBudget, budgetMeterProps, budgetShare } from './budgetMeter';
