import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AwsEnvironmentsRouter } from '../AwsEnvironmentsRouter';
import type { ClusterView } from '@innovate/plugin-aws-environments-common';
import {
  FakeAwsEnvironmentsApi,
  fixtures,
  renderWithApi,
} from '../../__testUtils__';

function renderAt(path: string, api = new FakeAwsEnvironmentsApi()) {
  return renderWithApi(<AwsEnvironmentsRouter />, api, {
    mountPath: '/aws-environments/*',
    initialRouteEntries: [path],
  });
}

describe('EnvironmentView', () => {
  it('shows health at a glance with links to the tabs', async () => {
    renderAt('/aws-environments/innovate-prod');
    const tabs = await screen.findByRole('tablist', {
      name: 'Views of environment innovate-prod',
    });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual([
      'Overview',
      'Architecture',
      'Cluster',
      'Database',
      'Alarms',
      'Cost',
      'Deployments',
    ]);

    for (const heading of [
      'Cluster',
      'Database',
      'Alarms',
      'Budget',
      'Drift',
    ]) {
      expect(
        await screen.findByRole('heading', { name: heading, level: 2 }),
      ).toBeInTheDocument();
    }
    expect(
      await screen.findByText('ACTIVE, Kubernetes 1.33'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('None of 5 alarms firing'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('meter', {
        name: 'Month-to-date spend against budget',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No drift detected: every stack matches/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Cluster details' }),
    ).toHaveAttribute('href', '/aws-environments/innovate-prod/cluster');
    expect(screen.getByRole('link', { name: 'Cost details' })).toHaveAttribute(
      'href',
      '/aws-environments/innovate-prod/cost',
    );
  });

  it('shows an environment in trouble at a glance', async () => {
    renderAt('/aws-environments/analytics-eu');
    expect(
      await screen.findByText('Behind the target version 1.33.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('2 of 5 alarms firing')).toBeInTheDocument();
    expect(
      screen.getByText('innovate-prod-api-p99-latency, innovate-prod-node-cpu'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        '$352 of $430 (82%), forecast $587: over the budget',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('source-badge-aws').length).toBeGreaterThan(0);
    const drift = screen.getByRole('region', { name: 'Drift' });
    expect(
      await within(drift).findByText(
        '2 resources in 2 stacks differ from the deployed templates.',
      ),
    ).toBeInTheDocument();
  });

  it('shows drift above the deployment history and reloads it after a redeployment', async () => {
    const api = new FakeAwsEnvironmentsApi();
    const listDeployments = jest.spyOn(api, 'listDeployments');
    const createDeployment = jest.spyOn(api, 'createDeployment');
    renderAt('/aws-environments/analytics-eu/deployments', api);
    const drift = await screen.findByRole('region', { name: 'Drift' });
    const history = await screen.findByRole('region', { name: 'Deployments' });
    expect(
      drift.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      await within(drift).findByRole('table', { name: 'Drifted resources' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(listDeployments).toHaveBeenCalledTimes(1));

    await userEvent.click(
      within(drift).getByRole('button', { name: 'Redeploy to revert' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Redeploy' }));
    expect(
      await screen.findByText(/Redeployment queued as deployment dep-new/),
    ).toBeInTheDocument();
    expect(createDeployment).toHaveBeenCalledWith('analytics-eu', {
      mode: 'update',
    });
    await waitFor(() => expect(listDeployments).toHaveBeenCalledTimes(2));
  });

  it('keeps a view that fails to render to its own card', async () => {
    const api = new FakeAwsEnvironmentsApi();
    const broken = { ...fixtures.clusterView, nodeGroups: undefined };
    // A backend of another version may send what the types do not allow.
    api.getClusterView = async () => broken as unknown as ClusterView;
    renderAt('/aws-environments/innovate-prod', api);
    const cluster = await screen.findByRole('region', { name: 'Cluster' });
    expect(
      await within(cluster).findByText('Could not show the cluster view'),
    ).toBeInTheDocument();
    expect(
      within(cluster).getByRole('button', {
        name: 'Retry loading the cluster view',
      }),
    ).toBeInTheDocument();
    // The other views are untouched.
    expect(
      await screen.findByText('None of 5 alarms firing'),
    ).toBeInTheDocument();
  });

  // Six tabs, each loading its view: slower than one view.
  it('switches tabs', async () => {
    renderAt('/aws-environments/innovate-prod');
    await userEvent.click(await screen.findByRole('tab', { name: 'Cluster' }));
    expect(
      await screen.findByRole('table', { name: 'Node groups' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Cluster' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Database' }));
    expect(
      await screen.findByRole('heading', { name: 'RDS database' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Alarms' }));
    expect(
      await screen.findByRole('table', { name: 'CloudWatch alarms' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Cost' }));
    expect(await screen.findByTestId('cost-month-to-date')).toHaveTextContent(
      '$251',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Deployments' }));
    expect(
      await screen.findByRole('button', { name: 'Execute change set' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(
      await screen.findByRole('heading', { name: 'Budget' }),
    ).toBeInTheDocument();
  }, 60_000);

  it('opens a tab from its URL', async () => {
    renderAt('/aws-environments/analytics-eu/cluster');
    expect(
      await screen.findByText(
        /Kubernetes 1\.31 is behind the target version 1\.33/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Cluster' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('keeps the rest of the page when views fail', async () => {
    renderAt('/aws-environments/dev-legacy');
    expect(
      await screen.findByRole('heading', { name: 'dev-legacy', level: 2 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('failed')).toBeInTheDocument();
    expect(
      await screen.findByText('Could not load the cluster view'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Could not load the alarms view'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Could not load the database view'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('meter', {
        name: 'Month-to-date spend against budget',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Could not load the drift view'),
    ).toBeInTheDocument();
    for (const view of ['cluster', 'database', 'alarms', 'drift']) {
      expect(
        screen.getByRole('button', { name: `Retry loading the ${view} view` }),
      ).toBeInTheDocument();
    }
  });

  it('says when the environment cannot be read but still shows the tabs', async () => {
    renderAt('/aws-environments/nope');
    expect(
      await screen.findByText('Could not load environment nope'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('No environment named nope').length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('tab', { name: 'Cost' })).toBeInTheDocument();
  });

  it('says when there is no such tab', async () => {
    renderAt('/aws-environments/innovate-prod/nothing');
    expect(
      await screen.findByText(/There is no such view of innovate-prod/),
    ).toBeInTheDocument();
  });
});
