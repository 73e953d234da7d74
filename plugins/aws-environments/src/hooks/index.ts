export * from './queries';
export type { QueryResult } from './useAwsEnvironmentsQuery';
export { useElementId } from './useElementId';
