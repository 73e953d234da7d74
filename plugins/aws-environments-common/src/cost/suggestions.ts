import type { CostSuggestion, SpecFieldValue } from '../api/types';
import { EC2_INSTANCE_TYPES, RDS_INSTANCE_CLASSES } from '../spec/catalogs';
import { CostDrivers, NodeGroupCostDriver } from './drivers';
import { costLines, total } from './lines';
import { round, usd } from './pricing';
import { lifecycleOf } from '../lifecycle/lifecycleOf';

/**
 * Savings to suggest when an estimate is over budget: each one a change to
 * the spec, its saving found by re-estimating the changed drivers.
 */

const ARM_FAMILY: Record<string, string> = {
  t3: 't4g',
  t3a: 't4g',
  m5: 'm7g',
  m6i: 'm7g',
  m7i: 'm7g',
};

function armEquivalent(instanceType: string): string | undefined {
  const [family, size] = instanceType.split('.');
  const candidate = ARM_FAMILY[family] && `${ARM_FAMILY[family]}.${size}`;
  return candidate && EC2_INSTANCE_TYPES.some(t => t.name === candidate)
    ? candidate
    : undefined;
}

function armDatabaseEquivalent(instanceClass: string): string | undefined {
  const candidate = instanceClass
    .replace(/^db\.t3\./, 'db.t4g.')
    .replace(/^db\.m[56]i?\./, 'db.m7g.');
  return candidate !== instanceClass &&
    RDS_INSTANCE_CLASSES.some(c => c.name === candidate)
    ? candidate
    : undefined;
}

interface Modification {
  id: string;
  description: string;
  apply: (drivers: CostDrivers) => CostDrivers;
  /** The spec changes of the next step (the whole change but for an upgrade path). */
  changes: SpecFieldValue[];
}

function withNodeGroup(
  drivers: CostDrivers,
  role: string,
  change: Partial<NodeGroupCostDriver>,
): CostDrivers {
  return {
    ...drivers,
    nodeGroups: drivers.nodeGroups.map(group =>
      group.role === role ? { ...group, ...change } : group,
    ),
  };
}

function kubernetesModifications(
  drivers: CostDrivers,
  asOf: string,
): Modification[] {
  const version = drivers.cluster.kubernetesVersion;
  const lifecycle = lifecycleOf('eks', version, new Date(`${asOf}T00:00:00Z`));
  const target = lifecycle?.newestStandardVersion;
  if (lifecycle?.support !== 'extended' || !target) {
    return [];
  }
  const targetEnds = lifecycleOf(
    'eks',
    target,
    new Date(`${asOf}T00:00:00Z`),
  )?.standardSupportEnds;
  const nextStep = lifecycle.nextVersion ?? target;
  return [
    {
      id: 'kubernetes-standard-support',
      description: `Upgrade cluster.kubernetesVersion from ${version} (in EKS extended support since ${
        lifecycle.standardSupportEnds
      }, ${usd(
        lifecycle.extraMonthlyUsd ?? 0,
      )} a month extra) to ${target} (standard support until ${targetEnds})${
        nextStep === target
          ? ''
          : `, one minor version at a time: ${nextStep} first; the saving is that of the whole path`
      }.`,
      apply: d => ({
        ...d,
        cluster: { ...d.cluster, kubernetesVersion: target },
      }),
      changes: [{ field: 'cluster.kubernetesVersion', value: nextStep }],
    },
  ];
}

function natGatewayModifications(drivers: CostDrivers): Modification[] {
  if (drivers.natGateways <= 1) {
    return [];
  }
  return [
    {
      id: 'single-nat-gateway',
      description: `Set network.natGateways to 1 (from ${drivers.natGateways}): the AZs share one NAT gateway, so an outage of its AZ cuts egress for all.`,
      apply: d => ({ ...d, natGateways: 1 }),
      changes: [{ field: 'network.natGateways', value: 1 }],
    },
  ];
}

function nodeGroupModifications(group: NodeGroupCostDriver): Modification[] {
  const modifications: Modification[] = [];
  const field = `cluster.${group.role}NodeGroup`;
  if (group.desiredSize > group.minSize) {
    modifications.push({
      id: `${group.role}-node-group-desired-to-min`,
      description: `Set ${field}.desiredSize to ${group.minSize} (from ${group.desiredSize}); the Cluster Autoscaler still adds nodes up to ${group.maxSize} under load.`,
      apply: d => withNodeGroup(d, group.role, { desiredSize: group.minSize }),
      changes: [{ field: `${field}.desiredSize`, value: group.minSize }],
    });
  }
  const arm = armEquivalent(group.instanceType);
  if (arm) {
    modifications.push({
      id: `${group.role}-node-group-graviton`,
      description: `Set ${field}.instanceType to ${arm} (from ${group.instanceType}): Graviton (arm64) with the same vCPUs and memory; container images must be built for linux/arm64.`,
      apply: d => withNodeGroup(d, group.role, { instanceType: arm }),
      changes: [{ field: `${field}.instanceType`, value: arm }],
    });
  }
  return modifications;
}

function databaseModifications({ database: db }: CostDrivers): Modification[] {
  const modifications: Modification[] = [];
  const armDb = armDatabaseEquivalent(db.instanceClass);
  if (armDb) {
    modifications.push({
      id: 'database-graviton',
      description: `Set database.instanceClass to ${armDb} (from ${db.instanceClass}): Graviton with the same vCPUs and memory; PostgreSQL runs unchanged.`,
      apply: d => ({ ...d, database: { ...d.database, instanceClass: armDb } }),
      changes: [{ field: 'database.instanceClass', value: armDb }],
    });
  }
  if (db.multiAz) {
    modifications.push({
      id: 'database-single-az',
      description:
        'Set database.multiAz to false: no standby, so an AZ outage means restoring from backup (the seed starts single-AZ).',
      apply: d => ({ ...d, database: { ...d.database, multiAz: false } }),
      changes: [{ field: 'database.multiAz', value: false }],
    });
  }
  return modifications;
}

/** Changes worth suggesting for these drivers; each one a spec change. */
function candidateModifications(
  drivers: CostDrivers,
  asOf: string,
): Modification[] {
  return [
    ...kubernetesModifications(drivers, asOf),
    ...natGatewayModifications(drivers),
    ...drivers.nodeGroups.flatMap(nodeGroupModifications),
    ...databaseModifications(drivers),
  ];
}

/** The modifications that save money, largest saving first. */
export function suggestionsFor(
  drivers: CostDrivers,
  totalUsd: number,
  budgetUsd: number,
  asOf: string,
): CostSuggestion[] {
  return candidateModifications(drivers, asOf)
    .map(modification => {
      const modifiedTotal = total(costLines(modification.apply(drivers), asOf));
      const savings = round(totalUsd - modifiedTotal);
      return {
        id: modification.id,
        description: `${modification.description} New total ${usd(
          modifiedTotal,
        )} (${Math.round((modifiedTotal / budgetUsd) * 100)} % of budget).`,
        monthlySavingsUsd: savings,
        changes: modification.changes,
      };
    })
    .filter(suggestion => suggestion.monthlySavingsUsd > 0)
    .sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd);
}
