import type {
  CertificatePurpose,
  CertificateStatus,
  CertificateView,
  DomainNameView,
  DomainRecordView,
} from '@innovate/plugin-aws-environments-common';
import { DateTime } from 'luxon';
import type { StatusTone } from '../StatusLabel';

/** A certificate that expires within this many days is a warning. */
export const EXPIRY_WARNING_DAYS = 30;

export const PURPOSE_LABELS: Record<CertificatePurpose, string> = {
  cloudfront: 'CloudFront',
  alb: 'ALB',
  'cloudfront-and-alb': 'CloudFront and ALB',
};

export const SERVES_LABELS: Record<DomainNameView['serves'], string> = {
  spa: 'the SPA',
  api: 'the API',
  'spa-and-api': 'the SPA, and the API under /api',
};

const STATUS_TONES: Record<CertificateStatus, StatusTone> = {
  ISSUED: 'ok',
  PENDING_VALIDATION: 'pending',
  INACTIVE: 'warning',
  UNKNOWN: 'warning',
  EXPIRED: 'error',
  VALIDATION_TIMED_OUT: 'error',
  REVOKED: 'error',
  FAILED: 'error',
};

export const RECORD_LABELS: Record<DomainRecordView['state'], string> = {
  PRESENT: 'Present',
  MISSING: 'Missing',
  WRONG_TARGET: 'Points elsewhere',
  NOT_CHECKED: 'Not checked',
  SIMULATED: 'Simulated',
};

export const RECORD_TONES: Record<DomainRecordView['state'], StatusTone> = {
  PRESENT: 'ok',
  MISSING: 'error',
  WRONG_TARGET: 'error',
  NOT_CHECKED: 'warning',
  SIMULATED: 'ok',
};

/** Whole days from now to the certificate's expiry (negative once past). */
export function daysToExpiry(
  notAfter: string | undefined,
  now: DateTime = DateTime.now(),
): number | undefined {
  if (!notAfter) {
    return undefined;
  }
  const end = DateTime.fromISO(notAfter);
  return end.isValid ? Math.floor(end.diff(now, 'days').days) : undefined;
}

/** `in 95 days`, `today`, `12 days ago`. */
export function expiryWords(days: number): string {
  if (days === 0) {
    return 'today';
  }
  const count = `${Math.abs(days)} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
  return days > 0 ? `in ${count}` : `${count} ago`;
}

/**
 * The certificate's status tone: an issued certificate expiring within
 * {@link EXPIRY_WARNING_DAYS} days is a warning.
 */
export function certificateTone(
  certificate: CertificateView,
  now?: DateTime,
): StatusTone {
  const days = daysToExpiry(certificate.notAfter, now);
  if (
    certificate.status === 'ISSUED' &&
    days !== undefined &&
    days < EXPIRY_WARNING_DAYS
  ) {
    return days < 0 ? 'error' : 'warning';
  }
  return STATUS_TONES[certificate.status];
}

/** ACM's renewal words: eligibility, then the renewal under way. */
export function renewalWords(certificate: CertificateView): string {
  const parts = [
    certificate.renewalEligibility === 'ELIGIBLE'
      ? 'Renews automatically'
      : undefined,
    certificate.renewalEligibility === 'INELIGIBLE'
      ? 'Not eligible for renewal'
      : undefined,
    certificate.renewalStatus
      ? `renewal ${certificate.renewalStatus.toLowerCase().replace(/_/g, ' ')}${
          certificate.renewalStatusReason
            ? ` (${certificate.renewalStatusReason})`
            : ''
        }`
      : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : '—';
}

/** The kind of resource an ARN names, for "in use by". */
export function resourceKind(arn: string): string {
  if (arn.includes(':cloudfront:')) {
    return `CloudFront ${arn.split('/').pop()}`;
  }
  if (arn.includes(':elasticloadbalancing:')) {
    const [, , name] = arn.split('/');
    return `Load balancer ${name ?? arn}`;
  }
  return arn;
}
