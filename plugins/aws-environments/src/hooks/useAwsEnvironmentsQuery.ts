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

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((dep, i) => Object.is(dep, b[i]));
}

/**
 * Runs one call of {@link AwsEnvironmentsApi}. The previous value stays
 * available while the same query reloads, but never under other deps: a page
 * that moves from one environment to another must not show the first one's
 * data while the second loads.
 */
export function useAwsEnvironmentsQuery<T>(
  query: (api: AwsEnvironmentsApi) => Promise<T>,
  deps: DependencyList,
): QueryResult<T> {
  const api = useApi(awsEnvironmentsApiRef);
  // The query closes over the deps the caller lists, as with useEffect.
  const state = useAsyncRetry(
    async () => ({ deps, value: await query(api) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ...deps],
  );
  const loaded =
    state.value && sameDeps(state.value.deps, deps) ? state.value : undefined;
  return {
    value: loaded?.value,
    loading: state.loading || (state.value !== undefined && !loaded),
    error: state.error,
    retry: state.retry,
  };
}
