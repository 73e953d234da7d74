import { diffSpecs } from './diff';
import type { EnvironmentSpec } from './schema';
import { defaultEnvironmentSpec, parseEnvironmentSpec } from './validate';

const base = defaultEnvironmentSpec();
const domain = {
  name: 'app.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
};

/** The seed spec with `patch` applied one level deep per section. */
function spec(patch: Record<string, unknown>): EnvironmentSpec {
  const input: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    input[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? { ...(base as Record<string, any>)[key], ...value }
        : value;
  }
  return parseEnvironmentSpec(input);
}

describe('diffSpecs', () => {
  it('finds no change between equal specs', () => {
    expect(diffSpecs(base, defaultEnvironmentSpec())).toEqual([]);
  });

  it('names each changed leaf by its dotted path, in the spec order', () => {
    const after = spec({
      region: 'eu-west-1',
      cluster: {
        kubernetesVersion: '1.34',
        applicationNodeGroup: {
          ...base.cluster.applicationNodeGroup,
          desiredSize: 3,
        },
      },
      database: { multiAz: true },
      budget: { monthlyUsd: 500 },
    });
    expect(diffSpecs(base, after)).toEqual([
      { field: 'region', before: 'us-east-1', after: 'eu-west-1' },
      { field: 'cluster.kubernetesVersion', before: '1.33', after: '1.34' },
      {
        field: 'cluster.applicationNodeGroup.desiredSize',
        before: 2,
        after: 3,
      },
      { field: 'database.multiAz', before: false, after: true },
      { field: 'budget.monthlyUsd', before: 430, after: 500 },
    ]);
  });

  it('reports optional fields as added or removed, where the spec has them', () => {
    const withDomain = spec({
      domain,
      database: { allowMajorVersionUpgrade: true },
    });
    expect(diffSpecs(base, withDomain)).toEqual([
      { field: 'database.allowMajorVersionUpgrade', after: true },
      { field: 'domain.name', after: 'app.example.com' },
      { field: 'domain.hostedZoneId', after: domain.hostedZoneId },
      { field: 'domain.hostedZoneName', after: domain.hostedZoneName },
      { field: 'domain.hostedZoneAccount', after: 'workloads' },
    ]);
    // Removed: no `after`, still between database and alarms.
    const removed = diffSpecs(withDomain, base);
    expect(removed).toEqual([
      { field: 'database.allowMajorVersionUpgrade', before: true },
      { field: 'domain.name', before: 'app.example.com' },
      { field: 'domain.hostedZoneId', before: domain.hostedZoneId },
      { field: 'domain.hostedZoneName', before: domain.hostedZoneName },
      { field: 'domain.hostedZoneAccount', before: 'workloads' },
    ]);
    expect(removed[1]).not.toHaveProperty('after');
  });

  it('keeps a removed field next to the one before it', () => {
    const withDomain = spec({ domain });
    const fields = diffSpecs(
      withDomain,
      spec({ alarms: { nodeCpuPercent: 70 } }),
    ).map(c => c.field);
    expect(fields).toEqual([
      'domain.name',
      'domain.hostedZoneId',
      'domain.hostedZoneName',
      'domain.hostedZoneAccount',
      'alarms.nodeCpuPercent',
    ]);
  });

  it('compares arrays as whole values', () => {
    // No spec field is an array today; the diff does not depend on that.
    const withList = (list: unknown[]) =>
      ({ ...base, network: { ...base.network, extra: list } } as never);
    expect(diffSpecs(withList(['a', 'b']), withList(['a', 'b']))).toEqual([]);
    expect(diffSpecs(withList(['a', 'b']), withList(['a', 'c']))).toEqual([
      { field: 'network.extra', before: ['a', 'b'], after: ['a', 'c'] },
    ]);
    expect(diffSpecs(withList([{ x: 1 }]), withList([{ x: 1 }]))).toEqual([]);
  });

  it('adds every field for a first deployment', () => {
    const changes = diffSpecs(undefined, base);
    expect(changes[0]).toEqual({ field: 'name', after: base.name });
    expect(changes.map(c => c.field)).toContain(
      'cluster.systemNodeGroup.instanceType',
    );
    expect(changes.every(c => !('before' in c))).toBe(true);
    expect(changes).toHaveLength(
      JSON.stringify(base).match(/"[^"]+":(?!\{)/g)!.length,
    );
  });
});
