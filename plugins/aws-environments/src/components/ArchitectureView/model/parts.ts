import {
  environmentResourceNames,
  type NodeGroupView,
} from '@innovate/plugin-aws-environments-common';
import { costOf } from './cost';
import {
  certificateSignal,
  certificateWords,
  cloudFrontCertificates,
  combine,
  driftSignal,
  firingSignal,
  fromView,
  statusOf,
} from './status';
import type { ArchitectureInputs, ArchitecturePart, PartStatus } from './types';

/**
 * The catalog entity of a part: the entity provider names each part
 * `<environment>-<suffix>` in the default namespace (see
 * `packages/environment-cdk/src/catalogParts.ts`).
 */
export function partEntityRef(environment: string, suffix: string): string {
  return `resource:default/${
    suffix ? `${environment}-${suffix}` : environment
  }`;
}

/** The node group roles of the spec, in the seed's order. */
export const NODE_GROUP_ROLES = ['system', 'application'] as const;
type NodeGroupRole = (typeof NODE_GROUP_ROLES)[number];

/** The AZs a spec spreads over, as the drawing names them. */
export function azLabel(index: number): string {
  return `AZ ${String.fromCharCode('a'.charCodeAt(0) + index)}`;
}

/**
 * The state of a part with no live view of its own: the environment's
 * deployment status, worsened by drift of its resources.
 */
function deployedStatus(
  inputs: ArchitectureInputs,
  driftTypes: readonly string[],
  ...signals: Array<PartStatus | undefined>
): PartStatus | undefined {
  return combine(
    statusOf(inputs.environment.status),
    driftSignal(inputs.drift, driftTypes),
    ...signals,
  );
}

/** Users, CloudFront with its WAF, and the SPA bucket. */
function edgeParts(inputs: ArchitectureInputs): ArchitecturePart[] {
  const { environment, cost } = inputs;
  const env = environment.name;
  const names = environmentResourceNames(env);
  return [
    {
      id: 'users',
      layer: 'edge',
      kind: 'Users',
      title: environment.spec.domain?.name ?? 'Browsers',
      details: ['HTTPS to CloudFront'],
      cost: { kind: 'none' },
      entityRefs: [],
    },
    {
      id: 'cloudfront',
      layer: 'edge',
      kind: 'CloudFront + WAF',
      title: `${env} CloudFront`,
      details: [
        `WAF ${names.webAcl}: OWASP rules, rate limit`,
        ...cloudFrontCertificates(inputs.domain).map(certificateWords),
      ],
      status: deployedStatus(
        inputs,
        ['AWS::CloudFront::Distribution', 'AWS::WAFv2::WebACL'],
        certificateSignal(inputs.domain),
      ),
      cost: costOf(cost, ['cloudfront', 'waf']),
      source: environment.source,
      entityRefs: [partEntityRef(env, 'cloudfront'), partEntityRef(env, 'waf')],
      tab: 'cost',
    },
    {
      id: 'spa',
      layer: 'edge',
      kind: 'S3 · React SPA',
      title: `${env} SPA bucket`,
      details: ['Private; read by CloudFront only'],
      status: deployedStatus(inputs, ['AWS::S3::Bucket']),
      cost: costOf(cost, ['s3']),
      source: environment.source,
      entityRefs: [partEntityRef(env, 'spa-bucket')],
      tab: 'cost',
    },
  ];
}

/** The ALB and a NAT gateway per AZ (as many as the spec has). */
function publicParts(inputs: ArchitectureInputs): ArchitecturePart[] {
  const { environment, cost, alarms } = inputs;
  const env = environment.name;
  const { natGateways } = environment.spec.network;
  const alb: ArchitecturePart = {
    id: 'alb',
    layer: 'public',
    kind: 'Application Load Balancer',
    title: environmentResourceNames(env).loadBalancer,
    details: ['Target: API pods on 8080'],
    status: deployedStatus(
      inputs,
      ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
      firingSignal(alarms, ['error-rate', 'p99-latency']),
    ),
    cost: costOf(cost, ['load-balancer']),
    source: alarms.value?.source ?? environment.source,
    entityRefs: [partEntityRef(env, 'alb')],
    tab: 'alarms',
  };
  const nats = Array.from(
    { length: natGateways },
    (_, index): ArchitecturePart => ({
      id: `nat-${index + 1}`,
      layer: 'public',
      kind: `NAT gateway · ${azLabel(index)}`,
      title: `${env} NAT ${index + 1}`,
      details: ['Egress of the private subnets'],
      status: deployedStatus(inputs, ['AWS::EC2::NatGateway']),
      cost: costOf(cost, ['nat-gateways'], natGateways),
      source: environment.source,
      entityRefs: [partEntityRef(env, `nat-gateway-${index + 1}`)],
      tab: 'cost',
    }),
  );
  return [alb, ...nats];
}

