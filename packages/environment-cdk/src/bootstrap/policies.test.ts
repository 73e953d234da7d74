import {
  synthesizeTemplates,
  TEST_DOMAIN,
  testSpec,
} from '../__testUtils__/synth';
import type { EnvironmentStackTemplate } from '../templates';
import {
  BOOTSTRAP_ACCOUNTS,
  bootstrapCommands,
  executionPolicy,
  ExecutionPolicy,
  templateResourceTypes,
  UnknownResourceTypeError,
} from './policies';
import { RESOURCE_TYPE_ACTIONS } from './resourceActions';

/** Every action a statement allows, with its resources. */
function allowed(policy: ExecutionPolicy): Map<string, string[]> {
  const actions = new Map<string, string[]>();
  for (const statement of policy.document.Statement) {
    const resources = [statement.Resource].flat();
    for (const action of statement.Action) {
      actions.set(action, [...(actions.get(action) ?? []), ...resources]);
    }
  }
  return actions;
}

const variants: Array<[string, EnvironmentStackTemplate[]]> = [
  ['the default spec', synthesizeTemplates(testSpec()).stacks],
  [
    'us-east-2 (web ACL stack in us-east-1)',
    synthesizeTemplates(testSpec(spec => (spec.region = 'us-east-2'))).stacks,
  ],
  [
    'a domain in eu-west-1 (records, two certificates)',
    synthesizeTemplates(
      testSpec(spec => {
        spec.region = 'eu-west-1';
        spec.domain = { ...TEST_DOMAIN, apiSubdomain: 'api' };
      }),
    ).stacks,
  ],
];

describe.each(variants)('execution policies of %s', (_name, stacks) => {
  it.each(BOOTSTRAP_ACCOUNTS)(
    'the %s policy allows every action the table lists for its templates',
    account => {
      const policy = executionPolicy(stacks, account, 'innovate-test');
      const types = templateResourceTypes(
        stacks.filter(stack => policy.stackNames.includes(stack.stackName)),
      );
      expect(policy.resourceTypes).toEqual(types);
      const actions = allowed(policy);
      for (const type of types) {
        for (const action of RESOURCE_TYPE_ACTIONS[type]) {
          expect([type, actions.has(action)]).toEqual([type, true]);
        }
      }
      expect(actions.get('iam:PassRole') ?? []).not.toContain('*');
      expect(actions.has('cloudformation:CreateStack')).toBe(false);
    },
  );

  it.each(BOOTSTRAP_ACCOUNTS)(
    'the %s policy has no wildcard action and no * on *',
    account => {
      const { document } = executionPolicy(stacks, account, 'innovate-test');
      expect(document.Statement.length).toBeGreaterThan(1);
      for (const statement of document.Statement) {
        expect(statement.Effect).toBe('Allow');
        for (const action of statement.Action) {
          expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        }
        expect(new Set(statement.Action).size).toBe(statement.Action.length);
      }
    },
  );
});

