import { SEED_DEFAULTS } from '@innovate/plugin-aws-environments-common';
import { literalTrue } from '../templates';
import { asArray, resourceKey, result } from './query';
import type { Check, ConformanceResource, TemplateQuery } from './query';
import type { ResourceType } from './resources';

type SubnetTier = 'public' | 'private' | 'isolated';

interface SubnetInfo {
  key: string;
  az: string;
  tier: SubnetTier;
  mapPublicIp: boolean;
  /** For private subnets: the NAT gateway their default route goes to. */
  natKey?: string;
}

/** Route table of each subnet, by resource key. */
function routeTableOfSubnet(t: TemplateQuery): Map<string, string> {
  const tables = new Map<string, string>();
  for (const association of t.all('AWS::EC2::SubnetRouteTableAssociation')) {
    const subnet = t.keyOf(association, association.properties.SubnetId);
    const table = t.keyOf(association, association.properties.RouteTableId);
    if (subnet && table) {
      tables.set(subnet, table);
    }
  }
  return tables;
}

/** Where the default route (`0.0.0.0/0`) of each route table goes. */
function defaultRoutes(t: TemplateQuery) {
  const routes = new Map<string, { nat?: string; igw?: string }>();
  for (const route of t.all('AWS::EC2::Route')) {
    if (route.properties.DestinationCidrBlock !== '0.0.0.0/0') {
      continue;
    }
    const table = t.keyOf(route, route.properties.RouteTableId);
    const nat = t.keyOf(route, route.properties.NatGatewayId);
    const igw = t.keyOf(route, route.properties.GatewayId);
    if (table) {
      routes.set(table, { nat, igw });
    }
  }
  return routes;
}

/** Every subnet with its AZ and its tier, told by its default route. */
function subnetsOf(t: TemplateQuery): Map<string, SubnetInfo> {
  const tables = routeTableOfSubnet(t);
  const routes = defaultRoutes(t);
  const subnets = new Map<string, SubnetInfo>();
  for (const subnet of t.all('AWS::EC2::Subnet')) {
    const key = resourceKey(subnet);
    const table = tables.get(key);
    const route = table ? routes.get(table) : undefined;
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

function referencedSubnets<T extends ResourceType>(
  t: TemplateQuery,
  owner: ConformanceResource<T>,
  values: unknown,
): Array<SubnetInfo | undefined> {
  const subnets = subnetsOf(t);
  return asArray(values).map(value => {
    const key = t.keyOf(owner, value);
    return key ? subnets.get(key) : undefined;
  });
}

const tiers = (subnets: Array<SubnetInfo | undefined>) =>
  subnets.map(s => s?.tier ?? 'unknown').join(', ') || 'none';

export const vpcCidr: Check = t => {
  const vpcs = t.all('AWS::EC2::VPC');
  const cidrs = vpcs.map(vpc => String(vpc.properties.CidrBlock));
  return result(
    cidrs.length === 1 && cidrs[0] === SEED_DEFAULTS.network.vpcCidr,
    `VPC CIDR ${cidrs.join(', ') || 'none'}`,
  );
};

export const threeAzs: Check = t => {
  const subnets = [...subnetsOf(t).values()];
  const azs = new Set(subnets.map(subnet => subnet.az));
  const perTier = (['public', 'private', 'isolated'] as const).map(tier => {
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
      perTier.every(x => x.subnets === expected && x.azs === expected),
    `subnets in ${azs.size} AZs (${[...azs].join(', ')}); ${perTier
      .map(x => `${x.tier}: ${x.subnets} in ${x.azs} AZs`)
      .join(', ')}`,
  );
};

export const natPerAz: Check = t => {
  const subnets = subnetsOf(t);
  const nats = t.all('AWS::EC2::NatGateway').map(nat => {
    const subnet = t.keyOf(nat, nat.properties.SubnetId);
    return {
      key: resourceKey(nat),
      az: subnet && subnets.get(subnet)?.az,
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

export const nodesPrivate: Check = t => {
  const nodeGroups = t.all('AWS::EKS::Nodegroup');
  const subnets = nodeGroups.flatMap(group =>
    referencedSubnets(t, group, group.properties.Subnets),
  );
  const privateOnly = subnets.every(
    subnet => subnet?.tier === 'private' && !subnet.mapPublicIp,
  );
  const publicIps = t
    .all('AWS::EC2::LaunchTemplate')
    .some(lt =>
      asArray(lt.properties.LaunchTemplateData?.NetworkInterfaces).some(ni =>
        literalTrue(
          (ni as { AssociatePublicIpAddress?: unknown })
            .AssociatePublicIpAddress,
        ),
      ),
    );
  return result(
    nodeGroups.length > 0 && subnets.length > 0 && privateOnly && !publicIps,
    `${nodeGroups.length} node groups over ${
      subnets.length
    } subnet placements: ${tiers(subnets)}; public IPs ${
      publicIps ? 'assigned' : 'not assigned'
    }`,
  );
};

export const databaseIsolated: Check = t => {
  const instance = t.first('AWS::RDS::DBInstance');
  if (!instance) {
    return result(false, 'no RDS instance');
  }
  const group = t.resolve(instance, instance.properties.DBSubnetGroupName);
  const groupResource = group
    ? t.resourceAt(group, 'AWS::RDS::DBSubnetGroup')
    : undefined;
  const subnets = groupResource
    ? referencedSubnets(t, groupResource, groupResource.properties.SubnetIds)
    : [];
  const isolated = subnets.every(subnet => subnet?.tier === 'isolated');
  const publicAccess = literalTrue(instance.properties.PubliclyAccessible);
  return result(
    subnets.length > 0 && isolated && !publicAccess,
    `DB subnet group: ${tiers(subnets)}; publicly accessible: ${publicAccess}`,
  );
};

export const flowLogs: Check = t => {
  const vpcLog = t
    .all('AWS::EC2::FlowLog')
    .find(
      log =>
        log.properties.ResourceType === 'VPC' &&
        t.target(log, log.properties.ResourceId)?.Type === 'AWS::EC2::VPC',
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
