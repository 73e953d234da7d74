import fc from 'fast-check';
import {
  EC2_INSTANCE_TYPES,
  EKS_KUBERNETES_VERSIONS,
  POSTGRES_ENGINE_VERSIONS,
  RDS_INSTANCE_CLASSES,
  RDS_STORAGE_TYPES,
} from '../spec/catalogs';
import { SUPPORTED_REGIONS } from '../spec/regions';
import { EnvironmentSpec } from '../spec/schema';
import { defaultEnvironmentSpec, parseEnvironmentSpec } from '../spec/validate';
import { driversFromSpec } from './drivers';
import {
  budgetVerdict,
  estimateFromDrivers,
  estimateFromSpec,
} from './estimate';
import { compareWithSeed, SEED_COST_TABLE } from './seed';
import { totalAcrossEnvironments } from './shared';

/** A day when Kubernetes 1.33 was still in standard support. */
const STANDARD = '2026-01-15';
/** The price table's date: 1.33 is in extended support. */
const EXTENDED = '2026-11-26';

function lineOf(spec: EnvironmentSpec, id: string, asOf = STANDARD) {
  return estimateFromSpec(spec, { asOf }).lines.find(line => line.id === id);
}

function withSpec(patch: (spec: EnvironmentSpec) => void): EnvironmentSpec {
  const spec = structuredClone(defaultEnvironmentSpec());
  patch(spec);
  return parseEnvironmentSpec(spec);
}

