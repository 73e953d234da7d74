export { ViewCard } from './ViewCard';
export type { ViewCardProps } from './ViewCard';
