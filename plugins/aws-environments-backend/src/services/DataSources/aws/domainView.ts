import {
  type ACMClient,
  type CertificateDetail,
  DescribeCertificateCommand,
} from '@aws-sdk/client-acm';
import {
  type CloudFormationClient,
  DescribeStackResourceCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import type {
  CertificateView,
  DomainRecordView,
  DomainView,
} from '@innovate/plugin-aws-environments-common';
import { DataSourceError, malformed } from '../../../errors';
import type { AwsTarget } from '../../AwsClients/types';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import {
  domainTemplateParts,
  type DomainTemplateParts,
  NO_DOMAIN_NOTE,
  recordTarget,
  type TemplateCertificate,
  type TemplateRecord,
} from '../domainParts';
import type { DeployedEnvironment, ViewData } from '../types';
import { type AwsCallContext, callAws } from './awsErrors';
import { assertOwnedArn } from './ownership';

/** The clients the domain view calls, with the account's credentials. */
export interface DomainClients {
  /** CloudFormation in the stack's account and region. */
  cloudFormation(stack: RecordedStack): Promise<CloudFormationClient>;
  /** ACM in the certificate's account and region. */
  acm(target: AwsTarget): Promise<ACMClient>;
  /** Route 53 (global) with the account's credentials. */
  route53(accountId: string): Promise<Route53Client>;
}

const CERTIFICATE_STATUSES: ReadonlySet<string> = new Set([
  'PENDING_VALIDATION',
  'ISSUED',
  'INACTIVE',
  'EXPIRED',
  'VALIDATION_TIMED_OUT',
  'REVOKED',
  'FAILED',
]);
const RENEWAL_STATUSES: ReadonlySet<string> = new Set([
  'PENDING_AUTO_RENEWAL',
  'PENDING_VALIDATION',
  'SUCCESS',
  'FAILED',
]);

/** A part of the view that failed: it shows the error, the rest stands. */
class PartFailure {
  constructor(
    readonly error: DataSourceError,
    /** The certificate's ARN, when it was found before the failure. */
    readonly arn?: string,
  ) {}
}

async function orFailure<T>(
  work: Promise<T>,
  arn?: string,
): Promise<T | PartFailure> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DataSourceError) {
      return new PartFailure(error, arn);
    }
    throw error;
  }
}

function stackContext(
  environment: DeployedEnvironment,
  stack: RecordedStack,
  action: string,
  resource: string,
): AwsCallContext {
  return {
    action,
    accountId: stack.account,
    region: stack.region,
    accountRole:
      stack.account === environment.spec.accounts.workloads
        ? 'workloads'
        : 'management',
    resource,
  };
}

/** The physical id of a resource of a deployed stack. */
async function physicalId(
  environment: DeployedEnvironment,
  clients: DomainClients,
  stack: RecordedStack,
  logicalId: string,
): Promise<string> {
  const action = 'cloudformation:DescribeStackResource';
  const out = await callAws(
    stackContext(
      environment,
      stack,
      action,
      `resource ${logicalId} of stack ${stack.stackName}`,
    ),
    async () => {
      const cloudFormation = await clients.cloudFormation(stack);
      return cloudFormation.send(
        new DescribeStackResourceCommand({
          StackName: stack.stackName,
          LogicalResourceId: logicalId,
        }),
      );
    },
  );
  const id = out.StackResourceDetail?.PhysicalResourceId;
  if (!id) {
    throw malformed(action, 'StackResourceDetail.PhysicalResourceId');
  }
  return id;
}

function fromTemplate(certificate: TemplateCertificate) {
  const { resource, domainNames, purpose } = certificate;
  return {
    logicalId: resource.logicalId,
    stackName: resource.stack.stackName,
    region: resource.stack.region,
    purpose,
    domainNames,
    inUseBy: [],
  };
}

