export * from './queries';
export type { QueryResult } from './useAwsEnvironmentsQuery';
