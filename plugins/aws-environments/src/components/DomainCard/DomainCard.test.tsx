import { screen, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import { DomainCard } from './DomainCard';
import {
  domainFixtures,
  renderWithApi,
  responseError,
} from '../../__testUtils__';
import { clickRetry, failingOnce } from '../../__testUtils__/retry';
import { certificateTone, daysToExpiry, expiryWords } from './domainFormat';

function fact(label: string): string | null | undefined {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling
    ?.textContent;
}

function rowsOf(table: string): HTMLElement[] {
  return within(screen.getByRole('table', { name: table }))
    .getAllByRole('row')
    .slice(1);
}

describe('DomainCard', () => {
  it('shows the names, zone, simulated certificates and records of a sandbox environment', async () => {
    renderWithApi(<DomainCard environment="innovate-prod" />, {
      getDomainView: async () => domainFixtures.domainViewSimulated,
    });
    expect(
      await screen.findByRole('heading', { name: 'Domain and certificates' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Sandbox: simulated')).toBeInTheDocument();
    expect(fact('Names')).toBe(
      'app.innovate.example (the SPA)api.innovate.example (the API)',
    );
    expect(fact('Hosted zone')).toBe(
      'innovate.example (Z0123456789ABCDEFGHIJ), in the workloads account 222222222222',
    );
    const certificates = rowsOf('Certificates');
    expect(certificates).toHaveLength(2);
    expect(
      within(certificates[0]).getByText('CloudFront (us-east-1)'),
    ).toBeInTheDocument();
    expect(
      within(certificates[1]).getByText('ALB (eu-west-1)'),
    ).toBeInTheDocument();
    for (const row of certificates) {
      expect(within(row).getByText('ISSUED')).toBeInTheDocument();
      expect(within(row).getByText('in 380 days')).toBeInTheDocument();
      expect(within(row).getByText('Renews automatically')).toBeInTheDocument();
    }
    const records = rowsOf('DNS records');
    expect(records.map(row => row.getAttribute('data-state'))).toEqual([
      'SIMULATED',
      'SIMULATED',
      'SIMULATED',
      'SIMULATED',
    ]);
    expect(
      within(records[1]).getByText('d111111abcdef8.cloudfront.net'),
    ).toBeInTheDocument();
  });

  it('shows a certificate close to expiry as a warning, a part that could not be read with its error, and a missing record', async () => {
    renderWithApi(<DomainCard environment="analytics" />, {
      getDomainView: async () => domainFixtures.domainViewTrouble,
    });
    await screen.findByRole('table', { name: 'Certificates' });
    expect(screen.queryByText('Sandbox: simulated')).not.toBeInTheDocument();
    const [cloudFront, alb] = rowsOf('Certificates');
    expect(within(cloudFront).getByText('in 12 days')).toBeInTheDocument();
    expect(
      within(cloudFront).getByText('ISSUED').getAttribute('data-tone'),
    ).toBe('warning');
    expect(
      within(cloudFront).getByText(
        'Renews automatically; renewal pending validation (NO_AVAILABLE_CONTACTS)',
      ),
    ).toBeInTheDocument();
    expect(within(alb).getByText('UNKNOWN')).toBeInTheDocument();
    expect(
      within(alb).getByText(/^Access denied: .*acm:DescribeCertificate/),
    ).toBeInTheDocument();
    const missing = rowsOf('DNS records').find(
      row => row.getAttribute('data-state') === 'MISSING',
    )!;
    expect(
      within(missing).getByText('api.innovate.example'),
    ).toBeInTheDocument();
    expect(within(missing).getByText('Missing')).toBeInTheDocument();
  });

  it('says there is no domain, and what one would add, without an error', async () => {
    renderWithApi(<DomainCard environment="innovate-prod" />, {
      getDomainView: async () => domainFixtures.domainViewNone,
    });
    expect(await screen.findByText('No domain.')).toBeInTheDocument();
    expect(
      screen.getByText(/Route 53 alias A and AAAA records/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the backend's message when the view fails, and retries", async () => {
    const view = await failingOnce(
      responseError(502, 'ACM DescribeCertificate timed out'),
      domainFixtures.domainViewSimulated,
    );
    renderWithApi(<DomainCard environment="innovate-prod" />, {
      getDomainView: view,
    });
    expect(
      await screen.findByText('ACM DescribeCertificate timed out'),
    ).toBeInTheDocument();
    await clickRetry('the domain view');
    expect(await screen.findByText('Sandbox: simulated')).toBeInTheDocument();
    expect(view).toHaveBeenCalledTimes(2);
  });
});

describe('certificate expiry', () => {
  const now = DateTime.fromISO('2026-01-01T00:00:00Z');
  const issued = {
    ...domainFixtures.domainViewSimulated.certificates[0],
  };
  const at = (iso: string) => ({ ...issued, notAfter: iso });

  it('is a warning below 30 days, fine at 30, an error once past', () => {
    expect(certificateTone(at('2026-01-31T00:00:00Z'), now)).toBe('ok');
    expect(certificateTone(at('2026-01-30T23:00:00Z'), now)).toBe('warning');
    expect(certificateTone(at('2025-12-31T23:00:00Z'), now)).toBe('error');
    expect(
      certificateTone({ ...issued, status: 'PENDING_VALIDATION' }, now),
    ).toBe('pending');
    expect(certificateTone({ ...issued, status: 'REVOKED' }, now)).toBe(
      'error',
    );
  });

  it('counts whole days and says them in words', () => {
    expect(daysToExpiry('2026-01-02T12:00:00Z', now)).toBe(1);
    expect(daysToExpiry(undefined, now)).toBeUndefined();
    expect(expiryWords(1)).toBe('in 1 day');
    expect(expiryWords(0)).toBe('today');
    expect(expiryWords(-3)).toBe('3 days ago');
  });
});
