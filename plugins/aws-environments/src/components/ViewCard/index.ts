export { ViewCard } from './ViewCard';
export type { ViewCardProps } from './ViewCard';
export { ViewError } from './ViewError';
export { StaleNotice, ViewMetaLine } from './ViewMetaLine';