function fromAcm(
  base: ReturnType<typeof fromTemplate>,
  arn: string,
  detail: CertificateDetail,
): CertificateView {
  const action = 'acm:DescribeCertificate';
  if (!detail.Status || !CERTIFICATE_STATUSES.has(detail.Status)) {
    throw malformed(action, 'Certificate.Status');
  }
  const renewal = detail.RenewalSummary;
  const names = [
    detail.DomainName,
    ...(detail.SubjectAlternativeNames ?? []),
  ].filter((name): name is string => Boolean(name));
  return {
    ...base,
    arn,
    domainNames: names.length > 0 ? [...new Set(names)] : base.domainNames,
    status: detail.Status as CertificateView['status'],
    ...(detail.NotBefore ? { notBefore: detail.NotBefore.toISOString() } : {}),
    ...(detail.NotAfter ? { notAfter: detail.NotAfter.toISOString() } : {}),
    ...(detail.RenewalEligibility === 'ELIGIBLE' ||
    detail.RenewalEligibility === 'INELIGIBLE'
      ? { renewalEligibility: detail.RenewalEligibility }
      : {}),
    ...(renewal?.RenewalStatus && RENEWAL_STATUSES.has(renewal.RenewalStatus)
      ? {
          renewalStatus:
            renewal.RenewalStatus as CertificateView['renewalStatus'],
        }
      : {}),
    ...(renewal?.RenewalStatusReason
      ? { renewalStatusReason: renewal.RenewalStatusReason }
      : {}),
    ...(detail.FailureReason ? { failureReason: detail.FailureReason } : {}),
    inUseBy: detail.InUseBy ?? [],
  };
}

/**
 * One certificate: its ARN from CloudFormation (the stack's physical id of
 * the resource), then its state from ACM in the certificate's region.
 */
async function certificateView(
  environment: DeployedEnvironment,
  clients: DomainClients,
  certificate: TemplateCertificate,
): Promise<CertificateView | PartFailure> {
  const base = fromTemplate(certificate);
  const { stack, logicalId } = certificate.resource;
  const arn = await orFailure(
    physicalId(environment, clients, stack, logicalId).then(id => {
      assertOwnedArn(id, {
        accountId: stack.account,
        region: stack.region,
        environment: environment.name,
        field: `cloudformation:DescribeStackResource StackResourceDetail.PhysicalResourceId`,
        what: 'certificate',
      });
      return id;
    }),
  );
  if (arn instanceof PartFailure) {
    return arn;
  }
  const action = 'acm:DescribeCertificate';
  return orFailure(
    callAws(
      stackContext(environment, stack, action, `certificate ${arn}`),
      async () => {
        const acm = await clients.acm({
          accountId: stack.account,
          region: stack.region,
        });
        const out = await acm.send(
          new DescribeCertificateCommand({ CertificateArn: arn }),
        );
        return out.Certificate;
      },
    ).then(detail => {
      if (!detail) {
        throw malformed(action, 'Certificate');
      }
      return fromAcm(base, arn, detail);
    }),
    arn,
  );
}

const dnsName = (name: string | undefined) =>
  (name ?? '').replace(/\.$/, '').toLowerCase();

/** The account a record's zone is in: the spec's zone's, or the stack's. */
function zoneAccount(
  record: TemplateRecord,
  parts: DomainTemplateParts,
): string {
  return record.zone && 'id' in record.zone
    ? parts.hostedZone.accountId
    : record.resource.stack.account;
}

async function zoneId(
  environment: DeployedEnvironment,
  clients: DomainClients,
  record: TemplateRecord,
): Promise<string | undefined> {
  const zone = record.zone;
  if (!zone) {
    return undefined;
  }
  if ('id' in zone) {
    return zone.id;
  }
  // A delegated zone of the stack: its physical id is the zone's id.
  const id = await physicalId(environment, clients, zone.stack, zone.logicalId);
  return id.replace(/^\/hostedzone\//, '');
}

/**
 * The records of one name, from Route 53 (one call: A sorts before AAAA,
 * and the list starts at the name).
 */
async function recordsOfName(
  environment: DeployedEnvironment,
  clients: DomainClients,
  parts: DomainTemplateParts,
  records: TemplateRecord[],
): Promise<DomainRecordView[]> {
  const [first] = records;
  const views = records.map(
    (record): DomainRecordView => ({
      name: record.name,
      type: record.type,
      target: recordTarget(record, parts),
      state: 'NOT_CHECKED',
    }),
  );
  const id = await orFailure(zoneId(environment, clients, first));
  if (id instanceof PartFailure) {
    return views.map(view => ({ ...view, detail: id.error.message }));
  }
  if (!id) {
    return views.map(view => ({
      ...view,
      detail: 'The template does not name the record’s hosted zone',
    }));
  }
  const withZone = views.map(view => ({ ...view, zoneId: id }));
  const accountId = zoneAccount(first, parts);
  const sets = await orFailure(
    callAws(
      {
        action: 'route53:ListResourceRecordSets',
        accountId,
        region: 'global',
        accountRole:
          accountId === environment.spec.accounts.workloads
            ? 'workloads'
            : 'management',
        resource: `hosted zone ${id}`,
      },
      async () => {
        const route53 = await clients.route53(accountId);
        const out = await route53.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: id,
            StartRecordName: first.name,
            MaxItems: 2,
          }),
        );
        return out.ResourceRecordSets ?? [];
      },
    ),
  );
  if (sets instanceof PartFailure) {
    return withZone.map(view => ({ ...view, detail: sets.error.message }));
  }
  return withZone.map(view => checkRecord(view, sets, parts));
}

