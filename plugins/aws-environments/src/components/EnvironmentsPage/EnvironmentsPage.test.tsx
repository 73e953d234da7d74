import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  lifecycleOf,
  type FleetEntry,
  type FleetQuery,
  type FleetResponse,
} from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsRouter } from '../AwsEnvironmentsRouter';
import { EnvironmentsPage } from './EnvironmentsPage';
import {
  FakeAwsEnvironmentsApi,
  fixtures,
  renderWithApi,
  responseError,
} from '../../__testUtils__';
import { clickRetry, failingOnce } from '../../__testUtils__/retry';

function row(name: string, tableName = '3 environments') {
  const table = screen.getByRole('table', { name: tableName });
  return within(table).getByRole('row', { name: new RegExp(`^${name}`) });
}

/** The fake behind a proxy that records the page's calls (not the fake's own). */
function spiedApi() {
  const fake = new FakeAwsEnvironmentsApi();
  const calls: string[] = [];
  const api = new Proxy(fake, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        calls.push(String(property));
        return value.apply(target, args);
      };
    },
  });
  return { api, fake, calls };
}

const empty: FleetResponse = {
  items: [],
  totals: {
    environments: 0,
    budgetUsd: 0,
    monthToDateUsd: 0,
    forecastUsd: 0,
    firingAlarms: 0,
  },
  groups: [],
};

