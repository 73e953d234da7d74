import { useApi } from '@backstage/core-plugin-api';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { AwsEnvironmentsApi, awsEnvironmentsApiRef } from '../api';

/** The state of one query against the aws-environments backend. */
export interface QueryResult<T> {
  value?: T;
  loading: boolean;
  error?: Error;
  /** Runs the query again (the error state's retry button). */
  retry: () => void;
}

/**
 * Runs one call of {@link AwsEnvironmentsApi}; the previous value stays
 * available while a retry is loading.
 */
export function useAwsEnvironmentsQuery<T>(
  query: (api: AwsEnvironmentsApi) => Promise<T>,
  deps: DependencyList,
): QueryResult<T> {
  const api = useApi(awsEnvironmentsApiRef);
  // The query closes over the deps the caller lists, as with useEffect.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(() => query(api), [api, ...deps]);
  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
