import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DriftCard } from './DriftCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

function resourceRows() {
  const table = screen.getByRole('table', { name: 'Drifted resources' });
  return within(table).getAllByRole('row').slice(1);
}

describe('DriftCard', () => {
  it('says when nothing drifted, with the source and the note', async () => {
    renderWithApi(<DriftCard environment="innovate-prod" />, {
      getDriftView: async () => fixtures.driftViewInSync,
    });
    expect(
      await screen.findByText(/No drift detected: every stack matches/),
    ).toBeInTheDocument();
    expect(screen.getByText('In sync')).toBeInTheDocument();
    expect(
      screen.getByText(/no live AWS resources, so nothing can drift/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('source-badge-sandbox')).toBeInTheDocument();
    expect(screen.getByText(/Fetched/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Redeploy to revert' }),
    ).toBeNull();
  });

  it('lists drifted resources with their expected and actual values', async () => {
    renderWithApi(<DriftCard environment="innovate-prod" />, {
      getDriftView: async () => fixtures.driftViewDrifted,
    });
    expect(
      await screen.findByText(
        '2 resources in 2 stacks differ from the deployed templates.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Drifted')).toBeInTheDocument();
    const [nodegroup, alarm] = resourceRows();
    expect(within(nodegroup).getByRole('rowheader')).toHaveTextContent(
      'ApplicationNodegroup',
    );
    const cells = within(nodegroup).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('innovate-prod-cluster');
    expect(cells[1]).toHaveTextContent('AWS::EKS::Nodegroup');
    expect(cells[2]).toHaveTextContent('Modified');
    expect(cells[3]).toHaveTextContent('/ScalingConfig/DesiredSize: 2 → 4');
    expect(alarm).toHaveAttribute('data-status', 'DELETED');
    expect(within(alarm).getAllByRole('cell')[3]).toHaveTextContent(
      'Deleted outside CloudFormation',
    );
    // The stack that could not be checked says why.
    expect(
      screen.getByText(/innovate-prod-budget: Unknown/).closest('li'),
    ).toHaveTextContent(/Access denied: .*cloudformation:DescribeStacks/);
  });

  it('redeploys the recorded spec after confirmation', async () => {
    const createDeployment = jest.fn(async (name: string) => ({
      id: 'dep-42',
      environment: name,
      status: 'queued' as const,
    }));
    const onRedeployed = jest.fn();
    renderWithApi(
      <DriftCard
        environment="innovate-prod"
        deploymentsLink="deployments"
        onRedeployed={onRedeployed}
      />,
      {
        getDriftView: async () => fixtures.driftViewDrifted,
        createDeployment,
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Redeploy to revert' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Redeploy innovate-prod?',
    });
    expect(createDeployment).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Redeploy' }),
    );
    expect(
      await screen.findByText(/Redeployment queued as deployment dep-42/),
    ).toBeInTheDocument();
    expect(createDeployment).toHaveBeenCalledWith('innovate-prod', {
      mode: 'update',
    });
    expect(onRedeployed).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'dep-42' }),
    );
    // The dialog hides the rest of the page until it has closed.
    expect(
      await screen.findByRole('link', {
        name: 'Follow it on the Deployments tab',
      }),
    ).toHaveAttribute('href', '/deployments');
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const createDeployment = jest.fn();
    renderWithApi(<DriftCard environment="innovate-prod" />, {
      getDriftView: async () => fixtures.driftViewDrifted,
      createDeployment,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Redeploy to revert' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(createDeployment).not.toHaveBeenCalled();
  });

  it('shows the failure of the drift view in its card', async () => {
    renderWithApi(<DriftCard environment="innovate-prod" />, {
      getDriftView: async () => {
        throw new Error('AWS is throttling cloudformation:DescribeStacks');
      },
    });
    expect(
      await screen.findByText('Could not load the drift view'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Retry loading the drift view' }),
    ).toBeInTheDocument();
  });
});
