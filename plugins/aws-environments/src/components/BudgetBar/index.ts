export { BudgetBar } from './BudgetBar';
export type { BudgetBarProps } from './BudgetBar';
