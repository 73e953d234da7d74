import {
  CloudFormationClient,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import {
  createsHostedZones,
  removeValidationRecords,
} from './delegatedZoneCleanup';

const stack = {
  stackName: 'innovate-test-edge-waf',
  account: '222222222222',
  region: 'us-east-1',
  template: {
    Resources: {
      DomainZonesSpaZone1A2B3C4D: { Type: 'AWS::Route53::HostedZone' },
      CloudFrontCertificateC0FFEE11: {
        Type: 'AWS::CertificateManager::Certificate',
      },
    },
  },
} as unknown as RecordedStack;

// Response shapes of ListStackResources and ListResourceRecordSets, as in
// the CloudFormation and Route 53 API references.
const ZONE_ID = 'Z08123456ABCDEFGHIJK';
const validation = {
  Name: '_3639ac514e785e898d2646601fa951d5.app.innovate.example.',
  Type: 'CNAME' as const,
  TTL: 300,
  ResourceRecords: [
    {
      Value:
        '_98d2646601fa951d53639ac514e785e8.mhbtsbpdnt.acm-validations.aws.',
    },
  ],
};

describe('removeValidationRecords', () => {
  const cloudFormation = mockClient(CloudFormationClient);
  const route53 = mockClient(Route53Client);

  beforeEach(() => {
    cloudFormation.reset();
    route53.reset();
    cloudFormation.on(ListStackResourcesCommand).resolves({
      StackResourceSummaries: [
        {
          LogicalResourceId: 'DomainZonesSpaZone1A2B3C4D',
          PhysicalResourceId: ZONE_ID,
          ResourceType: 'AWS::Route53::HostedZone',
          ResourceStatus: 'CREATE_COMPLETE',
          LastUpdatedTimestamp: new Date('2026-11-01T00:00:00Z'),
        },
        {
          LogicalResourceId: 'CloudFrontCertificateC0FFEE11',
          PhysicalResourceId:
            'arn:aws:acm:us-east-1:222222222222:certificate/1f2e3d4c-0000-4000-8000-123456789abc',
          ResourceType: 'AWS::CertificateManager::Certificate',
          ResourceStatus: 'CREATE_COMPLETE',
          LastUpdatedTimestamp: new Date('2026-11-01T00:00:00Z'),
        },
      ],
    });
  });

  it('deletes only the ACM validation CNAMEs of the zones the stack created, across pages', async () => {
    route53
      .on(ListResourceRecordSetsCommand, { HostedZoneId: ZONE_ID })
      .resolvesOnce({
        ResourceRecordSets: [
          {
            Name: 'app.innovate.example.',
            Type: 'NS',
            TTL: 172800,
            ResourceRecords: [{ Value: 'ns-1.awsdns-01.org.' }],
          },
          {
            Name: 'app.innovate.example.',
            Type: 'A',
            AliasTarget: {
              HostedZoneId: 'Z2FDTNDATAQYW2',
              DNSName: 'd111111abcdef8.cloudfront.net.',
              EvaluateTargetHealth: false,
            },
          },
        ],
        IsTruncated: true,
        NextRecordName:
          '_3639ac514e785e898d2646601fa951d5.app.innovate.example.',
        NextRecordType: 'CNAME',
        MaxItems: 2,
      })
      .resolvesOnce({
        ResourceRecordSets: [
          validation,
          {
            // A CNAME of someone else's: kept.
            Name: 'www.app.innovate.example.',
            Type: 'CNAME',
            TTL: 60,
            ResourceRecords: [{ Value: 'app.innovate.example.' }],
          },
        ],
        IsTruncated: false,
        MaxItems: 2,
      });
    route53.on(ChangeResourceRecordSetsCommand).resolves({
      ChangeInfo: {
        Id: '/change/C2682N5HXP0BZ4',
        Status: 'PENDING',
        SubmittedAt: new Date('2026-11-30T00:00:00Z'),
      },
    });
    const assertLease = jest.fn().mockResolvedValue(undefined);

    const removed = await removeValidationRecords({
      stack,
      cloudFormation: new CloudFormationClient({ region: 'us-east-1' }),
      route53: new Route53Client({ region: 'us-east-1' }),
      assertLease,
    });

    expect(removed).toEqual([{ zoneId: ZONE_ID, names: [validation.Name] }]);
    const listCalls = route53.commandCalls(ListResourceRecordSetsCommand);
    expect(listCalls[1].args[0].input).toMatchObject({
      StartRecordName: validation.Name,
      StartRecordType: 'CNAME',
    });
    const [change] = route53.commandCalls(ChangeResourceRecordSetsCommand);
    expect(change.args[0].input.HostedZoneId).toBe(ZONE_ID);
    expect(change.args[0].input.ChangeBatch?.Changes).toEqual([
      { Action: 'DELETE', ResourceRecordSet: validation },
    ]);
    expect(assertLease).toHaveBeenCalledTimes(1);
  });

  it('changes nothing when no validation record is left', async () => {
    route53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [],
      IsTruncated: false,
      MaxItems: 100,
    });
    const removed = await removeValidationRecords({
      stack,
      cloudFormation: new CloudFormationClient({ region: 'us-east-1' }),
      route53: new Route53Client({ region: 'us-east-1' }),
      assertLease: jest.fn(),
    });
    expect(removed).toEqual([]);
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(
      0,
    );
  });

  it('knows which stacks create hosted zones', () => {
    expect(createsHostedZones(stack)).toBe(true);
    expect(
      createsHostedZones({
        ...stack,
        template: { Resources: { A: { Type: 'AWS::S3::Bucket' } } },
      } as RecordedStack),
    ).toBe(false);
  });
});
