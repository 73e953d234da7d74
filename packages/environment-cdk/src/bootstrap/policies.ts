import type { EnvironmentStackRole } from '@innovate/plugin-aws-environments-common';
import type { EnvironmentStackTemplate } from '../templates';
import { RESOURCE_TYPE_ACTIONS } from './resourceActions';

/** The two accounts an environment deploys into. */
export const BOOTSTRAP_ACCOUNTS = ['management', 'workloads'] as const;

/** `management` or `workloads`. */
export type BootstrapAccount = (typeof BOOTSTRAP_ACCOUNTS)[number];

/** The stacks that deploy into the management (payer) account. */
const MANAGEMENT_STACK_ROLES: readonly EnvironmentStackRole[] = [
  'registry',
  'budget',
];

/** One statement of an IAM policy document. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The execution policy of one account, with what it was made from. */
export interface ExecutionPolicy {
  account: BootstrapAccount;
  accountId: string;
  /** The regions the account's stacks deploy to: each needs bootstrapping. */
  regions: string[];
  stackNames: string[];
  resourceTypes: string[];
  policyName: string;
  document: PolicyDocument;
}

/**
 * A template uses a resource type the action table does not list: the
 * policy would miss its permissions.
 */
export class UnknownResourceTypeError extends Error {
  constructor(readonly resourceTypes: string[]) {
    super(
      `No IAM actions known for resource type(s) ${resourceTypes.join(
        ', ',
      )}: add them, from the type's CloudFormation schema handlers, to packages/environment-cdk/src/bootstrap/resourceActions.ts`,
    );
    this.name = 'UnknownResourceTypeError';
  }
}

/** The managed policy name of an account's CloudFormation execution role. */
export function executionPolicyName(account: BootstrapAccount): string {
  return `innovate-portal-cfn-exec-${account}`;
}

/** The stacks that deploy into an account. */
export function accountStacks<T extends EnvironmentStackTemplate>(
  stacks: readonly T[],
  account: BootstrapAccount,
): T[] {
  return stacks.filter(
    stack =>
      MANAGEMENT_STACK_ROLES.includes(stack.id) === (account === 'management'),
  );
}

/** The CloudFormation resource types of the templates, sorted. */
export function templateResourceTypes(
  stacks: readonly EnvironmentStackTemplate[],
): string[] {
  const types = new Set<string>();
  for (const stack of stacks) {
    for (const resource of Object.values(stack.template.Resources ?? {})) {
      types.add(resource.Type);
    }
  }
  return [...types].sort();
}

/** Actions whose resources the execution policy scopes to the environment. */
function scopedResources(
  action: string,
  accountId: string,
  prefix: string,
): string[] | undefined {
  if (action.startsWith('iam:') && action.includes('OpenIDConnectProvider')) {
    return [`arn:aws:iam::${accountId}:oidc-provider/*`];
  }
  if (action.startsWith('iam:')) {
    // CloudFormation names a role `<stack name>-<logical id>-<suffix>`, and
    // every stack name starts with the environment name.
    return [`arn:aws:iam::${accountId}:role/${prefix}-*`];
  }
  if (action.startsWith('lambda:') && action.includes('LayerVersion')) {
    // CloudFormation names a layer after its logical id, without the stack
    // name: the account's layers.
    return [`arn:aws:lambda:*:${accountId}:layer:*`];
  }
  if (action.startsWith('lambda:')) {
    return [`arn:aws:lambda:*:${accountId}:function:${prefix}-*`];
  }
  return undefined;
}

const SID_NAMES: Record<string, string> = {
  ec2: 'EC2',
  eks: 'EKS',
  rds: 'RDS',
  ecr: 'ECR',
  iam: 'IAM',
  kms: 'KMS',
  s3: 'S3',
  sns: 'SNS',
  ssm: 'SSM',
  acm: 'ACM',
  wafv2: 'WAFv2',
  elasticloadbalancing: 'ElasticLoadBalancing',
  cloudfront: 'CloudFront',
  cloudwatch: 'CloudWatch',
  cloudtrail: 'CloudTrail',
  guardduty: 'GuardDuty',
  secretsmanager: 'SecretsManager',
  logs: 'Logs',
  lambda: 'Lambda',
  budgets: 'Budgets',
};

function sidOf(service: string): string {
  return (
    SID_NAMES[service] ?? service.charAt(0).toUpperCase() + service.slice(1)
  );
}

/** Tells apart the Sids of one service's statements on other resources. */
function statementSuffix(resourcesKey: string): string {
  if (resourcesKey.includes('oidc-provider')) {
    return 'OidcProviders';
  }
  return resourcesKey.includes(':layer:') ? 'Layers' : '';
}

