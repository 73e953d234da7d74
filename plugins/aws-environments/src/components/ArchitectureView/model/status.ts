import type {
  AlarmView,
  CertificateView,
  DomainView,
  DriftView,
  ResourceDrift,
} from '@innovate/plugin-aws-environments-common';
import {
  certificateTone,
  daysToExpiry,
  expiryWords,
} from '../../DomainCard/domainFormat';
import { toneOf, type StatusTone } from '../../StatusLabel';
import type { PartStatus, ViewState } from './types';

/** Worse tones win when a part has several signals. */
const SEVERITY: Record<StatusTone, number> = {
  ok: 0,
  pending: 1,
  running: 2,
  aborted: 3,
  warning: 4,
  error: 5,
};

/** The worst of several signals, with every reason kept. */
export function combine(
  ...signals: Array<PartStatus | undefined>
): PartStatus | undefined {
  const present = signals.filter((s): s is PartStatus => s !== undefined);
  if (present.length === 0) {
    return undefined;
  }
  const worst = present.reduce((a, b) =>
    SEVERITY[b.tone] > SEVERITY[a.tone] ? b : a,
  );
  return { ...worst, reasons: present.flatMap(s => s.reasons) };
}

/** A status string of AWS or the backend, in its own tone. */
export function statusOf(status: string, ...reasons: string[]): PartStatus {
  return { tone: toneOf(status), text: status, reasons };
}

/** The state of a part whose view failed: unknown, and why. */
export function unavailable(what: string, error: Error): PartStatus {
  return {
    tone: 'warning',
    text: 'Unknown',
    reasons: [`${what} unavailable: ${error.message}`],
  };
}

/** Loading, or failed, or the status a loaded view gives. */
export function fromView<T>(
  view: ViewState<T>,
  what: string,
  status: (value: T) => PartStatus,
): PartStatus {
  if (view.value !== undefined) {
    return status(view.value);
  }
  if (view.error) {
    return unavailable(what, view.error);
  }
  return { tone: 'pending', text: 'Loading', reasons: [] };
}

/** An error-toned signal when any of the alarms fires; none otherwise. */
export function firingSignal(
  alarms: ViewState<{ alarms: AlarmView[] }>,
  kinds: ReadonlyArray<AlarmView['kind']>,
): PartStatus | undefined {
  const watching = (alarms.value?.alarms ?? []).filter(alarm =>
    kinds.includes(alarm.kind),
  );
  const firing = watching.filter(alarm => alarm.state === 'ALARM');
  if (firing.length === 0) {
    return undefined;
  }
  return {
    tone: 'error',
    text: firing.length === 1 ? 'Alarm' : `${firing.length} alarms`,
    reasons: firing.map(
      alarm =>
        `Alarm ${alarm.name} is firing${
          alarm.stateReason ? `: ${alarm.stateReason}` : ''
        }`,
    ),
  };
}

function describeDrift(resource: ResourceDrift): string {
  const changes = resource.differences
    .map(d => `${d.path} expected ${d.expected}, actual ${d.actual}`)
    .join('; ');
  return `Drift: ${resource.logicalId} ${resource.status.toLowerCase()}${
    changes ? ` (${changes})` : ''
  }`;
}

/**
 * A warning when a resource of one of the CloudFormation types drifted
 * (and, given `matches`, is the one the part stands for).
 */
export function driftSignal(
  drift: ViewState<DriftView>,
  types: readonly string[],
  matches: (resource: ResourceDrift) => boolean = () => true,
): PartStatus | undefined {
  const drifted = (drift.value?.stacks ?? [])
    .flatMap(stack => stack.resources)
    .filter(
      resource =>
        types.includes(resource.type) &&
        (resource.status === 'MODIFIED' || resource.status === 'DELETED') &&
        matches(resource),
    );
  if (drifted.length === 0) {
    return undefined;
  }
  return {
    tone: 'warning',
    text: 'Drifted',
    reasons: drifted.map(describeDrift),
  };
}

/** CloudFront's certificates of the domain view (none without a domain). */
export function cloudFrontCertificates(
  domain: ViewState<DomainView> | undefined,
): CertificateView[] {
  return (domain?.value?.certificates ?? []).filter(
    certificate => certificate.purpose !== 'alb',
  );
}

/** `Certificate ISSUED, expires in 95 days`. */
export function certificateWords(certificate: CertificateView): string {
  const days = daysToExpiry(certificate.notAfter);
  if (days === undefined) {
    return `Certificate ${certificate.status}`;
  }
  return `Certificate ${certificate.status}, ${
    days < 0 ? 'expired' : 'expires'
  } ${expiryWords(days)}`;
}

/**
 * A signal when CloudFront's certificate is not issued or expires within
 * 30 days (the domain card's tones); none when it is fine.
 */
export function certificateSignal(
  domain: ViewState<DomainView> | undefined,
): PartStatus | undefined {
  const troubled = cloudFrontCertificates(domain)
    .map(certificate => ({ certificate, tone: certificateTone(certificate) }))
    .filter(({ tone }) => tone !== 'ok');
  if (troubled.length === 0) {
    return undefined;
  }
  const worst = troubled.reduce((a, b) =>
    SEVERITY[b.tone] > SEVERITY[a.tone] ? b : a,
  );
  return {
    tone: worst.tone,
    text: 'Certificate',
    reasons: troubled.map(({ certificate }) =>
      [certificateWords(certificate), certificate.error]
        .filter(Boolean)
        .join(': '),
    ),
  };
}
