import { screen } from '@testing-library/react';
import { lifecycleOf } from '@innovate/plugin-aws-environments-common';
import { ClusterCard } from '../ClusterCard';
import { DatabaseCard } from '../DatabaseCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

const at = (day: string) => new Date(`${day}T12:00:00Z`);

function fact(label: string): Element | null | undefined {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling;
}

describe('lifecycle on the Cluster and Database cards', () => {
  it('shows 1.33 in extended support as an error with its extra cost and next step', async () => {
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView: async () => ({
        ...fixtures.clusterView,
        lifecycle: lifecycleOf('eks', '1.33', at('2026-11-30')),
      }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Kubernetes 1.33 is in EKS extended support since 2026-07-29, costing about $365 a month extra, until 2027-07-29. Next step: upgrade to Kubernetes 1.34 (then on, one minor version at a time, to 1.35).',
    );
    expect(alert).toHaveTextContent('Support calendar compiled 2026-11-30');
    // The version is not shown as fine: its label has the error tone.
    expect(
      fact('Kubernetes version')?.querySelector('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
    expect(fact('Support')).toHaveTextContent(
      'Extended support since 2026-07-29, until 2027-07-29',
    );
  });

  it('warns within 90 days of the end of standard support', async () => {
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView: async () => ({
        ...fixtures.clusterView,
        lifecycle: lifecycleOf('eks', '1.33', at('2026-05-15')),
      }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Kubernetes 1.33 leaves EKS standard support on 2026-07-29; after that, extended support costs about $365 a month extra.',
    );
    expect(
      fact('Kubernetes version')?.querySelector('[data-tone]'),
    ).toHaveAttribute('data-tone', 'warning');
  });

  it('stays quiet in standard support and keeps the green tick', async () => {
    renderWithApi(<ClusterCard environment="innovate-prod" />, {
      getClusterView: async () => ({
        ...fixtures.clusterView,
        lifecycle: lifecycleOf('eks', '1.33', at('2026-01-15')),
      }),
    });
    await screen.findByText('1.33 (target 1.33)');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(
      fact('Kubernetes version')?.querySelector('[data-tone]'),
    ).toHaveAttribute('data-tone', 'ok');
  });

  it('prices RDS Extended Support on the Database card', async () => {
    renderWithApi(<DatabaseCard environment="innovate-prod" />, {
      getDatabaseView: async () => ({
        ...fixtures.databaseView,
        lifecycle: lifecycleOf('rds-postgres', '15', at('2028-03-02'), {
          vcpus: 2,
        }),
      }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'PostgreSQL 15 is in RDS extended support since 2028-02-29, costing about $146 a month extra, until 2031-02-28. Next step: upgrade to PostgreSQL 17.',
    );
    expect(fact('Support')).toHaveTextContent('Extended support since');
  });
});
