import {
  type CertificatePurpose,
  type DomainNameView,
  type DomainRecordView,
  findResources,
  type HostedZoneView,
  isJsonObject,
  literalString,
  literalStrings,
  type TemplateResource,
} from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../EnvironmentRegistry/types';
import type { DeployedEnvironment } from './types';

/*
 * The domain's parts as the deployment recorded them in its templates: the
 * alias records, the certificates and what uses each. Both sources start
 * from here; the aws source then asks CloudFormation, ACM and Route 53 about
 * them, the sandbox simulates their states.
 */

/** What the domain view says when the spec has no domain. */
export const NO_DOMAIN_NOTE =
  'No domain in the spec: CloudFront serves the environment at its own *.cloudfront.net name with its default certificate (no minimum TLS version can be pinned), and reaches the ALB over HTTP. A domain (spec.domain: name, hostedZoneId, hostedZoneName, optionally apiSubdomain) adds Route 53 alias A and AAAA records of its names to CloudFront, DNS-validated ACM certificates (in us-east-1 for CloudFront, in the region for the ALB), TLS 1.2 minimum at the edge, HTTPS from CloudFront to the ALB and HTTP to HTTPS redirects for viewers.';

/** The hosted zone of a record: its id, or the template's zone resource. */
export type RecordZone =
  | { id: string }
  | { stack: RecordedStack; logicalId: string };

/** An alias record of the templates. */
export interface TemplateRecord {
  resource: TemplateResource<RecordedStack>;
  name: string;
  type: DomainRecordView['type'];
  zone?: RecordZone;
  /** The logical id of the distribution the alias points at. */
  distributionLogicalId?: string;
}

/** An ACM certificate of the templates and what it is for. */
export interface TemplateCertificate {
  resource: TemplateResource<RecordedStack>;
  domainNames: string[];
  purpose: CertificatePurpose;
}

/** The domain's parts in the templates (undefined without a domain). */
export interface DomainTemplateParts {
  names: DomainNameView[];
  hostedZone: HostedZoneView;
  distributionDomainName?: string;
  records: TemplateRecord[];
  certificates: TemplateCertificate[];
}

/** `{ Ref: id }` anywhere in the value. */
function refersTo(value: unknown, logicalId: string): boolean {
  return JSON.stringify(value ?? null).includes(
    JSON.stringify({ Ref: logicalId }),
  );
}

/**
 * Whether the value uses the certificate through another stack's output
 * (`Fn::GetStackOutput` of an output of its stack named after it, as the CDK
 * names the outputs of cross-region references).
 */
function usesOutputOf(
  value: unknown,
  certificate: TemplateResource<RecordedStack>,
): boolean {
  const found: unknown[] = [];
  JSON.stringify(value ?? null, (key, inner) => {
    if (key === 'Fn::GetStackOutput') {
      found.push(inner);
    }
    return inner;
  });
  return found.some(
    output =>
      isJsonObject(output) &&
      output.StackName === certificate.stack.stackName &&
      String(output.OutputName ?? '').includes(certificate.logicalId),
  );
}

function purposeOf(
  environment: DeployedEnvironment,
  certificate: TemplateResource<RecordedStack>,
): CertificatePurpose {
  const sameStack = (r: TemplateResource<RecordedStack>) =>
    r.stack.stackName === certificate.stack.stackName;
  const cloudFront = findResources(
    environment.stacks,
    'AWS::CloudFront::Distribution',
  ).some(distribution => {
    const viewer = isJsonObject(distribution.properties.DistributionConfig)
      ? distribution.properties.DistributionConfig.ViewerCertificate
      : undefined;
    return sameStack(distribution)
      ? refersTo(viewer, certificate.logicalId)
      : usesOutputOf(viewer, certificate);
  });
  const alb = findResources(
    environment.stacks,
    'AWS::ElasticLoadBalancingV2::Listener',
    'AWS::ElasticLoadBalancingV2::ListenerCertificate',
  ).some(
    listener =>
      sameStack(listener) &&
      refersTo(listener.properties.Certificates, certificate.logicalId),
  );
  if (cloudFront && alb) {
    return 'cloudfront-and-alb';
  }
  if (cloudFront || alb) {
    return cloudFront ? 'cloudfront' : 'alb';
  }
  // Not used by anything the templates show: CloudFront's certificates are
  // the ones in us-east-1.
  return certificate.stack.region === 'us-east-1' ? 'cloudfront' : 'alb';
}

