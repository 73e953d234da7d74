import { defaultEnvironmentSpec } from './validate';
import { applySpecFieldValues } from './fieldValues';

describe('applySpecFieldValues', () => {
  it('sets dotted fields on a copy, leaving the spec as it was', () => {
    const spec = defaultEnvironmentSpec();
    const { spec: changed, problems } = applySpecFieldValues(spec, [
      { field: 'cluster.applicationNodeGroup.desiredSize', value: 4 },
      { field: 'domain.name', value: 'app.example.com' },
    ]);
    expect(problems).toEqual([]);
    expect(changed).toMatchObject({
      cluster: { applicationNodeGroup: { desiredSize: 4, minSize: 2 } },
      domain: { name: 'app.example.com' },
    });
    expect(spec.cluster.applicationNodeGroup.desiredSize).toBe(2);
  });

  it('names the changes it cannot apply by their index', () => {
    const { problems } = applySpecFieldValues(defaultEnvironmentSpec(), [
      { field: 'region.name', value: 'x' },
      { field: 'cluster.__proto__.polluted', value: true },
      { field: 'network.natGateways', value: 1 },
    ]);
    expect(problems).toEqual([
      { index: 0, message: "'region' is a string, not an object with fields" },
      {
        index: 1,
        message:
          "'cluster.__proto__.polluted' is not a dotted path of spec fields",
      },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
