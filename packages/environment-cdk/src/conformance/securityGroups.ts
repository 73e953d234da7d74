import { VPC_ORIGINS_SECURITY_GROUP_NAME } from '../constructs/EdgeVpcOriginAccess';
import { literalNumber } from '../templates';
import type { CfnResourceJson } from '../templates';
import { asArray, resourceKey, result } from './query';
import type { Check, ConformanceResource, TemplateQuery } from './query';
import type { ResourceType, SecurityGroupRuleProperties } from './resources';

const SEED_API_PORT = 8080;
const SEED_DATABASE_PORT = 5432;

interface SgRule {
  protocol: string;
  from?: number;
  to?: number;
  peer: string;
}

type Direction = 'in' | 'out';

function describeRule(rule: SgRule, names: Map<string, string>): string {
  const ports =
    rule.from === rule.to ? `${rule.from}` : `${rule.from}-${rule.to}`;
  return `${rule.protocol}/${ports} ${names.get(rule.peer) ?? rule.peer}`;
}

const describeRules = (rules: SgRule[], names: Map<string, string>) =>
  rules.map(r => describeRule(r, names)).join(', ') || 'none';

/** The peer of a rule from the CloudFront VPC origins' security group. */
const VPC_ORIGINS_PEER = 'CloudFront VPC origins SG';

/**
 * A custom resource that looks up CloudFront's VPC origins security group
 * (CloudFormation has no attribute for it; see `EdgeVpcOriginAccess`).
 */
function isVpcOriginsGroupLookup(resource: CfnResourceJson | undefined) {
  const call = JSON.stringify(resource?.Properties?.Create ?? '');
  return (
    resource?.Type === 'Custom::AWS' &&
    call.includes('describeSecurityGroups') &&
    call.includes(VPC_ORIGINS_SECURITY_GROUP_NAME)
  );
}

/**
 * The other side of a rule: CloudFront's VPC origins security group, a
 * security group, a prefix list or a CIDR.
 */
function peerOf(
  t: TemplateQuery,
  site: ConformanceResource<ResourceType>,
  rule: SecurityGroupRuleProperties,
  direction: Direction,
): string {
  const sgValue =
    direction === 'in'
      ? rule.SourceSecurityGroupId
      : rule.DestinationSecurityGroupId;
  if (sgValue && isVpcOriginsGroupLookup(t.target(site, sgValue))) {
    return VPC_ORIGINS_PEER;
  }
  const sg = sgValue ? t.keyOf(site, sgValue) : undefined;
  if (sg) {
    return sg;
  }
  const prefixList =
    direction === 'in' ? rule.SourcePrefixListId : rule.DestinationPrefixListId;
  if (prefixList) {
    return `prefix-list:${prefixList}`;
  }
  return `cidr:${rule.CidrIp ?? rule.CidrIpv6 ?? 'unknown'}`;
}

function toRule(
  t: TemplateQuery,
  site: ConformanceResource<ResourceType>,
  rule: SecurityGroupRuleProperties,
  direction: Direction,
): SgRule {
  return {
    protocol: String(rule.IpProtocol),
    from: literalNumber(rule.FromPort),
    to: literalNumber(rule.ToPort),
    peer: peerOf(t, site, rule, direction),
  };
}

/** Ingress and egress rules of every security group, inline or apart. */
function securityGroupRules(t: TemplateQuery) {
  const ingress = new Map<string, SgRule[]>();
  const egress = new Map<string, SgRule[]>();
  const push = (map: Map<string, SgRule[]>, sg: string, rule: SgRule) =>
    map.set(sg, [...(map.get(sg) ?? []), rule]);
  for (const sg of t.all('AWS::EC2::SecurityGroup')) {
    const key = resourceKey(sg);
    for (const rule of asArray(sg.properties.SecurityGroupIngress)) {
      push(
        ingress,
        key,
        toRule(t, sg, rule as SecurityGroupRuleProperties, 'in'),
      );
    }
    for (const rule of asArray(sg.properties.SecurityGroupEgress)) {
      const r = rule as SecurityGroupRuleProperties;
      // CDK's placeholder that stands for "no egress at all".
      if (r.CidrIp !== '255.255.255.255/32') {
        push(egress, key, toRule(t, sg, r, 'out'));
      }
    }
  }
  for (const [type, map, direction] of [
    ['AWS::EC2::SecurityGroupIngress', ingress, 'in'],
    ['AWS::EC2::SecurityGroupEgress', egress, 'out'],
  ] as const) {
    for (const rule of t.all(type)) {
      const group = t.keyOf(rule, rule.properties.GroupId);
      if (group) {
        push(map, group, toRule(t, rule, rule.properties, direction));
      }
    }
  }
  return { ingress, egress };
}

