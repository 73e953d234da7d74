import {
  ConformanceClaim,
  ConformanceReport,
  EnvironmentSpec,
  findSupportedRegion,
  IRSA_SERVICE_ACCOUNTS,
  SEED_DEFAULTS,
} from '@innovate/plugin-aws-environments-common';
import {
  EnvironmentStackTemplate,
  findResources,
  FoundResource,
  literalNumber,
  literalTrue,
  NODE_GROUP_ROLE_LABEL,
  referencedResource,
  resolveReference,
  ResourceReference,
  resourceKey,
} from './templates';

type Stacks = readonly EnvironmentStackTemplate[];
// `any`: CloudFormation JSON, read only along a few known property paths
// and compared with literals; a full type for each resource is not worth it.
type Json = Record<string, any>;
type Check = (stacks: Stacks, spec: EnvironmentSpec) => CheckResult;
interface CheckResult {
  passed: boolean;
  evidence: string;
}

/**
 * A claim of the seed and how to check it.
 *
 * @public
 */
export interface SeedClaimDefinition {
  id: string;
  title: string;
  seedText: string;
  check: Check;
}

const SEED_API_PORT = 8080;
const SEED_DATABASE_PORT = 5432;

const result = (passed: boolean, evidence: string): CheckResult => ({
  passed,
  evidence,
});

function props(resource: FoundResource | undefined) {
  return resource?.properties ?? {};
}