function zoneOf(
  record: TemplateResource<RecordedStack>,
): RecordZone | undefined {
  const value = record.properties.HostedZoneId;
  const id = literalString(value);
  if (id) {
    return { id };
  }
  if (isJsonObject(value) && typeof value.Ref === 'string') {
    return { stack: record.stack, logicalId: value.Ref };
  }
  return undefined;
}

function distributionOf(
  record: TemplateResource<RecordedStack>,
): string | undefined {
  const alias = record.properties.AliasTarget;
  const dnsName = isJsonObject(alias) ? alias.DNSName : undefined;
  const getAtt = isJsonObject(dnsName) ? dnsName['Fn::GetAtt'] : undefined;
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string'
    ? getAtt[0]
    : undefined;
}

/** The record's name without the final dot. */
function recordName(record: TemplateResource<RecordedStack>) {
  return (literalString(record.properties.Name) ?? '').replace(/\.$/, '');
}

/** The distribution's `*.cloudfront.net` name from the stack outputs. */
function distributionDomainName(
  environment: DeployedEnvironment,
): string | undefined {
  const key = Object.keys(environment.outputs).find(output =>
    output.endsWith('.DistributionDomainName'),
  );
  return key ? environment.outputs[key] : undefined;
}

/**
 * The domain's names, zone, records and certificates from the recorded
 * templates; undefined when the spec has no domain.
 */
export function domainTemplateParts(
  environment: DeployedEnvironment,
): DomainTemplateParts | undefined {
  const domain = environment.spec.domain;
  if (!domain) {
    return undefined;
  }
  const records = findResources(
    environment.stacks,
    'AWS::Route53::RecordSet',
  ).flatMap((resource): TemplateRecord[] => {
    const type = literalString(resource.properties.Type);
    // Only the alias records of the names (not, say, validation records).
    if ((type !== 'A' && type !== 'AAAA') || !resource.properties.AliasTarget) {
      return [];
    }
    return [
      {
        resource,
        name: recordName(resource),
        type,
        zone: zoneOf(resource),
        distributionLogicalId: distributionOf(resource),
      },
    ];
  });
  // The names served are the records' (the CDK app's), the SPA's first.
  const served = [...new Set(records.map(record => record.name))].sort(
    (a, b) => Number(b === domain.name) - Number(a === domain.name),
  );
  const names = served.map(
    (name): DomainNameView => ({
      name,
      serves: servesOf(name, domain.name, served.length),
    }),
  );
  const accountRole = domain.hostedZoneAccount ?? 'workloads';
  const certificates = findResources(
    environment.stacks,
    'AWS::CertificateManager::Certificate',
  ).map(resource => ({
    resource,
    domainNames: [
      ...new Set(
        [
          literalString(resource.properties.DomainName),
          ...literalStrings(resource.properties.SubjectAlternativeNames),
        ].filter((name): name is string => Boolean(name)),
      ),
    ],
    purpose: purposeOf(environment, resource),
  }));
  const distribution = distributionDomainName(environment);
  return {
    names,
    hostedZone: {
      id: domain.hostedZoneId,
      name: domain.hostedZoneName,
      accountRole,
      accountId: environment.spec.accounts[accountRole],
    },
    ...(distribution ? { distributionDomainName: distribution } : {}),
    records,
    certificates,
  };
}

function servesOf(
  name: string,
  spaName: string,
  count: number,
): DomainNameView['serves'] {
  if (name !== spaName) {
    return 'api';
  }
  return count > 1 ? 'spa' : 'spa-and-api';
}

/** The alias target as the view shows it. */
export function recordTarget(
  record: TemplateRecord,
  parts: DomainTemplateParts,
): string {
  return (
    parts.distributionDomainName ??
    `CloudFront distribution ${record.distributionLogicalId ?? '(unknown)'}`
  );
}