/** The keys of the security groups a list of template values references. */
function groupKeys(
  t: TemplateQuery,
  site: ConformanceResource<ResourceType> | undefined,
  values: unknown,
): string[] {
  return site
    ? asArray(values)
        .map(value => t.keyOf(site, value))
        .filter((key): key is string => !!key)
    : [];
}

/** The security groups of the ALB, the nodes and the database. */
function chainGroups(t: TemplateQuery) {
  const lb = t.first('AWS::ElasticLoadBalancingV2::LoadBalancer');
  const albSg = groupKeys(t, lb, lb?.properties.SecurityGroups);
  const db = t.first('AWS::RDS::DBInstance');
  const dbSg = groupKeys(t, db, db?.properties.VPCSecurityGroups);
  // The nodes' groups: those in the launch template that are security
  // group resources (the other one is the EKS-created cluster group).
  const nodeSg = t.all('AWS::EC2::LaunchTemplate').flatMap(lt =>
    asArray(lt.properties.LaunchTemplateData?.SecurityGroupIds)
      .filter(value => t.target(lt, value)?.Type === 'AWS::EC2::SecurityGroup')
      .map(value => t.keyOf(lt, value)!),
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

/** The rules of the groups, in one list. */
const rulesOf = (map: Map<string, SgRule[]>, groups: string[]) =>
  groups.flatMap(sg => map.get(sg) ?? []);

export const albToNodes: Check = t => {
  const { albSg, nodeSg, names } = chainGroups(t);
  const { ingress, egress } = securityGroupRules(t);
  const nodeIngress = rulesOf(ingress, nodeSg);
  const albEgress = rulesOf(egress, albSg);
  const passed =
    albSg.length === 1 &&
    nodeSg.length === 1 &&
    onlyRule(nodeIngress, { port: SEED_API_PORT, peers: albSg }) &&
    onlyRule(albEgress, { port: SEED_API_PORT, peers: nodeSg });
  return result(
    passed,
    `node SG ingress: ${describeRules(
      nodeIngress,
      names,
    )}; ALB SG egress: ${describeRules(albEgress, names)}`,
  );
};

export const nodesToDatabase: Check = t => {
  const { nodeSg, dbSg, names } = chainGroups(t);
  const { ingress } = securityGroupRules(t);
  const dbIngress = rulesOf(ingress, dbSg);
  const port = literalNumber(t.propertiesOf('AWS::RDS::DBInstance').Port);
  return result(
    dbSg.length === 1 &&
      port === SEED_DATABASE_PORT &&
      onlyRule(dbIngress, { port: SEED_DATABASE_PORT, peers: nodeSg }),
    `DB port ${port}; DB SG ingress: ${describeRules(dbIngress, names)}`,
  );
};

/**
 * The ALB is internal and admits only CloudFront's VPC origins security
 * group: no address range, so not the public origin-facing prefix list
 * (every customer's distributions) and not the internet.
 */
export const albBehindCloudFront: Check = t => {
  const lb = t.first('AWS::ElasticLoadBalancingV2::LoadBalancer');
  const { albSg } = chainGroups(t);
  const { ingress } = securityGroupRules(t);
  const rules = rulesOf(ingress, albSg);
  const scheme = String(lb?.properties.Scheme ?? 'internet-facing');
  return result(
    scheme === 'internal' &&
      rules.length > 0 &&
      rules.every(rule => rule.peer === VPC_ORIGINS_PEER),
    `ALB scheme ${scheme}; ALB SG ingress: ${
      rules.map(r => `${r.protocol}/${r.from} from ${r.peer}`).join(', ') ||
      'none'
    }`,
  );
};

export { SEED_API_PORT };