function checkRecord(
  view: DomainRecordView,
  sets: ResourceRecordSet[],
  parts: DomainTemplateParts,
): DomainRecordView {
  const found = sets.find(
    set => dnsName(set.Name) === dnsName(view.name) && set.Type === view.type,
  );
  if (!found) {
    return {
      ...view,
      state: 'MISSING',
      detail: `Route 53 has no ${view.type} record of ${view.name} in zone ${view.zoneId}`,
    };
  }
  const aliasOf = dnsName(found.AliasTarget?.DNSName);
  const expected = parts.distributionDomainName;
  if (!expected) {
    return {
      ...view,
      state: 'NOT_CHECKED',
      detail: `Route 53 has the record (alias of ${
        aliasOf || 'nothing'
      }); the deployment did not record the distribution's name to compare`,
    };
  }
  return aliasOf === dnsName(expected)
    ? { ...view, state: 'PRESENT' }
    : {
        ...view,
        state: 'WRONG_TARGET',
        detail: `Route 53 aliases ${view.name} (${view.type}) to ${
          aliasOf || 'no alias target'
        }, not the distribution ${expected}`,
      };
}

/**
 * The domain view from AWS: the certificates' ARNs from CloudFormation and
 * their states from ACM (each in its own region: CloudFront's in
 * us-east-1), the alias records from Route 53. A part whose calls fail
 * shows the error; only when every part fails does the view fail (so the
 * last good view can be served, marked stale).
 */
export async function fetchDomainView(
  environment: DeployedEnvironment,
  clients: DomainClients,
): Promise<ViewData<DomainView>> {
  const parts = domainTemplateParts(environment);
  if (!parts) {
    return {
      configured: false,
      simulated: false,
      note: NO_DOMAIN_NOTE,
      names: [],
      records: [],
      certificates: [],
    };
  }
  const byName = new Map<string, TemplateRecord[]>();
  for (const record of parts.records) {
    byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  }
  const [certificates, recordGroups] = await Promise.all([
    Promise.all(
      parts.certificates.map(certificate =>
        certificateView(environment, clients, certificate),
      ),
    ),
    Promise.all(
      [...byName.values()].map(records =>
        recordsOfName(environment, clients, parts, records),
      ),
    ),
  ]);
  const failures = certificates.filter(
    (c): c is PartFailure => c instanceof PartFailure,
  );
  const records = recordGroups.flat();
  if (
    failures.length > 0 &&
    failures.length === certificates.length &&
    records.every(record => record.state === 'NOT_CHECKED')
  ) {
    throw failures[0].error;
  }
  return {
    configured: true,
    simulated: false,
    names: parts.names,
    hostedZone: parts.hostedZone,
    ...(parts.distributionDomainName
      ? { distributionDomainName: parts.distributionDomainName }
      : {}),
    records,
    certificates: certificates.map((certificate, i) =>
      certificate instanceof PartFailure
        ? {
            ...fromTemplate(parts.certificates[i]),
            ...(certificate.arn ? { arn: certificate.arn } : {}),
            status: 'UNKNOWN' as const,
            error: certificate.error.message,
          }
        : certificate,
    ),
  };
}
