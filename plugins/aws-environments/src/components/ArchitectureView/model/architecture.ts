import {
  planSubnets,
  type EnvironmentSpec,
  type SubnetTier,
} from '@innovate/plugin-aws-environments-common';
import { firingAlarms } from '../../AlarmsCard';
import { plural } from '../../../format';
import { costOf } from './cost';
import {
  azLabel,
  NODE_GROUP_ROLES,
  PART_BUILDERS,
  partEntityRef,
} from './parts';
import { combine, driftSignal, fromView, statusOf } from './status';
import type {
  ArchitectureEdge,
  ArchitectureInputs,
  ArchitectureLayer,
  ArchitectureModel,
  LayerId,
  ArchitecturePart,
  PartStatus,
} from './types';

/** The layers, top to bottom as the seed draws them. */
export const LAYERS: ArchitectureLayer[] = [
  { id: 'edge', label: 'Edge (global)' },
  { id: 'public', label: 'Public subnets' },
  { id: 'private', label: 'Private subnets' },
  { id: 'data', label: 'Database subnets' },
  { id: 'services', label: 'Regional services' },
];

const TIERS: Partial<Record<LayerId, SubnetTier>> = {
  public: 'public',
  private: 'private',
  data: 'isolated',
};

/**
 * The layers with their subnets per AZ, as the CDK app plans them from the
 * VPC's CIDR (`planSubnets`, which allocates as the CDK `Vpc` does).
 */
function layersOf(spec: EnvironmentSpec): ArchitectureLayer[] {
  const subnets = planSubnets(spec.network.vpcCidr, spec.network.azCount);
  return LAYERS.map(layer => {
    const tier = TIERS[layer.id];
    const planned = subnets?.filter(subnet => subnet.tier === tier);
    return tier && planned
      ? {
          ...layer,
          subnets: planned.map(
            subnet => `${azLabel(subnet.azIndex)} ${subnet.cidr}`,
          ),
        }
      : layer;
  });
}

/** All alarms at a glance: firing ones in error, missing data pending. */
function alarmsStatus(inputs: ArchitectureInputs): PartStatus {
  return fromView(inputs.alarms, 'The alarms view', view => {
    const firing = firingAlarms(view.alarms);
    if (firing.length > 0) {
      return {
        tone: 'error',
        text: `${firing.length} firing`,
        reasons: firing.map(alarm => `Alarm ${alarm.name} is firing`),
      };
    }
    const noData = view.alarms.filter(a => a.state === 'INSUFFICIENT_DATA');
    if (noData.length > 0) {
      return {
        tone: 'pending',
        text: 'Some without data',
        reasons: noData.map(alarm => `Alarm ${alarm.name} has no data yet`),
      };
    }
    return statusOf('OK');
  });
}

/** ECR, the database secret, the KMS keys, and the alarms with their topic. */
function serviceParts(inputs: ArchitectureInputs): ArchitecturePart[] {
  const { environment, cost, alarms, drift } = inputs;
  const env = environment.name;
  const deployed = (types: string[]) =>
    combine(statusOf(environment.status), driftSignal(drift, types));
  return [
    {
      id: 'ecr',
      layer: 'services',
      kind: 'ECR',
      title: `${env} API repository`,
      details: ['Management account'],
      status: deployed(['AWS::ECR::Repository']),
      cost: costOf(cost, ['ecr']),
      source: environment.source,
      entityRefs: [partEntityRef(env, 'ecr')],
      tab: 'cost',
    },
    {
      id: 'secrets',
      layer: 'services',
      kind: 'Secrets Manager',
      title: 'Database credentials',
      details: ['Read by the API pods through IRSA'],
      status: deployed(['AWS::SecretsManager::Secret']),
      cost: costOf(cost, ['secrets-manager']),
      source: environment.source,
      entityRefs: [partEntityRef(env, 'db-secret')],
      tab: 'database',
    },
    {
      id: 'kms',
      layer: 'services',
      kind: 'KMS',
      title: '3 customer managed keys',
      details: ['EKS secrets, RDS storage, alarm topic'],
      status: deployed(['AWS::KMS::Key']),
      cost: costOf(cost, ['kms']),
      source: environment.source,
      entityRefs: ['kms-eks-secrets', 'kms-rds', 'kms-alarm-topic'].map(
        suffix => partEntityRef(env, suffix),
      ),
      tab: 'cost',
    },
    {
      id: 'alarms',
      layer: 'services',
      kind: 'CloudWatch alarms → SNS',
      title: alarms.value
        ? plural(alarms.value.alarms.length, 'alarm')
        : 'Alarms',
      details: ['Notify the alarm topic'],
      status: combine(
        alarmsStatus(inputs),
        driftSignal(drift, ['AWS::CloudWatch::Alarm', 'AWS::SNS::Topic']),
      ),
      cost: costOf(cost, ['cloudwatch', 'budgets-and-sns']),
      source: alarms.value?.source ?? environment.source,
      entityRefs: [partEntityRef(env, 'alarm-topic')],
      tab: 'alarms',
    },
  ];
}

/**
 * The arrows of the seed: the request path with its ports and security
 * group rules (CloudFront → ALB, ALB → pods :8080, pods → RDS :5432), the
 * nodes' way out through the NAT gateways, and what the pods use.
 */
function edgesOf(
  inputs: ArchitectureInputs,
  parts: ArchitecturePart[],
): ArchitectureEdge[] {
  const https = inputs.environment.spec.domain !== undefined;
  const nats = parts.filter(part => part.id.startsWith('nat-'));
  const edge = (
    source: string,
    target: string,
    label: string,
    kind: ArchitectureEdge['kind'] = 'traffic',
  ): ArchitectureEdge => ({
    id: `${source}->${target}`,
    source,
    target,
    label,
    kind,
  });
  return [
    edge('users', 'cloudfront', 'HTTPS :443'),
    edge('cloudfront', 'spa', 'Static files (OAC)'),
    edge('cloudfront', 'alb', https ? '/api/* HTTPS :443' : '/api/* HTTP :80'),
    edge('alb', 'eks-cluster', 'SG: ALB → pods :8080'),
    edge('eks-cluster', 'rds', 'SG: pods → RDS :5432'),
    ...NODE_GROUP_ROLES.flatMap(role =>
      nats.map(nat => edge(`node-group-${role}`, nat.id, 'Outbound', 'egress')),
    ),
    edge('eks-cluster', 'ecr', 'Images', 'uses'),
    edge('eks-cluster', 'secrets', 'IRSA', 'uses'),
    edge('eks-cluster', 'kms', 'Secrets key', 'uses'),
  ];
}

/**
 * The environment as the seed draws it: its parts in layers, each with its
 * live status and monthly cost from the views that loaded (the others say
 * why they are missing), and the arrows between them.
 */
export function buildArchitecture(
  inputs: ArchitectureInputs,
): ArchitectureModel {
  const parts = [...PART_BUILDERS, serviceParts].flatMap(build =>
    build(inputs),
  );
  return {
    layers: layersOf(inputs.environment.spec),
    parts,
    edges: edgesOf(inputs, parts),
    vpcLabel: `VPC ${inputs.environment.spec.network.vpcCidr} · ${plural(
      inputs.environment.spec.network.azCount,
      'AZ',
    )}`,
  };
}
