import { screen } from '@testing-library/react';
import { EnvironmentHeader } from './EnvironmentHeader';
import {
  DENY,
  fixtures,
  renderWithApi,
  responseError,
} from '../../__testUtils__';
import { clickRetry, failingOnce } from '../../__testUtils__/retry';

describe('EnvironmentHeader', () => {
  it('shows source, status, owner, region, accounts and budget', async () => {
    renderWithApi(<EnvironmentHeader environment="innovate-prod" />, {
      getEnvironment: async () => fixtures.environmentDetail,
    });
    expect(
      screen.getByRole('heading', { name: 'innovate-prod', level: 2 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Sandbox')).toBeInTheDocument();
    expect(screen.getByText('deployed')).toBeInTheDocument();
    expect(screen.getByText('Region us-east-1')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'platform-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');
    expect(screen.getByText(/^Owner/)).toContainElement(
      screen.getByRole('link', { name: 'platform-team' }),
    );
    expect(
      screen.getByText(
        'Accounts: management 111111111111, workloads 222222222222',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Budget $430 a month')).toBeInTheDocument();
  });

  it('links "Change" to the wizard prefilled with the spec in update mode', async () => {
    renderWithApi(<EnvironmentHeader environment="innovate-prod" />, {
      getEnvironment: async () => fixtures.environmentDetail,
    });
    const change = await screen.findByRole('link', {
      name: 'Change environment innovate-prod',
    });
    const url = new URL(change.getAttribute('href')!, 'http://portal.test');
    expect(url.pathname).toBe(
      '/create/templates/default/create-aws-environment',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      ...fixtures.seedSpec,
      source: 'sandbox',
      mode: 'update',
    });
  });

  it('offers no "Change" to those who may not update the environment', async () => {
    // Another name: usePermission caches decisions by resource across tests.
    renderWithApi(
      <EnvironmentHeader environment="innovate-denied" />,
      {
        getEnvironment: async () => ({
          ...fixtures.environmentDetail,
          name: 'innovate-denied',
        }),
      },
      { permission: DENY },
    );
    expect(await screen.findByText('Region us-east-1')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /^Change environment/ }),
    ).toBeNull();
  });

  it("shows the backend's message and retries", async () => {
    const getEnvironment = await failingOnce(
      responseError(404, 'No environment named innovate-prod'),
      fixtures.environmentDetail,
    );
    renderWithApi(<EnvironmentHeader environment="innovate-prod" />, {
      getEnvironment,
    });
    expect(
      await screen.findByText('No environment named innovate-prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'innovate-prod', level: 2 }),
    ).toBeInTheDocument();
    await clickRetry('environment innovate-prod');
    expect(await screen.findByText('Region us-east-1')).toBeInTheDocument();
  });
});