describe('estimateFromSpec', () => {
  it('prices the seed environment line by line', () => {
    const estimate = estimateFromSpec(defaultEnvironmentSpec(), {
      asOf: STANDARD,
    });
    const byId = Object.fromEntries(
      estimate.lines.map(line => [line.id, line.monthlyUsd]),
    );
    expect(byId).toEqual({
      'eks-control-plane': 73,
      'node-group-system': 60.74,
      'node-group-application': 121.47,
      'node-volumes': 6.4,
      'rds-instance': 52.56,
      'rds-storage': 11.5,
      'nat-gateways': 102.6,
      'load-balancer': 22.27,
      cloudfront: 0,
      s3: 0.55,
      waf: 12,
      cloudwatch: 27.55,
      kms: 3.3,
      'secrets-manager': 0.45,
      ecr: 1,
      guardduty: 14,
      cloudtrail: 0,
      'budgets-and-sns': 0,
    });
    expect(estimate.totalMonthlyUsd).toBe(509.39);
    expect(estimate.currency).toBe('USD');
    expect(estimate.priceTable).toEqual({
      date: '2026-11-26',
      region: 'us-east-1',
      source: expect.stringContaining('aws.amazon.com/eks/pricing'),
    });
  });

  it('states the basis of every line, with its assumptions', () => {
    const estimate = estimateFromSpec(defaultEnvironmentSpec(), {
      asOf: STANDARD,
    });
    for (const line of estimate.lines) {
      expect(line.basis.length).toBeGreaterThan(20);
      expect(line.service).not.toBe('');
    }
    for (const id of [
      'nat-gateways',
      'load-balancer',
      'cloudfront',
      'cloudwatch',
      'waf',
    ]) {
      expect(estimate.lines.find(l => l.id === id)?.basis).toContain('assumed');
    }
    expect(
      estimate.lines.find(l => l.id === 'node-group-application')?.basis,
    ).toBe(
      '2 × t3.large × 730 h × $0.0832 (desired size; scales between 2 and 20)',
    );
  });

  it('charges the extended-support rate once the version leaves standard support', () => {
    const spec = defaultEnvironmentSpec();
    expect(lineOf(spec, 'eks-control-plane', '2026-07-28')?.monthlyUsd).toBe(
      73,
    );
    expect(lineOf(spec, 'eks-control-plane', '2026-07-29')?.monthlyUsd).toBe(
      438,
    );
    const estimate = estimateFromSpec(spec, { asOf: EXTENDED });
    expect(estimate.notes.join('\n')).toContain(
      'left EKS standard support on 2026-07-29',
    );
    const newer = withSpec(s => {
      s.cluster.kubernetesVersion = '1.35';
    });
    expect(lineOf(newer, 'eks-control-plane', EXTENDED)?.monthlyUsd).toBe(73);
  });

  it('follows the spec: sizes, NAT gateways, Multi-AZ, storage', () => {
    const spec = withSpec(s => {
      s.network.azCount = 2;
      s.network.natGateways = 1;
      s.cluster.applicationNodeGroup = {
        instanceType: 'm6i.xlarge',
        minSize: 3,
        desiredSize: 4,
        maxSize: 10,
      };
      s.database.multiAz = true;
      s.database.allocatedStorageGb = 200;
      s.database.instanceClass = 'db.m6g.large';
    });
    expect(lineOf(spec, 'node-group-application')?.monthlyUsd).toBe(560.64); // 4 × 0.192 × 730
    expect(lineOf(spec, 'nat-gateways')?.monthlyUsd).toBe(34.2); // 32.85 + 30 GB × 0.045
    expect(lineOf(spec, 'rds-instance')?.monthlyUsd).toBe(232.14); // 2 × 0.159 × 730
    expect(lineOf(spec, 'rds-storage')?.monthlyUsd).toBe(46); // 2 × 200 × 0.115
    expect(lineOf(spec, 'node-volumes')?.monthlyUsd).toBe(9.6); // 6 nodes × 20 GB × 0.08
  });

  it('gives the verdict: near from 80 %, over above 100 %', () => {
    const total = estimateFromSpec(defaultEnvironmentSpec(), {
      asOf: STANDARD,
    }).totalMonthlyUsd;
    const verdict = (budget: number) =>
      estimateFromDrivers(driversFromSpec(defaultEnvironmentSpec()), budget, {
        asOf: STANDARD,
      }).verdict;
    expect(verdict(total)).toBe('near');
    expect(verdict(total - 0.01)).toBe('over');
    expect(verdict(total / 0.8)).toBe('near');
    expect(verdict(total / 0.8 + 1)).toBe('under');
    expect(
      estimateFromDrivers(
        driversFromSpec(defaultEnvironmentSpec()),
        total * 2,
        { asOf: STANDARD },
      ).budgetShare,
    ).toBe(0.5);
  });

  it('gives actual spend the same verdict, and any spend against no budget is over', () => {
    expect(budgetVerdict(79.99, 100)).toBe('under');
    expect(budgetVerdict(80, 100)).toBe('near');
    expect(budgetVerdict(100, 100)).toBe('near');
    expect(budgetVerdict(100.01, 100)).toBe('over');
    expect(budgetVerdict(1, 0)).toBe('over');
  });

  it('suggests changes only over budget, with savings from re-estimating', () => {
    const over = estimateFromSpec(defaultEnvironmentSpec(), { asOf: EXTENDED });
    expect(over.verdict).toBe('over');
    expect(over.suggestions.map(s => s.id)).toEqual([
      'kubernetes-standard-support',
      'single-nat-gateway',
      'application-node-group-graviton',
      'system-node-group-graviton',
      'database-graviton',
    ]);
    const check = (id: string, patch: (spec: EnvironmentSpec) => void) => {
      const changed = estimateFromSpec(withSpec(patch), { asOf: EXTENDED });
      const suggestion = over.suggestions.find(s => s.id === id);
      expect(suggestion?.monthlySavingsUsd).toBeCloseTo(
        over.totalMonthlyUsd - changed.totalMonthlyUsd,
        2,
      );
    };
    check('kubernetes-standard-support', s => {
      s.cluster.kubernetesVersion = '1.35';
    });
    check('single-nat-gateway', s => {
      s.network.natGateways = 1;
    });
    check('application-node-group-graviton', s => {
      s.cluster.applicationNodeGroup.instanceType = 't4g.large';
    });
    check('database-graviton', s => {
      s.database.instanceClass = 'db.t4g.medium';
    });
    const byId = (id: string) => over.suggestions.find(s => s.id === id)!;
    // The upgrade path's saving, applied one minor version at a time.
    expect(byId('kubernetes-standard-support').changes).toEqual([
      { field: 'cluster.kubernetesVersion', value: '1.34' },
    ]);
    expect(byId('kubernetes-standard-support').description).toContain(
      'to 1.35 (standard support until 2027-03-27), one minor version at a time: 1.34 first; the saving is that of the whole path',
    );
    expect(byId('single-nat-gateway').changes).toEqual([
      { field: 'network.natGateways', value: 1 },
    ]);
    expect(byId('application-node-group-graviton').changes).toEqual([
      {
        field: 'cluster.applicationNodeGroup.instanceType',
        value: 't4g.large',
      },
    ]);
    expect(byId('database-graviton').changes).toEqual([
      { field: 'database.instanceClass', value: 'db.t4g.medium' },
    ]);
    const under = estimateFromSpec(
      withSpec(s => {
        s.budget.monthlyUsd = 5000;
      }),
      { asOf: EXTENDED },
    );
    expect(under.verdict).toBe('under');
    expect(under.suggestions).toEqual([]);
  });

  it('suggests desired = min and single-AZ when they apply', () => {
    const spec = withSpec(s => {
      s.cluster.applicationNodeGroup.desiredSize = 5;
      s.database.multiAz = true;
      s.budget.monthlyUsd = 100;
    });
    const ids = estimateFromSpec(spec, { asOf: STANDARD }).suggestions.map(
      s => s.id,
    );
    expect(ids).toContain('application-node-group-desired-to-min');
    expect(ids).toContain('database-single-az');
    expect(ids).not.toContain('kubernetes-standard-support');
  });

  it('notes prices from another region', () => {
    const spec = withSpec(s => {
      s.region = 'eu-west-1';
    });
    expect(estimateFromSpec(spec, { asOf: STANDARD }).notes[0]).toMatch(
      /us-east-1 on-demand prices; eu-west-1 prices differ/,
    );
  });

  const specArbitrary = fc
    .record({
      region: fc.constantFrom(...SUPPORTED_REGIONS.map(r => r.id)),
      azCount: fc.integer({ min: 2, max: 3 }),
      nat: fc.integer({ min: 1, max: 3 }),
      version: fc.constantFrom(...EKS_KUBERNETES_VERSIONS.map(v => v.version)),
      systemType: fc.constantFrom(...EC2_INSTANCE_TYPES.map(t => t.name)),
      appType: fc.constantFrom(...EC2_INSTANCE_TYPES.map(t => t.name)),
      sizes: fc.array(fc.integer({ min: 1, max: 100 }), {
        minLength: 6,
        maxLength: 6,
      }),
      engine: fc.constantFrom(...POSTGRES_ENGINE_VERSIONS),
      dbClass: fc.constantFrom(...RDS_INSTANCE_CLASSES.map(c => c.name)),
      storage: fc.integer({ min: 20, max: 65536 }),
      storageType: fc.constantFrom(...RDS_STORAGE_TYPES),
      multiAz: fc.boolean(),
      budget: fc.integer({ min: 1, max: 100000 }),
    })
    .map(r => {
      const [a, b, c, d, e, f] = r.sizes;
      const [sMin, sDesired, sMax] = [a, b, c].sort((x, y) => x - y);
      const [aMin, aDesired, aMax] = [d, e, f].sort((x, y) => x - y);
      return parseEnvironmentSpec({
        name: 'prop-env',
        accounts: { management: '111111111111', workloads: '222222222222' },
        region: r.region,
        network: {
          azCount: r.azCount,
          natGateways: Math.min(r.nat, r.azCount),
        },
        cluster: {
          kubernetesVersion: r.version,
          systemNodeGroup: {
            instanceType: r.systemType,
            minSize: sMin,
            desiredSize: sDesired,
            maxSize: sMax,
          },
          applicationNodeGroup: {
            instanceType: r.appType,
            minSize: aMin,
            desiredSize: aDesired,
            maxSize: aMax,
          },
        },
        database: {
          engineVersion: r.engine,
          instanceClass: r.dbClass,
          allocatedStorageGb: r.storage,
          storageType: r.storageType,
          multiAz: r.multiAz,
        },
        budget: { monthlyUsd: r.budget, alertEmail: 'ops@example.com' },
      });
    });

  it('holds its invariants for every valid spec', () => {
    fc.assert(
      fc.property(
        specArbitrary,
        fc.constantFrom(STANDARD, EXTENDED),
        (spec, asOf) => {
          const estimate = estimateFromSpec(spec, { asOf });
          const sum = estimate.lines.reduce(
            (total, line) => total + line.monthlyUsd,
            0,
          );
          expect(estimate.totalMonthlyUsd).toBeCloseTo(sum, 2);
          expect(estimate.lines.every(line => line.monthlyUsd >= 0)).toBe(true);
          expect(estimate.budgetShare).toBeCloseTo(
            estimate.totalMonthlyUsd / spec.budget.monthlyUsd,
            3,
          );
          // Suggestions only over budget.
          expect(
            estimate.verdict === 'over' || estimate.suggestions.length === 0,
          ).toBe(true);
          for (const suggestion of estimate.suggestions) {
            expect(suggestion.monthlySavingsUsd).toBeGreaterThan(0);
            expect(suggestion.monthlySavingsUsd).toBeLessThan(
              estimate.totalMonthlyUsd,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('compareWithSeed', () => {
  it('sets the estimate against the seed’s seven rows', () => {
    const comparison = compareWithSeed(
      estimateFromSpec(defaultEnvironmentSpec(), { asOf: STANDARD }),
    );
    expect(SEED_COST_TABLE.reduce((sum, row) => sum + row.monthlyUsd, 0)).toBe(
      428,
    );
    expect(
      comparison.rows.map(r => [r.seed.id, r.seed.monthlyUsd, r.modelUsd]),
    ).toEqual([
      ['eks', 73, 73],
      ['ec2', 120, 121.47],
      ['rds', 65, 64.06],
      ['nat', 100, 102.6],
      ['alb', 25, 22.27],
      ['cloudfront-s3', 15, 0.55],
      ['cloudwatch', 30, 27.55],
    ]);
    expect(comparison.notInSeed.map(l => l.id)).toEqual(
      expect.arrayContaining([
        'node-group-system',
        'node-volumes',
        'waf',
        'kms',
        'guardduty',
      ]),
    );
    expect(comparison.notes.join('\n')).toMatch(
      /counts only the application node group; the system node group .* costs \$60\.74/,
    );
    expect(comparison.seedTotalUsd).toBe(430);
  });

  it('points out the extended-support rate against the seed’s $73', () => {
    const comparison = compareWithSeed(
      estimateFromSpec(defaultEnvironmentSpec(), { asOf: EXTENDED }),
    );
    expect(comparison.rows[0].differenceUsd).toBe(365);
    expect(comparison.notes.join('\n')).toContain(
      "The seed's $73 EKS line is the standard-support rate",
    );
  });
});

describe('totalAcrossEnvironments', () => {
  const spec = (name: string, workloads: string) =>
    parseEnvironmentSpec({
      name,
      accounts: { management: '111111111111', workloads },
      budget: { alertEmail: 'a@example.com' },
    });
  const place = (name: string, workloads: string, region = 'us-east-1') => ({
    workloadsAccount: workloads,
    region,
    estimate: estimateFromSpec(spec(name, workloads), { asOf: '2026-06-01' }),
  });

  it('counts the account baseline once per account and region', () => {
    const a = place('env-a', '222222222222');
    const b = place('env-b', '222222222222');
    const c = place('env-c', '333333333333');
    const guardDuty = a.estimate.lines.find(l => l.id === 'guardduty')!;
    expect(guardDuty.scope).toBe('account');
    expect(guardDuty.monthlyUsd).toBeGreaterThan(0);
    const sum =
      a.estimate.totalMonthlyUsd +
      b.estimate.totalMonthlyUsd +
      c.estimate.totalMonthlyUsd;
    expect(totalAcrossEnvironments([a, b, c])).toBeCloseTo(
      sum - guardDuty.monthlyUsd,
      2,
    );
    expect(totalAcrossEnvironments([a])).toBeCloseTo(
      a.estimate.totalMonthlyUsd,
      2,
    );
  });
});
