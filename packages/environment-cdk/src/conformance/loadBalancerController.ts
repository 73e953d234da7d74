import {
  IRSA_SERVICE_ACCOUNTS,
  isJsonObject,
} from '@innovate/plugin-aws-environments-common';
import {
  IRSA_ROLE_ANNOTATION,
  LOAD_BALANCER_CONTROLLER_CHART,
} from '../templates';
import { irsaRole } from './identity';
import { asArray, resourceKey, result } from './query';
import type { Check, ConformanceResource, TemplateQuery } from './query';
import type { PolicyStatement } from './resources';

const HELM_CHART = 'Custom::AWSCDK-EKS-HelmChart';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const PINNED_VERSION = /^\d+\.\d+\.\d+$/;
const TARGET_ACTIONS = new Set([
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:DeregisterTargets',
]);

const placeholder = (index: number) => `@@intrinsic-${index}@@`;

/**
 * A JSON document the template writes as a string, possibly joined from
 * literals and intrinsics (`Fn::Join` with `''`, as `Stack.toJsonString`
 * writes it), parsed, with each intrinsic back in place of the string it
 * stands for. Undefined when the value is no such document.
 */
export function parseTemplateJson(value: unknown): unknown {
  const intrinsics: unknown[] = [];
  let text: string | undefined;
  if (typeof value === 'string') {
    text = value;
  } else if (isJsonObject(value) && Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'] as [unknown, unknown];
    if (separator === '' && Array.isArray(parts)) {
      text = parts
        .map(part => {
          if (typeof part === 'string') {
            return part;
          }
          intrinsics.push(part);
          return placeholder(intrinsics.length - 1);
        })
        .join('');
    }
  }
  if (text === undefined) {
    return undefined;
  }
  const restore = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const index = intrinsics.findIndex((_, i) => node === placeholder(i));
      return index >= 0 ? intrinsics[index] : node;
    }
    if (Array.isArray(node)) {
      return node.map(restore);
    }
    if (isJsonObject(node)) {
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key, restore(child)]),
      );
    }
    return node;
  };
  try {
    return restore(JSON.parse(text));
  } catch {
    return undefined;
  }
}

interface ChartValues {
  serviceAccount?: {
    create?: unknown;
    name?: unknown;
    annotations?: Record<string, unknown>;
  };
}

interface HelmChartProperties {
  ClusterName?: unknown;
  Chart?: unknown;
  Repository?: unknown;
  Version?: unknown;
  Namespace?: unknown;
  Values?: unknown;
}

/** The controller's Helm release, in whichever stack it is. */
function controllerChart(t: TemplateQuery) {
  for (const stack of t.stacks) {
    for (const [logicalId, resource] of Object.entries(
      stack.template.Resources ?? {},
    )) {
      const properties = (resource.Properties ?? {}) as HelmChartProperties;
      if (
        resource.Type === HELM_CHART &&
        properties.Chart === LOAD_BALANCER_CONTROLLER_CHART.chart
      ) {
        return { stack, logicalId, properties };
      }
    }
  }
  return undefined;
}

/** What the role may change (anything but Describe*), and where. */
function changingStatements(statements: PolicyStatement[]) {
  return statements.filter(
    s =>
      s.Effect === 'Allow' &&
      asArray(s.Action).some(
        action => !/^[a-z0-9-]+:Describe/.test(`${action}`),
      ),
  );
}

/**
 * Whether every statement that changes anything allows only registering
 * and deregistering targets, and only in target groups the ALB forwards to.
 */
function registersOnlyInApiTargetGroup(
  t: TemplateQuery,
  role: ConformanceResource<'AWS::IAM::Role'>,
  statements: PolicyStatement[],
): boolean {
  const changing = changingStatements(statements);
  const listener = t.first('AWS::ElasticLoadBalancingV2::Listener');
  const forwarded = asArray(listener?.properties.DefaultActions)
    .map(action => action as { TargetGroupArn?: unknown })
    .map(action => listener && t.keyOf(listener, action.TargetGroupArn))
    .filter(Boolean);
  return (
    changing.length > 0 &&
    changing.every(
      s =>
        asArray(s.Action).every(action => TARGET_ACTIONS.has(`${action}`)) &&
        asArray(s.Resource).length > 0 &&
        asArray(s.Resource).every(resource => {
          const reference = t.resolve(role, resource);
          return (
            t.resourceOf(reference)?.Type === TARGET_GROUP &&
            forwarded.includes(t.keyOf(role, resource))
          );
        }),
    )
  );
}

/**
 * The AWS Load Balancer Controller is installed in the cluster stack from
 * the eks-charts repository at a pinned version, its service account is
 * bound (IRSA) to the controller's role, and that role may change nothing
 * but the targets of the API target group.
 */
export const loadBalancerController: Check = t => {
  const { namespace, name } = IRSA_SERVICE_ACCOUNTS.loadBalancerController;
  const chart = controllerChart(t);
  if (!chart) {
    return result(false, 'no aws-load-balancer-controller Helm chart');
  }
  const { properties } = chart;
  const site = { stack: chart.stack };
  const onCluster = t.target(site, properties.ClusterName)?.Type;
  const values = (parseTemplateJson(properties.Values) ?? {}) as ChartValues;
  const account = values.serviceAccount;
  const boundRoleKey = t.keyOf(
    site,
    account?.annotations?.[IRSA_ROLE_ANNOTATION],
  );
  const role = irsaRole(t, IRSA_SERVICE_ACCOUNTS.loadBalancerController);
  const bound =
    account?.create === true &&
    account.name === name &&
    properties.Namespace === namespace &&
    role !== undefined &&
    role.oidc &&
    boundRoleKey === resourceKey(role.role);
  const onlyTargets =
    role !== undefined &&
    role.managedPolicies.length === 0 &&
    registersOnlyInApiTargetGroup(t, role.role, role.statements);
  const installed =
    chart.stack.id === 'cluster' &&
    onCluster === 'AWS::EKS::Cluster' &&
    properties.Repository === LOAD_BALANCER_CONTROLLER_CHART.repository &&
    PINNED_VERSION.test(`${properties.Version}`);
  return result(
    installed && bound && onlyTargets,
    `chart ${properties.Chart} ${properties.Version ?? 'unpinned'} from ${
      properties.Repository
    } in the ${chart.stack.id} stack on ${onCluster ?? 'no cluster'}; ${
      bound
        ? `service account ${namespace}/${name} bound to IRSA role ${role?.role.logicalId}`
        : `service account ${namespace}/${name} not bound to its IRSA role`
    }; ${
      onlyTargets
        ? 'the role changes only the targets of the API target group'
        : 'the role may change more than the targets of the API target group'
    }`,
  );
};
