import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
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
 * An ACM certificate of the domain's names in the scope's region, validated
 * by DNS through the hosted zone (CloudFormation creates the validation
 * records and waits for the certificate to be issued).
 *
 * @public
 */
export class DomainCertificate extends Construct {
  readonly certificate: acm.Certificate;

  constructor(scope: Construct, id: string, domain: EdgeDomainSpec) {
    super(scope, id);
    const [name, ...alternates] = domainNames(domain);
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: name,
      subjectAlternativeNames: alternates.length > 0 ? alternates : undefined,
      validation: acm.CertificateValidation.fromDns(hostedZoneOf(this, domain)),
    });
  }
}

/**
 * Alias A and AAAA records of each of the domain's names to the
 * distribution, in the named hosted zone (queries to aliases of CloudFront
 * are free).
 *
 * @public
 */
export class DomainAliasRecords extends Construct {
  readonly records: route53.RecordSet[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: { domain: EdgeDomainSpec; distribution: cloudfront.IDistribution },
  ) {
    super(scope, id);
    const zone = hostedZoneOf(this, props.domain);
    const target = route53.RecordTarget.fromAlias(
      new targets.CloudFrontTarget(props.distribution),
    );
    domainNames(props.domain).forEach((recordName, index) => {
      const prefix = index === 0 ? 'Spa' : 'Api';
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
