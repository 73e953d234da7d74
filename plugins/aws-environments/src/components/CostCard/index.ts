export { CostCard } from './CostCard';
export type { CostCardProps } from './CostCard';
