import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { awsEnvironmentsApiRef } from '../api';
import { fixtures } from '../__testUtils__';
import { useClusterView } from './queries';

describe('useAwsEnvironmentsQuery', () => {
  it('never shows one environment’s view while another loads', async () => {
    const getClusterView = jest.fn((name: string) =>
      name === 'innovate-prod'
        ? Promise.resolve(fixtures.clusterView)
        : new Promise<never>(() => {}),
    );
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[awsEnvironmentsApiRef, { getClusterView }]]}>
        {children}
      </TestApiProvider>
    );
    const { result, rerender } = renderHook(
      ({ name }: { name: string }) => useClusterView(name),
      { wrapper, initialProps: { name: 'innovate-prod' } },
    );
    await waitFor(() =>
      expect(result.current.value).toBe(fixtures.clusterView),
    );

    rerender({ name: 'analytics-eu' });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
    expect(getClusterView).toHaveBeenLastCalledWith('analytics-eu');
  });

  it('keeps the value while the same query reloads', async () => {
    let resolveSecond: (view: typeof fixtures.clusterView) => void = () => {};
    const getClusterView = jest
      .fn()
      .mockResolvedValueOnce(fixtures.clusterView)
      .mockReturnValueOnce(
        new Promise(resolve => {
          resolveSecond = resolve;
        }),
      );
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[awsEnvironmentsApiRef, { getClusterView }]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useClusterView('innovate-prod'), {
      wrapper,
    });
    await waitFor(() =>
      expect(result.current.value).toBe(fixtures.clusterView),
    );

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value).toBe(fixtures.clusterView);
    resolveSecond(fixtures.clusterViewBehind);
    await waitFor(() =>
      expect(result.current.value).toBe(fixtures.clusterViewBehind),
    );
  });
});
