import { Aws, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { Construct } from 'constructs';

/**
 * The spec's `domain`: the names it serves and the hosted zone they are in.
 *
 * @public
 */
export type EdgeDomainSpec = NonNullable<EnvironmentSpec['domain']>;

/**
 * The names a domain serves: the SPA's, then the API's when it has one of
 * its own (`<apiSubdomain>.<hostedZoneName>`).
 *
 * @public
 */
export function domainNames(domain: EdgeDomainSpec): string[] {
  return [
    domain.name,
    ...(domain.apiSubdomain
      ? [`${domain.apiSubdomain}.${domain.hostedZoneName}`]
      : []),
  ];
}

/**
 * The role, in the management account, through which an environment writes
 * the NS records that delegate its names from a zone of that account: one
 * per environment, trusted by that environment's edge stacks only and
 * limited to NS records of its own names. The management account's
 * bootstrap creates it (`yarn env bootstrap-policy --account management`).
 *
 * @public
 */
export function dnsDelegationRoleName(environmentName: string): string {
  return `innovate-dns-delegation-${environmentName}`;
}

/**
 * The hosted zone each of a domain's names lives in.
 *
 * @public
 */
export type DomainZoneMap = Record<string, route53.IHostedZone>;

/** The named hosted zone, without a lookup. */
function hostedZoneOf(
  scope: Construct,
  domain: EdgeDomainSpec,
): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(scope, 'HostedZone', {
    hostedZoneId: domain.hostedZoneId,
    zoneName: domain.hostedZoneName,
  });
}

/**
 * Properties of {@link DelegatedDomainZones}.
 *
 * @public
 */
export interface DelegatedDomainZonesProps {
  readonly domain: EdgeDomainSpec;
  /** The account that holds the spec's hosted zone. */
  readonly managementAccount: string;
  /** Names the delegation role ({@link dnsDelegationRoleName}). */
  readonly environmentName: string;
}

/**
 * With the spec's hosted zone in the management account: a public hosted
 * zone in this (workloads) account for each name the domain serves, and the
 * NS records that delegate it from the management account's zone, written
 * through the environment's {@link dnsDelegationRoleName} (aws-cdk-lib's
 * `CrossAccountZoneDelegationRecord`). The certificates are then validated,
 * and the aliases created, in zones of the certificates' own account, which
 * is what CloudFormation can do. Each such zone costs $0.50 a month.
 *
 * @public
 */
export class DelegatedDomainZones extends Construct {
  readonly zones: DomainZoneMap = {};
  readonly delegatedZones: route53.PublicHostedZone[] = [];
  readonly delegations: route53.CrossAccountZoneDelegationRecord[] = [];

  constructor(scope: Construct, id: string, props: DelegatedDomainZonesProps) {
    super(scope, id);
    const delegationRole = iam.Role.fromRoleArn(
      this,
      'DelegationRole',
      `arn:${Aws.PARTITION}:iam::${
        props.managementAccount
      }:role/${dnsDelegationRoleName(props.environmentName)}`,
      { mutable: false },
    );
    domainNames(props.domain).forEach((zoneName, index) => {
      const prefix = index === 0 ? 'Spa' : 'Api';
      const zone = new route53.PublicHostedZone(this, `${prefix}Zone`, {
        zoneName,
        comment: `${zoneName}, delegated from ${props.domain.hostedZoneName} (${props.domain.hostedZoneId}) in account ${props.managementAccount}`,
      });
      this.delegations.push(
        new route53.CrossAccountZoneDelegationRecord(
          this,
          `${prefix}Delegation`,
          {
            delegatedZone: zone,
            parentHostedZoneId: props.domain.hostedZoneId,
            delegationRole,
            ttl: Duration.hours(1),
          },
        ),
      );
      this.zones[zoneName] = zone;
      this.delegatedZones.push(zone);
    });
  }
}

/**
 * The domain's delegated zones in `scope`, when its hosted zone is in the
 * management account; `undefined` when the zone is in the workloads account.
 *
 * @public
 */
export function delegatedZonesIn(
  scope: Construct,
  domain: EdgeDomainSpec,
  managementAccount: string | undefined,
  environmentName: string,
): DelegatedDomainZones | undefined {
  if (domain.hostedZoneAccount !== 'management') {
    return undefined;
  }
  if (!managementAccount) {
    throw new Error(
      `domain.hostedZoneAccount is "management" but ${scope.node.path} was not given the management account`,
    );
  }
  return new DelegatedDomainZones(scope, 'DomainZones', {
    domain,
    managementAccount,
    environmentName,
  });
}

/**
 * An ACM certificate of the domain's names in the scope's region, validated
 * by DNS through the hosted zone (CloudFormation creates the validation
 * records and waits for the certificate to be issued).
 *
 * @public
 */
export class DomainCertificate extends Construct {
  readonly certificate: acm.Certificate;

  /**
   * @param zones - the zone of each name when they are delegated zones
   * ({@link DelegatedDomainZones}); by default the spec's hosted zone.
   */
  constructor(
    scope: Construct,
    id: string,
    domain: EdgeDomainSpec,
    zones?: DomainZoneMap,
  ) {
    super(scope, id);
    const [name, ...alternates] = domainNames(domain);
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: name,
      subjectAlternativeNames: alternates.length > 0 ? alternates : undefined,
      validation: zones
        ? acm.CertificateValidation.fromDnsMultiZone(zones)
        : acm.CertificateValidation.fromDns(hostedZoneOf(this, domain)),
    });
  }
}

/**
 * Alias A and AAAA records of each of the domain's names to the
 * distribution, in the named hosted zone or, when given, each name's own
 * delegated zone (queries to aliases of CloudFront are free).
 *
 * @public
 */
export class DomainAliasRecords extends Construct {
  readonly records: route53.RecordSet[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: {
      domain: EdgeDomainSpec;
      distribution: cloudfront.IDistribution;
      zones?: DomainZoneMap;
    },
  ) {
    super(scope, id);
    const named = props.zones ? undefined : hostedZoneOf(this, props.domain);
    const target = route53.RecordTarget.fromAlias(
      new targets.CloudFrontTarget(props.distribution),
    );
    domainNames(props.domain).forEach((recordName, index) => {
      const prefix = index === 0 ? 'Spa' : 'Api';
      const zone = props.zones?.[recordName] ?? named!;
      this.records.push(
        new route53.ARecord(this, `${prefix}A`, { zone, recordName, target }),
        new route53.AaaaRecord(this, `${prefix}Aaaa`, {
          zone,
          recordName,
          target,
        }),
      );
    });
  }
}