describe('EnvironmentsPage', () => {
  it('lists every environment with owner, source, status, region, alarms and spend from one request', async () => {
    const { api, calls } = spiedApi();
    renderWithApi(<EnvironmentsPage />, api);

    expect(
      await screen.findByRole('heading', { name: 'Environments' }),
    ).toBeInTheDocument();
    await screen.findByRole('table', { name: '3 environments' });

    const prod = row('innovate-prod');
    expect(
      await within(prod).findByRole('link', { name: 'platform-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');
    expect(within(prod).getByText('Sandbox')).toBeInTheDocument();
    expect(within(prod).getByText('deployed')).toBeInTheDocument();
    expect(within(prod).getByText('us-east-1')).toBeInTheDocument();
    expect(within(prod).getByText('None firing')).toBeInTheDocument();
    expect(
      within(prod).getByRole('meter', {
        name: 'Month-to-date spend of innovate-prod against budget',
      }),
    ).toHaveAttribute(
      'aria-valuetext',
      '$251 of $430 (58%), forecast $419: close to the budget',
    );
    expect(
      within(prod).getByRole('link', { name: 'innovate-prod' }),
    ).toHaveAttribute('href', '/innovate-prod');

    const analytics = row('analytics-eu');
    expect(
      within(analytics).getByRole('link', { name: 'application-team' }),
    ).toBeInTheDocument();
    expect(within(analytics).getByText('AWS')).toBeInTheDocument();
    expect(within(analytics).queryByText('Sandbox')).toBeNull();
    expect(within(analytics).getByText('2 firing')).toBeInTheDocument();
    // Over budget in words, not only in the bar's colour.
    expect(
      within(analytics).getByText(
        '$352 of $430 (82%), forecast $587: over the budget',
      ),
    ).toBeInTheDocument();

    // The list, the totals and every row: one request.
    expect(calls).toEqual(['getFleet']);
  });

  it('shows the totals at the top and the environments by account and region', async () => {
    renderWithApi(<EnvironmentsPage />, new FakeAwsEnvironmentsApi());
    expect(
      await screen.findByText(
        '3 environments: $855 spent this month of $1,010 budgeted',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('2 alarms firing')).toBeInTheDocument();
    const groups = screen.getByRole('table', { name: 'By account and region' });
    expect(within(groups).getAllByRole('row')).toHaveLength(4);
    expect(
      within(groups).getByRole('button', {
        name: '444444444444 · eu-west-1: show only this account and region',
      }),
    ).toBeInTheDocument();
    // With more than one account, the list says each row's.
    expect(
      within(row('analytics-eu')).getByText('444444444444'),
    ).toBeInTheDocument();
  });

  it('filters by account and region from a group, through the URL', async () => {
    const api = new FakeAwsEnvironmentsApi();
    const getFleet = jest.spyOn(api, 'getFleet');
    renderWithApi(<AwsEnvironmentsRouter />, api, {
      mountPath: '/aws-environments/*',
      initialRouteEntries: ['/aws-environments?sort=monthToDate&order=desc'],
    });
    await screen.findByRole('table', { name: '3 environments' });
    expect(getFleet).toHaveBeenLastCalledWith({
      limit: '50',
      sort: 'monthToDate',
      order: 'desc',
    });
    await userEvent.click(
      screen.getByRole('button', {
        name: '444444444444 · eu-west-1: show only this account and region',
      }),
    );
    await screen.findByRole('table', { name: '1 environment' });
    expect(getFleet).toHaveBeenLastCalledWith({
      limit: '50',
      account: '444444444444',
      region: 'eu-west-1',
      sort: 'monthToDate',
      order: 'desc',
    });
    expect(
      screen.queryByRole('table', { name: 'By account and region' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await screen.findByRole('table', { name: '3 environments' });
  });

  it('pages through hundreds of environments', async () => {
    const [prod] = fixtures.environments;
    const entries: FleetEntry[] = Array.from({ length: 120 }, (_, i) => ({
      name: `env-${String(i).padStart(3, '0')}`,
      owner: prod.owner,
      source: 'sandbox',
      status: 'deployed',
      region: prod.region,
      accounts: prod.accounts,
      budgetUsd: 430,
      monthToDateUsd: 100,
      forecastUsd: 300,
      firingAlarms: 0,
      fetchedAt: new Date().toISOString(),
      stale: false,
    }));
    const getFleet = jest.fn(async (query: FleetQuery = {}) => {
      const offset = Number(query.cursor ?? 0);
      const limit = Number(query.limit);
      return {
        ...empty,
        items: entries.slice(offset, offset + limit),
        totals: { ...empty.totals, environments: entries.length },
        ...(offset + limit < entries.length
          ? { nextCursor: String(offset + limit) }
          : {}),
      };
    });
    renderWithApi(<EnvironmentsPage />, { getFleet });
    const table = await screen.findByRole('table', {
      name: '120 environments',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('1–50 of 120')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('51–100 of 120')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('101–120 of 120')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByText('51–100 of 120')).toBeInTheDocument();
    expect(getFleet.mock.calls.map(([q]) => q?.cursor)).toEqual([
      undefined,
      '50',
      '100',
      '50',
    ]);
  });

  it('says why an environment has no alarms or spend', async () => {
    renderWithApi(<EnvironmentsPage />, new FakeAwsEnvironmentsApi());
    await screen.findByRole('table', { name: '3 environments' });
    const legacy = row('dev-legacy');
    // A guest owns what it creates.
    expect(
      await within(legacy).findByRole('link', { name: 'guest' }),
    ).toHaveAttribute('href', '/catalog/default/user/guest');
    expect(within(legacy).getByText('failed')).toBeInTheDocument();
    const unavailable = within(legacy).getByText('Unavailable');
    expect(unavailable).toHaveAttribute(
      'title',
      'Environment dev-legacy has no deployed stacks; its last deployment failed',
    );
    expect(
      within(legacy).getByRole('meter', {
        name: 'Month-to-date spend of dev-legacy against budget',
      }),
    ).toBeInTheDocument();
  });

  it('says when there are no environments', async () => {
    renderWithApi(<EnvironmentsPage />, { getFleet: async () => empty });
    expect(
      await screen.findByText(
        'No environments yet. Create one with Create → AWS environment.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message and retries", async () => {
    const api = new FakeAwsEnvironmentsApi();
    const getFleet = await failingOnce(
      responseError(401, 'Missing credentials'),
      await api.getFleet({ status: 'failed' }),
    );
    renderWithApi(<EnvironmentsPage />, { getFleet });
    expect(await screen.findByText('Missing credentials')).toBeInTheDocument();
    await clickRetry('the environments');
    expect(
      await screen.findByRole('table', { name: '1 environment' }),
    ).toBeInTheDocument();
  });

  it('opens an environment from the list', async () => {
    renderWithApi(<AwsEnvironmentsRouter />, new FakeAwsEnvironmentsApi(), {
      mountPath: '/aws-environments/*',
      initialRouteEntries: ['/aws-environments'],
    });
    const link = await screen.findByRole('link', { name: 'innovate-prod' });
    expect(link).toHaveAttribute('href', '/aws-environments/innovate-prod');
    await userEvent.click(link);
    expect(
      await screen.findByRole('heading', { name: 'innovate-prod', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      screen.getByRole('link', { name: 'All environments' }),
    ).toHaveAttribute('href', '/aws-environments');
  });
});

describe('EnvironmentsPage with a destroyed environment', () => {
  it('shows no alarms or spend for it and asks for no view', async () => {
    const { api, fake, calls } = spiedApi();
    const [prod] = fixtures.environments;
    fake.listEnvironments = async () => [
      prod,
      { ...prod, name: 'innovate-old', status: 'destroyed' as const },
    ];
    renderWithApi(<EnvironmentsPage />, api);

    const table = await screen.findByRole('table', { name: '2 environments' });
    const old = within(table).getByRole('row', { name: /^innovate-old/ });
    expect(within(old).getByText('destroyed')).toBeInTheDocument();
    // No alarms, no spend (and the fake knows no versions).
    expect(within(old).getAllByText('—')).toHaveLength(3);
    expect(within(table).getByText('None firing')).toBeInTheDocument();
    expect(calls).toEqual(['getFleet']);
  });
});

describe('EnvironmentsPage versions', () => {
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const [prod] = fixtures.environments;
  const entry = (name: string, lifecycle?: FleetEntry['lifecycle']) => ({
    name,
    owner: prod.owner,
    source: 'sandbox' as const,
    status: 'deployed' as const,
    region: prod.region,
    accounts: prod.accounts,
    budgetUsd: 430,
    monthToDateUsd: 100,
    forecastUsd: 300,
    firingAlarms: 0,
    fetchedAt: new Date().toISOString(),
    stale: false,
    ...(lifecycle ? { lifecycle } : {}),
  });
  const entries: FleetEntry[] = [
    entry('in-extended', {
      cluster: lifecycleOf('eks', '1.33', at('2026-11-30'))!,
      // Without the instance's vCPUs RDS Extended Support cannot be priced.
      database: lifecycleOf('rds-postgres', '14', at('2027-06-01'))!,
    }),
    entry('ending-soon', {
      cluster: lifecycleOf('eks', '1.33', at('2026-05-15'))!,
      database: lifecycleOf('rds-postgres', '15', at('2026-05-15'))!,
    }),
    // The calendar does not know the cluster's version.
    entry('unknown-cluster', {
      cluster: null,
      database: lifecycleOf('rds-postgres', '14', at('2026-12-15'), {
        vcpus: 2,
      })!,
    }),
    entry('no-lifecycle'),
  ];

  /** The versions cell's label that reads `text`, with its tone and icon. */
  function label(name: string, text: string) {
    const cell = within(row(name, '4 environments')).getByText(text);
    const tone = cell.closest('[data-tone]');
    expect(tone).not.toBeNull();
    // Never colour alone: an icon and the words.
    expect(tone!.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    return tone!.getAttribute('data-tone');
  }

  beforeEach(async () => {
    renderWithApi(<EnvironmentsPage />, {
      getFleet: async () => ({
        ...empty,
        items: entries,
        totals: { ...empty.totals, environments: entries.length },
      }),
    });
    await screen.findByRole('table', { name: '4 environments' });
  });

  it('shows extended support as an error with the extra monthly cost and the next step', () => {
    expect(
      screen.getByRole('columnheader', { name: 'Versions' }),
    ).toBeInTheDocument();
    expect(
      label(
        'in-extended',
        'Kubernetes 1.33: extended support, $365 a month extra',
      ),
    ).toBe('error');
    expect(
      label(
        'in-extended',
        'PostgreSQL 14: extended support, extra per vCPU-hour',
      ),
    ).toBe('error');
    expect(
      within(row('in-extended', '4 environments')).getByText(
        'Next: upgrade to 1.34',
      ),
    ).toBeInTheDocument();
  });

  it('warns within 90 days of the end of standard support and says when', () => {
    expect(
      label('ending-soon', 'Kubernetes 1.33: standard support ends 2026-07-29'),
    ).toBe('warning');
    // PostgreSQL 15 is years from its end: fine.
    expect(label('ending-soon', 'PostgreSQL 15: standard support')).toBe('ok');
    expect(
      label(
        'unknown-cluster',
        'PostgreSQL 14: standard support ends 2027-02-28',
      ),
    ).toBe('warning');
    expect(
      within(row('unknown-cluster', '4 environments')).queryByText(
        /^Kubernetes/,
      ),
    ).toBeNull();
  });

  it('shows a dash for an entry without lifecycle', () => {
    const none = row('no-lifecycle', '4 environments');
    const dash = within(none).getByTitle('No version in the support calendar');
    expect(dash).toHaveTextContent('—');
    expect(within(none).queryByText(/Kubernetes|PostgreSQL/)).toBeNull();
  });
});
