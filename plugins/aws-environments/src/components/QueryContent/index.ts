export { QueryContent } from './QueryContent';
export type { QueryContentProps } from './QueryContent';
