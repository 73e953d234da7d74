import type { CostLine } from '../api/types';
import { EC2_INSTANCE_TYPES, RDS_INSTANCE_CLASSES } from '../spec/catalogs';
import { CostDrivers } from './drivers';
import { nodeGroupLine } from './lines';
import { PRICE_TABLE } from './prices';
import { eksVersionInfo, usd } from './pricing';

/** What the estimate's reader should know: prices, support, assumptions. */
export function notesFor(
  drivers: CostDrivers,
  asOf: string,
  lines: CostLine[],
): string[] {
  const notes: string[] = [];
  if (drivers.region !== PRICE_TABLE.region) {
    notes.push(
      `Prices are ${PRICE_TABLE.region} on-demand prices; ${drivers.region} prices differ (usually somewhat higher).`,
    );
  }
  const version = eksVersionInfo(drivers.cluster.kubernetesVersion);
  if (version && asOf >= version.endOfStandardSupport) {
    notes.push(
      `Kubernetes ${version.version} left EKS standard support on ${version.endOfStandardSupport}: the control plane costs $${PRICE_TABLE.eks.controlPlaneExtendedHourly}/h instead of $${PRICE_TABLE.eks.controlPlaneStandardHourly}/h until it is upgraded (extended support ends ${version.endOfExtendedSupport}).`,
    );
  } else if (version) {
    notes.push(
      `Kubernetes ${version.version} is in EKS standard support until ${version.endOfStandardSupport}; after that the control plane costs $${PRICE_TABLE.eks.controlPlaneExtendedHourly}/h unless upgraded.`,
    );
  }
  const usageLines = lines
    .filter(line => line.basis.includes('assumed'))
    .map(line => line.id);
  notes.push(
    `Usage-based lines (${usageLines.join(
      ', ',
    )}) rest on stated assumptions for a small production API; see each line's basis.`,
  );
  for (const group of drivers.nodeGroups) {
    if (group.maxSize > group.desiredSize) {
      const atMax = nodeGroupLine({ ...group, desiredSize: group.maxSize });
      notes.push(
        `At its maximum of ${group.maxSize} nodes the ${
          group.role
        } node group would cost ${usd(atMax.monthlyUsd)} a month.`,
      );
    }
  }
  const burstable =
    drivers.nodeGroups.some(g =>
      EC2_INSTANCE_TYPES.find(t => t.name === g.instanceType && t.burstable),
    ) ||
    RDS_INSTANCE_CLASSES.some(
      c => c.name === drivers.database.instanceClass && c.burstable,
    );
  if (burstable) {
    notes.push(
      'Burstable (T) instances run in unlimited mode: sustained CPU above their baseline adds $0.05 per vCPU-hour on EC2 and $0.075 on RDS, not included.',
    );
  }
  notes.push(
    'On-demand prices: Compute Savings Plans or Reserved Instances (1 or 3 years) lower the EC2 and RDS lines; AWS advertises up to 66 % for Compute Savings Plans. Not modelled.',
  );
  notes.push(
    'Not included: data transfer between AZs and to the internet beyond CloudFront, RDS snapshots beyond the free backup storage, EKS add-on compute, taxes.',
  );
  return notes;
}
