import {
  CloudFormationClient,
  DescribeStackResourceCommand,
} from '@aws-sdk/client-cloudformation';
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
import {
  type AcmCertificateDetail,
  type DescribeCertificate,
  type DomainClients,
  fetchDomainView,
  type ListRecordSets,
  type Route53RecordSet,
} from './domainView';

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
  overrides: Partial<AcmCertificateDetail> = {},
): AcmCertificateDetail & Record<string, unknown> {
  return {
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
    KeyAlgorithm: 'RSA-2048',
    SignatureAlgorithm: 'SHA256WITHRSA',
    InUseBy: inUseBy,
    Type: 'AMAZON_ISSUED',
    RenewalEligibility: 'ELIGIBLE',
    ...overrides,
  };
}

/** ListResourceRecordSets' record sets from the name (Route 53 API reference). */
function aliases(name: string, dnsName = `${DISTRIBUTION_DOMAIN}.`) {
  return ['A', 'AAAA'].map(
    (type): Route53RecordSet => ({
      Name: `${name}.`,
      Type: type,
      AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: dnsName },
    }),
  );
}

describe('fetchDomainView', () => {
  let cloudFormation: AwsClientStub<CloudFormationClient>;
  let regionsAsked: string[];
  let describeCertificate: jest.MockedFunction<DescribeCertificate>;
  let listRecordSets: jest.MockedFunction<ListRecordSets>;

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
    regionsAsked = [];
    describeCertificate = jest.fn(async (_target, arn) =>
      arn === CLOUDFRONT_ARN
        ? issued(arn, [DISTRIBUTION_ARN])
        : issued(arn, [LOAD_BALANCER_ARN]),
    );
    listRecordSets = jest.fn(async (_account, input) =>
      aliases(input.startRecordName),
    );
  });
  afterEach(() => cloudFormation.restore());

  const clients = (overrides: Partial<DomainClients> = {}): DomainClients => ({
    cloudFormation: async (stack: RecordedStack) => {
      regionsAsked.push(stack.region);
      return new CloudFormationClient({ region: stack.region });
    },
    describeCertificate,
    listRecordSets,
    ...overrides,
  });

  it('reads each certificate from its own stack and region, and its state from ACM there', async () => {
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients(),
    );
    expect(view.configured).toBe(true);
    expect(view.simulated).toBe(false);
    expect(regionsAsked.sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(describeCertificate).toHaveBeenCalledWith(
      { accountId: '222222222222', region: 'us-east-1' },
      CLOUDFRONT_ARN,
    );
    expect(describeCertificate).toHaveBeenCalledWith(
      { accountId: '222222222222', region: 'eu-west-1' },
      ALB_ARN,
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
      clients(),
    );
    expect(listRecordSets.mock.calls).toEqual([
      [
        '222222222222',
        {
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          startRecordName: 'app.innovate.example',
          maxItems: 2,
        },
      ],
      [
        '222222222222',
        {
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          startRecordName: 'api.innovate.example',
          maxItems: 2,
        },
      ],
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
    listRecordSets.mockImplementation(async (_account, input) =>
      input.startRecordName === 'app.innovate.example'
        ? aliases('app.innovate.example', 'd999999zzzzzz9.cloudfront.net.')
        : // AAAA of api is missing: the list goes on to the next name.
          [
            aliases('api.innovate.example')[0],
            { Name: 'www.innovate.example.', Type: 'CNAME' },
          ],
    );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients(),
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
    describeCertificate.mockImplementation(async (_target, arn) => {
      if (arn === ALB_ARN) {
        throw awsError(
          'AccessDeniedException',
          'User is not authorized to perform: acm:DescribeCertificate',
        );
      }
      return issued(arn, [DISTRIBUTION_ARN], {
        Status: 'PENDING_VALIDATION',
        NotBefore: undefined,
        NotAfter: undefined,
        RenewalEligibility: 'INELIGIBLE',
      });
    });
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients(),
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
    describeCertificate.mockImplementation(async (_target, arn) =>
      issued(arn, [LOAD_BALANCER_ARN], {
        RenewalSummary: {
          RenewalStatus: 'PENDING_VALIDATION',
          RenewalStatusReason: 'NO_AVAILABLE_CONTACTS',
        },
      }),
    );
    const view = await fetchDomainView(
      domainEnvironment('euWest1WithApi'),
      clients(),
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

  it('refuses a certificate ARN of another account', async () => {
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
      clients(),
    );
    expect(view.certificates[1]).toMatchObject({
      status: 'UNKNOWN',
      error: expect.stringMatching(/not in the account 222222222222/),
    });
    expect(view.certificates[1].arn).toBeUndefined();
    expect(describeCertificate).toHaveBeenCalledTimes(1);
  });

  it('fails the whole view when every call fails (so the last good view is served stale)', async () => {
    cloudFormation
      .on(DescribeStackResourceCommand)
      .rejects(awsError('ThrottlingException', 'Rate exceeded'));
    listRecordSets.mockRejectedValue(
      awsError('AccessDenied', 'not authorized'),
    );
    await expect(
      fetchDomainView(domainEnvironment('euWest1WithApi'), clients()),
    ).rejects.toBeInstanceOf(DataSourceError);
  });

  it('without ACM and Route 53 clients, keeps the ARNs and says why the states are not known', async () => {
    const arn = ALB_ARN.replace('eu-west-1', 'us-east-1');
    cloudFormation
      .on(DescribeStackResourceCommand, { StackName: 'innovate-test-edge' })
      .resolves(
        stackResource('innovate-test-edge', 'CertificateBDDE2430', arn),
      );
    const view = await fetchDomainView(
      domainEnvironment('usEast1'),
      clients({ describeCertificate: undefined, listRecordSets: undefined }),
    );
    expect(view.certificates).toEqual([
      expect.objectContaining({
        purpose: 'cloudfront-and-alb',
        arn,
        status: 'UNKNOWN',
        error: expect.stringMatching(/no ACM client/),
      }),
    ]);
    expect(view.records.map(r => r.state)).toEqual([
      'NOT_CHECKED',
      'NOT_CHECKED',
    ]);
    expect(view.records[0].detail).toMatch(/no Route 53 client/);
  });

  it('answers, without calling AWS, that an environment without a domain has none', async () => {
    const view = await fetchDomainView(
      fixtureEnvironment(defaultEnvironmentSpec(), { source: 'aws' }),
      clients(),
    );
    expect(view).toEqual({
      configured: false,
      simulated: false,
      note: expect.stringMatching(/^No domain in the spec/),
      names: [],
      records: [],
      certificates: [],
    });
    expect(cloudFormation.calls()).toHaveLength(0);
  });
});