function nodeGroupIn(
  groups: NodeGroupView[],
  env: string,
  role: NodeGroupRole,
): NodeGroupView | undefined {
  const names = environmentResourceNames(env);
  const name =
    role === 'system' ? names.systemNodeGroup : names.applicationNodeGroup;
  return groups.find(group => group.name === name || group.name === role);
}

/** A node group of the cluster: its EKS status, health and node alarms. */
function nodeGroupPart(
  inputs: ArchitectureInputs,
  role: NodeGroupRole,
): ArchitecturePart {
  const { environment, cluster, cost, alarms, drift } = inputs;
  const env = environment.name;
  const spec =
    environment.spec.cluster[
      role === 'system' ? 'systemNodeGroup' : 'applicationNodeGroup'
    ];
  const live = cluster.value
    ? nodeGroupIn(cluster.value.nodeGroups, env, role)
    : undefined;
  const sizes = live ?? spec;
  const instanceType = live?.instanceTypes.join(', ') ?? spec.instanceType;
  const status = fromView(cluster, 'The cluster view', () =>
    live
      ? statusOf(
          live.status,
          ...live.healthIssues.map(i => `${i.code}: ${i.message}`),
        )
      : { tone: 'warning', text: 'Missing', reasons: ['Not in the cluster.'] },
  );
  const unhealthy =
    live && live.healthIssues.length > 0
      ? { tone: 'warning' as const, text: 'Degraded', reasons: [] }
      : undefined;
  return {
    id: `node-group-${role}`,
    layer: 'private',
    kind: `Node group · ${role}`,
    title: live?.name ?? environmentResourceNames(env)[`${role}NodeGroup`],
    details: [
      `${instanceType} × ${sizes.desiredSize} (${sizes.minSize}–${sizes.maxSize})`,
      `Across ${environment.spec.network.azCount} AZs`,
    ],
    status: combine(
      status,
      unhealthy,
      firingSignal(alarms, ['node-cpu', 'node-memory']),
      driftSignal(drift, ['AWS::EKS::Nodegroup'], resource =>
        `${resource.logicalId} ${resource.physicalId ?? ''}`
          .toLowerCase()
          .includes(role),
      ),
    ),
    cost: costOf(cost, [`node-group-${role}`]),
    source: cluster.value?.source ?? environment.source,
    entityRefs: [partEntityRef(env, `node-group-${role}`)],
    tab: 'cluster',
  };
}

/** The cluster with the API pods, and its node groups. */
function privateParts(inputs: ArchitectureInputs): ArchitecturePart[] {
  const { environment, cluster, cost, drift } = inputs;
  const env = environment.name;
  const view = cluster.value;
  const clusterPart: ArchitecturePart = {
    id: 'eks-cluster',
    layer: 'private',
    kind: 'EKS cluster · API pods',
    title: view?.name ?? environmentResourceNames(env).cluster,
    details: [
      `Kubernetes ${
        view?.version ?? environment.spec.cluster.kubernetesVersion
      }, pods on the node groups`,
    ],
    status: combine(
      fromView(cluster, 'The cluster view', value => statusOf(value.status)),
      view?.behindTarget
        ? {
            tone: 'warning',
            text: 'Behind target',
            reasons: [
              `Kubernetes ${view.version} is behind ${view.targetVersion}.`,
            ],
          }
        : undefined,
      driftSignal(drift, ['AWS::EKS::Cluster']),
    ),
    cost: costOf(cost, ['eks-control-plane']),
    source: view?.source ?? environment.source,
    entityRefs: [partEntityRef(env, 'eks-cluster')],
    tab: 'cluster',
  };
  return [
    clusterPart,
    ...NODE_GROUP_ROLES.map(role => nodeGroupPart(inputs, role)),
  ];
}

/** The RDS instance in the isolated subnets. */
function dataParts(inputs: ArchitectureInputs): ArchitecturePart[] {
  const { environment, database, cost, alarms, drift } = inputs;
  const env = environment.name;
  const view = database.value;
  const spec = environment.spec.database;
  return [
    {
      id: 'rds',
      layer: 'data',
      kind: 'RDS PostgreSQL',
      title: view?.identifier ?? environmentResourceNames(env).database,
      details: [
        `${view?.instanceClass ?? spec.instanceClass}, ${
          view?.allocatedStorageGb ?? spec.allocatedStorageGb
        } GB, ${view?.multiAz ?? spec.multiAz ? 'Multi-AZ' : 'single AZ'}`,
      ],
      status: combine(
        fromView(database, 'The database view', value =>
          statusOf(value.status),
        ),
        firingSignal(alarms, ['database-cpu']),
        driftSignal(drift, ['AWS::RDS::DBInstance']),
      ),
      cost: costOf(cost, ['rds-instance', 'rds-storage']),
      source: view?.source ?? environment.source,
      entityRefs: [partEntityRef(env, 'rds')],
      tab: 'database',
    },
  ];
}

export const PART_BUILDERS = [edgeParts, publicParts, privateParts, dataParts];
