import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalNumber, NODE_GROUP_ROLE_LABEL } from '../templates';
import { asArray, properties, result } from './query';
import type { Check, TemplateQuery } from './query';

export const kubernetesVersion: Check = t => {
  const version = t.propertiesOf('AWS::EKS::Cluster').Version;
  return result(
    version === SEED_DEFAULTS.cluster.kubernetesVersion,
    `EKS cluster version ${version ?? 'none'}`,
  );
};

interface EncryptionConfig {
  Provider?: { KeyArn?: unknown };
  Resources?: unknown;
}

export const secretsKms: Check = t => {
  const cluster = t.first('AWS::EKS::Cluster');
  const config = asArray(properties(cluster).EncryptionConfig)[0] as
    | EncryptionConfig
    | undefined;
  const key = cluster && t.target(cluster, config?.Provider?.KeyArn);
  const secrets = asArray(config?.Resources).includes('secrets');
  return result(
    secrets && key?.Type === 'AWS::KMS::Key',
    `encryption of ${asArray(config?.Resources).join(', ') || 'nothing'} with ${
      key?.Type ?? 'no key'
    }${key?.Properties?.EnableKeyRotation ? ' (rotation on)' : ''}`,
  );
};

const ALL_LOG_TYPES = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
];

export const controlPlaneLogs: Check = t => {
  const logging = t.propertiesOf('AWS::EKS::Cluster').Logging;
  const types = (logging?.ClusterLogging?.EnabledTypes ?? []).map(x => x.Type);
  return result(
    ALL_LOG_TYPES.every(type => types.includes(type)),
    `control-plane log types to CloudWatch Logs: ${types.join(', ') || 'none'}`,
  );
};

function nodeGroup(t: TemplateQuery, role: string) {
  return t
    .all('AWS::EKS::Nodegroup')
    .find(group => group.properties.Labels?.[NODE_GROUP_ROLE_LABEL] === role);
}

function nodeGroupCheck(
  role: 'system' | 'application',
  expected: {
    instanceType: string;
    minSize: number;
    maxSize: number;
    desiredSize?: number;
  },
): Check {
  return t => {
    const group = nodeGroup(t, role);
    const types = asArray(properties(group).InstanceTypes);
    const scaling = properties(group).ScalingConfig ?? {};
    const [min, desired, max] = [
      scaling.MinSize,
      scaling.DesiredSize,
      scaling.MaxSize,
    ].map(literalNumber);
    return result(
      types.length === 1 &&
        types[0] === expected.instanceType &&
        min === expected.minSize &&
        max === expected.maxSize &&
        (expected.desiredSize === undefined ||
          desired === expected.desiredSize),
      group
        ? `${group.properties.NodegroupName}: ${types.join(
            ', ',
          )} min ${min} desired ${desired} max ${max}`
        : `no ${role} node group`,
    );
  };
}

export const systemNodeGroup: Check = nodeGroupCheck(
  'system',
  SEED_DEFAULTS.cluster.systemNodeGroup,
);

export const applicationNodeGroup: Check = nodeGroupCheck('application', {
  instanceType: SEED_DEFAULTS.cluster.applicationNodeGroup.instanceType,
  minSize: SEED_DEFAULTS.cluster.applicationNodeGroup.minSize,
  maxSize: SEED_DEFAULTS.cluster.applicationNodeGroup.maxSize,
});

export const hpa: Check = t => {
  const cluster = t.first('AWS::EKS::Cluster');
  const outputs = cluster?.stack.template.Outputs ?? {};
  const min = literalNumber(outputs.HpaMinReplicas?.Value);
  const max = literalNumber(outputs.HpaMaxReplicas?.Value);
  const metricsServer = t
    .all('AWS::EKS::Addon')
    .some(addon => addon.properties.AddonName === 'metrics-server');
  return result(
    metricsServer &&
      min === SEED_DEFAULTS.cluster.hpa.minReplicas &&
      max === SEED_DEFAULTS.cluster.hpa.maxReplicas,
    `metrics-server add-on ${
      metricsServer ? 'installed' : 'missing'
    }; HPA bounds for the API: ${min}-${max} pods`,
  );
};
