import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ViewCard } from './ViewCard';
import { fixtures, responseError } from '../../__testUtils__';

const noop = () => {};

describe('ViewCard', () => {
  it('names the card by its heading and shows source and fetch time', async () => {
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{ value: fixtures.alarmsView, loading: false, retry: noop }}
      >
        {view => <p>{view.alarms.length} alarms</p>}
      </ViewCard>,
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
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{ loading: true, retry: noop }}
      >
        {() => <p>never</p>}
      </ViewCard>,
    );
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the alarms view',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('never')).toBeNull();
  });

  it("shows the backend's message and retries", async () => {
    const retry = jest.fn();
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{
          error: await responseError(502, 'CloudWatch timed out'),
          loading: false,
          retry,
        }}
      >
        {() => <p>never</p>}
      </ViewCard>,
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
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{ value: [], loading: false, retry: noop }}
        isEmpty={items => items.length === 0}
        emptyMessage="No alarms."
      >
        {() => <p>never</p>}
      </ViewCard>,
    );
    expect(screen.getByText('No alarms.')).toBeInTheDocument();
    expect(screen.queryByText('never')).toBeNull();
  });

  it('keeps the value on screen while reloading', async () => {
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{ value: fixtures.alarmsView, loading: true, retry: noop }}
      >
        {() => <p>still here</p>}
      </ViewCard>,
    );
    expect(screen.getByText('still here')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', {
        name: 'Reloading the alarms view',
      }),
    ).toBeInTheDocument();
  });

  it('says when the view is stale and why', async () => {
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{
          value: {
            ...fixtures.alarmsView,
            stale: true,
            staleReason: 'CloudWatch: Rate exceeded',
          },
          loading: false,
          retry: noop,
        }}
      >
        {() => <p>cached</p>}
      </ViewCard>,
    );
    expect(
      screen.getByText(
        /the source could not be read: CloudWatch: Rate exceeded/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('cached')).toBeInTheDocument();
  });
});
