import type { RecordedStack } from '../../EnvironmentRegistry/types';
import { SandboxIdentities } from './sandboxOutputs';

const stack: RecordedStack = {
  id: 'database',
  stackName: 'innovate-prod-database',
  account: '222222222222',
  region: 'eu-west-1',
  stateful: true,
  terminationProtection: true,
  template: {
    Resources: {
      Instance: {
        Type: 'AWS::RDS::DBInstance',
        Properties: { DBInstanceIdentifier: 'innovate-prod-db' },
      },
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
    },
    Outputs: {
      Endpoint: { Value: { 'Fn::GetAtt': ['Instance', 'Endpoint.Address'] } },
      InstanceArn: { Value: { 'Fn::GetAtt': ['Instance', 'Arn'] } },
      KeyId: { Value: { Ref: 'Key' } },
      Url: {
        Value: {
          'Fn::Join': [
            '',
            [
              'postgres://',
              { 'Fn::GetAtt': ['Instance', 'Endpoint.Address'] },
              ':5432',
            ],
          ],
        },
      },
      Region: { Value: { Ref: 'AWS::Region' } },
      Literal: { Value: 'plain' },
    },
  },
};

describe('SandboxIdentities', () => {
  it('gives outputs plausible, clearly synthetic values in the stack account and region', () => {
    const outputs = new SandboxIdentities(stack).outputs();
    expect(outputs).toEqual({
      'innovate-prod-database.Endpoint':
        'innovate-prod-db.sandbox.eu-west-1.amazonaws.com',
      'innovate-prod-database.InstanceArn':
        'arn:aws:rds:eu-west-1:222222222222:db:innovate-prod-db',
      'innovate-prod-database.KeyId': expect.stringMatching(
        /^innovate-prod-database-Key-sandbox[0-9a-f]{6}$/,
      ),
      'innovate-prod-database.Url':
        'postgres://innovate-prod-db.sandbox.eu-west-1.amazonaws.com:5432',
      'innovate-prod-database.Region': 'eu-west-1',
      'innovate-prod-database.Literal': 'plain',
    });
    expect(new SandboxIdentities(stack).outputs()).toEqual(outputs);
  });
});
