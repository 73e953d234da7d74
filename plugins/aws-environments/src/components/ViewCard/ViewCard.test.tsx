import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ViewCard } from './ViewCard';
import { fixtures } from '../../__testUtils__';

const noop = () => {};

describe('ViewCard', () => {
  it('names the card by its heading and shows source and fetch time', async () => {
    await renderInTestApp(
      <ViewCard
        title="Alarms"
        what="the alarms view"
        query={{ value: fixtures.alarmsView, loading: false, retry: noop }}
        meta={view => view}
      >
        {view => <p>{view.alarms.length} alarms</p>}
      </ViewCard>,
    );
    expect(screen.getByRole('region', { name: 'Alarms' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Alarms', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getByText('5 alarms')).toBeInTheDocument();
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
    expect(screen.getByText('1 minute ago')).toHaveAttribute(
      'dateTime',
      fixtures.alarmsView.fetchedAt,
    );
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
});
