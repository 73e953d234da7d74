import { IRSA_SERVICE_ACCOUNTS } from '@innovate/plugin-aws-environments-common';
import { asArray, resourceKey, result } from './query';
import type { Check, ConformanceResource, TemplateQuery } from './query';
import type { PolicyDocument, PolicyStatement } from './resources';

/** The statements of a policy document. */
export function policyStatements(document: unknown): PolicyStatement[] {
  return asArray(
    (document as PolicyDocument | undefined)?.Statement,
  ) as PolicyStatement[];
}

/** Whether a policy statement lets a service principal run an action. */
export function allows(
  statement: PolicyStatement,
  service: string,
  action: string,
): boolean {
  const [prefix] = action.split(':');
  return (
    statement.Effect === 'Allow' &&
    asArray(statement.Principal?.Service).includes(service) &&
    asArray(statement.Action).some(
      a => a === action || a === `${prefix}:*` || a === '*',
    )
  );
}

/** Every statement of a role: attached policies from any stack, and inline ones. */
function roleStatements(
  t: TemplateQuery,
  role: ConformanceResource<'AWS::IAM::Role'>,
): PolicyStatement[] {
  const attached = t
    .all('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')
    .filter(policy =>
      asArray(policy.properties.Roles).some(
        value => t.keyOf(policy, value) === resourceKey(role),
      ),
    );
  return [
    ...attached.flatMap(policy =>
      policyStatements(policy.properties.PolicyDocument),
    ),
    ...asArray(role.properties.Policies).flatMap(policy =>
      policyStatements((policy as { PolicyDocument?: unknown }).PolicyDocument),
    ),
  ];
}

/**
 * Every IAM role with what IRSA needs: whether the cluster's OIDC provider
 * federates it, the service account it trusts, and all it may do (AWS
 * managed policies listed apart).
 */
function irsaRoles(t: TemplateQuery) {
  return t.all('AWS::IAM::Role').map(role => {
    const webIdentity = policyStatements(
      role.properties.AssumeRolePolicyDocument,
    ).find(s => asArray(s.Action).includes('sts:AssumeRoleWithWebIdentity'));
    const provider = webIdentity
      ? t.target(role, webIdentity.Principal?.Federated)
      : undefined;
    const conditions = webIdentity
      ? t.target(role, webIdentity.Condition?.StringEquals)
      : undefined;
    const conditionText = JSON.stringify(conditions?.Properties?.Value ?? '');
    const subject = /system:serviceaccount:([^"\\]+)/.exec(conditionText)?.[1];
    return {
      role,
      oidc: provider?.Type === 'AWS::IAM::OIDCProvider',
      subject,
      statements: roleStatements(t, role),
      managedPolicies: asArray(role.properties.ManagedPolicyArns),
    };
  });
}

/** The IRSA role of a service account. */
export function irsaRole(
  t: TemplateQuery,
  account: { namespace: string; name: string },
) {
  return irsaRoles(t).find(
    r => r.subject === `${account.namespace}:${account.name}`,
  );
}

const API_SECRET_ACTIONS = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
];

export const irsaApi: Check = t => {
  const { namespace, name } = IRSA_SERVICE_ACCOUNTS.api;
  const api = irsaRole(t, IRSA_SERVICE_ACCOUNTS.api);
  if (!api) {
    return result(
      false,
      `no IRSA role for service account ${namespace}/${name}`,
    );
  }
  const actions = api.statements.flatMap(s => asArray(s.Action)).sort();
  const targets = api.statements.flatMap(s =>
    asArray(s.Resource).map(resource => t.resolve(api.role, resource)),
  );
  const onlySecret =
    targets.length > 0 &&
    targets.every(
      reference =>
        reference !== undefined &&
        t.resourceOf(reference)?.Type === 'AWS::RDS::DBInstance' &&
        reference.attribute === 'MasterUserSecret.SecretArn',
    );
  return result(
    api.oidc &&
      api.managedPolicies.length === 0 &&
      JSON.stringify(actions) === JSON.stringify(API_SECRET_ACTIONS) &&
      onlySecret,
    `role ${
      api.role.logicalId
    } assumed through the cluster's OIDC provider by ${namespace}/${name}; allows ${actions.join(
      ', ',
    )} on ${onlySecret ? 'the database secret only' : 'other resources too'}${
      api.managedPolicies.length > 0
        ? `; ${api.managedPolicies.length} managed policies attached`
        : ''
    }`,
  );
};

/** Auto Scaling actions that change groups (anything but reads). */
function changesAutoScaling(action: unknown): boolean {
  const value = String(action);
  return (
    value === '*' ||
    (value.startsWith('autoscaling:') &&
      !/^autoscaling:(Describe|Get)/.test(value))
  );
}

export const clusterAutoscaler: Check = t => {
  const { namespace, name } = IRSA_SERVICE_ACCOUNTS.clusterAutoscaler;
  const role = irsaRole(t, IRSA_SERVICE_ACCOUNTS.clusterAutoscaler);
  const clusterName = t.propertiesOf('AWS::EKS::Cluster').Name;
  const tagKey = `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`;
  const mutating = (role?.statements ?? []).filter(
    s => s.Effect === 'Allow' && asArray(s.Action).some(changesAutoScaling),
  );
  const scoped = mutating.filter(
    s => s.Condition?.StringEquals?.[tagKey] === 'owned',
  );
  const resizes = mutating.some(s =>
    asArray(s.Action).includes('autoscaling:SetDesiredCapacity'),
  );
  return result(
    Boolean(
      role?.oidc &&
        role.managedPolicies.length === 0 &&
        resizes &&
        scoped.length === mutating.length,
    ),
    role
      ? `IRSA role for ${namespace}/${name}; ${scoped.length} of ${mutating.length} statements that change Auto Scaling groups are limited to groups tagged ${tagKey}=owned`
      : `no IRSA role for ${namespace}/${name}`,
  );
};
