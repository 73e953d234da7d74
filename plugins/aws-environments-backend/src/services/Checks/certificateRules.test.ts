import type {
  CertificateView,
  DomainView,
} from '@innovate/plugin-aws-environments-common';
import {
  CERTIFICATE_NOTICE_DAYS,
  certificateFindings,
} from './certificateRules';

const NOW = new Date('2026-11-30T12:00:00Z');
const DAY_MS = 86_400_000;
const ARN =
  'arn:aws:acm:us-east-1:222222222222:certificate/12345678-1234-1234-1234-123456789012';

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

function certificate(overrides: Partial<CertificateView>): CertificateView {
  return {
    logicalId: 'CloudFrontCertificate293A3864',
    stackName: 'innovate-test-edge-waf',
    region: 'us-east-1',
    purpose: 'cloudfront',
    arn: ARN,
    domainNames: ['app.innovate.example', 'api.innovate.example'],
    status: 'ISSUED',
    notBefore: '2025-12-01T00:00:00.000Z',
    notAfter: at(200 * DAY_MS),
    renewalEligibility: 'ELIGIBLE',
    inUseBy: ['arn:aws:cloudfront::222222222222:distribution/E2QWRUHAPOMQZL'],
    ...overrides,
  };
}

function view(
  certificates: CertificateView[],
  overrides: Partial<DomainView> = {},
): DomainView {
  return {
    source: 'aws',
    fetchedAt: NOW.toISOString(),
    stale: false,
    configured: true,
    simulated: false,
    names: [{ name: 'app.innovate.example', serves: 'spa' }],
    records: [],
    certificates,
    ...overrides,
  };
}

describe('the certificate rules', () => {
  it(`notifies an issued certificate ${CERTIFICATE_NOTICE_DAYS} days before it expires, not a minute earlier`, () => {
    const notice = CERTIFICATE_NOTICE_DAYS * DAY_MS;
    expect(
      certificateFindings(
        view([certificate({ notAfter: at(notice + 60_000) })]),
        NOW,
      ),
    ).toEqual([]);
    const notAfter = at(notice - 60_000);
    expect(certificateFindings(view([certificate({ notAfter })]), NOW)).toEqual(
      [
        {
          kind: 'certificate-expiring',
          period: `${ARN}:${notAfter}`,
          severity: 'high',
          title: 'Certificate of app.innovate.example expires in 29 days',
          description: expect.stringMatching(
            /^The certificate of app\.innovate\.example, api\.innovate\.example for CloudFront \(us-east-1, arn:aws:acm:.*\) expires on .* \(in 29 days\)\. ACM renews eligible certificates from 60 days before expiry/,
          ),
          view: 'domain',
        },
      ],
    );
  });

  it("says what ACM's renewal is doing, and a new expiry date is a new notification", () => {
    const [first] = certificateFindings(
      view([
        certificate({
          notAfter: at(10 * DAY_MS),
          renewalStatus: 'PENDING_VALIDATION',
          renewalStatusReason: 'NO_AVAILABLE_CONTACTS',
        }),
      ]),
      NOW,
    );
    expect(first.description).toMatch(
      /ACM's renewal is PENDING_VALIDATION \(NO_AVAILABLE_CONTACTS\)\.$/,
    );
    const [renewed] = certificateFindings(
      view([certificate({ notAfter: at(12 * DAY_MS) })]),
      NOW,
    );
    expect(renewed.period).not.toBe(first.period);
  });

  it('notifies a certificate past its expiry that ACM still calls ISSUED as critical', () => {
    expect(
      certificateFindings(
        view([certificate({ notAfter: at(-DAY_MS), purpose: 'alb' })]),
        NOW,
      ),
    ).toEqual([
      expect.objectContaining({
        kind: 'certificate-expiring',
        severity: 'critical',
        title: 'Certificate of app.innovate.example has expired',
      }),
    ]);
  });

  it('notifies a certificate that is not ISSUED, once per status', () => {
    const findings = certificateFindings(
      view([
        certificate({ status: 'INACTIVE', notAfter: undefined }),
        // Every new certificate while its DNS validation is pending: not
        // judged (it times out after 72 hours, which is).
        certificate({
          logicalId: 'CloudFrontCertificatePending',
          arn: undefined,
          status: 'PENDING_VALIDATION',
          notAfter: undefined,
        }),
        certificate({
          logicalId: 'CertificateBDDE2430',
          arn: undefined,
          purpose: 'alb',
          status: 'FAILED',
          failureReason: 'CAA_ERROR',
        }),
      ]),
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'certificate-not-issued',
        period: `${ARN}:INACTIVE`,
        severity: 'high',
        title: 'Certificate of app.innovate.example is INACTIVE',
        view: 'domain',
      }),
      expect.objectContaining({
        kind: 'certificate-not-issued',
        period: 'CertificateBDDE2430:FAILED',
        severity: 'critical',
        description: expect.stringMatching(
          /is FAILED \(CAA_ERROR\), not ISSUED: the ALB cannot serve HTTPS/,
        ),
      }),
    ]);
  });

  it('judges neither a certificate it could not read, nor a simulated view, nor an environment without a domain', () => {
    expect(
      certificateFindings(
        view([certificate({ status: 'UNKNOWN', error: 'Access denied' })]),
        NOW,
      ),
    ).toEqual([]);
    const expiring = certificate({ notAfter: at(DAY_MS) });
    expect(
      certificateFindings(
        view([expiring], { simulated: true, source: 'sandbox' }),
        NOW,
      ),
    ).toEqual([]);
    expect(
      certificateFindings(
        view([], { configured: false, names: [], certificates: [] }),
        NOW,
      ),
    ).toEqual([]);
  });
});
