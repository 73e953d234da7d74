import {
  defaultEnvironmentSpec,
  EnvironmentSpec,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import {
  startPluginBackend,
  waitForDeployment,
} from '../__testUtils__/backend';
import { CdkEnvironmentSynthesizer } from '../services/Synthesizer/CdkEnvironmentSynthesizer';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from '../services/Synthesizer/types';

// The real CDK app synthesizes in about 10 s on this machine; each spec is
// synthesized once (the seed's synthesis serves every preview's "before").
jest.setTimeout(300_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();
const PREVIEW = `${API}/environments/${seed.name}/preview`;

/** The real synthesizer, synthesizing each spec once. */
class OncePerSpecSynthesizer implements EnvironmentSynthesizer {
  private readonly results = new Map<string, Promise<SynthesizedEnvironment>>();

  synthesize(spec: EnvironmentSpec, options: { outdir: string }) {
    const key = JSON.stringify(spec);
    if (!this.results.has(key)) {
      this.results.set(
        key,
        new CdkEnvironmentSynthesizer().synthesize(spec, options),
      );
    }
    return this.results.get(key)!;
  }
}

type Change = {
  logicalId: string;
  type: string;
  action: string;
  stateful: boolean;
  properties: string[];
};

describe('POST /v1/environments/{name}/preview with the bundled CDK app', () => {
  let server: Parameters<typeof request>[0];
  let deploymentsBefore: unknown;

  beforeAll(async () => {
    ({ server } = await startPluginBackend({
      synthesizer: new OncePerSpecSynthesizer(),
      config: { awsEnvironments: { seedEnvironment: true } },
    }));
    const list = await request(server).get(`${API}/environments`);
    await waitForDeployment(
      server,
      seed.name,
      list.body.items[0].latestDeployment.id,
      ['succeeded', 'failed'],
      150_000,
    );
    deploymentsBefore = (
      await request(server).get(`${API}/environments/${seed.name}/deployments`)
    ).body;
  });

  const preview = (spec: EnvironmentSpec, acceptDataLoss?: string[]) =>
    request(server)
      .post(PREVIEW)
      .send({ spec, ...(acceptDataLoss ? { acceptDataLoss } : {}) });

  it('scales the application node group 2 → 4: only modify rows, the cost delta on the node-group line', async () => {
    const proposed: EnvironmentSpec = {
      ...seed,
      cluster: {
        ...seed.cluster,
        applicationNodeGroup: {
          ...seed.cluster.applicationNodeGroup,
          desiredSize: 4,
        },
      },
    };
    const response = await preview(proposed);

    expect(response.status).toBe(200);
    const changes: Change[] = response.body.changes;
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map(c => c.action))).toEqual(new Set(['modify']));
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'AWS::EKS::Nodegroup' }),
      ]),
    );
    const line = (spec: EnvironmentSpec) =>
      estimateFromSpec(spec).lines.find(l => l.id === 'node-group-application')!
        .monthlyUsd;
    expect(response.body.cost.lines).toContainEqual({
      id: 'node-group-application',
      currentUsd: line(seed),
      proposedUsd: line(proposed),
    });
    expect(line(proposed) - line(seed)).toBeCloseTo(121.47, 1);
    expect(response.body.cost.deltaUsd).toBeCloseTo(
      estimateFromSpec(proposed).totalMonthlyUsd -
        estimateFromSpec(seed).totalMonthlyUsd,
      2,
    );
    expect(response.body.blocked).toEqual([]);
    expect(response.body.checks.nag.before).toMatchObject({ passed: true });
    expect(response.body.checks.nag.after).toMatchObject({ passed: true });
    expect(response.body.checks.seed.after).toMatchObject({ passed: true });
  });

  it('changes the database instance class as a modify of the DB instance', async () => {
    const response = await preview({
      ...seed,
      database: { ...seed.database, instanceClass: 'db.t3.large' },
    });

    expect(response.status).toBe(200);
    const changes: Change[] = response.body.changes;
    expect(changes.filter(c => c.type === 'AWS::RDS::DBInstance')).toEqual([
      expect.objectContaining({
        action: 'modify',
        stateful: true,
        properties: expect.arrayContaining(['DBInstanceClass']),
      }),
    ]);
    expect(changes.filter(c => c.action === 'replace')).toEqual([]);
    expect(response.body.blocked).toEqual([]);
  });

  it('blocks a VPC CIDR change that replaces stateful resources, unless their data loss is accepted', async () => {
    const proposed: EnvironmentSpec = {
      ...seed,
      network: { ...seed.network, vpcCidr: '10.1.0.0/16' },
    };
    const response = await preview(proposed);

    expect(response.status).toBe(200);
    const replaced = (response.body.changes as Change[]).filter(
      c => c.stateful && (c.action === 'replace' || c.action === 'remove'),
    );
    expect(replaced).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'AWS::EC2::VPC', action: 'replace' }),
      ]),
    );
    const vpc = replaced.find(c => c.type === 'AWS::EC2::VPC')!;
    expect(response.body.blocked).toContainEqual({
      field: 'network.vpcCidr',
      reason: expect.stringContaining(
        `Replaces ${vpc.logicalId} (AWS::EC2::VPC)`,
      ),
    });

    const accepted = await preview(
      proposed,
      replaced.map(c => c.logicalId),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.changes).toEqual(response.body.changes);
    expect(
      (accepted.body.blocked as Array<{ reason: string }>).filter(b =>
        b.reason.includes('acceptDataLoss'),
      ),
    ).toEqual([]);
  });

  it('allows Kubernetes 1.33 → 1.34 and says the order: control plane, node groups, add-ons', async () => {
    const response = await preview({
      ...seed,
      cluster: { ...seed.cluster, kubernetesVersion: '1.34' },
    });

    expect(response.status).toBe(200);
    expect(response.body.blocked).toEqual([]);
    expect(response.body.steps).toEqual([
      expect.stringMatching(
        /^The EKS control plane is upgraded from Kubernetes 1\.33 to 1\.34/,
      ),
      expect.stringMatching(/^Then the node groups .* for 1\.34/),
      expect.stringMatching(/^Then the add-ons .* for Kubernetes 1\.34/),
    ]);
    const changes: Change[] = response.body.changes;
    expect(changes.filter(c => c.action === 'replace' && c.stateful)).toEqual(
      [],
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'AWS::EKS::Cluster',
          action: 'modify',
          properties: expect.arrayContaining(['Version']),
        }),
      ]),
    );
  });

  it('blocks Kubernetes 1.33 → 1.35, naming cluster.kubernetesVersion', async () => {
    const response = await preview({
      ...seed,
      cluster: { ...seed.cluster, kubernetesVersion: '1.35' },
    });

    expect(response.status).toBe(200);
    expect(response.body.blocked).toContainEqual(
      expect.objectContaining({ field: 'cluster.kubernetesVersion' }),
    );
  });

  it('answers 404 for an unknown environment and 400 naming the fields of an invalid spec', async () => {
    const unknown = await request(server)
      .post(`${API}/environments/no-such-env/preview`)
      .send({ spec: { ...seed, name: 'no-such-env' } });
    expect(unknown.status).toBe(404);

    const invalid = await preview({
      ...seed,
      database: { ...seed.database, instanceClass: 'db.huge' as 'db.t3.large' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.fieldErrors).toEqual([
      expect.objectContaining({ field: 'spec.database.instanceClass' }),
    ]);
  });

  it('writes nothing: the deployments and the recorded spec are unchanged after previews', async () => {
    const deployments = await request(server).get(
      `${API}/environments/${seed.name}/deployments`,
    );
    expect(deployments.body).toEqual(deploymentsBefore);
    const environment = await request(server).get(
      `${API}/environments/${seed.name}`,
    );
    expect(environment.body.spec).toEqual(seed);
  });

  // Last: the accepted change replaces the seed's network for good.
  it('refuses to deploy the VPC CIDR change until the data loss is accepted, as the preview said', async () => {
    const proposed: EnvironmentSpec = {
      ...seed,
      network: { ...seed.network, vpcCidr: '10.1.0.0/16' },
    };
    const replaced = ((await preview(proposed)).body.changes as Change[])
      .filter(
        c => c.stateful && (c.action === 'replace' || c.action === 'remove'),
      )
      .map(c => c.logicalId);
    const deploy = async (acceptDataLoss?: string[]) => {
      const created = await request(server)
        .post(`${API}/environments/${seed.name}/deployments`)
        .send({
          spec: proposed,
          mode: 'update',
          allowedDeviations: ['vpc-cidr'],
          ...(acceptDataLoss ? { acceptDataLoss } : {}),
        });
      expect(created.status).toBe(202);
      return waitForDeployment(
        server,
        seed.name,
        created.body.id,
        ['succeeded', 'failed'],
        150_000,
      );
    };

    const refused = await deploy();
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain(`replaces ${replaced[0]} (`);
    expect(refused.error).toContain('"acceptDataLoss": [');
    const unchanged = await request(server).get(
      `${API}/environments/${seed.name}`,
    );
    expect(unchanged.body.spec).toEqual(seed);

    const accepted = await deploy(replaced);
    expect(accepted.status).toBe('succeeded');
    expect(accepted.acceptDataLoss).toEqual(replaced);
    expect(
      accepted.events.map((e: { message: string }) => e.message),
    ).toContain(
      `${accepted.requestedBy} accepted the loss of the data of ${replaced.join(
        ', ',
      )}`,
    );
    const changed = await request(server).get(
      `${API}/environments/${seed.name}`,
    );
    expect(changed.body.spec.network.vpcCidr).toBe('10.1.0.0/16');
  });
});
