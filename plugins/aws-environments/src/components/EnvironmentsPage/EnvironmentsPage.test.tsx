import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AwsEnvironmentsRouter } from '../AwsEnvironmentsRouter';
import { EnvironmentsPage } from './EnvironmentsPage';
import {
  FakeAwsEnvironmentsApi,
  fixtures,
  renderWithApi,
  responseError,
} from '../../__testUtils__';
import { clickRetry, failingOnce } from '../../__testUtils__/retry';

function row(name: string) {
  const table = screen.getByRole('table', { name: '3 environments' });
  return within(table).getByRole('row', { name: new RegExp(`^${name}`) });
}

describe('EnvironmentsPage', () => {
  it('lists every environment with owner, source, status, region, alarms and spend', async () => {
    renderWithApi(<EnvironmentsPage />, new FakeAwsEnvironmentsApi());

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
    expect(
      await within(prod).findByText('None of 5 alarms firing'),
    ).toBeInTheDocument();
    expect(
      await within(prod).findByRole('meter', {
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
    expect(
      await within(analytics).findByText('2 of 5 alarms firing'),
    ).toBeInTheDocument();
    // Over budget in words, not only in the bar's colour.
    expect(
      await within(analytics).findByText(
        '$352 of $430 (82%), forecast $587: over the budget',
      ),
    ).toBeInTheDocument();
  });

  it('keeps the other cells when one environment’s view fails', async () => {
    renderWithApi(<EnvironmentsPage />, new FakeAwsEnvironmentsApi());
    await screen.findByRole('table', { name: '3 environments' });
    const legacy = row('dev-legacy');
    // A guest owns what it creates.
    expect(
      await within(legacy).findByRole('link', { name: 'guest' }),
    ).toHaveAttribute('href', '/catalog/default/user/guest');
    expect(within(legacy).getByText('failed')).toBeInTheDocument();
    expect(await within(legacy).findByText('Unavailable')).toBeInTheDocument();
    expect(
      within(legacy).getByText(/Environment dev-legacy has no deployed stacks/),
    ).toBeInTheDocument();
    expect(
      within(legacy).getByRole('button', {
        name: 'Retry loading the alarms of dev-legacy',
      }),
    ).toBeInTheDocument();
    expect(
      await within(legacy).findByRole('meter', {
        name: 'Month-to-date spend of dev-legacy against budget',
      }),
    ).toBeInTheDocument();
  });

  it('says when there are no environments', async () => {
    renderWithApi(<EnvironmentsPage />, { listEnvironments: async () => [] });
    expect(
      await screen.findByText(
        'No environments yet. Create one with Create → AWS environment.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message and retries", async () => {
    const listEnvironments = await failingOnce(
      responseError(401, 'Missing credentials'),
      [fixtures.environments[1]],
    );
    renderWithApi(<EnvironmentsPage />, {
      listEnvironments,
      getAlarmsView: async () => fixtures.alarmsView,
      getCostView: async () => fixtures.costView,
    });
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
  it('shows no alarms or spend for it and does not ask for them', async () => {
    const api = new FakeAwsEnvironmentsApi();
    const [prod] = fixtures.environments;
    api.listEnvironments = async () => [
      prod,
      { ...prod, name: 'innovate-old', status: 'destroyed' as const },
    ];
    const getCostView = jest.spyOn(api, 'getCostView');
    const getAlarmsView = jest.spyOn(api, 'getAlarmsView');
    renderWithApi(<EnvironmentsPage />, api);

    const table = await screen.findByRole('table', { name: '2 environments' });
    const old = within(table).getByRole('row', { name: /^innovate-old/ });
    expect(within(old).getByText('destroyed')).toBeInTheDocument();
    expect(within(old).getAllByText('—')).toHaveLength(2);
    await within(table).findByText('None of 5 alarms firing');
    expect(getCostView.mock.calls.map(c => c[0])).toEqual(['innovate-prod']);
    expect(getAlarmsView.mock.calls.map(c => c[0])).toEqual(['innovate-prod']);
  });
});
