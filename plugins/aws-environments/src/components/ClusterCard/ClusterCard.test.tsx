import { screen, within } from '@testing-library/react';
import { ClusterCard } from './ClusterCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

describe('ClusterCard', () => {
  it('shows loading until the view arrives', async () => {
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView: () => new Promise(() => {}),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the cluster view',
      }),
    ).toBeInTheDocument();
  });

  it('shows version, access, node groups, add-ons and insights', async () => {
    const getClusterView = jest.fn().mockResolvedValue(fixtures.clusterView);
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView,
    });

    expect(
      await screen.findByRole('heading', { name: 'EKS cluster' }),
    ).toBeInTheDocument();
    expect(getClusterView).toHaveBeenCalledWith('innovate-prod');
    expect(await screen.findByText('1.33 (target 1.33)')).toBeInTheDocument();
    expect(screen.getByText('Private only')).toBeInTheDocument();
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
    expect(screen.getByText(/minutes? ago/)).toBeInTheDocument();
    expect(screen.queryByText(/behind the target version/)).toBeNull();

    const nodeGroups = screen.getByRole('table', { name: 'Node groups' });
    const application = within(nodeGroups).getByRole('row', {
      name: /application/,
    });
    expect(
      within(application)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['ACTIVE', 't3.large · ON_DEMAND', '2', '4', '20', 'None']);

    const addons = screen.getByRole('table', { name: 'Add-ons' });
    expect(within(addons).getByText('coredns')).toBeInTheDocument();
    const insights = screen.getByRole('table', { name: 'Upgrade insights' });
    expect(within(insights).getByText('PASSING')).toBeInTheDocument();
  });

  it('warns when the cluster is behind the target version and lists health issues', async () => {
    renderWithApi(<ClusterCard environment="analytics-eu" />, {
      getClusterView: async () => fixtures.clusterViewBehind,
    });
    expect(
      await screen.findByText(
        /Kubernetes 1\.31 is behind the target version 1\.33/,
      ),
    ).toBeInTheDocument();
    const nodeGroups = screen.getByRole('table', { name: 'Node groups' });
    expect(
      within(nodeGroups).getByText(/InsufficientInstanceCapacity/),
    ).toBeInTheDocument();
    expect(within(nodeGroups).getByText('DEGRADED')).toBeInTheDocument();
    expect(screen.getByText(/IRSA role is missing/)).toBeInTheDocument();
    expect(screen.getByText('ERROR')).toBeInTheDocument();
  });

  it('says so when upgrade insights are unavailable', async () => {
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView: async () => ({ ...fixtures.clusterView, insights: null }),
    });
    expect(
      await screen.findByText(
        'Upgrade insights are not available for this cluster.',
      ),
    ).toBeInTheDocument();
  });

  it('shows when the view is stale and why', async () => {
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView: async () => ({
        ...fixtures.clusterView,
        source: 'aws' as const,
        stale: true,
        staleReason: 'EKS: ThrottlingException',
      }),
    });
    expect(
      await screen.findByText(
        /the source could not be read: EKS: ThrottlingException/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('AWS')).toBeInTheDocument();
    expect(screen.queryByText('Sandbox')).toBeNull();
  });
});
