import type { EnvironmentSpecInput } from './schema';
import { checkSpecUpdate, updateSteps } from './update';
import { parseEnvironmentSpec } from './validate';

const base: EnvironmentSpecInput = {
  name: 'innovate-test',
  accounts: { management: '111111111111', workloads: '222222222222' },
  budget: { alertEmail: 'alerts@example.com' },
};

type Patch = {
  name?: string;
  region?: EnvironmentSpecInput['region'];
  accounts?: Partial<EnvironmentSpecInput['accounts']>;
  cluster?: {
    kubernetesVersion?: string;
    applicationNodeGroup?: Record<string, number>;
  };
  database?: Record<string, unknown>;
};

/** The valid base spec with `patch` applied one level deep per section. */
function spec(patch: Patch = {}) {
  return parseEnvironmentSpec({
    ...base,
    ...(patch.name ? { name: patch.name } : {}),
    ...(patch.region ? { region: patch.region } : {}),
    accounts: { ...base.accounts, ...patch.accounts },
    cluster: patch.cluster,
    database: patch.database,
  });
}

describe('checkSpecUpdate and updateSteps', () => {
  it.each<[string, Patch, Patch, string[], RegExp[], number]>([
    // [case, current, proposed, refused fields, message patterns, steps]
    [
      'Kubernetes 1.33 -> 1.34',
      { cluster: { kubernetesVersion: '1.33' } },
      { cluster: { kubernetesVersion: '1.34' } },
      [],
      [],
      3,
    ],
    [
      'Kubernetes 1.33 -> 1.35',
      { cluster: { kubernetesVersion: '1.33' } },
      { cluster: { kubernetesVersion: '1.35' } },
      ['cluster.kubernetesVersion'],
      [/one minor version at a time\. Upgrade to 1\.34 first/],
      0,
    ],
    [
      'Kubernetes 1.34 -> 1.33',
      { cluster: { kubernetesVersion: '1.34' } },
      { cluster: { kubernetesVersion: '1.33' } },
      ['cluster.kubernetesVersion'],
      [/cannot go down from 1\.34 to 1\.33.*Keep 1\.34/],
      0,
    ],
    [
      'storage 100 -> 50 GiB',
      { database: { allocatedStorageGb: 100 } },
      { database: { allocatedStorageGb: 50 } },
      ['database.allocatedStorageGb'],
      [/cannot shrink from 100 to 50 GiB.*Keep 100 GiB or more/],
      0,
    ],
    [
      'storage 100 -> 200 GiB',
      { database: { allocatedStorageGb: 100 } },
      { database: { allocatedStorageGb: 200 } },
      [],
      [],
      0,
    ],
    [
      'PostgreSQL 16 -> 15',
      { database: { engineVersion: '16' } },
      { database: { engineVersion: '15' } },
      ['database.engineVersion'],
      [/cannot go down from PostgreSQL 16 to 15.*Keep 16/],
      0,
    ],
    [
      'PostgreSQL 15 -> 16 without the flag',
      { database: { engineVersion: '15' } },
      { database: { engineVersion: '16' } },
      ['database.engineVersion'],
      [/major version upgrade: set database\.allowMajorVersionUpgrade to true/],
      0,
    ],
    [
      'PostgreSQL 15 -> 16 with the flag false',
      { database: { engineVersion: '15' } },
      { database: { engineVersion: '16', allowMajorVersionUpgrade: false } },
      ['database.engineVersion'],
      [/set database\.allowMajorVersionUpgrade to true/],
      0,
    ],
    [
      'PostgreSQL 15 -> 16 with the flag',
      { database: { engineVersion: '15' } },
      { database: { engineVersion: '16', allowMajorVersionUpgrade: true } },
      [],
      [],
      0,
    ],
    [
      'workloads account',
      {},
      { accounts: { workloads: '999999999999' } },
      ['accounts.workloads'],
      [/cannot change from 222222222222.*Create a new environment instead/],
      0,
    ],
    [
      'management account',
      {},
      { accounts: { management: '999999999999' } },
      ['accounts.management'],
      [/cannot change from 111111111111.*Create a new environment instead/],
      0,
    ],
    [
      'region',
      {},
      { region: 'us-west-2' },
      ['region'],
      [/cannot change from us-east-1.*Create a new environment instead/],
      0,
    ],
    [
      'name',
      {},
      { name: 'innovate-other' },
      ['name'],
      [/cannot change from 'innovate-test'.*Create a new environment instead/],
      0,
    ],
    [
      'node group scaling',
      {},
      {
        cluster: {
          applicationNodeGroup: { minSize: 3, desiredSize: 4, maxSize: 30 },
        },
      },
      [],
      [],
      0,
    ],
    ['no change', {}, {}, [], [], 0],
  ])('%s', (_, current, proposed, fields, messages, steps) => {
    const errors = checkSpecUpdate(spec(current), spec(proposed));
    expect(errors.map(error => error.field)).toEqual(fields);
    messages.forEach((message, i) =>
      expect(errors[i].message).toMatch(message),
    );
    expect(updateSteps(spec(current), spec(proposed))).toHaveLength(steps);
  });

  it('orders a Kubernetes upgrade: control plane, node groups, add-ons', () => {
    expect(
      updateSteps(
        spec({ cluster: { kubernetesVersion: '1.33' } }),
        spec({ cluster: { kubernetesVersion: '1.34' } }),
      ),
    ).toEqual([
      expect.stringMatching(/^The EKS control plane .* from .*1\.33 to 1\.34/),
      expect.stringMatching(
        /^Then the node groups .* release version for 1\.34/,
      ),
      expect.stringMatching(/^Then the add-ons .* Kubernetes 1\.34/),
    ]);
  });

  it('reports every refused field of one update, in spec order', () => {
    const errors = checkSpecUpdate(
      spec({ cluster: { kubernetesVersion: '1.34' } }),
      spec({
        region: 'eu-west-1',
        accounts: { workloads: '999999999999' },
        cluster: { kubernetesVersion: '1.32' },
        database: { allocatedStorageGb: 20, engineVersion: '17' },
      }),
    );
    expect(errors.map(error => error.field)).toEqual([
      'accounts.workloads',
      'region',
      'cluster.kubernetesVersion',
      'database.allocatedStorageGb',
      'database.engineVersion',
    ]);
  });
});
