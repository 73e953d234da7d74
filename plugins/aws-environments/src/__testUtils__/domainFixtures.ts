import type {
  CertificateView,
  DomainView,
} from '@innovate/plugin-aws-environments-common';
import { DateTime } from 'luxon';

const minutesAgo = (minutes: number) =>
  DateTime.now().minus({ minutes }).toISO()!;
const daysFromNow = (days: number) =>
  DateTime.now().plus({ days, hours: 1 }).toISO()!;

const NAMES = ['app.innovate.example', 'api.innovate.example'];
const DISTRIBUTION = 'd111111abcdef8.cloudfront.net';

const cloudFrontCertificate: CertificateView = {
  logicalId: 'CloudFrontCertificate293A3864',
  stackName: 'innovate-prod-edge-waf',
  region: 'us-east-1',
  purpose: 'cloudfront',
  arn: 'arn:aws:acm:us-east-1:222222222222:certificate/12345678-1234-1234-1234-123456789012',
  domainNames: NAMES,
  status: 'ISSUED',
  notBefore: daysFromNow(-300),
  notAfter: daysFromNow(95),
  renewalEligibility: 'ELIGIBLE',
  inUseBy: ['arn:aws:cloudfront::222222222222:distribution/E2QWRUHAPOMQZL'],
};

const albCertificate: CertificateView = {
  logicalId: 'CertificateBDDE2430',
  stackName: 'innovate-prod-edge',
  region: 'eu-west-1',
  purpose: 'alb',
  arn: 'arn:aws:acm:eu-west-1:222222222222:certificate/87654321-4321-4321-4321-210987654321',
  domainNames: NAMES,
  status: 'ISSUED',
  notBefore: daysFromNow(-300),
  notAfter: daysFromNow(95),
  renewalEligibility: 'ELIGIBLE',
  inUseBy: [
    'arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/innovate-prod-alb/50dc6c495c0c9188',
  ],
};

const records = (state: DomainView['records'][number]['state']) =>
  NAMES.flatMap(name =>
    (['A', 'AAAA'] as const).map(type => ({
      name,
      type,
      zoneId: 'Z0123456789ABCDEFGHIJ',
      target: DISTRIBUTION,
      state,
    })),
  );

const configured = {
  configured: true,
  names: [
    { name: NAMES[0], serves: 'spa' as const },
    { name: NAMES[1], serves: 'api' as const },
  ],
  hostedZone: {
    id: 'Z0123456789ABCDEFGHIJ',
    name: 'innovate.example',
    accountRole: 'workloads' as const,
    accountId: '222222222222',
  },
  distributionDomainName: DISTRIBUTION,
};

/** A sandbox environment with a domain: everything simulated. */
export const domainViewSimulated: DomainView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(1),
  stale: false,
  ...configured,
  simulated: true,
  note: "Sandbox: simulated. The records and certificates are the deployment's templates; the certificates are shown ISSUED at the last deployment and valid for 395 days, the records as created. Nothing was asked of Route 53 or ACM.",
  records: records('SIMULATED'),
  certificates: [
    { ...cloudFrontCertificate, notAfter: daysFromNow(380) },
    { ...albCertificate, notAfter: daysFromNow(380) },
  ],
};

/**
 * From AWS: CloudFront's certificate expires in 12 days with its renewal
 * waiting for validation, ACM could not be read for the ALB's, and the
 * API's AAAA record is missing.
 */
export const domainViewTrouble: DomainView = {
  source: 'aws',
  fetchedAt: minutesAgo(2),
  stale: false,
  ...configured,
  simulated: false,
  records: records('PRESENT').map(record =>
    record.name === NAMES[1] && record.type === 'AAAA'
      ? {
          ...record,
          state: 'MISSING' as const,
          detail: `Route 53 has no AAAA record of ${NAMES[1]} in zone Z0123456789ABCDEFGHIJ`,
        }
      : record,
  ),
  certificates: [
    {
      ...cloudFrontCertificate,
      notAfter: daysFromNow(12),
      renewalStatus: 'PENDING_VALIDATION',
      renewalStatusReason: 'NO_AVAILABLE_CONTACTS',
    },
    {
      ...albCertificate,
      status: 'UNKNOWN',
      notBefore: undefined,
      notAfter: undefined,
      renewalEligibility: undefined,
      inUseBy: [],
      error:
        'Access denied: the credentials configured for the workloads account 222222222222 (eu-west-1) may not call acm:DescribeCertificate.',
    },
  ],
};

/** An environment without a domain. */
export const domainViewNone: DomainView = {
  source: 'sandbox',
  fetchedAt: minutesAgo(1),
  stale: false,
  configured: false,
  simulated: true,
  note: 'No domain in the spec: CloudFront serves the environment at its own *.cloudfront.net name with its default certificate (no minimum TLS version can be pinned), and reaches the ALB over HTTP. A domain (spec.domain: name, hostedZoneId, hostedZoneName, optionally apiSubdomain) adds Route 53 alias A and AAAA records of its names to CloudFront, DNS-validated ACM certificates (in us-east-1 for CloudFront, in the region for the ALB), TLS 1.2 minimum at the edge, HTTPS from CloudFront to the ALB and HTTP to HTTPS redirects for viewers.',
  names: [],
  records: [],
  certificates: [],
};
