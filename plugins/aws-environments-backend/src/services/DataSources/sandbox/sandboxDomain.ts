import type {
  CertificateView,
  DomainRecordView,
  DomainView,
} from '@innovate/plugin-aws-environments-common';
import { DateTime } from 'luxon';
import { hexId } from '../../../lib/deterministic';
import {
  domainTemplateParts,
  type DomainTemplateParts,
  NO_DOMAIN_NOTE,
  recordTarget,
  type TemplateCertificate,
} from '../domainParts';
import type { DeployedEnvironment, ViewData } from '../types';
import { sandboxUuid } from './sandboxIds';

/**
 * How long a simulated certificate is valid: ACM's public certificates
 * have been valid for 395 days.
 */
export const SANDBOX_CERTIFICATE_DAYS = 395;

const SIMULATED_NOTE =
  "Sandbox: simulated. The records and certificates are the deployment's templates; the certificates are shown ISSUED at the last deployment and valid for 395 days, the records as created. Nothing was asked of Route 53 or ACM.";

/** A CloudFront distribution id: E and 13 characters. */
function distributionArn(environment: DeployedEnvironment): string {
  const key = Object.keys(environment.outputs).find(output =>
    output.endsWith('.DistributionId'),
  );
  const id =
    (key ? environment.outputs[key] : undefined) ??
    `E${hexId(`${environment.name}:distribution`, 13).toUpperCase()}`;
  return `arn:aws:cloudfront::${environment.spec.accounts.workloads}:distribution/${id}`;
}

function loadBalancerArn(environment: DeployedEnvironment): string {
  const { region, accounts } = environment.spec;
  return `arn:aws:elasticloadbalancing:${region}:${
    accounts.workloads
  }:loadbalancer/app/${environment.name}-alb/${hexId(
    `${environment.name}:alb`,
    16,
  )}`;
}

function simulatedCertificate(
  environment: DeployedEnvironment,
  certificate: TemplateCertificate,
  issued: DateTime,
): CertificateView {
  const { resource, domainNames, purpose } = certificate;
  const { stack, logicalId } = resource;
  const inUseBy = [
    ...(purpose === 'alb' ? [] : [distributionArn(environment)]),
    ...(purpose === 'cloudfront' ? [] : [loadBalancerArn(environment)]),
  ];
  return {
    logicalId,
    stackName: stack.stackName,
    region: stack.region,
    purpose,
    arn: `arn:aws:acm:${stack.region}:${
      stack.account
    }:certificate/${sandboxUuid(`${stack.stackName}/${logicalId}`)}`,
    domainNames,
    status: 'ISSUED',
    notBefore: issued.toISO()!,
    notAfter: issued.plus({ days: SANDBOX_CERTIFICATE_DAYS }).toISO()!,
    // ACM renews a certificate in use that it issued.
    renewalEligibility: 'ELIGIBLE',
    inUseBy,
  };
}

function simulatedRecords(parts: DomainTemplateParts): DomainRecordView[] {
  return parts.records.map(record => {
    const zone = record.zone;
    let zoneId: string | undefined;
    if (zone) {
      zoneId =
        'id' in zone
          ? zone.id
          : `Z${hexId(
              `${zone.stack.stackName}/${zone.logicalId}`,
              20,
            ).toUpperCase()}`;
    }
    return {
      name: record.name,
      type: record.type,
      ...(zoneId ? { zoneId } : {}),
      target: recordTarget(record, parts),
      state: 'SIMULATED',
    };
  });
}

/**
 * The domain view of a sandbox environment: its templates' records and
 * certificates, the certificates ISSUED at the last deployment (the
 * record's `updatedAt`) and valid for {@link SANDBOX_CERTIFICATE_DAYS}
 * days. Always `simulated`.
 */
export function sandboxDomainView(
  environment: DeployedEnvironment,
): ViewData<DomainView> {
  const parts = domainTemplateParts(environment);
  if (!parts) {
    return {
      configured: false,
      simulated: true,
      note: NO_DOMAIN_NOTE,
      names: [],
      records: [],
      certificates: [],
    };
  }
  const issued = DateTime.fromISO(environment.updatedAt, {
    zone: 'utc',
  }).startOf('second');
  return {
    configured: true,
    simulated: true,
    note: SIMULATED_NOTE,
    names: parts.names,
    hostedZone: parts.hostedZone,
    ...(parts.distributionDomainName
      ? { distributionDomainName: parts.distributionDomainName }
      : {}),
    records: simulatedRecords(parts),
    certificates: parts.certificates.map(certificate =>
      simulatedCertificate(environment, certificate, issued),
    ),
  };
}
