import { ConfigReader } from '@backstage/config';
import {
  defaultEnvironmentSpec,
  EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import request from 'supertest';
import { startPluginBackend, waitForDeployment } from './__testUtils__/backend';
import { SEED_SYSTEM_NODE_GROUP } from './__testUtils__/fixtureEnvironment';
import { readPluginOptions } from './config';
import { ToolkitLibCdkToolkit } from './services/Deployments/aws/ToolkitLibCdkToolkit';
import { CdkEnvironmentSynthesizer } from './services/Synthesizer/CdkEnvironmentSynthesizer';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from './services/Synthesizer/types';

// The real CDK app synthesizes in about 10 s on this machine.
jest.setTimeout(180_000);

const API = '/api/aws-environments/v1';
const seed = defaultEnvironmentSpec();

/**
 * The real synthesizer, also reading the stack ids toolkit-lib would select
 * from the fresh assembly (the deployment removes it afterwards).
 */
class InspectingSynthesizer implements EnvironmentSynthesizer {
  stackIds = new Map<string, string>();
  synthesis?: SynthesizedEnvironment;

  async synthesize(spec: EnvironmentSpec, options: { outdir: string }) {
    this.synthesis = await new CdkEnvironmentSynthesizer().synthesize(
      spec,
      options,
    );
    this.stackIds = await new ToolkitLibCdkToolkit().stackIdsByName(
      this.synthesis.assemblyDir,
    );
    return this.synthesis;
  }
}

describe('aws-environments plugin with the bundled CDK app', () => {
  it('deploys the seed environment to the sandbox end to end and serves its views', async () => {
    const synthesizer = new InspectingSynthesizer();
    const { server, events } = await startPluginBackend({
      synthesizer,
      config: { awsEnvironments: { seedEnvironment: true } },
    });

    const list = await request(server).get(`${API}/environments`);
    const deployment = await waitForDeployment(
      server,
      seed.name,
      list.body.items[0].latestDeployment.id,
      ['succeeded', 'failed'],
      150_000,
    );
    expect(deployment.error).toBeUndefined();
    expect(deployment.status).toBe('succeeded');
    const messages: string[] = deployment.events.map(
      (e: { message: string }) => e.message,
    );
    const stackNames = synthesizer.synthesis!.stacks.map(s => s.stackName);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^Synthesized ${stackNames.length} stacks in `),
        ),
        'cdk-nag (AwsSolutions): 0 unacknowledged findings, ' +
          `${
            synthesizer.synthesis!.checks.nag.acknowledgements.length
          } acknowledged`,
        expect.stringMatching(
          /^Seed conformance: \d+ claims passed, 0 failed$/,
        ),
      ]),
    );
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'aws-environments',
      eventPayload: { environment: seed.name, change: 'deployed' },
    });

    // toolkit-lib can select every recorded stack by name.
    expect([...synthesizer.stackIds.keys()].sort()).toEqual(
      [...stackNames].sort(),
    );

    const cluster = await request(server).get(
      `${API}/environments/${seed.name}/cluster`,
    );
    expect(cluster.status).toBe(200);
    expect(cluster.body).toMatchObject({
      source: 'sandbox',
      name: 'innovate-prod',
      version: '1.33',
      behindTarget: false,
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      secretsEncryption: true,
      nodeGroups: [
        expect.objectContaining(SEED_SYSTEM_NODE_GROUP),
        expect.objectContaining({
          name: 'innovate-prod-application',
          instanceTypes: ['t3.large'],
          minSize: 2,
          maxSize: 20,
        }),
      ],
    });
    expect(cluster.body.addons.length).toBeGreaterThan(0);
    expect(cluster.body.enabledLogTypes.length).toBeGreaterThan(0);

    const database = await request(server).get(
      `${API}/environments/${seed.name}/database`,
    );
    expect(database.body).toMatchObject({
      identifier: 'innovate-prod-db',
      instanceClass: 'db.t3.medium',
      engine: 'postgres',
      allocatedStorageGb: 100,
      storageType: 'gp3',
      storageEncrypted: true,
      multiAz: false,
      backupRetentionDays: 14,
      deletionProtection: true,
    });

    const alarms = await request(server).get(
      `${API}/environments/${seed.name}/alarms`,
    );
    expect(
      alarms.body.alarms.map((a: { kind: string }) => a.kind).sort(),
    ).toEqual([
      'database-cpu',
      'error-rate',
      'node-cpu',
      'node-memory',
      'p99-latency',
    ]);

    const cost = await request(server).get(
      `${API}/environments/${seed.name}/cost`,
    );
    expect(cost.body).toMatchObject({
      source: 'sandbox',
      budget: { amountUsd: 430, from: 'spec' },
    });
    expect(cost.body.estimate.totalMonthlyUsd).toBeGreaterThan(300);
    expect(cost.body.byService.length).toBeGreaterThan(3);

    const entities = await request(server).get(
      `${API}/environments/${seed.name}/entities`,
    );
    expect(entities.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'Resource',
          metadata: expect.objectContaining({
            name: 'innovate-prod-eks-cluster',
          }),
        }),
      ]),
    );

    const detail = await request(server).get(
      `${API}/environments/${seed.name}`,
    );
    expect(Object.keys(detail.body.outputs).length).toBeGreaterThan(0);
    for (const key of Object.keys(detail.body.outputs)) {
      expect(stackNames).toContain(key.slice(0, key.indexOf('.')));
    }
  });

  it('scopes Cost Explorer by the tag the CDK app puts on every resource', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ENVIRONMENT_TAG } = require('@innovate/environment-cdk');
    expect(readPluginOptions(new ConfigReader({})).aws.costAllocationTag).toBe(
      ENVIRONMENT_TAG,
    );
  });
});
