import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ReactNode } from 'react';
import type { QueryResult } from '../../hooks';
import { ViewCard, type ViewCardProps } from './ViewCard';
import { fixtures, responseError } from '../../__testUtils__';

const noop = () => {};

/** The alarms view's card over `query` (its retry does nothing unless given). */
function renderAlarmsCard<T>(
  query: Omit<QueryResult<T>, 'retry'> & { retry?: () => void },
  children: (value: T) => ReactNode,
  props: Pick<ViewCardProps<T>, 'isEmpty' | 'emptyMessage'> = {},
) {
  return renderInTestApp(
    <ViewCard
      title="Alarms"
      what="the alarms view"
      query={{ retry: noop, ...query }}
      {...props}
    >
      {children}
    </ViewCard>,
  );
}

describe('ViewCard', () => {
  it('names the card by its heading and shows source and fetch time', async () => {
    await renderAlarmsCard(
      { value: fixtures.alarmsView, loading: false },
      view => <p>{view.alarms.length} alarms</p>,
    );
    expect(screen.getByRole('region', { name: 'Alarms' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Alarms', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getByText('5 alarms')).toBeInTheDocument();
    expect(screen.getByTestId('source-badge-sandbox')).toBeInTheDocument();
    expect(screen.getByText('1 minute ago')).toHaveAttribute(
      'dateTime',
      fixtures.alarmsView.fetchedAt,
    );
  });

  it('shows no source for values that are not data views', async () => {
    await renderInTestApp(
      <ViewCard
        title="Environments"
        what="the environments"
        query={{ value: fixtures.environments, loading: false, retry: noop }}
      >
        {items => <p>{items.length} environments</p>}
      </ViewCard>,
    );
    expect(screen.getByText('3 environments')).toBeInTheDocument();
    expect(screen.queryByText(/^Fetched/)).toBeNull();
  });

  it('shows loading until there is a value', async () => {
    await renderAlarmsCard({ loading: true }, () => <p>never</p>);
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the alarms view',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('never')).toBeNull();
  });

  it("shows the backend's message and retries", async () => {
    const retry = jest.fn();
    await renderAlarmsCard(
      {
        error: await responseError(502, 'CloudWatch timed out'),
        loading: false,
        retry,
      },
      () => <p>never</p>,
    );
    expect(
      screen.getByText('Could not load the alarms view (HTTP 502)'),
    ).toBeInTheDocument();
    expect(screen.getByText('CloudWatch timed out')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Retry loading the alarms view' }),
    );
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('shows the empty message', async () => {
    await renderAlarmsCard({ value: [], loading: false }, () => <p>never</p>, {
      isEmpty: items => items.length === 0,
      emptyMessage: 'No alarms.',
    });
    expect(screen.getByText('No alarms.')).toBeInTheDocument();
    expect(screen.queryByText('never')).toBeNull();
  });

  it('keeps the value on screen while reloading', async () => {
    await renderAlarmsCard(
      { value: fixtures.alarmsView, loading: true },
      () => <p>still here</p>,
    );
    expect(screen.getByText('still here')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', {
        name: 'Reloading the alarms view',
      }),
    ).toBeInTheDocument();
  });

  it('says when the view is stale and why', async () => {
    await renderAlarmsCard(
      {
        value: {
          ...fixtures.alarmsView,
          stale: true,
          staleReason: 'CloudWatch: Rate exceeded',
        },
        loading: false,
      },
      () => <p>cached</p>,
    );
    expect(
      screen.getByText(
        /the source could not be read: CloudWatch: Rate exceeded/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('cached')).toBeInTheDocument();
  });
});
