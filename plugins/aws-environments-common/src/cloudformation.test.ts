import * as cfn from './cloudformation';

const stack = (stackName: string, template: object): cfn.CfnStack => ({
  stackName,
  account: '111111111111',
  region: 'us-east-1',
  template,
});

describe('findResources', () => {
  it('lists the resources of the types in stack and template order', () => {
    const network = stack('network', {
      Resources: {
        Vpc: {
          Type: 'AWS::EC2::VPC',
          Properties: { CidrBlock: '10.0.0.0/16' },
        },
        Subnet: { Type: 'AWS::EC2::Subnet' },
        Topic: { Type: 'AWS::SNS::Topic' },
      },
    });
    const database = stack('database', {
      Resources: { Subnet2: { Type: 'AWS::EC2::Subnet', Properties: {} } },
    });
    const found = cfn.findResources(
      [network, database],
      'AWS::EC2::Subnet',
      'AWS::EC2::VPC',
    );
    expect(found.map(r => [r.stack.stackName, r.logicalId, r.type])).toEqual([
      ['network', 'Vpc', 'AWS::EC2::VPC'],
      ['network', 'Subnet', 'AWS::EC2::Subnet'],
      ['database', 'Subnet2', 'AWS::EC2::Subnet'],
    ]);
    expect(found[0].properties).toEqual({ CidrBlock: '10.0.0.0/16' });
    expect(found[1].properties).toEqual({});
    expect(found[0].stack).toBe(network);
  });

  it('skips templates without resources and entries that are not resources', () => {
    expect(
      cfn.findResources(
        [
          stack('empty', {}),
          stack('odd', {
            Resources: { Null: null, Text: 'x', Bare: { Properties: {} } },
          }),
        ],
        'AWS::EC2::VPC',
      ),
    ).toEqual([]);
  });
});

describe('template values', () => {
  it('reads literal values and leaves intrinsics out', () => {
    const ref = { Ref: 'Vpc' };
    expect([
      cfn.literalString('a'),
      cfn.literalString(5),
      cfn.literalString(ref),
    ]).toEqual(['a', '5', undefined]);
    expect(
      [5, '5', ' ', '', 'x', ref].map(value => cfn.literalNumber(value)),
    ).toEqual([5, 5, undefined, undefined, undefined, undefined]);
    expect(
      [true, 'true', false, 'false', 'yes', ref].map(value =>
        cfn.literalBoolean(value),
      ),
    ).toEqual([true, true, false, false, undefined, undefined]);
    expect(cfn.literalStrings(['a', 1, ref])).toEqual(['a', '1']);
    expect(cfn.literalStrings('a')).toEqual([]);
  });

  it('follows a path of nested objects', () => {
    const properties = { ScalingConfig: { MinSize: 2 }, List: [{ A: 1 }] };
    expect(cfn.propertyAt(properties, 'ScalingConfig', 'MinSize')).toBe(2);
    expect(cfn.propertyAt(properties, 'ScalingConfig', 'Nope', 'Deeper')).toBe(
      undefined,
    );
    expect(cfn.propertyAt(properties, 'List', '0', 'A')).toBe(undefined);
  });

  it('tells JSON objects from arrays and null', () => {
    expect([{}, [], null, 'x'].map(cfn.isJsonObject)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