describe('execution policies', () => {
  const [, seed] = variants[0];
  const [, east2] = variants[1];

  it('puts the registry and budget in the management account, the rest in the workloads account', () => {
    const management = executionPolicy(seed, 'management', 'innovate-test');
    expect(management.accountId).toBe('111111111111');
    expect(management.stackNames).toEqual([
      'innovate-test-registry',
      'innovate-test-budget',
    ]);
    expect(management.resourceTypes).toEqual([
      'AWS::Budgets::Budget',
      'AWS::ECR::Repository',
    ]);
    // Nothing of the workloads' services reaches the payer account.
    const actions = [...allowed(management).keys()];
    expect(
      actions.filter(action => /^(ec2|eks|rds|iam):/.test(action)),
    ).toEqual([]);
    const workloads = executionPolicy(seed, 'workloads', 'innovate-test');
    expect(workloads.accountId).toBe('222222222222');
    expect(workloads.resourceTypes).toEqual(
      expect.arrayContaining([
        'AWS::EC2::VPC',
        'AWS::EKS::Cluster',
        'AWS::RDS::DBInstance',
        'Custom::AWS',
      ]),
    );
  });

  it('scopes iam:PassRole and the role actions to the environment, the bootstrap version per region', () => {
    const actions = allowed(
      executionPolicy(east2, 'workloads', 'innovate-test'),
    );
    expect(actions.get('iam:PassRole')).toEqual([
      'arn:aws:iam::222222222222:role/innovate-test-*',
    ]);
    expect(actions.get('iam:CreateRole')).toEqual([
      'arn:aws:iam::222222222222:role/innovate-test-*',
    ]);
    expect(actions.get('ssm:GetParameter')).toEqual([
      'arn:aws:ssm:us-east-1:222222222222:parameter/cdk-bootstrap/*',
      'arn:aws:ssm:us-east-2:222222222222:parameter/cdk-bootstrap/*',
    ]);
  });

  it('covers the kubectl provider and the Helm chart of the cluster stack, layers scoped to the account', () => {
    const policy = executionPolicy(seed, 'workloads', 'innovate-test');
    expect(policy.resourceTypes).toEqual(
      expect.arrayContaining([
        'AWS::Lambda::LayerVersion',
        'AWS::EKS::AccessEntry',
        'Custom::AWSCDK-EKS-HelmChart',
      ]),
    );
    const actions = allowed(policy);
    for (const action of [
      'lambda:PublishLayerVersion',
      'lambda:GetLayerVersion',
      'lambda:DeleteLayerVersion',
    ]) {
      expect(actions.get(action)).toEqual([
        'arn:aws:lambda:*:222222222222:layer:*',
      ]);
    }
    expect(actions.get('lambda:InvokeFunction')).toEqual([
      'arn:aws:lambda:*:222222222222:function:innovate-test-*',
    ]);
    expect(actions.get('eks:CreateAccessEntry')).toEqual(['*']);
    // A function in a VPC: Lambda checks its subnets and security groups.
    expect(actions.has('ec2:DescribeSubnets')).toBe(true);
    expect(actions.get('s3:GetObject')).toEqual([
      'arn:aws:s3:::cdk-*-assets-222222222222-us-east-1/*',
    ]);
    const sids = policy.document.Statement.map(statement => statement.Sid);
    expect(sids).toContain('LambdaLayers');
    expect(new Set(sids).size).toBe(sids.length);
  });

  it('bootstraps every region the account deploys to', () => {
    const workloads = executionPolicy(east2, 'workloads', 'innovate-test');
    expect(workloads.regions).toEqual(['us-east-1', 'us-east-2']);
    expect(
      bootstrapCommands(
        workloads,
        'policy.json',
        'arn:aws:iam::333333333333:role/deploy',
      ),
    ).toEqual([
      'aws iam create-policy --policy-name innovate-portal-cfn-exec-workloads --policy-document file://policy.json',
      ...['us-east-1', 'us-east-2'].map(
        region =>
          `npx cdk bootstrap aws://222222222222/${region} --trust arn:aws:iam::333333333333:role/deploy --trust-for-lookup arn:aws:iam::333333333333:role/deploy --cloudformation-execution-policies arn:aws:iam::222222222222:policy/innovate-portal-cfn-exec-workloads`,
      ),
    ]);
    const management = executionPolicy(east2, 'management', 'innovate-test');
    expect(management.regions).toEqual(['us-east-2']);
    expect(bootstrapCommands(management, 'm.json')[1]).toContain(
      "--trust '<ARN of the portal deploy role>'",
    );
  });

  it('fails naming a resource type the table does not know', () => {
    const registry = seed.find(stack => stack.id === 'registry')!;
    const stacks = [
      {
        ...registry,
        template: {
          ...registry.template,
          Resources: {
            ...registry.template.Resources,
            View: { Type: 'AWS::Billing::BillingView', Properties: {} },
          },
        },
      },
    ];
    expect(() =>
      executionPolicy(stacks, 'management', 'innovate-test'),
    ).toThrow(UnknownResourceTypeError);
    expect(() =>
      executionPolicy(stacks, 'management', 'innovate-test'),
    ).toThrow(/resource type\(s\) AWS::Billing::BillingView: add them/);
  });
});
