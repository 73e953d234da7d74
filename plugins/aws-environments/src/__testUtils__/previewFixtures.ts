import type { PreviewResponse } from '@innovate/plugin-aws-environments-common';

const checks: PreviewResponse['checks'] = {
  nag: {
    before: { passed: true, findings: 0, ruleIds: [] },
    after: { passed: true, findings: 0, ruleIds: [] },
  },
  seed: {
    before: { passed: true, passedClaims: 17, failedClaims: 0, failed: [] },
    after: {
      passed: false,
      passedClaims: 16,
      failedClaims: 1,
      failed: ['application-node-group'],
    },
  },
};

/** The application node group 2 → 4 on the seed: modify rows, +$121.47 a month. */
export const previewScaleOut: PreviewResponse = {
  changes: [
    {
      stack: 'innovate-prod-cluster',
      logicalId: 'ApplicationNodeGroup',
      type: 'AWS::EKS::Nodegroup',
      action: 'modify',
      stateful: false,
      properties: ['ScalingConfig'],
    },
    {
      stack: 'innovate-prod-observability',
      logicalId: 'NodeCpuAlarm',
      type: 'AWS::CloudWatch::Alarm',
      action: 'modify',
      stateful: false,
      properties: ['Threshold'],
    },
  ],
  cost: {
    currentUsd: 794.81,
    proposedUsd: 916.28,
    deltaUsd: 121.47,
    lines: [
      { id: 'eks-control-plane', currentUsd: 438, proposedUsd: 438 },
      {
        id: 'node-group-application',
        currentUsd: 121.47,
        proposedUsd: 242.94,
      },
    ],
  },
  checks,
  blocked: [],
  steps: [],
};

/** A VPC CIDR change: the VPC and the database replaced, blocked. */
export const previewVpcReplacement: PreviewResponse = {
  changes: [
    {
      stack: 'innovate-prod-network',
      logicalId: 'Vpc8378EB38',
      type: 'AWS::EC2::VPC',
      action: 'replace',
      stateful: true,
      properties: ['CidrBlock'],
    },
    {
      stack: 'innovate-prod-database',
      logicalId: 'DatabaseInstance',
      type: 'AWS::RDS::DBInstance',
      action: 'replace',
      stateful: true,
      properties: ['DBSubnetGroupName'],
    },
  ],
  cost: {
    currentUsd: 794.81,
    proposedUsd: 794.81,
    deltaUsd: 0,
    lines: [],
  },
  checks: {
    ...checks,
    seed: { ...checks.seed, after: checks.seed.before },
  },
  blocked: [
    {
      field: 'network.vpcCidr',
      reason:
        'Replaces Vpc8378EB38 (AWS::EC2::VPC) in stack innovate-prod-network: the VPC. Send "acceptDataLoss": ["Vpc8378EB38"] to go ahead anyway.',
    },
    {
      field: 'network.vpcCidr',
      reason:
        'Replaces DatabaseInstance (AWS::RDS::DBInstance) in stack innovate-prod-database: the database instance; its data is lost. Send "acceptDataLoss": ["DatabaseInstance"] to go ahead anyway.',
    },
  ],
  steps: [],
};