/** The table's actions for the types, one statement per service. */
function serviceStatements(
  types: readonly string[],
  accountId: string,
  prefix: string,
): PolicyStatement[] {
  const byService = new Map<string, Set<string>>();
  for (const type of types) {
    for (const action of RESOURCE_TYPE_ACTIONS[type]) {
      const service = action.split(':')[0];
      const actions = byService.get(service) ?? new Set<string>();
      actions.add(action);
      byService.set(service, actions);
    }
  }
  const statements: PolicyStatement[] = [];
  for (const service of [...byService.keys()].sort()) {
    const groups = new Map<string, string[]>();
    for (const action of [...byService.get(service)!].sort()) {
      const resources = scopedResources(action, accountId, prefix) ?? ['*'];
      const key = resources.join(' ');
      groups.set(key, [...(groups.get(key) ?? []), action]);
    }
    for (const [key, actions] of groups) {
      const resources = key.split(' ');
      const suffix = statementSuffix(key);
      statements.push({
        Sid: `${sidOf(service)}${suffix}`,
        Effect: 'Allow',
        Action: actions,
        Resource: resources.length === 1 ? resources[0] : resources,
      });
    }
  }
  return statements;
}

/** Services whose resources need a service-linked role on first use. */
const SERVICE_LINKED_ROLE_TYPES = [
  'AWS::EKS::Cluster',
  'AWS::EKS::Nodegroup',
  'AWS::RDS::DBInstance',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::GuardDuty::Detector',
  'AWS::CloudFront::VpcOrigin',
];

/** What deploying through the CDK bootstrap needs besides the resources. */
function deploymentStatements(
  types: readonly string[],
  accountId: string,
  regions: readonly string[],
  prefix: string,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      // The templates' CheckBootstrapVersion rule reads the bootstrap version.
      Sid: 'CdkBootstrapVersion',
      Effect: 'Allow',
      Action: ['ssm:GetParameter', 'ssm:GetParameters'],
      Resource: regions.map(
        region =>
          `arn:aws:ssm:${region}:${accountId}:parameter/cdk-bootstrap/*`,
      ),
    },
  ];
  if (types.includes('AWS::IAM::Role')) {
    statements.push({
      // Only the roles the environment's templates create.
      Sid: 'PassEnvironmentRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: `arn:aws:iam::${accountId}:role/${prefix}-*`,
    });
  }
  if (types.some(type => SERVICE_LINKED_ROLE_TYPES.includes(type))) {
    statements.push({
      Sid: 'ServiceLinkedRoles',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: `arn:aws:iam::${accountId}:role/aws-service-role/*`,
    });
  }
  if (
    types.includes('AWS::Lambda::Function') ||
    types.includes('AWS::Lambda::LayerVersion')
  ) {
    statements.push({
      // Lambda reads the function code and the layers' content from the
      // bootstrap assets bucket with the caller's (the execution role's)
      // credentials.
      Sid: 'CdkAssetsLambdaCode',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: regions.map(
        region => `arn:aws:s3:::cdk-*-assets-${accountId}-${region}/*`,
      ),
    });
  }
  return statements;
}

/**
 * The least-privilege managed policy for the CloudFormation execution role
 * of one account (`cdk bootstrap --cloudformation-execution-policies`):
 * for every resource type in that account's templates the actions of
 * {@link RESOURCE_TYPE_ACTIONS}, one statement per service, IAM and Lambda
 * scoped to the environment's names; plus `iam:PassRole` on the roles the
 * templates create and the CDK bootstrap reads. No CloudFormation actions:
 * the deploy role calls CloudFormation, the execution role only what it
 * provisions. Throws {@link UnknownResourceTypeError} for a type the table
 * does not know.
 */
export function executionPolicy(
  stacks: readonly EnvironmentStackTemplate[],
  account: BootstrapAccount,
  environmentName: string,
): ExecutionPolicy {
  const own = accountStacks(stacks, account);
  if (own.length === 0) {
    throw new Error(`The environment has no stacks in the ${account} account`);
  }
  const resourceTypes = templateResourceTypes(own);
  const unknown = resourceTypes.filter(
    type => !Object.hasOwn(RESOURCE_TYPE_ACTIONS, type),
  );
  if (unknown.length > 0) {
    throw new UnknownResourceTypeError(unknown);
  }
  const accountId = own[0].account;
  const regions = [...new Set(own.map(stack => stack.region))].sort();
  return {
    account,
    accountId,
    regions,
    stackNames: own.map(stack => stack.stackName),
    resourceTypes,
    policyName: executionPolicyName(account),
    document: {
      Version: '2012-10-17',
      Statement: [
        ...serviceStatements(resourceTypes, accountId, environmentName),
        ...deploymentStatements(
          resourceTypes,
          accountId,
          regions,
          environmentName,
        ),
      ],
    },
  };
}

/** Placeholder for `--principal`: the portal's deploy role. */
export const PRINCIPAL_PLACEHOLDER = '<ARN of the portal deploy role>';

/**
 * The commands that create the policy and bootstrap each region of the
 * account with it, trusting only the portal's deploy principal.
 */
export function bootstrapCommands(
  policy: ExecutionPolicy,
  policyFile: string,
  principal: string = PRINCIPAL_PLACEHOLDER,
): string[] {
  const quoted = /^[\w:/+=,.@-]+$/.test(principal)
    ? principal
    : `'${principal}'`;
  const policyArn = `arn:aws:iam::${policy.accountId}:policy/${policy.policyName}`;
  return [
    `aws iam create-policy --policy-name ${policy.policyName} --policy-document file://${policyFile}`,
    ...policy.regions.map(
      region =>
        `npx cdk bootstrap aws://${policy.accountId}/${region} --trust ${quoted} --trust-for-lookup ${quoted} --cloudformation-execution-policies ${policyArn}`,
    ),
  ];
}
