import {
  ACMClient,
  type CertificateDetail,
  DescribeCertificateCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-acm';
import {
  CloudFormationClient,
  DescribeStackResourceCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandOutput,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { awsError } from '../../../__testUtils__/awsMocks';
import {
  DISTRIBUTION_DOMAIN,
  domainEnvironment,
} from '../../../__testUtils__/domainEnvironment';
import { fixtureEnvironment } from '../../../__testUtils__/fixtureEnvironment';
import { DataSourceError } from '../../../errors';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import { type DomainClients, fetchDomainView } from './domainView';

const CLOUDFRONT_ARN =
  'arn:aws:acm:us-east-1:222222222222:certificate/12345678-1234-1234-1234-123456789012';
const ALB_ARN =
  'arn:aws:acm:eu-west-1:222222222222:certificate/87654321-4321-4321-4321-210987654321';
const DISTRIBUTION_ARN =
  'arn:aws:cloudfront::222222222222:distribution/E2QWRUHAPOMQZL';
const LOAD_BALANCER_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/innovate-test-alb/50dc6c495c0c9188';

/** A DescribeStackResource answer (CloudFormation API reference). */
function stackResource(stack: string, logicalId: string, physicalId: string) {
  return {
    StackResourceDetail: {
      StackName: stack,
      StackId: `arn:aws:cloudformation:eu-west-1:222222222222:stack/${stack}/5b9a1d40-c6b1-11f0-8f3a-0a1b2c3d4e5f`,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: 'AWS::CertificateManager::Certificate',
      LastUpdatedTimestamp: new Date('2025-10-01T08:30:00Z'),
      ResourceStatus: 'CREATE_COMPLETE' as const,
    },
  };
}

/** DescribeCertificate's `Certificate` (ACM API reference, CertificateDetail). */
function issued(
  arn: string,
  inUseBy: string[],
  overrides: Partial<CertificateDetail> = {},
): { Certificate: CertificateDetail } {
  return {
    Certificate: {
      CertificateArn: arn,
      DomainName: 'app.innovate.example',
      SubjectAlternativeNames: ['app.innovate.example', 'api.innovate.example'],
      DomainValidationOptions: [
        {
          DomainName: 'app.innovate.example',
          ValidationDomain: 'app.innovate.example',
          ValidationStatus: 'SUCCESS',
          ValidationMethod: 'DNS',
        },
      ],
      Serial: '0a:1b:2c',
      Subject: 'CN=app.innovate.example',
      Issuer: 'Amazon',
      CreatedAt: new Date('2025-10-01T08:20:00Z'),
      IssuedAt: new Date('2025-10-01T08:25:00Z'),
      Status: 'ISSUED',
      NotBefore: new Date('2025-10-01T00:00:00Z'),
      NotAfter: new Date('2026-10-30T23:59:59Z'),
      KeyAlgorithm: 'RSA_2048',
      SignatureAlgorithm: 'SHA256WITHRSA',
      InUseBy: inUseBy,
      Type: 'AMAZON_ISSUED',
      RenewalEligibility: 'ELIGIBLE',
      ...overrides,
    },
  };
}

/** Alias record sets of the name (Route 53 API reference, ResourceRecordSet). */
function aliases(
  name: string,
  dnsName = `${DISTRIBUTION_DOMAIN}.`,
): ResourceRecordSet[] {
  return (['A', 'AAAA'] as const).map(type => ({
    Name: `${name}.`,
    Type: type,
    AliasTarget: {
      HostedZoneId: 'Z2FDTNDATAQYW2',
      DNSName: dnsName,
      EvaluateTargetHealth: false,
    },
  }));
}

/** A ListResourceRecordSets answer of those sets (truncated: the zone has more). */
function listed(
  sets: ResourceRecordSet[],
): ListResourceRecordSetsCommandOutput {
  return {
    $metadata: {},
    ResourceRecordSets: sets,
    IsTruncated: true,
    NextRecordName: 'www.innovate.example.',
    NextRecordType: 'CNAME',
    MaxItems: 2,
  };
}

describe('fetchDomainView', () => {
  let cloudFormation: AwsClientStub<CloudFormationClient>;
  let acm: AwsClientStub<ACMClient>;
  let route53: AwsClientStub<Route53Client>;
  /** The clients the view asked for: service, account and region. */
  let asked: string[];

  beforeEach(() => {
    cloudFormation = mockClient(CloudFormationClient);
    cloudFormation
      .on(DescribeStackResourceCommand, {
        StackName: 'innovate-test-edge-waf',
        LogicalResourceId: 'CloudFrontCertificate293A3864',
      })
      .resolves(
        stackResource(
          'innovate-test-edge-waf',
          'CloudFrontCertificate293A3864',
          CLOUDFRONT_ARN,
        ),
      )
      .on(DescribeStackResourceCommand, {
        StackName: 'innovate-test-edge',
        LogicalResourceId: 'CertificateBDDE2430',
      })
      .resolves(
        stackResource('innovate-test-edge', 'CertificateBDDE2430', ALB_ARN),
      );
    acm = mockClient(ACMClient);
    acm
      .on(DescribeCertificateCommand, { CertificateArn: CLOUDFRONT_ARN })
      .resolves(issued(CLOUDFRONT_ARN, [DISTRIBUTION_ARN]))
      .on(DescribeCertificateCommand, { CertificateArn: ALB_ARN })
      .resolves(issued(ALB_ARN, [LOAD_BALANCER_ARN]));
    route53 = mockClient(Route53Client);
    for (const name of ['app.innovate.example', 'api.innovate.example']) {
      route53
        .on(ListResourceRecordSetsCommand, { StartRecordName: name })
        .resolves(listed(aliases(name)));
    }
    asked = [];
  });
  afterEach(() => {
    cloudFormation.restore();
    acm.restore();
    route53.restore();
  });

  const clients: DomainClients = {
    cloudFormation: async (stack: RecordedStack) => {
      asked.push(`cloudformation ${stack.account} ${stack.region}`);
      return new CloudFormationClient({ region: stack.region });
    },
    acm: async target => {
      asked.push(`acm ${target.accountId} ${target.region}`);
      return new ACMClient({ region: target.region });
    },
    route53: async accountId => {
      asked.push(`route53 ${accountId}`);
      return new Route53Client({ region: 'us-east-1' });
    },
  };

  it('reads each certificate from its own stack and region, and its state from ACM there', async () => {
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.configured).toBe(true);
    expect(view.simulated).toBe(false);
    expect(asked.filter(a => !a.startsWith('route53')).sort()).toEqual([
      'acm 222222222222 eu-west-1',
      'acm 222222222222 us-east-1',
      'cloudformation 222222222222 eu-west-1',
      'cloudformation 222222222222 us-east-1',
    ]);
    expect(
      acm.commandCalls(DescribeCertificateCommand).map(c => c.args[0].input),
    ).toEqual(
      expect.arrayContaining([
        { CertificateArn: CLOUDFRONT_ARN },
        { CertificateArn: ALB_ARN },
      ]),
    );
    expect(view.certificates).toEqual([
      {
        logicalId: 'CloudFrontCertificate293A3864',
        stackName: 'innovate-test-edge-waf',
        region: 'us-east-1',
        purpose: 'cloudfront',
        arn: CLOUDFRONT_ARN,
        domainNames: ['app.innovate.example', 'api.innovate.example'],
        status: 'ISSUED',
        notBefore: '2025-10-01T00:00:00.000Z',
        notAfter: '2026-10-30T23:59:59.000Z',
        renewalEligibility: 'ELIGIBLE',
        inUseBy: [DISTRIBUTION_ARN],
      },
      expect.objectContaining({
        logicalId: 'CertificateBDDE2430',
        region: 'eu-west-1',
        purpose: 'alb',
        arn: ALB_ARN,
        status: 'ISSUED',
        inUseBy: [LOAD_BALANCER_ARN],
      }),
    ]);
  });

  it("checks the records in Route 53: one call per name, in the spec's zone with the zone account's credentials", async () => {
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(asked.filter(a => a.startsWith('route53'))).toEqual([
      'route53 222222222222',
      'route53 222222222222',
    ]);
    expect(
      route53
        .commandCalls(ListResourceRecordSetsCommand)
        .map(c => c.args[0].input),
    ).toEqual([
      {
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        StartRecordName: 'app.innovate.example',
        MaxItems: 2,
      },
      {
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        StartRecordName: 'api.innovate.example',
        MaxItems: 2,
      },
    ]);
    expect(view.records).toEqual(
      ['app', 'api'].flatMap(label =>
        ['A', 'AAAA'].map(type => ({
          name: `${label}.innovate.example`,
          type,
          zoneId: 'Z0123456789ABCDEFGHIJ',
          target: DISTRIBUTION_DOMAIN,
          state: 'PRESENT',
        })),
      ),
    );
  });

  it('shows a record that is missing, and one that aliases something else', async () => {
    route53
      .on(ListResourceRecordSetsCommand, {
        StartRecordName: 'app.innovate.example',
      })
      .resolves(
        listed(
          aliases('app.innovate.example', 'd999999zzzzzz9.cloudfront.net.'),
        ),
      )
      // AAAA of api is missing: the list goes on to the next name.
      .on(ListResourceRecordSetsCommand, {
        StartRecordName: 'api.innovate.example',
      })
      .resolves(
        listed([
          aliases('api.innovate.example')[0],
          {
            Name: 'www.innovate.example.',
            Type: 'CNAME',
            TTL: 300,
            ResourceRecords: [{ Value: 'app.innovate.example' }],
          },
        ]),
      );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.records.map(r => [r.name, r.type, r.state])).toEqual([
      ['app.innovate.example', 'A', 'WRONG_TARGET'],
      ['app.innovate.example', 'AAAA', 'WRONG_TARGET'],
      ['api.innovate.example', 'A', 'PRESENT'],
      ['api.innovate.example', 'AAAA', 'MISSING'],
    ]);
    expect(view.records[0].detail).toBe(
      `Route 53 aliases app.innovate.example (A) to d999999zzzzzz9.cloudfront.net, not the distribution ${DISTRIBUTION_DOMAIN}`,
    );
  });

  it('shows a failing ACM call on its certificate only; the rest of the view stands', async () => {
    acm
      .on(DescribeCertificateCommand, { CertificateArn: ALB_ARN })
      .rejects(
        awsError(
          'AccessDeniedException',
          'User is not authorized to perform: acm:DescribeCertificate',
        ),
      )
      .on(DescribeCertificateCommand, { CertificateArn: CLOUDFRONT_ARN })
      .resolves(
        issued(CLOUDFRONT_ARN, [DISTRIBUTION_ARN], {
          Status: 'PENDING_VALIDATION',
          NotBefore: undefined,
          NotAfter: undefined,
          RenewalEligibility: 'INELIGIBLE',
        }),
      );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.certificates[0]).toMatchObject({
      status: 'PENDING_VALIDATION',
      renewalEligibility: 'INELIGIBLE',
    });
    expect(view.certificates[0].notAfter).toBeUndefined();
    expect(view.certificates[1]).toEqual({
      logicalId: 'CertificateBDDE2430',
      stackName: 'innovate-test-edge',
      region: 'eu-west-1',
      purpose: 'alb',
      arn: ALB_ARN,
      domainNames: ['app.innovate.example', 'api.innovate.example'],
      status: 'UNKNOWN',
      inUseBy: [],
      error: expect.stringMatching(
        /^Access denied: .*account 222222222222 \(eu-west-1\) may not call acm:DescribeCertificate on certificate arn:aws:acm:eu-west-1:/,
      ),
    });
    expect(view.records.every(r => r.state === 'PRESENT')).toBe(true);
  });

  it('says that a certificate deleted outside the portal was not found, and how to get it back', async () => {
    acm.on(DescribeCertificateCommand, { CertificateArn: ALB_ARN }).rejects(
      new ResourceNotFoundException({
        message: `Could not find certificate ${ALB_ARN}.`,
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.certificates[1]).toMatchObject({
      arn: ALB_ARN,
      status: 'UNKNOWN',
      error: expect.stringMatching(
        /^certificate arn:aws:acm:eu-west-1:.* was not found in the workloads account 222222222222 \(eu-west-1\); .*Redeploy the environment/,
      ),
    });
    expect(view.certificates[0].status).toBe('ISSUED');
  });

  it('shows a failing Route 53 call on its records only', async () => {
    route53
      .on(ListResourceRecordSetsCommand, {
        StartRecordName: 'api.innovate.example',
      })
      .rejects(awsError('NoSuchHostedZone', 'No hosted zone found with ID'));
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.records.map(r => [r.name, r.type, r.state])).toEqual([
      ['app.innovate.example', 'A', 'PRESENT'],
      ['app.innovate.example', 'AAAA', 'PRESENT'],
      ['api.innovate.example', 'A', 'NOT_CHECKED'],
      ['api.innovate.example', 'AAAA', 'NOT_CHECKED'],
    ]);
    expect(view.records[2].detail).toMatch(
      /^route53:ListResourceRecordSets failed in the workloads account 222222222222 \(global\) \(NoSuchHostedZone\)/,
    );
    expect(view.certificates.every(c => c.status === 'ISSUED')).toBe(true);
  });

  it('shows a failing CloudFormation lookup on its certificate, and renewal in progress on the other', async () => {
    cloudFormation
      .on(DescribeStackResourceCommand, {
        StackName: 'innovate-test-edge-waf',
      })
      .rejects(
        awsError(
          'ValidationError',
          'Stack with id innovate-test-edge-waf does not exist',
        ),
      );
    acm.on(DescribeCertificateCommand, { CertificateArn: ALB_ARN }).resolves(
      issued(ALB_ARN, [LOAD_BALANCER_ARN], {
        RenewalSummary: {
          RenewalStatus: 'PENDING_VALIDATION',
          RenewalStatusReason: 'NO_AVAILABLE_CONTACTS',
          DomainValidationOptions: [],
          UpdatedAt: new Date('2026-09-01T00:00:00Z'),
        },
      }),
    );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.certificates[0]).toMatchObject({
      status: 'UNKNOWN',
      error: expect.stringMatching(
        /cloudformation:DescribeStackResource failed in the workloads account 222222222222 \(us-east-1\)/,
      ),
    });
    expect(view.certificates[0].arn).toBeUndefined();
    expect(view.certificates[1]).toMatchObject({
      status: 'ISSUED',
      renewalStatus: 'PENDING_VALIDATION',
      renewalStatusReason: 'NO_AVAILABLE_CONTACTS',
    });
  });

  it('refuses a certificate ARN of another account without asking ACM about it', async () => {
    cloudFormation
      .on(DescribeStackResourceCommand, {
        StackName: 'innovate-test-edge',
      })
      .resolves(
        stackResource(
          'innovate-test-edge',
          'CertificateBDDE2430',
          ALB_ARN.replace('222222222222', '999999999999'),
        ),
      );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients,
    );
    expect(view.certificates[1]).toMatchObject({
      status: 'UNKNOWN',
      error: expect.stringMatching(/not in the account 222222222222/),
    });
    expect(view.certificates[1].arn).toBeUndefined();
    expect(acm.commandCalls(DescribeCertificateCommand)).toHaveLength(1);
  });

  it('reads the id of a delegated zone of the stack from CloudFormation', async () => {
    const arn = ALB_ARN.replace('eu-west-1', 'us-east-1');
    const environment = domainEnvironment('usEast1');
    environment.stacks = structuredClone(environment.stacks);
    const edge = environment.stacks.find(stack => stack.id === 'edge')!;
    const resources = edge.template.Resources as Record<string, any>;
    for (const id of ['DnsSpaA5BA7997D', 'DnsSpaAaaaF94B7937']) {
      resources[id] = {
        ...resources[id],
        Properties: {
          ...resources[id].Properties,
          HostedZoneId: { Ref: 'DomainZonesSpaZone1234ABCD' },
        },
      };
    }
    cloudFormation
      .on(DescribeStackResourceCommand, {
        StackName: 'innovate-test-edge',
        LogicalResourceId: 'DomainZonesSpaZone1234ABCD',
      })
      .resolves({
        StackResourceDetail: {
          ...stackResource(
            'innovate-test-edge',
            'DomainZonesSpaZone1234ABCD',
            'Z09876543210ZYXWVUTSR',
          ).StackResourceDetail,
          ResourceType: 'AWS::Route53::HostedZone',
        },
      })
      .on(DescribeStackResourceCommand, {
        StackName: 'innovate-test-edge',
        LogicalResourceId: 'CertificateBDDE2430',
      })
      .resolves(
        stackResource('innovate-test-edge', 'CertificateBDDE2430', arn),
      );
    acm
      .on(DescribeCertificateCommand, { CertificateArn: arn })
      .resolves(issued(arn, [DISTRIBUTION_ARN, LOAD_BALANCER_ARN]));
    const view = await fetchDomainView(environment, clients);
    expect(
      route53
        .commandCalls(ListResourceRecordSetsCommand)
        .map(c => c.args[0].input.HostedZoneId),
    ).toEqual(['Z09876543210ZYXWVUTSR']);
    expect(view.records.map(r => [r.zoneId, r.state])).toEqual([
      ['Z09876543210ZYXWVUTSR', 'PRESENT'],
      ['Z09876543210ZYXWVUTSR', 'PRESENT'],
    ]);
    expect(view.certificates[0]).toMatchObject({
      purpose: 'cloudfront-and-alb',
      status: 'ISSUED',
    });
  });

  it('fails the whole view when every call fails (so the last good view is served stale)', async () => {
    cloudFormation
      .on(DescribeStackResourceCommand)
      .rejects(awsError('ThrottlingException', 'Rate exceeded'));
    route53
      .on(ListResourceRecordSetsCommand)
      .rejects(awsError('AccessDenied', 'not authorized'));
    await expect(
      fetchDomainView(domainEnvironment('euWest1WithApi'), clients),
    ).rejects.toBeInstanceOf(DataSourceError);
  });

  it('answers, without calling AWS, that an environment without a domain has none', async () => {
    const view = await fetchDomainView(
      fixtureEnvironment(defaultEnvironmentSpec(), { source: 'aws' }),
      clients,
    );
    expect(view).toEqual({
      configured: false,
      simulated: false,
      note: expect.stringMatching(/^No domain in the spec/),
      names: [],
      records: [],
      certificates: [],
    });
    expect(asked).toEqual([]);
  });
});
