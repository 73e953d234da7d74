import fc from 'fast-check';
import {
  driversFromSpec,
  EC2_INSTANCE_TYPES,
  EKS_KUBERNETES_VERSIONS,
  estimateFromSpec,
  RDS_INSTANCE_CLASSES,
  RDS_STORAGE_TYPES,
  SUPPORTED_REGIONS,
} from '@innovate/plugin-aws-environments-common';
import { driversFromTemplates, estimateFromTemplates } from './cost';
import {
  synthesizeTemplates,
  TEST_DOMAIN,
  testSpec,
} from './__testUtils__/synth';

const AS_OF = '2026-11-26';

describe('driversFromTemplates', () => {
  it('counts the same drivers from the seed templates as from the seed spec', () => {
    const spec = testSpec();
    const { stacks } = synthesizeTemplates(spec);
    expect(driversFromTemplates(stacks)).toEqual(driversFromSpec(spec));
    const fromTemplates = estimateFromTemplates(
      stacks,
      spec.budget.monthlyUsd,
      { asOf: AS_OF },
    );
    const fromSpec = estimateFromSpec(spec, { asOf: AS_OF });
    expect(fromTemplates).toEqual(fromSpec);
  });

  it('prices the domain’s hosted zone from the records, as from the spec', () => {
    const spec = testSpec(s => {
      s.domain = { ...TEST_DOMAIN };
    });
    const { stacks } = synthesizeTemplates(spec);
    const estimate = estimateFromTemplates(stacks, 430, { asOf: AS_OF });
    expect(estimate).toEqual(estimateFromSpec(spec, { asOf: AS_OF }));
    expect(estimate.lines.find(l => l.id === 'route53')).toMatchObject({
      monthlyUsd: 0.54,
      basis: expect.stringContaining('aliases of CloudFront are free'),
    });
    expect(
      estimateFromSpec(testSpec(), { asOf: AS_OF }).lines.map(l => l.id),
    ).not.toContain('route53');
  });

  it('refuses templates that are not an environment', () => {
    expect(() => driversFromTemplates([])).toThrow(
      "The environment's templates have no network stack",
    );
  });

  it('agrees with the spec for random valid specs (spec estimate = template estimate)', () => {
    const spec = fc
      .record({
        region: fc.constantFrom(...SUPPORTED_REGIONS.map(r => r.id)),
        azCount: fc.integer({ min: 2, max: 3 }),
        nat: fc.integer({ min: 1, max: 3 }),
        version: fc.constantFrom(
          ...EKS_KUBERNETES_VERSIONS.map(v => v.version),
        ),
        systemType: fc.constantFrom(...EC2_INSTANCE_TYPES.map(t => t.name)),
        appType: fc.constantFrom(...EC2_INSTANCE_TYPES.map(t => t.name)),
        sizes: fc.array(fc.integer({ min: 1, max: 100 }), {
          minLength: 6,
          maxLength: 6,
        }),
        dbClass: fc.constantFrom(...RDS_INSTANCE_CLASSES.map(c => c.name)),
        storage: fc.integer({ min: 20, max: 65536 }),
        storageType: fc.constantFrom(...RDS_STORAGE_TYPES),
        multiAz: fc.boolean(),
        budget: fc.integer({ min: 1, max: 5000 }),
        domain: fc.boolean(),
        baseline: fc.constantFrom('managed' as const, 'existing' as const),
      })
      .map(r =>
        testSpec(s => {
          const [sMin, sDesired, sMax] = r.sizes
            .slice(0, 3)
            .sort((a, b) => a - b);
          const [aMin, aDesired, aMax] = r.sizes.slice(3).sort((a, b) => a - b);
          s.region = r.region;
          s.network.azCount = r.azCount;
          s.network.natGateways = Math.min(r.nat, r.azCount);
          s.cluster.kubernetesVersion = r.version;
          s.cluster.systemNodeGroup = {
            instanceType: r.systemType,
            minSize: sMin,
            desiredSize: sDesired,
            maxSize: sMax,
          };
          s.cluster.applicationNodeGroup = {
            instanceType: r.appType,
            minSize: aMin,
            desiredSize: aDesired,
            maxSize: aMax,
          };
          s.database.instanceClass = r.dbClass;
          s.database.allocatedStorageGb = r.storage;
          s.database.storageType = r.storageType;
          s.database.multiAz = r.multiAz;
          s.budget.monthlyUsd = r.budget;
          s.baseline = r.baseline;
          s.domain = r.domain
            ? { ...TEST_DOMAIN, apiSubdomain: 'api' }
            : undefined;
        }),
      );
    // Each run synthesizes the whole app; a handful of runs covers the
    // drivers without blowing the test budget.
    fc.assert(
      fc.property(spec, s => {
        const { stacks } = synthesizeTemplates(s);
        expect(driversFromTemplates(stacks)).toEqual(driversFromSpec(s));
        expect(
          estimateFromTemplates(stacks, s.budget.monthlyUsd, { asOf: AS_OF }),
        ).toEqual(estimateFromSpec(s, { asOf: AS_OF }));
      }),
      { numRuns: 8 },
    );
  });
});
