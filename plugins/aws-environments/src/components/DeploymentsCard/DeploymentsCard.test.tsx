import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeploymentsCard } from './DeploymentsCard';
import {
  FakeAwsEnvironmentsApi,
  fixtures,
  renderWithApi,
  responseError,
} from '../../__testUtils__';
import { clickRetry, failingOnce } from '../../__testUtils__/retry';

const history = [
  fixtures.deploymentAwaitingApproval,
  fixtures.deploymentSucceeded,
];

describe('DeploymentsCard', () => {
  it('lists the history and opens a deployment to its events', async () => {
    const getDeployment = jest
      .fn()
      .mockResolvedValue(fixtures.deploymentWithEvents);
    renderWithApi(<DeploymentsCard environment="innovate-prod" />, {
      listDeployments: async () => history,
      getDeployment: async (name: string, id: string) =>
        id === 'dep-0001'
          ? getDeployment(name, id)
          : { ...fixtures.deploymentAwaitingApproval, events: [] },
    });

    const succeeded = await screen.findByRole('button', {
      name: /Deploy dep-0001/,
    });
    expect(succeeded).toHaveAttribute('aria-expanded', 'false');
    expect(within(succeeded).getByText('succeeded')).toBeInTheDocument();
    expect(within(succeeded).getByText(/took 39 s/)).toBeInTheDocument();
    expect(succeeded).toHaveTextContent(
      /by maria\.garcia, approved by sam\.chen, took 39 s/,
    );

    await userEvent.click(succeeded);
    const events = await screen.findByRole('table', {
      name: 'Events of dep-0001',
    });
    expect(getDeployment).toHaveBeenCalledWith('innovate-prod', 'dep-0001');
    const details = screen.getByRole('region', { name: /Deploy dep-0001/ });
    expect(
      within(details).getByRole('link', { name: 'maria.garcia' }),
    ).toHaveAttribute('href', '/catalog/default/user/maria.garcia');
    expect(
      within(details).getByRole('link', { name: 'sam.chen' }),
    ).toHaveAttribute('href', '/catalog/default/user/sam.chen');
    expect(
      within(events).getByText('Creating stack innovate-prod-network'),
    ).toBeInTheDocument();
    expect(
      within(events).getByText('innovate-prod-network/Vpc CREATE_COMPLETE'),
    ).toBeInTheDocument();
  });

  it('lets a permitted user execute a pending change set', async () => {
    const listDeployments = jest
      .fn()
      .mockResolvedValueOnce(history)
      .mockResolvedValueOnce([
        { ...fixtures.deploymentAwaitingApproval, status: 'succeeded' },
        fixtures.deploymentSucceeded,
      ]);
    const executeChangeSet = jest.fn().mockResolvedValue(undefined);
    renderWithApi(<DeploymentsCard environment="innovate-prod" />, {
      listDeployments,
      executeChangeSet,
      getDeployment: async () => ({
        ...fixtures.deploymentAwaitingApproval,
        events: [],
      }),
    });

    const changes = await screen.findByRole('table', {
      name: 'Pending changes',
    });
    expect(
      within(changes).getByText('ApplicationNodeGroup'),
    ).toBeInTheDocument();
    expect(
      within(changes).getByText('AWS::EKS::Nodegroup'),
    ).toBeInTheDocument();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Execute change set' }),
    );
    expect(executeChangeSet).toHaveBeenCalledWith('innovate-prod', 'dep-0002');
    await waitFor(() => expect(listDeployments).toHaveBeenCalledTimes(2));
    expect(
      await screen.findByRole('button', { name: /Deploy dep-0002 succeeded/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Execute change set' }),
    ).toBeNull();
  });

  it('tells the requester that a second person must approve (four eyes)', async () => {
    const executeChangeSet = jest.fn();
    renderWithApi(
      <DeploymentsCard environment="innovate-prod" />,
      {
        listDeployments: async () => history,
        executeChangeSet,
        getDeployment: async () => ({
          ...fixtures.deploymentAwaitingApproval,
          events: [],
        }),
      },
      { userEntityRef: fixtures.deploymentAwaitingApproval.requestedBy },
    );
    expect(
      await screen.findByText(/You requested this deployment/),
    ).toHaveTextContent(
      "You requested this deployment, so you cannot approve it yourself (four eyes): a second person from the environment's owner group, or an approver, must review and execute the change set.",
    );
    expect(
      screen.queryByRole('button', { name: 'Execute change set' }),
    ).toBeNull();
    expect(executeChangeSet).not.toHaveBeenCalled();
  });

  it('shows a service that requested a deployment as text', async () => {
    renderWithApi(<DeploymentsCard environment="dev-legacy" />, {
      listDeployments: async () => [
        { ...fixtures.deploymentFailed, requestedBy: 'service:mcp-actions' },
      ],
      getDeployment: async () => ({ ...fixtures.deploymentFailed, events: [] }),
    });
    const failed = await screen.findByRole('button', {
      name: /Deploy dep-0003 failed/,
    });
    expect(failed).toHaveTextContent(/by service mcp-actions/);
    expect(failed).not.toHaveTextContent(/approved by/);
  });

  it('stays open and reloads the events once the change set ran', async () => {
    renderWithApi(
      <DeploymentsCard environment="innovate-prod" />,
      new FakeAwsEnvironmentsApi(),
    );
    expect(
      await screen.findByText('No events recorded yet.'),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Execute change set' }),
    );
    const events = await screen.findByRole('table', {
      name: 'Events of dep-0002',
    });
    expect(
      within(events).getByText('Change sets executed'),
    ).toBeInTheDocument();
    const executed = screen.getByRole('button', {
      name: /Deploy dep-0002 succeeded/,
    });
    expect(executed).toHaveAttribute('aria-expanded', 'true');
    expect(executed).toHaveTextContent(/approved by sam\.chen/);
  });

  it("shows the backend's message when executing fails", async () => {
    renderWithApi(<DeploymentsCard environment="innovate-prod" />, {
      listDeployments: async () => history,
      getDeployment: async () => ({
        ...fixtures.deploymentAwaitingApproval,
        events: [],
      }),
      executeChangeSet: async () => {
        throw await responseError(
          409,
          'Change set innovate-prod-cluster-dep-0002 is no longer executable',
        );
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Execute change set' }),
    );
    expect(
      await screen.findByText(
        'Could not execute the change set: Change set innovate-prod-cluster-dep-0002 is no longer executable',
      ),
    ).toBeInTheDocument();
  });

  it('shows a change proposed from the environment’s repository, where it is approved', async () => {
    const repository =
      'https://github.com/acme/innovate-prod-environment/tree/main/';
    const file =
      'https://github.com/acme/innovate-prod-environment/blob/main/environment.json';
    const proposed = {
      ...fixtures.deploymentAwaitingApproval,
      requestedBy: `repository:${repository}`,
      origin: { type: 'repository' as const, repository, file },
    };
    renderWithApi(<DeploymentsCard environment="innovate-prod" />, {
      listDeployments: async () => [proposed],
      getDeployment: async () => ({ ...proposed, events: [] }),
    });

    const summary = await screen.findByRole('button', {
      name: /Deploy dep-0002/,
    });
    expect(summary).toHaveTextContent(`proposed from ${repository}`);
    const details = screen.getByRole('region', { name: /Deploy dep-0002/ });
    expect(within(details).getByText(/Proposed from/)).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: new RegExp(`^${repository}`) }),
    ).toHaveAttribute('href', repository);
    expect(
      within(details).getByRole('link', { name: /^environment\.json/ }),
    ).toHaveAttribute('href', file);
    expect(
      await within(details).findByRole('button', {
        name: 'Execute change set',
      }),
    ).toBeInTheDocument();
  });

  it('says when there are no deployments', async () => {
    renderWithApi(<DeploymentsCard environment="innovate-prod" />, {
      listDeployments: async () => [],
    });
    expect(
      await screen.findByText('The environment has not been deployed yet.'),
    ).toBeInTheDocument();
  });

  it('shows a failed deployment’s error and a failing history with retry', async () => {
    const listDeployments = await failingOnce(
      responseError(500, 'Registry database is unavailable'),
      [fixtures.deploymentFailed],
    );
    renderWithApi(<DeploymentsCard environment="dev-legacy" />, {
      listDeployments,
      getDeployment: async () => ({ ...fixtures.deploymentFailed, events: [] }),
    });
    expect(
      await screen.findByText('Registry database is unavailable'),
    ).toBeInTheDocument();
    await clickRetry('the deployment history');
    await userEvent.click(
      await screen.findByRole('button', { name: /Deploy dep-0003 failed/ }),
    );
    expect(
      await screen.findByText(/NatGateway limit exceeded/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No events recorded yet.'),
    ).toBeInTheDocument();
  });
});