function one(stacks: Stacks, type: string): FoundResource | undefined {
  return findResources(stacks, type)[0];
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

// ---------------------------------------------------------------- network

type SubnetTier = 'public' | 'private' | 'isolated';

interface SubnetInfo {
  key: string;
  az: string;
  tier: SubnetTier;
  mapPublicIp: boolean;
  /** For private subnets: the NAT gateway their default route goes to. */
  natKey?: string;
}

function subnetsOf(stacks: Stacks): Map<string, SubnetInfo> {
  const routeTableOfSubnet = new Map<string, string>();
  for (const association of findResources(
    stacks,
    'AWS::EC2::SubnetRouteTableAssociation',
  )) {
    const subnet = resolveReference(
      stacks,
      association.stack,
      association.properties.SubnetId,
    );
    const table = resolveReference(
      stacks,
      association.stack,
      association.properties.RouteTableId,
    );
    if (subnet && table) {
      routeTableOfSubnet.set(resourceKey(subnet), resourceKey(table));
    }
  }
  const defaultRoutes = new Map<string, { nat?: string; igw?: string }>();
  for (const route of findResources(stacks, 'AWS::EC2::Route')) {
    if (route.properties.DestinationCidrBlock !== '0.0.0.0/0') {
      continue;
    }
    const table = resolveReference(
      stacks,
      route.stack,
      route.properties.RouteTableId,
    );
    const nat = resolveReference(
      stacks,
      route.stack,
      route.properties.NatGatewayId,
    );
    const igw = resolveReference(
      stacks,
      route.stack,
      route.properties.GatewayId,
    );
    if (table) {
      defaultRoutes.set(resourceKey(table), {
        nat: nat && resourceKey(nat),
        igw: igw && resourceKey(igw),
      });
    }
  }
  const subnets = new Map<string, SubnetInfo>();
  for (const subnet of findResources(stacks, 'AWS::EC2::Subnet')) {
    const key = resourceKey(subnet);
    const table = routeTableOfSubnet.get(key);
    const route = table ? defaultRoutes.get(table) : undefined;
    let tier: SubnetTier = 'isolated';
    if (route?.igw) {
      tier = 'public';
    } else if (route?.nat) {
      tier = 'private';
    }
    subnets.set(key, {
      key,
      az: String(subnet.properties.AvailabilityZone),
      tier,
      mapPublicIp: literalTrue(subnet.properties.MapPublicIpOnLaunch),
      natKey: route?.nat,
    });
  }
  return subnets;
}

function referencedSubnets(
  stacks: Stacks,
  owner: FoundResource,
  values: unknown,
): Array<SubnetInfo | undefined> {
  const subnets = subnetsOf(stacks);
  return asArray(values).map(value => {
    const reference = resolveReference(stacks, owner.stack, value);
    return reference ? subnets.get(resourceKey(reference)) : undefined;
  });
}

const checkVpcCidr: Check = stacks => {
  const vpcs = findResources(stacks, 'AWS::EC2::VPC');
  const cidrs = vpcs.map(vpc => String(vpc.properties.CidrBlock));
  return result(
    cidrs.length === 1 && cidrs[0] === SEED_DEFAULTS.network.vpcCidr,
    `VPC CIDR ${cidrs.join(', ') || 'none'}`,
  );
};

const checkThreeAzs: Check = stacks => {
  const subnets = [...subnetsOf(stacks).values()];
  const azs = new Set(subnets.map(subnet => subnet.az));
  const tiers: SubnetTier[] = ['public', 'private', 'isolated'];
  const perTier = tiers.map(tier => {
    const inTier = subnets.filter(subnet => subnet.tier === tier);
    return {
      tier,
      subnets: inTier.length,
      azs: new Set(inTier.map(s => s.az)).size,
    };
  });
  const expected = SEED_DEFAULTS.network.azCount;
  return result(
    azs.size === expected &&
      perTier.every(t => t.subnets === expected && t.azs === expected),
    `subnets in ${azs.size} AZs (${[...azs].join(', ')}); ${perTier
      .map(t => `${t.tier}: ${t.subnets} in ${t.azs} AZs`)
      .join(', ')}`,
  );
};

const checkNatPerAz: Check = stacks => {
  const subnets = subnetsOf(stacks);
  const nats = findResources(stacks, 'AWS::EC2::NatGateway').map(nat => {
    const subnet = resolveReference(stacks, nat.stack, nat.properties.SubnetId);
    return {
      key: resourceKey(nat),
      az: subnet && subnets.get(resourceKey(subnet))?.az,
    };
  });
  const azs = new Set([...subnets.values()].map(subnet => subnet.az));
  const natAzs = new Set(nats.map(nat => nat.az));
  const natAzByKey = new Map(nats.map(nat => [nat.key, nat.az]));
  const privateSubnets = [...subnets.values()].filter(
    s => s.tier === 'private',
  );
  const sameAz = privateSubnets.filter(
    subnet => subnet.natKey && natAzByKey.get(subnet.natKey) === subnet.az,
  );
  return result(
    nats.length === azs.size &&
      natAzs.size === azs.size &&
      sameAz.length === privateSubnets.length,
    `${nats.length} NAT gateways in ${natAzs.size} of ${azs.size} AZs; ${sameAz.length} of ${privateSubnets.length} private subnets route through the NAT gateway in their own AZ`,
  );
};

const checkNodesPrivate: Check = stacks => {
  const nodeGroups = findResources(stacks, 'AWS::EKS::Nodegroup');
  const subnets = nodeGroups.flatMap(group =>
    referencedSubnets(stacks, group, group.properties.Subnets),
  );
  const privateOnly = subnets.every(
    subnet => subnet?.tier === 'private' && !subnet.mapPublicIp,
  );
  const publicIps = findResources(stacks, 'AWS::EC2::LaunchTemplate').some(lt =>
    asArray(
      (lt.properties.LaunchTemplateData as Record<string, unknown> | undefined)
        ?.NetworkInterfaces,
    ).some(ni =>
      literalTrue((ni as Record<string, unknown>).AssociatePublicIpAddress),
    ),
  );
  return result(
    nodeGroups.length > 0 && subnets.length > 0 && privateOnly && !publicIps,
    `${nodeGroups.length} node groups over ${
      subnets.length
    } subnet placements: ${
      subnets.map(s => s?.tier ?? 'unknown').join(', ') || 'none'
    }; public IPs ${publicIps ? 'assigned' : 'not assigned'}`,
  );
};

const checkDatabaseIsolated: Check = stacks => {
  const instance = one(stacks, 'AWS::RDS::DBInstance');
  if (!instance) {
    return result(false, 'no RDS instance');
  }
  const group = resolveReference(
    stacks,
    instance.stack,
    instance.properties.DBSubnetGroupName,
  );
  const groupResource = group
    ? findResources([group.stack], 'AWS::RDS::DBSubnetGroup').find(
        g => g.logicalId === group.logicalId,
      )
    : undefined;
  const subnets = groupResource
    ? referencedSubnets(
        stacks,
        groupResource,
        groupResource.properties.SubnetIds,
      )
    : [];
  const isolated = subnets.every(subnet => subnet?.tier === 'isolated');
  const publicAccess = literalTrue(instance.properties.PubliclyAccessible);
  return result(
    subnets.length > 0 && isolated && !publicAccess,
    `DB subnet group: ${
      subnets.map(s => s?.tier ?? 'unknown').join(', ') || 'none'
    }; publicly accessible: ${publicAccess}`,
  );
};

// ------------------------------------------------------ security groups

interface SgRule {
  protocol: string;
  from?: number;
  to?: number;
  peer: string;
}

function describeRule(rule: SgRule, names: Map<string, string>): string {
  const ports =
    rule.from === rule.to ? `${rule.from}` : `${rule.from}-${rule.to}`;
  return `${rule.protocol}/${ports} ${names.get(rule.peer) ?? rule.peer}`;
}

function securityGroupRules(stacks: Stacks) {
  const ingress = new Map<string, SgRule[]>();
  const egress = new Map<string, SgRule[]>();
  const push = (map: Map<string, SgRule[]>, sg: string, rule: SgRule) =>
    map.set(sg, [...(map.get(sg) ?? []), rule]);
  const peerOf = (
    stack: EnvironmentStackTemplate,
    rule: Record<string, unknown>,
    direction: 'in' | 'out',
  ) => {
    const sgValue =
      direction === 'in'
        ? rule.SourceSecurityGroupId
        : rule.DestinationSecurityGroupId;
    const sg = sgValue ? resolveReference(stacks, stack, sgValue) : undefined;
    if (sg) {
      return resourceKey(sg);
    }
    const prefixList =
      direction === 'in'
        ? rule.SourcePrefixListId
        : rule.DestinationPrefixListId;
    if (prefixList) {
      return `prefix-list:${prefixList}`;
    }
    return `cidr:${rule.CidrIp ?? rule.CidrIpv6 ?? 'unknown'}`;
  };
  const toRule = (
    stack: EnvironmentStackTemplate,
    rule: Record<string, unknown>,
    direction: 'in' | 'out',
  ): SgRule => ({
    protocol: String(rule.IpProtocol),
    from: literalNumber(rule.FromPort),
    to: literalNumber(rule.ToPort),
    peer: peerOf(stack, rule, direction),
  });
  for (const sg of findResources(stacks, 'AWS::EC2::SecurityGroup')) {
    const key = resourceKey(sg);
    for (const rule of asArray(sg.properties.SecurityGroupIngress)) {
      push(
        ingress,
        key,
        toRule(sg.stack, rule as Record<string, unknown>, 'in'),
      );
    }
    for (const rule of asArray(sg.properties.SecurityGroupEgress)) {
      const r = rule as Record<string, unknown>;
      // CDK's placeholder that stands for "no egress at all".
      if (r.CidrIp !== '255.255.255.255/32') {
        push(egress, key, toRule(sg.stack, r, 'out'));
      }
    }
  }
  for (const [type, map, direction] of [
    ['AWS::EC2::SecurityGroupIngress', ingress, 'in'],
    ['AWS::EC2::SecurityGroupEgress', egress, 'out'],
  ] as const) {
    for (const rule of findResources(stacks, type)) {
      const group = resolveReference(
        stacks,
        rule.stack,
        rule.properties.GroupId,
      );
      if (group) {
        push(
          map,
          resourceKey(group),
          toRule(rule.stack, rule.properties, direction),
        );
      }
    }
  }
  return { ingress, egress };
}

/** The security groups of the ALB, the nodes and the database. */
function chainGroups(stacks: Stacks) {
  const lb = one(stacks, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const albSg = lb
    ? asArray(lb.properties.SecurityGroups)
        .map(value => resolveReference(stacks, lb.stack, value))
        .filter((r): r is ResourceReference => !!r)
        .map(resourceKey)
    : [];
  const db = one(stacks, 'AWS::RDS::DBInstance');
  const dbSg = db
    ? asArray(db.properties.VPCSecurityGroups)
        .map(value => resolveReference(stacks, db.stack, value))
        .filter((r): r is ResourceReference => !!r)
        .map(resourceKey)
    : [];
  // The nodes' groups: those in the launch template that are security
  // group resources (the other one is the EKS-created cluster group).
  const nodeSg = findResources(stacks, 'AWS::EC2::LaunchTemplate').flatMap(lt =>
    asArray(
      (lt.properties.LaunchTemplateData as Record<string, unknown> | undefined)
        ?.SecurityGroupIds,
    )
      .map(value => resolveReference(stacks, lt.stack, value))
      .filter(
        (r): r is ResourceReference =>
          !!r && referencedResource(r)?.Type === 'AWS::EC2::SecurityGroup',
      )
      .map(resourceKey),
  );
  const names = new Map<string, string>();
  albSg.forEach(key => names.set(key, 'ALB SG'));
  nodeSg.forEach(key => names.set(key, 'node SG'));
  dbSg.forEach(key => names.set(key, 'DB SG'));
  return { albSg, nodeSg, dbSg, names };
}

function onlyRule(
  rules: SgRule[] | undefined,
  expected: { port: number; peers: string[] },
) {
  return (
    rules !== undefined &&
    rules.length > 0 &&
    rules.every(
      rule =>
        rule.protocol === 'tcp' &&
        rule.from === expected.port &&
        rule.to === expected.port &&
        expected.peers.includes(rule.peer),
    )
  );
}

const checkAlbToNodes: Check = stacks => {
  const { albSg, nodeSg, names } = chainGroups(stacks);
  const { ingress, egress } = securityGroupRules(stacks);
  const nodeIngress = nodeSg.flatMap(sg => ingress.get(sg) ?? []);
  const albEgress = albSg.flatMap(sg => egress.get(sg) ?? []);
  const passed =
    albSg.length === 1 &&
    nodeSg.length === 1 &&
    onlyRule(nodeIngress, { port: SEED_API_PORT, peers: albSg }) &&
    onlyRule(albEgress, { port: SEED_API_PORT, peers: nodeSg });
  return result(
    passed,
    `node SG ingress: ${
      nodeIngress.map(r => describeRule(r, names)).join(', ') || 'none'
    }; ALB SG egress: ${
      albEgress.map(r => describeRule(r, names)).join(', ') || 'none'
    }`,
  );
};

const checkNodesToDatabase: Check = stacks => {
  const { nodeSg, dbSg, names } = chainGroups(stacks);
  const { ingress } = securityGroupRules(stacks);
  const dbIngress = dbSg.flatMap(sg => ingress.get(sg) ?? []);
  const port = literalNumber(props(one(stacks, 'AWS::RDS::DBInstance')).Port);
  return result(
    dbSg.length === 1 &&
      port === SEED_DATABASE_PORT &&
      onlyRule(dbIngress, { port: SEED_DATABASE_PORT, peers: nodeSg }),
    `DB port ${port}; DB SG ingress: ${
      dbIngress.map(r => describeRule(r, names)).join(', ') || 'none'
    }`,
  );
};

const checkAlbFromCloudFront: Check = (stacks, spec) => {
  const { albSg } = chainGroups(stacks);
  const { ingress } = securityGroupRules(stacks);
  const rules = albSg.flatMap(sg => ingress.get(sg) ?? []);
  const prefixList = findSupportedRegion(
    spec.region,
  )?.cloudFrontOriginFacingPrefixListId;
  return result(
    rules.length > 0 &&
      rules.every(rule => rule.peer === `prefix-list:${prefixList}`),
    `ALB SG ingress: ${
      rules.map(r => `${r.protocol}/${r.from} from ${r.peer}`).join(', ') ||
      'none'
    } (CloudFront origin-facing list in ${spec.region}: ${prefixList})`,
  );
};

// ----------------------------------------------------------------- edge

function distributionConfig(stacks: Stacks) {
  const distribution = one(stacks, 'AWS::CloudFront::Distribution');
  return {
    distribution,
    config: (distribution?.properties.DistributionConfig ?? {}) as Record<
      string,
      unknown
    >,
  };
}

function webAcl(stacks: Stacks) {
  const { distribution, config } = distributionConfig(stacks);
  if (!distribution) {
    return undefined;
  }
  const reference = resolveReference(
    stacks,
    distribution.stack,
    config.WebACLId,
  );
  return reference &&
    referencedResource(reference)?.Type === 'AWS::WAFv2::WebACL'
    ? findResources([reference.stack], 'AWS::WAFv2::WebACL').find(
        acl => acl.logicalId === reference.logicalId,
      )
    : undefined;
}

const checkWafOnCloudFront: Check = stacks => {
  const acl = webAcl(stacks);
  return result(
    acl?.properties.Scope === 'CLOUDFRONT',
    acl
      ? `distribution uses web ACL ${acl.properties.Name} (scope ${acl.properties.Scope}, stack ${acl.stack.stackName} in ${acl.stack.region})`
      : 'the distribution has no WAF web ACL',
  );
};

function aclRules(stacks: Stacks): Json[] {
  return asArray(webAcl(stacks)?.properties.Rules) as Json[];
}

const checkWafOwasp: Check = stacks => {
  const groups = aclRules(stacks).filter(
    rule => rule.Statement?.ManagedRuleGroupStatement,
  );
  // A rule group in count mode (`OverrideAction: { Count }`) blocks nothing.
  const describe = (rule: Json) =>
    `${rule.Statement.ManagedRuleGroupStatement.Name}${
      rule.OverrideAction?.None ? '' : ' (count only)'
    }`;
  return result(
    groups.some(
      rule =>
        rule.Statement.ManagedRuleGroupStatement.Name ===
          'AWSManagedRulesCommonRuleSet' && rule.OverrideAction?.None,
    ),
    `managed rule groups: ${groups.map(describe).join(', ') || 'none'}`,
  );
};

const checkWafRateLimit: Check = stacks => {
  const limits = aclRules(stacks).filter(
    rule => rule.Statement?.RateBasedStatement && rule.Action?.Block,
  );
  return result(
    limits.length > 0,
    limits.length > 0
      ? `rate-based rule ${limits[0].Name}: block above ${limits[0].Statement.RateBasedStatement.Limit} requests per 5 minutes per ${limits[0].Statement.RateBasedStatement.AggregateKeyType}`
      : 'no blocking rate-based rule',
  );
};

function origins(stacks: Stacks) {
  const { distribution, config } = distributionConfig(stacks);
  return asArray(config.Origins).map(value => {
    const origin = value as Record<string, unknown>;
    const target =
      distribution &&
      referencedResource(
        resolveReference(stacks, distribution.stack, origin.DomainName),
      );
    return { id: String(origin.Id), origin, targetType: target?.Type };
  });
}

const checkSpaOnS3: Check = stacks => {
  const { config } = distributionConfig(stacks);
  const defaultOrigin = origins(stacks).find(
    o =>
      o.id ===
      (config.DefaultCacheBehavior as Record<string, unknown> | undefined)
        ?.TargetOriginId,
  );
  const oac = Boolean(defaultOrigin?.origin.OriginAccessControlId);
  return result(
    defaultOrigin?.targetType === 'AWS::S3::Bucket' && oac,
    `default behavior → ${defaultOrigin?.targetType ?? 'no origin'}${
      oac ? ' through Origin Access Control' : ' without Origin Access Control'
    }`,
  );
};

const checkApiThroughAlb: Check = stacks => {
  const { config } = distributionConfig(stacks);
  const api = asArray(config.CacheBehaviors)
    .map(b => b as Record<string, unknown>)
    .find(b => String(b.PathPattern).startsWith('/api'));
  const apiOrigin = origins(stacks).find(o => o.id === api?.TargetOriginId);
  const listener = one(stacks, 'AWS::ElasticLoadBalancingV2::Listener');
  const forward = asArray(listener?.properties.DefaultActions)
    .map(a => a as Record<string, unknown>)
    .find(a => a.Type === 'forward');
  const targetGroup =
    listener &&
    referencedResource(
      resolveReference(stacks, listener.stack, forward?.TargetGroupArn),
    );
  const tg = targetGroup?.Properties ?? {};
  return result(
    apiOrigin?.targetType === 'AWS::ElasticLoadBalancingV2::LoadBalancer' &&
      tg.TargetType === 'ip' &&
      literalNumber(tg.Port) === SEED_API_PORT,
    `${api?.PathPattern ?? 'no API behavior'} → ${
      apiOrigin?.targetType ?? 'no origin'
    }; listener forwards to ${tg.TargetType ?? 'no'} targets on port ${
      tg.Port ?? '-'
    }`,
  );
};

// -------------------------------------------------------------- cluster

const checkKubernetesVersion: Check = stacks => {
  const version = props(one(stacks, 'AWS::EKS::Cluster')).Version;
  return result(
    version === SEED_DEFAULTS.cluster.kubernetesVersion,
    `EKS cluster version ${version ?? 'none'}`,
  );
};

const checkSecretsKms: Check = stacks => {
  const cluster = one(stacks, 'AWS::EKS::Cluster');
  const config = asArray(props(cluster).EncryptionConfig)[0] as
    | Json
    | undefined;
  const key =
    cluster &&
    referencedResource(
      resolveReference(stacks, cluster.stack, config?.Provider?.KeyArn),
    );
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

const checkControlPlaneLogs: Check = stacks => {
  const logging = props(one(stacks, 'AWS::EKS::Cluster')).Logging as
    | { ClusterLogging?: { EnabledTypes?: Array<{ Type: string }> } }
    | undefined;
  const types = (logging?.ClusterLogging?.EnabledTypes ?? []).map(t => t.Type);
  return result(
    ALL_LOG_TYPES.every(type => types.includes(type)),
    `control-plane log types to CloudWatch Logs: ${types.join(', ') || 'none'}`,
  );
};

function nodeGroup(stacks: Stacks, role: string) {
  return findResources(stacks, 'AWS::EKS::Nodegroup').find(
    group =>
      (group.properties.Labels as Record<string, string> | undefined)?.[
        NODE_GROUP_ROLE_LABEL
      ] === role,
  );
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
  return stacks => {
    const group = nodeGroup(stacks, role);
    const types = asArray(props(group).InstanceTypes);
    const scaling = (props(group).ScalingConfig ?? {}) as Record<
      string,
      unknown
    >;
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

function policyStatements(document: unknown): Json[] {
  return asArray((document as Json | undefined)?.Statement) as Json[];
}

function irsaRoles(stacks: Stacks) {
  const policies = findResources(
    stacks,
    'AWS::IAM::Policy',
    'AWS::IAM::ManagedPolicy',
  );
  return findResources(stacks, 'AWS::IAM::Role').map(role => {
    const webIdentity = policyStatements(
      role.properties.AssumeRolePolicyDocument,
    ).find(s => asArray(s.Action).includes('sts:AssumeRoleWithWebIdentity'));
    const provider = webIdentity
      ? referencedResource(
          resolveReference(
            stacks,
            role.stack,
            webIdentity.Principal?.Federated,
          ),
        )
      : undefined;
    const conditions = webIdentity
      ? referencedResource(
          resolveReference(
            stacks,
            role.stack,
            webIdentity.Condition?.StringEquals,
          ),
        )
      : undefined;
    const conditionText = JSON.stringify(conditions?.Properties?.Value ?? '');
    const subject = /system:serviceaccount:([^"\\]+)/.exec(conditionText)?.[1];
    // Every permission of the role: attached policies from any stack and
    // inline ones; AWS managed policies are listed apart.
    const attached = policies.filter(policy =>
      asArray(policy.properties.Roles).some(value => {
        const reference = resolveReference(stacks, policy.stack, value);
        return reference && resourceKey(reference) === resourceKey(role);
      }),
    );
    const statements = [
      ...attached.flatMap(policy =>
        policyStatements(policy.properties.PolicyDocument),
      ),
      ...asArray(role.properties.Policies).flatMap(policy =>
        policyStatements((policy as Json).PolicyDocument),
      ),
    ];
    return {
      role,
      oidc: provider?.Type === 'AWS::IAM::OIDCProvider',
      subject,
      statements,
      managedPolicies: asArray(role.properties.ManagedPolicyArns),
    };
  });
}

const checkIrsaApi: Check = stacks => {
  const { namespace, name } = IRSA_SERVICE_ACCOUNTS.api;
  const api = irsaRoles(stacks).find(r => r.subject === `${namespace}:${name}`);
  if (!api) {
    return result(
      false,
      `no IRSA role for service account ${namespace}/${name}`,
    );
  }
  const actions = api.statements.flatMap(s => asArray(s.Action)).sort();
  const targets = api.statements.flatMap(s =>
    asArray(s.Resource).map(resource =>
      resolveReference(stacks, api.role.stack, resource),
    ),
  );
  const onlySecret =
    targets.length > 0 &&
    targets.every(
      t =>
        referencedResource(t)?.Type === 'AWS::RDS::DBInstance' &&
        t?.attribute === 'MasterUserSecret.SecretArn',
    );
  return result(
    api.oidc &&
      api.managedPolicies.length === 0 &&
      JSON.stringify(actions) ===
        JSON.stringify([
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ]) &&
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

const checkClusterAutoscaler: Check = stacks => {
  const { namespace, name } = IRSA_SERVICE_ACCOUNTS.clusterAutoscaler;
  const role = irsaRoles(stacks).find(
    r => r.subject === `${namespace}:${name}`,
  );
  const clusterName = props(one(stacks, 'AWS::EKS::Cluster')).Name;
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

const checkHpa: Check = stacks => {
  const cluster = findResources(stacks, 'AWS::EKS::Cluster')[0];
  const outputs = cluster?.stack.template.Outputs ?? {};
  const min = literalNumber(outputs.HpaMinReplicas?.Value);
  const max = literalNumber(outputs.HpaMaxReplicas?.Value);
  const metricsServer = findResources(stacks, 'AWS::EKS::Addon').some(
    addon => addon.properties.AddonName === 'metrics-server',
  );
  return result(
    metricsServer &&
      min === SEED_DEFAULTS.cluster.hpa.minReplicas &&
      max === SEED_DEFAULTS.cluster.hpa.maxReplicas,
    `metrics-server add-on ${
      metricsServer ? 'installed' : 'missing'
    }; HPA bounds for the API: ${min}-${max} pods`,
  );
};

// ------------------------------------------------------------- database

function dbProps(stacks: Stacks) {
  return props(one(stacks, 'AWS::RDS::DBInstance'));
}

const checkRdsEngine: Check = stacks => {
  const { Engine, EngineVersion } = dbProps(stacks);
  return result(
    Engine === 'postgres' &&
      String(EngineVersion).split('.')[0] ===
        SEED_DEFAULTS.database.engineVersion,
    `engine ${Engine} ${EngineVersion}`,
  );
};

const checkRdsClass: Check = stacks => {
  const { DBInstanceClass } = dbProps(stacks);
  return result(
    DBInstanceClass === SEED_DEFAULTS.database.instanceClass,
    `instance class ${DBInstanceClass}`,
  );
};

const checkRdsStorage: Check = stacks => {
  const { AllocatedStorage, StorageType } = dbProps(stacks);
  return result(
    literalNumber(AllocatedStorage) ===
      SEED_DEFAULTS.database.allocatedStorageGb &&
      StorageType === SEED_DEFAULTS.database.storageType,
    `${AllocatedStorage} GB ${StorageType}`,
  );
};

const checkRdsEncryption: Check = stacks => {
  const instance = one(stacks, 'AWS::RDS::DBInstance');
  const key =
    instance &&
    referencedResource(
      resolveReference(stacks, instance.stack, instance.properties.KmsKeyId),
    );
  return result(
    props(instance).StorageEncrypted === true && key?.Type === 'AWS::KMS::Key',
    `storage encrypted: ${props(instance).StorageEncrypted === true}; key: ${
      key?.Type ?? 'AWS managed or none'
    }`,
  );
};

const checkRdsSingleAz: Check = stacks => {
  const multiAz = literalTrue(dbProps(stacks).MultiAZ);
  return result(!multiAz, multiAz ? 'Multi-AZ' : 'single-AZ');
};

const checkRdsBackups: Check = stacks => {
  const days = literalNumber(dbProps(stacks).BackupRetentionPeriod);
  return result(
    days === SEED_DEFAULTS.database.backupRetentionDays,
    `automated backups kept ${days ?? 0} days`,
  );
};

const checkRdsPitr: Check = stacks => {
  const days = literalNumber(dbProps(stacks).BackupRetentionPeriod) ?? 0;
  return result(
    days >= 1,
    days >= 1
      ? `automated backups on (${days} days): restorable to any second in that window`
      : 'automated backups off: no point-in-time recovery',
  );
};

const checkDbCredentials: Check = stacks => {
  const { ManageMasterUserPassword, MasterUserPassword } = dbProps(stacks);
  return result(
    ManageMasterUserPassword === true && MasterUserPassword === undefined,
    ManageMasterUserPassword === true
      ? 'master credentials generated and rotated by RDS in Secrets Manager'
      : 'master credentials not managed in Secrets Manager',
  );
};

// ------------------------------------------------------- observability

interface AlarmInfo {
  alarm: FoundResource;
  metricNames: string[];
}

function alarms(stacks: Stacks): AlarmInfo[] {
  return findResources(stacks, 'AWS::CloudWatch::Alarm').map(alarm => {
    const metricNames = [
      alarm.properties.MetricName,
      ...asArray(alarm.properties.Metrics).map(
        m => (m as Json).MetricStat?.Metric?.MetricName,
      ),
    ].filter(Boolean) as string[];
    return { alarm, metricNames };
  });
}

/** What an alarm must watch: the resource its metrics' dimension names. */
interface AlarmTarget {
  dimension: string;
  type: string;
  /** Property of the resource that the dimension may name literally. */
  nameProperty?: string;
}

function dimensionValues(alarm: FoundResource, dimension: string): unknown[] {
  const metrics = asArray(alarm.properties.Metrics).map(
    m => (m as Json).MetricStat?.Metric ?? {},
  );
  return [alarm.properties, ...metrics]
    .flatMap(metric => asArray((metric as Json).Dimensions) as Json[])
    .filter(d => d.Name === dimension)
    .map(d => d.Value);
}

/** Whether every metric of the alarm is about the target resource. */
function watches(stacks: Stacks, alarm: FoundResource, target: AlarmTarget) {
  const resource = one(stacks, target.type);
  const values = dimensionValues(alarm, target.dimension);
  return (
    resource !== undefined &&
    values.length > 0 &&
    values.every(value => {
      const reference = resolveReference(stacks, alarm.stack, value);
      return reference
        ? resourceKey(reference) === resourceKey(resource)
        : target.nameProperty !== undefined &&
            value === resource.properties[target.nameProperty];
    })
  );
}

const ALB_TARGET: AlarmTarget = {
  dimension: 'LoadBalancer',
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
};
const CLUSTER_TARGET: AlarmTarget = {
  dimension: 'ClusterName',
  type: 'AWS::EKS::Cluster',
  nameProperty: 'Name',
};
const DATABASE_TARGET: AlarmTarget = {
  dimension: 'DBInstanceIdentifier',
  type: 'AWS::RDS::DBInstance',
  nameProperty: 'DBInstanceIdentifier',
};

function alarmCheck(
  description: string,
  matches: (a: AlarmInfo) => boolean,
  threshold: number,
  target: AlarmTarget,
): Check {
  return stacks => {
    const found = alarms(stacks).find(matches);
    const p = props(found?.alarm);
    const onTarget =
      found !== undefined && watches(stacks, found.alarm, target);
    return result(
      onTarget &&
        literalNumber(p.Threshold) === threshold &&
        p.ComparisonOperator === 'GreaterThanThreshold',
      found
        ? `${p.AlarmName}: ${found.metricNames.join(', ')} ${
            p.ComparisonOperator
          } ${p.Threshold}, on ${
            onTarget ? `the environment's ${target.type}` : 'another resource'
          }`
        : `no ${description} alarm`,
    );
  };
}

/** A 5xx rate: the returned expression divides the 5xx count by requests. */
function isErrorRate({ alarm, metricNames }: AlarmInfo): boolean {
  const metrics = asArray(alarm.properties.Metrics) as Json[];
  const idOf = (metricName: string) =>
    metrics.find(m => m.MetricStat?.Metric?.MetricName === metricName)?.Id;
  const errors = idOf('HTTPCode_Target_5XX_Count');
  const requests = idOf('RequestCount');
  const expression = String(
    metrics.find(m => m.Expression && m.ReturnData !== false)?.Expression ?? '',
  );
  // Metric ids match ^[a-z][a-zA-Z0-9_]*$: safe inside a pattern.
  return (
    metricNames.includes('HTTPCode_Target_5XX_Count') &&
    errors !== undefined &&
    requests !== undefined &&
    new RegExp(`\\b${errors}\\b`).test(expression) &&
    new RegExp(`/\\s*${requests}\\b`).test(expression)
  );
}

/** Whether a policy statement lets a service principal run an action. */
function allows(statement: Json, service: string, action: string): boolean {
  const [prefix] = action.split(':');
  return (
    statement.Effect === 'Allow' &&
    asArray(statement.Principal?.Service).includes(service) &&
    asArray(statement.Action).some(
      a => a === action || a === `${prefix}:*` || a === '*',
    )
  );
}

/**
 * Whether CloudWatch may publish to the topic: SNS's default policy lets the
 * account's alarms publish, a topic policy must say so itself; a topic
 * encrypted with a customer managed key needs the key to allow CloudWatch.
 */
function cloudWatchMayPublish(
  stacks: Stacks,
  topic: ResourceReference,
): boolean {
  const topicPolicies = findResources(stacks, 'AWS::SNS::TopicPolicy').filter(
    policy =>
      asArray(policy.properties.Topics).some(value => {
        const reference = resolveReference(stacks, policy.stack, value);
        return reference && resourceKey(reference) === resourceKey(topic);
      }),
  );
  const publish =
    topicPolicies.length === 0 ||
    topicPolicies.some(policy =>
      policyStatements(policy.properties.PolicyDocument).some(s =>
        allows(s, 'cloudwatch.amazonaws.com', 'sns:Publish'),
      ),
    );
  const keyId = referencedResource(topic)?.Properties?.KmsMasterKeyId;
  if (keyId === undefined) {
    return publish;
  }
  const key = referencedResource(resolveReference(stacks, topic.stack, keyId));
  const keyStatements = policyStatements(key?.Properties?.KeyPolicy);
  return (
    publish &&
    ['kms:Decrypt', 'kms:GenerateDataKey*'].every(action =>
      keyStatements.some(s => allows(s, 'cloudwatch.amazonaws.com', action)),
    )
  );
}

const checkAlarmsToSns: Check = stacks => {
  const all = alarms(stacks);
  const notifying = all.filter(({ alarm }) => {
    const actions = asArray(alarm.properties.AlarmActions).map(action =>
      resolveReference(stacks, alarm.stack, action),
    );
    return (
      actions.length > 0 &&
      actions.every(
        action =>
          action !== undefined &&
          referencedResource(action)?.Type === 'AWS::SNS::Topic' &&
          cloudWatchMayPublish(stacks, action),
      )
    );
  });
  return result(
    all.length > 0 && notifying.length === all.length,
    `${notifying.length} of ${all.length} alarms notify an SNS topic that CloudWatch may publish to`,
  );
};

const checkCloudTrail: Check = stacks => {
  const trail = props(one(stacks, 'AWS::CloudTrail::Trail'));
  return result(
    trail.IsLogging === true && trail.IsMultiRegionTrail === true,
    trail.TrailName
      ? `trail ${trail.TrailName}: logging ${trail.IsLogging}, multi-region ${trail.IsMultiRegionTrail}, log file validation ${trail.EnableLogFileValidation}`
      : 'no CloudTrail trail',
  );
};

const checkGuardDuty: Check = stacks => {
  const detector = one(stacks, 'AWS::GuardDuty::Detector');
  return result(
    props(detector).Enable === true,
    detector
      ? `detector enabled: ${props(detector).Enable}`
      : 'no GuardDuty detector',
  );
};

const checkBudget: Check = stacks => {
  const budget = props(one(stacks, 'AWS::Budgets::Budget'));
  const definition = (budget.Budget ?? {}) as Json;
  const notifications = asArray(budget.NotificationsWithSubscribers) as Json[];
  const has = (type: string, threshold: number) =>
    notifications.some(
      ({ Notification: n, Subscribers }) =>
        n?.NotificationType === type &&
        literalNumber(n.Threshold) === threshold &&
        // Budgets reads a threshold without a type as a percentage.
        (n.ThresholdType ?? 'PERCENTAGE') === 'PERCENTAGE' &&
        n.ComparisonOperator === 'GREATER_THAN' &&
        asArray(Subscribers).length > 0,
    );
  const amount = literalNumber(definition.BudgetLimit?.Amount);
  return result(
    amount === SEED_DEFAULTS.budget.monthlyUsd &&
      definition.TimeUnit === 'MONTHLY' &&
      has('ACTUAL', 80) &&
      has('FORECASTED', 100),
    `monthly budget $${amount ?? 'none'}; alerts: ${
      notifications
        .map(
          ({ Notification: n, Subscribers }) =>
            `${n?.NotificationType} > ${n?.Threshold}${
              (n?.ThresholdType ?? 'PERCENTAGE') === 'PERCENTAGE'
                ? ' %'
                : ' USD'
            } to ${asArray(Subscribers).length} subscriber(s)`,
        )
        .join(', ') || 'none'
    }`,
  );
};

// ------------------------------------------------------------- accounts

const MANAGEMENT_ROLES = ['registry', 'budget'];

const checkTwoAccounts: Check = stacks => {
  const management = new Set(
    stacks.filter(s => MANAGEMENT_ROLES.includes(s.id)).map(s => s.account),
  );
  const workloads = new Set(
    stacks.filter(s => !MANAGEMENT_ROLES.includes(s.id)).map(s => s.account),
  );
  const passed =
    management.size === 1 &&
    workloads.size === 1 &&
    [...management][0] !== [...workloads][0];
  return result(
    passed,
    `management (registry, budget): ${[...management].join(
      ', ',
    )}; workloads (everything else): ${[...workloads].join(', ')}`,
  );
};

const checkEcr: Check = (stacks, spec) => {
  const repository = one(stacks, 'AWS::ECR::Repository');
  const scan =
    (
      props(repository).ImageScanningConfiguration as
        | Record<string, unknown>
        | undefined
    )?.ScanOnPush === true;
  const immutable = props(repository).ImageTagMutability === 'IMMUTABLE';
  return result(
    Boolean(repository) &&
      repository!.stack.account === spec.accounts.management &&
      scan &&
      immutable,
    repository
      ? `repository ${repository.properties.RepositoryName} in account ${repository.stack.account}; scan on push ${scan}; immutable tags ${immutable}`
      : 'no ECR repository',
  );
};

const checkFlowLogs: Check = stacks => {
  const logs = findResources(stacks, 'AWS::EC2::FlowLog');
  const vpcLog = logs.find(
    log =>
      log.properties.ResourceType === 'VPC' &&
      referencedResource(
        resolveReference(stacks, log.stack, log.properties.ResourceId),
      )?.Type === 'AWS::EC2::VPC',
  );
  return result(
    vpcLog?.properties.TrafficType === 'ALL',
    vpcLog
      ? `flow log on the VPC: ${vpcLog.properties.TrafficType} traffic to ${
          vpcLog.properties.LogDestinationType ?? 'cloud-watch-logs'
        }`
      : 'no VPC flow log',
  );
};

const { alarms: seedAlarms } = SEED_DEFAULTS;

/**
 * Every concrete claim of the seed architecture that a template can show,
 * with the seed's own words. Claims about process (manual snapshots, CI,
 * ArgoCD) or inside the cluster (RBAC, network policies) are not here; the
 * README lists them.
 *
 * @public
 */
export const SEED_CLAIMS: readonly SeedClaimDefinition[] = [
  {
    id: 'two-accounts',
    title: 'Management and workloads stacks are in two different accounts',
    seedText:
      '2 AWS Accounts: Management (Billing, Organizations, CI/CD, ECR, shared tooling) and Workloads (EKS cluster, RDS, application infrastructure)',
    check: checkTwoAccounts,
  },
  {
    id: 'vpc-cidr',
    title: 'The VPC is 10.0.0.0/16',
    seedText: 'VPC: 10.0.0.0/16',
    check: checkVpcCidr,
  },
  {
    id: 'three-azs',
    title: 'Public, private and isolated subnets in 3 AZs',
    seedText: '3 Availability Zones for high availability',
    check: checkThreeAzs,
  },
  {
    id: 'nat-per-az',
    title: 'One NAT gateway per AZ, each private subnet using its own AZ’s',
    seedText: 'NAT Gateway per AZ for outbound traffic',
    check: checkNatPerAz,
  },
  {
    id: 'nodes-private',
    title: 'Node groups only in private subnets, without public IPs',
    seedText: 'EKS nodes in private subnets (no public IPs)',
    check: checkNodesPrivate,
  },
  {
    id: 'database-isolated',
    title: 'The database is in isolated subnets and not publicly accessible',
    seedText: 'Database in isolated subnet',
    check: checkDatabaseIsolated,
  },
  {
    id: 'sg-alb-to-nodes',
    title: 'Nodes admit only the ALB, on port 8080',
    seedText: 'Security Groups: ALB → EKS (port 8080) → RDS (port 5432)',
    check: checkAlbToNodes,
  },
  {
    id: 'sg-nodes-to-database',
    title: 'The database admits only the nodes, on port 5432',
    seedText: 'Security Groups: ALB → EKS (port 8080) → RDS (port 5432)',
    check: checkNodesToDatabase,
  },
  {
    id: 'alb-behind-cloudfront',
    title: 'The ALB admits only CloudFront',
    seedText:
      'Users → Route 53 → CloudFront (CDN + WAF); API requests → ALB → EKS → RDS',
    check: checkAlbFromCloudFront,
  },
  {
    id: 'waf-on-cloudfront',
    title: 'A WAF web ACL protects the CloudFront distribution',
    seedText: 'AWS WAF on CloudFront (OWASP rules, rate limiting)',
    check: checkWafOnCloudFront,
  },
  {
    id: 'waf-owasp-rules',
    title: 'The web ACL runs the AWS managed core (OWASP) rule set',
    seedText: 'AWS WAF on CloudFront (OWASP rules, rate limiting)',
    check: checkWafOwasp,
  },
  {
    id: 'waf-rate-limit',
    title: 'The web ACL blocks clients above a request rate',
    seedText: 'AWS WAF on CloudFront (OWASP rules, rate limiting)',
    check: checkWafRateLimit,
  },
  {
    id: 'spa-on-s3',
    title: 'CloudFront serves the SPA from S3 through Origin Access Control',
    seedText: 'Static content → S3 (React SPA)',
    check: checkSpaOnS3,
  },
  {
    id: 'api-through-alb',
    title: 'CloudFront sends /api/* to the ALB, which forwards to pods on 8080',
    seedText: 'API requests → ALB → EKS → RDS',
    check: checkApiThroughAlb,
  },
  {
    id: 'flow-logs',
    title: 'VPC flow logs capture all traffic',
    seedText: 'VPC Flow Logs enabled',
    check: checkFlowLogs,
  },
  {
    id: 'kubernetes-version',
    title: 'EKS runs Kubernetes 1.33',
    seedText: 'Kubernetes 1.33 (AWS managed control plane)',
    check: checkKubernetesVersion,
  },
  {
    id: 'eks-secrets-kms',
    title: 'Kubernetes secrets are encrypted with a KMS key',
    seedText: 'Secrets encrypted with KMS',
    check: checkSecretsKms,
  },
  {
    id: 'eks-logs',
    title: 'All control-plane logs go to CloudWatch Logs',
    seedText: 'Logs to CloudWatch',
    check: checkControlPlaneLogs,
  },
  {
    id: 'system-node-group',
    title: 'System node group: t3.medium, 2 to 3 nodes',
    seedText: 'System | t3.medium | 2-3 fixed | Cluster add-ons, ingress',
    check: nodeGroupCheck('system', SEED_DEFAULTS.cluster.systemNodeGroup),
  },
  {
    id: 'application-node-group',
    title: 'Application node group: t3.large, 2 to 20 nodes',
    seedText: 'Application | t3.large | 2-20 auto | Flask API workloads',
    check: nodeGroupCheck('application', {
      instanceType: SEED_DEFAULTS.cluster.applicationNodeGroup.instanceType,
      minSize: SEED_DEFAULTS.cluster.applicationNodeGroup.minSize,
      maxSize: SEED_DEFAULTS.cluster.applicationNodeGroup.maxSize,
    }),
  },
  {
    id: 'hpa',
    title: 'metrics-server for the HPA; HPA bounds 2 to 100 pods',
    seedText:
      'HPA (Horizontal Pod Autoscaler): Scales pods based on CPU/memory (2-100 pods)',
    check: checkHpa,
  },
  {
    id: 'cluster-autoscaler',
    title: 'The Cluster Autoscaler may resize only this cluster’s node groups',
    seedText: "Cluster Autoscaler: Scales nodes when pods can't be scheduled",
    check: checkClusterAutoscaler,
  },
  {
    id: 'irsa-api',
    title:
      'The API pods assume an IAM role (IRSA) that can only read the database secret',
    seedText:
      'IRSA (IAM Roles for Service Accounts) - pods assume IAM roles, no stored credentials',
    check: checkIrsaApi,
  },
  {
    id: 'database-credentials',
    title: 'Database credentials live in Secrets Manager',
    seedText: 'AWS Secrets Manager for database credentials',
    check: checkDbCredentials,
  },
  {
    id: 'rds-engine',
    title: 'RDS runs PostgreSQL 15',
    seedText: 'PostgreSQL 15, db.t3.medium instance',
    check: checkRdsEngine,
  },
  {
    id: 'rds-instance-class',
    title: 'RDS instance class db.t3.medium',
    seedText: 'PostgreSQL 15, db.t3.medium instance',
    check: checkRdsClass,
  },
  {
    id: 'rds-storage',
    title: 'RDS storage 100 GB gp3',
    seedText: '100GB gp3 SSD storage',
    check: checkRdsStorage,
  },
  {
    id: 'rds-encryption',
    title: 'RDS storage is encrypted with a KMS key',
    seedText: 'Encryption at rest (KMS)',
    check: checkRdsEncryption,
  },
  {
    id: 'rds-single-az',
    title: 'RDS starts single-AZ',
    seedText: 'Single-AZ initially (Multi-AZ when HA needed)',
    check: checkRdsSingleAz,
  },
  {
    id: 'rds-backups',
    title: 'Automated backups are kept 14 days',
    seedText: 'Automated daily backups (14-day retention)',
    check: checkRdsBackups,
  },
  {
    id: 'rds-pitr',
    title: 'Point-in-time recovery is available',
    seedText: 'Point-in-time recovery enabled',
    check: checkRdsPitr,
  },
  {
    id: 'ecr',
    title: 'ECR in the management account, scan on push, immutable tags',
    seedText: 'Management | Billing, Organizations, CI/CD, ECR, shared tooling',
    check: checkEcr,
  },
  {
    id: 'alarm-error-rate',
    title: `Alarm on API error rate above ${seedAlarms.errorRatePercent} %`,
    seedText: 'Key Alerts: Error rate >1%',
    check: alarmCheck(
      'error rate',
      isErrorRate,
      seedAlarms.errorRatePercent,
      ALB_TARGET,
    ),
  },
  {
    id: 'alarm-p99-latency',
    title: `Alarm on API p99 latency above ${seedAlarms.p99LatencySeconds} s`,
    seedText: 'Key Alerts: latency p99 >2s',
    check: alarmCheck(
      'p99 latency',
      a =>
        a.metricNames.includes('TargetResponseTime') &&
        a.alarm.properties.ExtendedStatistic === 'p99',
      seedAlarms.p99LatencySeconds,
      ALB_TARGET,
    ),
  },
  {
    id: 'alarm-node-cpu',
    title: `Alarm on node CPU above ${seedAlarms.nodeCpuPercent} %`,
    seedText: 'Key Alerts: CPU/memory >80%',
    check: alarmCheck(
      'node CPU',
      a => a.metricNames.includes('node_cpu_utilization'),
      seedAlarms.nodeCpuPercent,
      CLUSTER_TARGET,
    ),
  },
  {
    id: 'alarm-node-memory',
    title: `Alarm on node memory above ${seedAlarms.nodeMemoryPercent} %`,
    seedText: 'Key Alerts: CPU/memory >80%',
    check: alarmCheck(
      'node memory',
      a => a.metricNames.includes('node_memory_utilization'),
      seedAlarms.nodeMemoryPercent,
      CLUSTER_TARGET,
    ),
  },
  {
    id: 'alarm-database-cpu',
    title: `Alarm on database CPU above ${seedAlarms.databaseCpuPercent} %`,
    seedText: 'Key Alerts: CPU/memory >80%',
    check: alarmCheck(
      'database CPU',
      a =>
        a.metricNames.includes('CPUUtilization') &&
        a.alarm.properties.Namespace === 'AWS/RDS',
      seedAlarms.databaseCpuPercent,
      DATABASE_TARGET,
    ),
  },
  {
    id: 'alarms-to-sns',
    title: 'Every alarm notifies an SNS topic',
    seedText: 'Alerting | CloudWatch Alarms → SNS',
    check: checkAlarmsToSns,
  },
  {
    id: 'cloudtrail',
    title: 'A multi-region CloudTrail trail is logging',
    seedText: 'Monitoring | CloudTrail, GuardDuty, VPC Flow Logs',
    check: checkCloudTrail,
  },
  {
    id: 'guardduty',
    title: 'GuardDuty is enabled',
    seedText: 'Monitoring | CloudTrail, GuardDuty, VPC Flow Logs',
    check: checkGuardDuty,
  },
  {
    id: 'budget',
    title: 'A $430 monthly budget alerts at 80 % actual and 100 % forecast',
    seedText: 'Total ~$430/month',
    check: checkBudget,
  },
];

/**
 * Checks every seed claim against an environment's synthesized templates.
 * A claim passes only when the templates show it; each result carries the
 * evidence, so a failing claim says what the templates show instead.
 *
 * @public
 */
export function checkConformance(
  spec: EnvironmentSpec,
  stacks: readonly EnvironmentStackTemplate[],
): ConformanceReport {
  const claims: ConformanceClaim[] = SEED_CLAIMS.map(claim => {
    let outcome: CheckResult;
    try {
      outcome = claim.check(stacks, spec);
    } catch (error) {
      outcome = result(false, `check failed: ${(error as Error).message}`);
    }
    return {
      id: claim.id,
      title: claim.title,
      seedText: claim.seedText,
      passed: outcome.passed,
      evidence: outcome.evidence,
    };
  });
  const passed = claims.filter(claim => claim.passed).length;
  return {
    passed: passed === claims.length,
    claims,
    summary: { passed, failed: claims.length - passed },
  };
}
