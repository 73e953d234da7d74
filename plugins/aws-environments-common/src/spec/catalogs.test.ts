import { EC2_HOURLY_USD, RDS_POSTGRES_HOURLY_USD } from '../cost/prices';
import {
  EC2_INSTANCE_TYPES,
  EKS_KUBERNETES_VERSIONS,
  RDS_INSTANCE_CLASSES,
} from './catalogs';
import { SEED_DEFAULTS } from './schema';
import { SUPPORTED_REGIONS } from './regions';

describe('tables', () => {
  it('prices every instance type and class the spec allows, and nothing else', () => {
    expect(Object.keys(EC2_HOURLY_USD).sort()).toEqual(
      EC2_INSTANCE_TYPES.map(t => t.name).sort(),
    );
    expect(Object.keys(RDS_POSTGRES_HOURLY_USD).sort()).toEqual(
      RDS_INSTANCE_CLASSES.map(c => c.name).sort(),
    );
  });

  it('offers the seed values', () => {
    const names = EC2_INSTANCE_TYPES.map(t => t.name);
    expect(names).toContain(SEED_DEFAULTS.cluster.systemNodeGroup.instanceType);
    expect(names).toContain(
      SEED_DEFAULTS.cluster.applicationNodeGroup.instanceType,
    );
    expect(RDS_INSTANCE_CLASSES.map(c => c.name)).toContain(
      SEED_DEFAULTS.database.instanceClass,
    );
    expect(EKS_KUBERNETES_VERSIONS.map(v => v.version)).toContain(
      SEED_DEFAULTS.cluster.kubernetesVersion,
    );
    expect(SUPPORTED_REGIONS.map(r => r.id)).toContain(SEED_DEFAULTS.region);
  });

  it('lists at least three distinct AZs of their own region per region', () => {
    for (const region of SUPPORTED_REGIONS) {
      expect(new Set(region.availabilityZones).size).toBeGreaterThanOrEqual(3);
      for (const az of region.availabilityZones) {
        expect(az).toMatch(new RegExp(`^${region.id}[a-f]$`));
      }
    }
    expect(new Set(SUPPORTED_REGIONS.map(r => r.id)).size).toBe(
      SUPPORTED_REGIONS.length,
    );
  });

  it('keeps the EKS calendar consistent (14 months standard, 12 extended)', () => {
    for (const v of EKS_KUBERNETES_VERSIONS) {
      expect(v.eksRelease < v.endOfStandardSupport).toBe(true);
      expect(v.endOfStandardSupport < v.endOfExtendedSupport).toBe(true);
      expect(Number(v.endOfExtendedSupport.slice(0, 4))).toBe(
        Number(v.endOfStandardSupport.slice(0, 4)) + 1,
      );
    }
  });
});
