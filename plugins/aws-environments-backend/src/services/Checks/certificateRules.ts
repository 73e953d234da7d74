import type {
  CertificateView,
  DomainView,
} from '@innovate/plugin-aws-environments-common';
import type { Finding } from './types';

/** Days before its expiry that an issued certificate is notified. */
export const CERTIFICATE_NOTICE_DAYS = 30;

const DAY_MS = 86_400_000;

/** Statuses that will not serve traffic again without a person. */
const BROKEN: ReadonlySet<CertificateView['status']> = new Set([
  'EXPIRED',
  'REVOKED',
  'FAILED',
  'VALIDATION_TIMED_OUT',
]);

function describe(certificate: CertificateView): string {
  const purpose = {
    cloudfront: 'CloudFront',
    alb: 'the ALB',
    'cloudfront-and-alb': 'CloudFront and the ALB',
  }[certificate.purpose];
  return `The certificate of ${certificate.domainNames.join(
    ', ',
  )} for ${purpose} (${certificate.region}${
    certificate.arn ? `, ${certificate.arn}` : ''
  })`;
}

function renewal(certificate: CertificateView): string {
  if (certificate.renewalStatus) {
    return ` ACM's renewal is ${certificate.renewalStatus}${
      certificate.renewalStatusReason
        ? ` (${certificate.renewalStatusReason})`
        : ''
    }.`;
  }
  if (certificate.renewalEligibility === 'INELIGIBLE') {
    return ' ACM will not renew it (not eligible: it must be in use by CloudFront or the ALB and validated by its DNS records).';
  }
  return ' ACM renews eligible certificates from 60 days before expiry; check that the validation CNAME records are still in the hosted zone.';
}

function notIssued(certificate: CertificateView): Finding {
  const id = certificate.arn ?? certificate.logicalId;
  const reason = certificate.failureReason
    ? ` (${certificate.failureReason})`
    : '';
  return {
    kind: 'certificate-not-issued',
    period: `${id}:${certificate.status}`,
    severity: BROKEN.has(certificate.status) ? 'critical' : 'high',
    title: `Certificate of ${certificate.domainNames[0] ?? id} is ${
      certificate.status
    }`,
    description: `${describe(certificate)} is ${
      certificate.status
    }${reason}, not ISSUED: ${
      certificate.purpose === 'alb' ? 'the ALB' : 'CloudFront'
    } cannot serve HTTPS with it. Redeploying the environment requests and validates a new one.`,
    view: 'domain',
  };
}

function expiring(
  certificate: CertificateView,
  notAfter: string,
  msLeft: number,
): Finding {
  const days = Math.floor(msLeft / DAY_MS);
  const when =
    msLeft < 0
      ? `expired on ${notAfter}`
      : `expires on ${notAfter} (in ${days} ${days === 1 ? 'day' : 'days'})`;
  return {
    kind: 'certificate-expiring',
    // A renewal moves notAfter: a new expiry is a new notification.
    period: `${certificate.arn ?? certificate.logicalId}:${notAfter}`,
    severity: msLeft < 0 ? 'critical' : 'high',
    title: `Certificate of ${
      certificate.domainNames[0] ?? certificate.logicalId
    } ${msLeft < 0 ? 'has expired' : `expires in ${days} days`}`,
    description: `${describe(certificate)} ${when}.${renewal(certificate)}`,
    view: 'domain',
  };
}

/**
 * Certificates that are not ISSUED (one notification per certificate and
 * status), and ISSUED ones that expire within
 * {@link CERTIFICATE_NOTICE_DAYS} days (one per certificate and expiry
 * date). A certificate whose state could not be read (UNKNOWN) is not
 * judged, nor is a simulated (sandbox) view: ACM's renewals are not
 * simulated. Nor is one in PENDING_VALIDATION: that is every new
 * certificate while CloudFormation waits for its DNS validation, and ACM
 * turns it VALIDATION_TIMED_OUT after 72 hours, which is judged.
 */
export function certificateFindings(domain: DomainView, now: Date): Finding[] {
  if (!domain.configured || domain.simulated) {
    return [];
  }
  return domain.certificates.flatMap(certificate => {
    if (
      certificate.status === 'UNKNOWN' ||
      certificate.status === 'PENDING_VALIDATION'
    ) {
      return [];
    }
    if (certificate.status !== 'ISSUED') {
      return [notIssued(certificate)];
    }
    const notAfter = certificate.notAfter;
    const end = notAfter ? Date.parse(notAfter) : NaN;
    if (!notAfter || Number.isNaN(end)) {
      return [];
    }
    const msLeft = end - now.getTime();
    return msLeft <= CERTIFICATE_NOTICE_DAYS * DAY_MS
      ? [expiring(certificate, notAfter, msLeft)]
      : [];
  });
}
