import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { blockedChanges, stackChanges } from './changes';

const current = {
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Database: {
      Type: 'AWS::RDS::DBInstance',
      Properties: { DBInstanceClass: 'db.t3.medium', AllocatedStorage: '50' },
    },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alarms' } },
    Unchanged: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'same' } },
  },
};
const proposed = {
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
    Database: {
      Type: 'AWS::RDS::DBInstance',
      Properties: { DBInstanceClass: 'db.t3.large', AllocatedStorage: '50' },
    },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Unchanged: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'same' } },
  },
};

describe('stackChanges', () => {
  it('maps the template diff to add, modify, replace and remove rows, stateful by type', () => {
    const changes = stackChanges('innovate-prod-data', current, proposed);
    const byId = Object.fromEntries(changes.map(c => [c.logicalId, c]));

    expect(changes).toHaveLength(4);
    expect(byId.Vpc).toEqual({
      stack: 'innovate-prod-data',
      logicalId: 'Vpc',
      type: 'AWS::EC2::VPC',
      action: 'replace',
      stateful: true,
      properties: ['CidrBlock'],
    });
    expect(byId.Database).toMatchObject({
      action: 'modify',
      stateful: true,
      properties: ['DBInstanceClass'],
    });
    expect(byId.Queue).toMatchObject({
      type: 'AWS::SQS::Queue',
      action: 'add',
      stateful: false,
      properties: [],
    });
    expect(byId.Topic).toMatchObject({ action: 'remove', stateful: false });
  });

  it('adds every resource of a stack that does not exist yet', () => {
    expect(stackChanges('new-stack', {}, proposed).map(c => c.action)).toEqual([
      'add',
      'add',
      'add',
      'add',
    ]);
  });
});

describe('blockedChanges', () => {
  const spec = defaultEnvironmentSpec();
  const moved = {
    ...spec,
    network: { ...spec.network, vpcCidr: '10.1.0.0/16' },
  };
  const changes = stackChanges('innovate-prod-data', current, proposed);

  it('blocks the replacement of a stateful resource, naming the spec field and the data lost', () => {
    expect(
      blockedChanges({
        changes,
        current: spec,
        proposed: moved,
        acceptDataLoss: [],
        updateErrors: [
          { field: 'accounts.workloads', message: 'cannot change' },
        ],
      }),
    ).toEqual([
      { field: 'accounts.workloads', reason: 'cannot change' },
      {
        field: 'network.vpcCidr',
        reason: expect.stringMatching(
          /^Replaces Vpc \(AWS::EC2::VPC\) in stack innovate-prod-data: .*data is lost\. Send "acceptDataLoss": \["Vpc"\] to go ahead anyway\.$/,
        ),
      },
    ]);
  });

  it('does not block a replacement whose data loss is accepted', () => {
    expect(
      blockedChanges({
        changes,
        current: spec,
        proposed: moved,
        acceptDataLoss: ['Vpc'],
        updateErrors: [],
      }),
    ).toEqual([]);
  });
});
