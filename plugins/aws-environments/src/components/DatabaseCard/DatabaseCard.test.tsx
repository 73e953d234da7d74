import { screen, within } from '@testing-library/react';
import { DatabaseCard } from './DatabaseCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

function fact(label: string): string | null | undefined {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling
    ?.textContent;
}

describe('DatabaseCard', () => {
  it('shows status, class, engine, storage, Multi-AZ, encryption and backups', async () => {
    renderWithApi(<DatabaseCard environment="innovate-prod" />, {
      getDatabaseView: async () => fixtures.databaseView,
    });
    expect(
      await screen.findByRole('heading', { name: 'RDS database' }),
    ).toBeInTheDocument();
    await screen.findByText('Status', { selector: 'dt' });
    expect(fact('Status')).toBe('available');
    expect(fact('Class')).toBe('db.t3.medium');
    expect(fact('Engine')).toBe('postgres 15.7');
    expect(fact('Storage')).toBe('100 GB gp3, 3,000 IOPS');
    expect(fact('Multi-AZ')).toBe('No (single AZ)');
    expect(fact('Encryption at rest')).toBe('Encrypted (KMS)');
    expect(fact('Backup retention')).toBe('14 days, window 03:00-04:00 UTC');
    expect(fact('Latest restorable time')).toMatch(/minutes? ago/);
    const maintenance = screen.getByRole('table', {
      name: 'Pending maintenance',
    });
    expect(within(maintenance).getByText('system-update')).toBeInTheDocument();
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
  });

  it('says when there is no restorable time and no maintenance', async () => {
    renderWithApi(<DatabaseCard environment="innovate-prod" />, {
      getDatabaseView: async () => ({
        ...fixtures.databaseView,
        multiAz: true,
        latestRestorableTime: null,
        pendingMaintenance: [],
        pendingModifications: { DBInstanceClass: 'db.t3.large' },
      }),
    });
    expect(
      await screen.findByText('None yet (point-in-time recovery unavailable)'),
    ).toBeInTheDocument();
    expect(fact('Multi-AZ')).toBe('Yes');
    expect(screen.getByText('No pending maintenance.')).toBeInTheDocument();
    const modifications = screen.getByRole('table', {
      name: 'Pending modifications',
    });
    expect(within(modifications).getByText('db.t3.large')).toBeInTheDocument();
  });

  it('shows when the view is stale', async () => {
    renderWithApi(<DatabaseCard environment="innovate-prod" />, {
      getDatabaseView: async () => ({
        ...fixtures.databaseView,
        stale: true,
        staleReason: 'RDS: AccessDenied',
      }),
    });
    expect(await screen.findByText(/RDS: AccessDenied/)).toBeInTheDocument();
    expect(screen.getByText(/Showing cached data from/)).toBeInTheDocument();
  });
});
